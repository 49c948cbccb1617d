package io.ksim.apiserver.registry;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.util.Comparator;
import java.util.Objects;

/**
 * The Priority admission plugin (plugin/pkg/admission/priority): a new pod gets {@code spec.priority} (and
 * {@code preemptionPolicy}) from its PriorityClass, or from the cluster's globalDefault class when it names
 * none (then the class's name is filled in too), or 0 when there is no default. A class that does not exist
 * is refused: {@code pods "x" is forbidden: no PriorityClass with name gold was found}; a priority given in
 * the spec must equal the computed one. An update keeps the stored priority. A second globalDefault class
 * is refused: {@code PriorityClass low is already marked as default. Only one default can exist}.
 *
 * <p>{@link #createSystemPriorityClasses} is kube-apiserver's bootstrap of the two system classes.
 */
public final class PriorityAdmission implements AdmissionPlugin {

    /** The priority of a pod when no class is named and no class is the global default. */
    public static final int DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0;

    private final ApiServer api;
    /** The PriorityClasses, as upstream's informer lister. */
    private final WatchedObjects<PriorityClass> classes;

    public PriorityAdmission(ApiServer api) {
        this.api = Objects.requireNonNull(api, "api");
        this.classes = new WatchedObjects<>(api, BuiltinResources.PRIORITY_CLASSES);
    }

    @Override
    public String name() {
        return "Priority";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (type == BuiltinResources.PRIORITY_CLASSES && (operation == Operation.CREATE || operation == Operation.UPDATE)) {
            checkSingleDefault(type, name, (PriorityClass) obj);
            return obj;
        }
        if (type != BuiltinResources.PODS) {
            return obj;
        }
        Pod pod = (Pod) obj;
        if (operation == Operation.UPDATE) {
            Pod before = (Pod) old;
            if (pod.spec().priority() == null && before != null && before.spec().priority() != null) {
                return type.cast(pod.withSpec(pod.spec().toBuilder().priority(before.spec().priority()).build()));
            }
            return obj;
        }
        if (operation != Operation.CREATE) {
            return obj;
        }
        String className = pod.spec().priorityClassName();
        PriorityClass pc;
        if (className == null || className.isEmpty()) {
            pc = globalDefault();
        } else {
            pc = classes.get(null, className);
            if (pc == null) {
                throw ApiErrors.forbidden(type.groupResource(), name,
                        "no PriorityClass with name " + className + " was found");
            }
        }
        int priority = pc == null ? DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS : pc.value();
        PodSpec spec = pod.spec();
        if (spec.priority() != null && spec.priority() != priority) {
            throw ApiErrors.forbidden(type.groupResource(), name, "the integer value of priority (" + spec.priority()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        PodSpec.Builder b = spec.toBuilder().priority(priority);
        if (pc != null) {
            b.priorityClassName(pc.metadata().name());
            if (pc.preemptionPolicy() != null) {
                if (spec.preemptionPolicy() != null && !spec.preemptionPolicy().equals(pc.preemptionPolicy())) {
                    throw ApiErrors.forbidden(type.groupResource(), name, "the string value of PreemptionPolicy ("
                            + spec.preemptionPolicy() + ") must not be provided in pod spec; priority admission "
                            + "controller computed " + pc.preemptionPolicy() + " from the given PriorityClass name");
                }
                b.preemptionPolicy(pc.preemptionPolicy());
            }
        }
        return type.cast(pod.withSpec(b.build()));
    }

    /** The globalDefault class; if several claim it (a race upstream tolerates), the lowest value wins. */
    private PriorityClass globalDefault() {
        return classes.all().stream().filter(PriorityClass::isGlobalDefault)
                .min(Comparator.comparingInt(PriorityClass::value)).orElse(null);
    }

    private void checkSingleDefault(ResourceType<?> type, String name, PriorityClass pc) {
        if (!pc.isGlobalDefault()) {
            return;
        }
        PriorityClass current = globalDefault();
        if (current != null && !current.metadata().name().equals(pc.metadata().name())) {
            throw ApiErrors.forbidden(type.groupResource(), name, "PriorityClass " + current.metadata().name()
                    + " is already marked as default. Only one default can exist");
        }
    }

    /** kube-apiserver's start-up hook: system-node-critical and system-cluster-critical. */
    public static void createSystemPriorityClasses(ApiServer api) {
        api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null,
                ObjectMeta.builder().name(PriorityClass.SYSTEM_NODE_CRITICAL).build(),
                PriorityClass.SYSTEM_NODE_CRITICAL_VALUE, false,
                "Used for system critical pods that must not be moved from their current node.", null));
        api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null,
                ObjectMeta.builder().name(PriorityClass.SYSTEM_CLUSTER_CRITICAL).build(),
                PriorityClass.SYSTEM_CLUSTER_CRITICAL_VALUE, false,
                "Used for system critical pods that must run in the cluster, but can be moved to another node if "
                        + "necessary.", null));
    }
}
