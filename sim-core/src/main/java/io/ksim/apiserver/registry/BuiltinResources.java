package io.ksim.apiserver.registry;

import io.ksim.api.apps.AppsDefaults;
import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.batch.BatchDefaults;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.Job;
import io.ksim.api.coordination.Lease;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.CoreObjectDefaults;
import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Event;
import io.ksim.api.core.LimitRange;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Node;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodDefaults;
import io.ksim.api.core.PodTemplate;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.Secret;
import io.ksim.api.core.Service;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.discovery.DiscoveryDefaults;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.RbacDefaults;
import io.ksim.api.rbac.Role;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.api.scheduling.SchedulingDefaults;
import io.ksim.api.storage.CSINode;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.StorageDefaults;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.DeploymentValidation;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.PodSpecValidation;
import io.ksim.apiserver.Strategy;
import java.util.function.Function;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.LeaseRbacValidation;
import io.ksim.api.validation.NameValidator;
import io.ksim.api.validation.PersistentVolumeClaimValidation;
import io.ksim.api.validation.PodDisruptionBudgetValidation;
import io.ksim.api.validation.TolerationValidation;
import java.util.List;

/**
 * The resources a v1.32 kube-apiserver serves that ksim models, with upstream's names, short names,
 * scope, categories ({@code kubectl get all}) and etcd key prefixes (nodes live under
 * {@code /registry/minions}, services under {@code /registry/services/specs}, endpoints under
 * {@code /registry/services/endpoints}, replication controllers under {@code /registry/controllers}, as
 * kube-apiserver stores them).
 */
public final class BuiltinResources {

