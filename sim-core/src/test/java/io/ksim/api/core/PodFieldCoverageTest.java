package io.ksim.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.ksim.api.KubeJson;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSON field of the v1.32 types (k8s.io/api v0.32.9 core/v1 types.go, inline structs flattened) is a
 * property of ksim's record, and no other: a manifest using any of them decodes, and ksim invents none.
 */
class PodFieldCoverageTest {

    static Stream<Arguments> upstreamFields() {
        String container = "name image command args workingDir ports envFrom env resources resizePolicy "
                + "restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle "
                + "terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty";
        return Stream.of(
                Arguments.of(PodSpec.class, "volumes initContainers containers ephemeralContainers restartPolicy "
                        + "terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector "
                        + "serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID "
                        + "hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity "
                        + "schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates "
                        + "runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints "
                        + "setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources"),
                Arguments.of(Container.class, container),
                Arguments.of(EphemeralContainer.class, container + " targetContainerName"),
                Arguments.of(Volume.class, "name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo "
                        + "secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker "
                        + "downwardAPI fc azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk "
                        + "projected portworxVolume scaleIO storageos csi ephemeral image"),
                Arguments.of(PodStatus.class, "phase conditions message reason nominatedNodeName hostIP hostIPs podIP "
                        + "podIPs startTime initContainerStatuses containerStatuses qosClass "
                        + "ephemeralContainerStatuses resize resourceClaimStatuses"),
                Arguments.of(ContainerStatus.class, "name state lastState ready restartCount image imageID "
                        + "containerID started allocatedResources resources volumeMounts user "
                        + "allocatedResourcesStatus"),
                Arguments.of(Probe.class, "exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds "
                        + "periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds"),
                Arguments.of(LifecycleHandler.class, "exec httpGet tcpSocket sleep"),
                Arguments.of(TopologySpreadConstraint.class, "maxSkew topologyKey whenUnsatisfiable labelSelector "
                        + "minDomains nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys"),
                Arguments.of(PodAffinityTerm.class, "labelSelector namespaces topologyKey namespaceSelector "
                        + "matchLabelKeys mismatchLabelKeys"),
                Arguments.of(Toleration.class, "key operator value effect tolerationSeconds"),
                Arguments.of(VolumeMount.class, "name readOnly recursiveReadOnly mountPath subPath mountPropagation "
                        + "subPathExpr"),
                Arguments.of(ContainerPort.class, "name hostPort containerPort protocol hostIP"),
                Arguments.of(ResourceRequirements.class, "limits requests claims"),
                Arguments.of(VolumeProjection.class, "secret downwardAPI configMap serviceAccountToken "
                        + "clusterTrustBundle"),
                Arguments.of(ConfigMapVolumeSource.class, "name items defaultMode optional"),
                Arguments.of(SecretVolumeSource.class, "secretName items defaultMode optional"),
                Arguments.of(DownwardAPIVolumeFile.class, "path fieldRef resourceFieldRef mode"),
                Arguments.of(PodCondition.class, "type status lastProbeTime lastTransitionTime reason message"),
                Arguments.of(ContainerStateTerminated.class, "exitCode signal reason message startedAt finishedAt "
                        + "containerID"),
                Arguments.of(EnvVarSource.class, "fieldRef resourceFieldRef configMapKeyRef secretKeyRef"),
                Arguments.of(HTTPGetAction.class, "path port host scheme httpHeaders"),
                Arguments.of(ClusterTrustBundleProjection.class, "name signerName labelSelector optional path"),
                Arguments.of(ConfigMapKeySelector.class, "name key optional"),
                Arguments.of(EnvFromSource.class, "prefix configMapRef secretRef"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreamFields")
    void recordPropertiesAreExactlyUpstreamsJsonFields(Class<?> type, String fields) {
        Set<String> expected = new TreeSet<>(Set.of(fields.split(" ")));
        assertEquals(expected, serializedNames(type), "serialized");
        assertEquals(expected, deserializedNames(type), "deserialized");
    }

    @Test
    void kindsHaveTypeMetaMetadataSpecAndStatus() {
        assertEquals(Set.of("apiVersion", "kind", "metadata", "spec", "status"), serializedNames(Pod.class));
        assertEquals(Set.of("apiVersion", "kind", "metadata", "template"), serializedNames(PodTemplate.class));
        assertEquals(Set.of("metadata", "spec"), serializedNames(PodTemplateSpec.class));
    }

    private static Set<String> serializedNames(Class<?> type) {
        ObjectMapper m = KubeJson.json();
        JavaType t = m.constructType(type);
        return m.getSerializationConfig().introspect(t).findProperties().stream()
                .filter(BeanPropertyDefinition::couldSerialize)
                .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> deserializedNames(Class<?> type) {
        ObjectMapper m = KubeJson.json();
        JavaType t = m.constructType(type);
        return m.getDeserializationConfig().introspect(t).findProperties().stream()
                .filter(p -> p.hasConstructorParameter() || p.couldDeserialize())
                .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
