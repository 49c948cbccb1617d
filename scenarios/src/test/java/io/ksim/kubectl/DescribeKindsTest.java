package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.cluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The describers of the kinds besides pods, deployments, services and nodes, each against kubectl 1.32's layout. */
class DescribeKindsTest {

    private static Cluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        Cluster c = cluster = Cluster.builder().seed(3).nodes(1, n -> n.cpu("2").memory("4Gi"))
                .image("busybox:1.36 size=2Mi start=100ms").build();
        c.advance(Duration.ofSeconds(1));
        c.create("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                stringData: {user: admin, password: s3cret!}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader}
                rules:
                - apiGroups: [""]
                  resources: [pods, pods/log]
                  verbs: [get, list, watch]
                - apiGroups: [apps]
                  resources: [deployments]
                  resourceNames: [web]
                  verbs: [get]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: read-pods}
                subjects:
                - {kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}
                - {kind: ServiceAccount, name: default, namespace: default}
                roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
                ---
                apiVersion: v1
                kind: LimitRange
                metadata: {name: lr}
                spec:
                  limits:
                  - type: Container
                    default: {cpu: 500m, memory: 256Mi}
                    defaultRequest: {cpu: 100m}
                    max: {memory: 1Gi}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress, Egress]
                  ingress:
                  - from:
                    - podSelector: {matchLabels: {role: client}}
                    ports:
                    - {port: 80}
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: secure}
                spec:
                  securityContext:
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: c
                    image: busybox:1.36
                    command: [sleep, "3600"]
                    securityContext:
                      seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick}
                spec:
                  schedule: "*/5 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers:
                          - {name: c, image: busybox:1.36, command: [date]}
                """);
        c.advance(Duration.ofSeconds(30));
        kubectl = new Kubectl(c);
    }

    private static String out(String command) {
        KubectlResult r = kubectl.run(command);
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    @Test
    void secretsShowSizesNotValues() {
        assertEquals("""
                Name:         creds
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>

                Type:  Opaque

                Data
                ====
                password:  7 bytes
                user:      5 bytes
                """, out("describe secret creds"));
    }

    @Test
    void rolesListTheirRulesPerResource() {
        assertEquals("""
                Name:         reader
                Labels:       <none>
                Annotations:  <none>
                PolicyRule:
                  Resources         Non-Resource URLs  Resource Names  Verbs
                  ---------         -----------------  --------------  -----
                  pods/log          []                 []              [get list watch]
                  pods              []                 []              [get list watch]
                  deployments.apps  []                 [web]           [get]
                """, out("describe role reader"));
    }

    @Test
    void bindingsListTheirSubjects() {
        assertEquals("""
                Name:         read-pods
                Labels:       <none>
                Annotations:  <none>
                Role:
                  Kind:  Role
                  Name:  reader
                Subjects:
                  Kind            Name     Namespace
                  ----            ----     ---------
                  User            jane    \s
                  ServiceAccount  default  default
                """, out("describe rolebinding read-pods"));
    }

    @Test
    void limitRangesAndTheNamespaceThatHoldsThem() {
        // The default request of memory is defaulted from its default limit, as the API server does.
        assertEquals("""
                Name:       lr
                Namespace:  default
                Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
                ----        --------  ---  ---  ---------------  -------------  -----------------------
                Container   cpu       -    -    100m             500m           -
                Container   memory    -    1Gi  256Mi            256Mi          -
                """, out("describe limitrange lr"));
        String ns = out("describe namespace default");
        assertTrue(ns.startsWith("""
                Name:         default
                Labels:       kubernetes.io/metadata.name=default
                Annotations:  <none>
                Status:       Active

                No resource quota.

                Resource Limits
                 Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
                """), ns);
    }

    @Test
    void networkPoliciesSpellOutTheirRules() {
        assertEquals("""
                Name:         web
                Namespace:    default
                Created on:   2025-01-01 00:00:01 +0000 UTC
                Labels:       <none>
                Annotations:  <none>
                Spec:
                  PodSelector:     app=web
                  Allowing ingress traffic:
                    To Port: 80/TCP
                    From:
                      PodSelector: role=client
                    ----------
                    To Port: <any> (traffic allowed to all ports)
                    From:
                      IPBlock:
                        CIDR: 10.0.0.0/8
                        Except: 10.1.0.0/16
                  Allowing egress traffic:
                    <none> (Selected pods are isolated for egress connectivity)
                  Policy Types: Ingress, Egress
                """, out("describe networkpolicy web"));
    }

    @Test
    void cronJobsShowTheirScheduleAndJobTemplate() {
        String cj = out("describe cronjob tick");
        assertTrue(cj.startsWith("""
                Name:                          tick
                Namespace:                     default
                Labels:                        <none>
                Annotations:                   <none>
                Schedule:                      */5 * * * *
                Concurrency Policy:            Allow
                Suspend:                       False
                Successful Job History Limit:  3
                Failed Job History Limit:      1
                Starting Deadline Seconds:     <unset>
                Selector:                      <unset>
                Parallelism:                   <unset>
                Completions:                   <unset>
                Pod Template:
                """), cj);
        assertTrue(cj.endsWith("""
                Last Schedule Time:  <unset>
                Active Jobs:         <none>
                Events:              <none>
                """), cj);
    }

    @Test
    void kindsWithoutADescriberGetTheGenericOne() {
        String lease = out("describe lease node-1 -n kube-node-lease");
        assertTrue(lease.startsWith("""
                Name:         node-1
                Namespace:    kube-node-lease
                Labels:       <none>
                Annotations:  <none>
                API Version:  coordination.k8s.io/v1
                Kind:         Lease
                Metadata:
                  Creation Timestamp:  2025-01-01T00:00:00Z
                  Owner References:
                    API Version:     v1
                """), lease);
        assertTrue(lease.contains("\nSpec:\n  Holder Identity:         node-1\n  Lease Duration Seconds:  40\n"), lease);
    }

    @Test
    void everyServedKindCanBeDescribed() {
        for (var type : cluster.api().resources()) {
            KubectlResult r = kubectl.run("describe " + type.resource() + (type.group().isEmpty() ? "" : "." + type.group())
                    + " -A");
            assertEquals(0, r.exitCode(), type.resource() + ": " + r.err());
            assertTrue(r.out().isEmpty() || r.out().startsWith("Name:"), type.resource() + ":\n" + r.out());
        }
    }

    @Test
    void seccompProfilesOfThePodAndItsContainers() {
        String pod = out("describe pod secure");
        assertTrue(pod.contains("\nSeccompProfile:   RuntimeDefault\nIP:  "), pod);
        assertTrue(pod.contains("""
                    Host Port:           <none>
                    SeccompProfile:      Localhost
                      LocalhostProfile:  profiles/audit.json
                    Command:
                """), pod);
    }
}