    public static final ResourceType<Pod> PODS = ResourceType.builder(Pod.class, "", "v1", "Pod", "pods")
            .shortNames("po").categories("all").defaulter(PodDefaults::pod).strategy(new PodStrategy())
            .withStatusSubresource().build();
    public static final ResourceType<PodTemplate> POD_TEMPLATES = ResourceType
            .builder(PodTemplate.class, "", "v1", "PodTemplate", "podtemplates").defaulter(PodDefaults::podTemplate)
            .strategy(validating((PodTemplate t) -> PodSpecValidation.validatePodTemplateSpec(t.template(),
                    FieldPath.of("template"))))
            .build();
    public static final ResourceType<Node> NODES = ResourceType.builder(Node.class, "", "v1", "Node", "nodes")
            .shortNames("no").clusterScoped().etcdPrefix("/registry/minions").defaulter(CoreObjectDefaults::node)
            .strategy(new SpecStatusStrategy<>(Node::spec, Node::withSpec, Node::status, Node::withStatus, () -> null, false) {
                // The kubelet registers a node with its status filled in: keep it on create.
                @Override
                public Node prepareForCreate(Node node) {
                    return node;
                }

                // Upstream reports taints under metadata (fldPath.Child("taints") of the metadata path).
                @Override
                public List<StatusCause> validate(Node node) {
                    return ConfigMapSecretStrategies.causes(TolerationValidation.validateTaints(
                            node.spec().taints(), FieldPath.of("metadata", "taints")));
                }
            })
            .withStatusSubresource().build();
    public static final ResourceType<Namespace> NAMESPACES = ResourceType
            .builder(Namespace.class, "", "v1", "Namespace", "namespaces").shortNames("ns").clusterScoped()
            .names(NameValidator.DNS1123_LABEL).defaulter(CoreObjectDefaults::namespace).strategy(new NamespaceStrategy()).withStatusSubresource().build();
    public static final ResourceType<Service> SERVICES = ResourceType
            .builder(Service.class, "", "v1", "Service", "services").shortNames("svc").categories("all")
            .etcdPrefix("/registry/services/specs").names(NameValidator.DNS1035_LABEL).defaulter(CoreObjectDefaults::service)
            .strategy(new ServiceStrategy())
            .withStatusSubresource().build();
    public static final ResourceType<Endpoints> ENDPOINTS = ResourceType
            .builder(Endpoints.class, "", "v1", "Endpoints", "endpoints").singular("endpoints").shortNames("ep")
            .etcdPrefix("/registry/services/endpoints").defaulter(CoreObjectDefaults::endpoints).build();
    public static final ResourceType<ConfigMap> CONFIG_MAPS = ResourceType
            .builder(ConfigMap.class, "", "v1", "ConfigMap", "configmaps").shortNames("cm")
            .defaulter(CoreObjectDefaults::configMap).strategy(ConfigMapSecretStrategies.CONFIG_MAP).build();
    public static final ResourceType<Secret> SECRETS = ResourceType
            .builder(Secret.class, "", "v1", "Secret", "secrets")
            // Decoding a v1 Secret moves stringData into data (stringData wins) and drops it, before defaulting.
            .defaulter(s -> CoreObjectDefaults.secret(s.withStringDataMerged()))
            .strategy(ConfigMapSecretStrategies.SECRET).build();
    public static final ResourceType<ServiceAccount> SERVICE_ACCOUNTS = ResourceType
            .builder(ServiceAccount.class, "", "v1", "ServiceAccount", "serviceaccounts").shortNames("sa").build();
    public static final ResourceType<PersistentVolume> PERSISTENT_VOLUMES = ResourceType
            .builder(PersistentVolume.class, "", "v1", "PersistentVolume", "persistentvolumes").shortNames("pv")
            .clusterScoped().defaulter(CoreObjectDefaults::persistentVolume)
            .strategy(new SpecStatusStrategy<>(PersistentVolume::spec, PersistentVolume::withSpec,
                    PersistentVolume::status, PersistentVolume::withStatus, () -> null, false) {
                // A new volume is Pending (its defaulting sets the phase; creation keeps it).
                @Override
                public PersistentVolume prepareForCreate(PersistentVolume pv) {
                    return pv;
                }
            })
            .withStatusSubresource().build();
    public static final ResourceType<PersistentVolumeClaim> PERSISTENT_VOLUME_CLAIMS = ResourceType
            .builder(PersistentVolumeClaim.class, "", "v1", "PersistentVolumeClaim", "persistentvolumeclaims")
            .shortNames("pvc").defaulter(CoreObjectDefaults::persistentVolumeClaim)
            .strategy(new SpecStatusStrategy<>(PersistentVolumeClaim::spec, PersistentVolumeClaim::withSpec,
                    PersistentVolumeClaim::status, PersistentVolumeClaim::withStatus, () -> null, false) {
                @Override
                public PersistentVolumeClaim prepareForCreate(PersistentVolumeClaim pvc) {
                    return pvc;
                }

                @Override
                public List<StatusCause> validate(PersistentVolumeClaim pvc) {
                    return ConfigMapSecretStrategies.causes(PersistentVolumeClaimValidation.validate(pvc.spec()));
                }

                @Override
                public List<StatusCause> validateUpdate(PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
                    return pvc.spec().equals(old.spec()) ? List.of()
                            : ConfigMapSecretStrategies.causes(PersistentVolumeClaimValidation.validateUpdate(pvc, old));
                }
            })
            .withStatusSubresource().build();
    public static final ResourceType<ReplicationController> REPLICATION_CONTROLLERS = ResourceType
            .builder(ReplicationController.class, "", "v1", "ReplicationController", "replicationcontrollers")
            .shortNames("rc").categories("all").etcdPrefix("/registry/controllers")
            .defaulter(CoreObjectDefaults::replicationController)
            .strategy(new ReplicationControllerStrategy()).withStatusSubresource().build();
    public static final ResourceType<ResourceQuota> RESOURCE_QUOTAS = ResourceType
            .builder(ResourceQuota.class, "", "v1", "ResourceQuota", "resourcequotas").shortNames("quota")
            .defaulter(CoreObjectDefaults::resourceQuota)
            .strategy(new SpecStatusStrategy<>(ResourceQuota::spec, ResourceQuota::withSpec, ResourceQuota::status,
                    ResourceQuota::withStatus, () -> null, false))
            .withStatusSubresource().build();
    public static final ResourceType<LimitRange> LIMIT_RANGES = ResourceType
            .builder(LimitRange.class, "", "v1", "LimitRange", "limitranges").shortNames("limits")
            .defaulter(CoreObjectDefaults::limitRange).build();
    public static final ResourceType<Event> EVENTS = ResourceType.builder(Event.class, "", "v1", "Event", "events")
            .shortNames("ev").build();

