package io.ksim.apiserver.patch;

import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.api.meta.PatchStrategy;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Record types that carry patch strategies for the tests: upstream's test type (MergeItem) and a small
 * Pod with the tags of core/v1.
 */
final class PatchTypes {

    private PatchTypes() {
    }

    /** Upstream's test struct of the strategicpatch package, field for field. */
    record MergeItem(String name, String value, String other,
            @PatchStrategy(mergeKey = "name") List<MergeItem> mergingList,
            List<MergeItem> nonMergingList,
            @PatchStrategy List<Integer> mergingIntList,
            List<Integer> nonMergingIntList,
            @PatchStrategy(mergeKey = "name") MergeItem mergeItemPtr,
            Map<String, String> simpleMap,
            @PatchStrategy(replace = true) Opaque replacingItem,
            @PatchStrategy(retainKeys = true) RetainKeysMergeItem retainKeysMap,
            @PatchStrategy(mergeKey = "name", retainKeys = true) List<MergeItem> retainKeysMergingList) {
    }

    record RetainKeysMergeItem(String name, String value, String other, Map<String, String> simpleMap,
            @PatchStrategy List<Integer> mergingIntList,
            @PatchStrategy(mergeKey = "name") List<MergeItem> mergingList,
            List<MergeItem> nonMergingList) {
    }

    /** A Pod with the strategies of core/v1 (and ObjectMeta's: owner references by uid, finalizers). */
    record Pod(String apiVersion, String kind, ObjectMeta metadata, PodSpec spec) {
    }

    record PodSpec(@PatchStrategy(mergeKey = "name", retainKeys = true) List<Volume> volumes,
            @PatchStrategy(mergeKey = "name") List<Container> initContainers,
            @PatchStrategy(mergeKey = "name") List<Container> containers,
            String nodeName, SortedMap<String, String> nodeSelector,
            List<Toleration> tolerations,
            @PatchStrategy(retainKeys = true) Strategy strategy) {
    }

    /** Stands for a union type with retainKeys, as DeploymentSpec.strategy. */
    record Strategy(String type, Map<String, String> rollingUpdate) {
    }

    record Container(String name, String image, List<String> args,
            @PatchStrategy(mergeKey = "containerPort") List<ContainerPort> ports,
            @PatchStrategy(mergeKey = "name") List<EnvVar> env,
            @PatchStrategy(mergeKey = "mountPath") List<VolumeMount> volumeMounts) {
    }

    record ContainerPort(String name, Integer containerPort, String protocol) {
    }

    record EnvVar(String name, String value) {
    }

    record VolumeMount(String name, String mountPath) {
    }

    /** A volume: its name and one source (a union, hence retainKeys on the list). */
    record Volume(String name, Map<String, String> hostPath, Map<String, String> emptyDir,
            Map<String, String> configMap) {
    }

    record Toleration(String key, String operator, String value, String effect) {
    }
}