    public static final ResourceType<Deployment> DEPLOYMENTS = ResourceType
            .builder(Deployment.class, "apps", "v1", "Deployment", "deployments").shortNames("deploy")
            .categories("all").defaulter(AppsDefaults::deployment)
            .strategy(new WorkloadStrategy<>("deployment", "ReplicaSet", Deployment::spec, Deployment::withSpec,
                    Deployment::status, Deployment::withStatus, d -> d.spec().replicas(), d -> d.spec().selector(),
                    d -> d.spec().template(), true,
                    d -> DeploymentValidation.validate(d.spec()).stream().map(FieldError::cause).toList()))
            .withStatusSubresource().build();
    public static final ResourceType<ReplicaSet> REPLICA_SETS = ResourceType
            .builder(ReplicaSet.class, "apps", "v1", "ReplicaSet", "replicasets").shortNames("rs").categories("all")
            .defaulter(AppsDefaults::replicaSet)
            // Upstream's ReplicaSet validation says "empty selector is invalid for deployment" too.
            .strategy(new WorkloadStrategy<>("deployment", "ReplicaSet", ReplicaSet::spec, ReplicaSet::withSpec, ReplicaSet::status,
                    ReplicaSet::withStatus, r -> r.spec().replicas(), r -> r.spec().selector(), r -> r.spec().template()))
            .withStatusSubresource().build();
    public static final ResourceType<StatefulSet> STATEFUL_SETS = ResourceType
            .builder(StatefulSet.class, "apps", "v1", "StatefulSet", "statefulsets").shortNames("sts")
            .categories("all").defaulter(AppsDefaults::statefulSet)
            .strategy(new WorkloadStrategy<>("statefulset", "StatefulSet", StatefulSet::spec, StatefulSet::withSpec,
                    StatefulSet::status, StatefulSet::withStatus, t -> t.spec().replicas(), t -> t.spec().selector(),
                    t -> t.spec().template()))
            .withStatusSubresource().build();
    public static final ResourceType<DaemonSet> DAEMON_SETS = ResourceType
            .builder(DaemonSet.class, "apps", "v1", "DaemonSet", "daemonsets").shortNames("ds").categories("all")
            .defaulter(AppsDefaults::daemonSet)
            .strategy(new WorkloadStrategy<>("daemonset", "DaemonSet", DaemonSet::spec, DaemonSet::withSpec, DaemonSet::status,
                    DaemonSet::withStatus, ds -> null, ds -> ds.spec().selector(), ds -> ds.spec().template()))
            .withStatusSubresource().build();
    public static final ResourceType<ControllerRevision> CONTROLLER_REVISIONS = ResourceType
            .builder(ControllerRevision.class, "apps", "v1", "ControllerRevision", "controllerrevisions")
            .defaulter(AppsDefaults::controllerRevision).build();
    public static final ResourceType<Job> JOBS = ResourceType.builder(Job.class, "batch", "v1", "Job", "jobs")
            .categories("all").defaulter(BatchDefaults::job)
            .strategy(new JobStrategy())
            .withStatusSubresource().build();
    public static final ResourceType<CronJob> CRON_JOBS = ResourceType
            .builder(CronJob.class, "batch", "v1", "CronJob", "cronjobs").shortNames("cj").categories("all")
            .defaulter(BatchDefaults::cronJob)
            .strategy(new CronJobStrategy())
            .withStatusSubresource().build();
    public static final ResourceType<EndpointSlice> ENDPOINT_SLICES = ResourceType
            .builder(EndpointSlice.class, "discovery.k8s.io", "v1", "EndpointSlice", "endpointslices")
            .defaulter(DiscoveryDefaults::endpointSlice).build();
    public static final ResourceType<io.ksim.api.networking.NetworkPolicy> NETWORK_POLICIES = ResourceType
            .builder(io.ksim.api.networking.NetworkPolicy.class, "networking.k8s.io", "v1", "NetworkPolicy",
                    "networkpolicies")
            .shortNames("netpol").defaulter(io.ksim.api.networking.NetworkingDefaults::networkPolicy).build();
    public static final ResourceType<io.ksim.api.networking.Ingress> INGRESSES = ResourceType
            .builder(io.ksim.api.networking.Ingress.class, "networking.k8s.io", "v1", "Ingress", "ingresses")
            .shortNames("ing").build();
    public static final ResourceType<PodDisruptionBudget> POD_DISRUPTION_BUDGETS = ResourceType
            .builder(PodDisruptionBudget.class, "policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets")
            .shortNames("pdb")
            .strategy(new SpecStatusStrategy<>(PodDisruptionBudget::spec, PodDisruptionBudget::withSpec,
                    PodDisruptionBudget::status, PodDisruptionBudget::withStatus, () -> null, true) {
                @Override
                public List<StatusCause> validate(PodDisruptionBudget pdb) {
                    return ConfigMapSecretStrategies.causes(PodDisruptionBudgetValidation.validate(pdb.spec()));
                }
            })
            .withStatusSubresource().build();
    public static final ResourceType<Role> ROLES = ResourceType
            .builder(Role.class, "rbac.authorization.k8s.io", "v1", "Role", "roles")
            .names(NameValidator.PATH_SEGMENT_NAME)
            .strategy(validating((Role r) -> LeaseRbacValidation.validateRules(r.rules(), true))).build();
    public static final ResourceType<ClusterRole> CLUSTER_ROLES = ResourceType
            .builder(ClusterRole.class, "rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles")
            .clusterScoped().names(NameValidator.PATH_SEGMENT_NAME)
            .strategy(validating((ClusterRole r) -> LeaseRbacValidation.validateRules(r.rules(), false))).build();
    public static final ResourceType<RoleBinding> ROLE_BINDINGS = ResourceType
            .builder(RoleBinding.class, "rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings")
            .names(NameValidator.PATH_SEGMENT_NAME).defaulter(RbacDefaults::roleBinding).build();
    public static final ResourceType<ClusterRoleBinding> CLUSTER_ROLE_BINDINGS = ResourceType
            .builder(ClusterRoleBinding.class, "rbac.authorization.k8s.io", "v1", "ClusterRoleBinding",
                    "clusterrolebindings")
            .clusterScoped().names(NameValidator.PATH_SEGMENT_NAME).defaulter(RbacDefaults::clusterRoleBinding).build();
    public static final ResourceType<Lease> LEASES = ResourceType
            .builder(Lease.class, "coordination.k8s.io", "v1", "Lease", "leases")
            .strategy(validating((Lease l) -> LeaseRbacValidation.validateLeaseSpec(l.spec()))).build();
    public static final ResourceType<PriorityClass> PRIORITY_CLASSES = ResourceType
            .builder(PriorityClass.class, "scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses")
            .shortNames("pc").clusterScoped().defaulter(SchedulingDefaults::priorityClass).build();
    /**
     * Written by each kubelet for its node (no validation: ksim's kubelets publish no drivers). Their uids come from
     * a stream of their own, so that the kubelets' CSINodes leave every other uid and generated name of a seed as it
     * was before ksim served them.
     */
    public static final ResourceType<CSINode> CSI_NODES = ResourceType
            .builder(CSINode.class, "storage.k8s.io", "v1", "CSINode", "csinodes").clusterScoped()
            .nameStream("apiserver/csinodes").build();
    public static final ResourceType<StorageClass> STORAGE_CLASSES = ResourceType
            .builder(StorageClass.class, "storage.k8s.io", "v1", "StorageClass", "storageclasses").shortNames("sc")
            .clusterScoped().defaulter(StorageDefaults::storageClass).build();

    /** In the order {@code kubectl api-resources} lists them: core first, then by group. */
    public static final List<ResourceType<?>> ALL = List.of(CONFIG_MAPS, ENDPOINTS, EVENTS, LIMIT_RANGES, NAMESPACES,
            NODES, PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES, PODS, POD_TEMPLATES, REPLICATION_CONTROLLERS, RESOURCE_QUOTAS,
            SECRETS,
            SERVICE_ACCOUNTS, SERVICES, CONTROLLER_REVISIONS, DAEMON_SETS, DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS,
            CRON_JOBS, JOBS, LEASES, ENDPOINT_SLICES, INGRESSES, NETWORK_POLICIES, POD_DISRUPTION_BUDGETS,
            CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, ROLE_BINDINGS, ROLES, PRIORITY_CLASSES, CSI_NODES, STORAGE_CLASSES);

    private BuiltinResources() {
    }

    /** A strategy with no status whose create and update checks are {@code check}. */
    private static <T extends KubeObject> Strategy<T> validating(Function<T, List<FieldError>> check) {
        return new Strategy<>() {
            @Override
            public List<StatusCause> validate(T obj) {
                return ConfigMapSecretStrategies.causes(check.apply(obj));
            }
        };
    }

    /** Serves every built-in resource. */
    public static void registerAll(ApiServer api) {
        ALL.forEach(api::register);
    }
}
