package io.ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@code ksim explain} finds the pod an argument names: exact names, prefixes, namespaces. */
class PodMatchTest {

    private static final List<Pod> PODS = List.of(pod("default", "web"), pod("default", "web-2"),
            pod("default", "web-3"), pod("default", "nvme"), pod("kube-system", "coredns-a"),
            pod("kube-system", "kube-proxy-x"));

    private static Pod pod(String namespace, String name) {
        return Pod.of(ObjectMeta.of(namespace, name), PodSpec.of());
    }

    @ParameterizedTest(name = "{0} (-n {1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            web                | default     | default/web
            web-2              | default     | default/web-2
            nv                 | default     | default/nvme
            kube-system/cored  | default     | kube-system/coredns-a
            kube-p             | kube-system | kube-system/kube-proxy-x
            default/nvme       | kube-system | default/nvme
            """)
    void anExactNameWinsThenTheOnePodAPrefixStarts(String query, String namespace, String expected) {
        PodMatch m = PodMatch.resolve(query, namespace, PODS);
        assertEquals(null, m.error());
        assertEquals(expected, m.namespace() + "/" + m.name());
    }

    @ParameterizedTest(name = "{0} (-n {1})")
    @CsvSource(delimiter = '|', textBlock = """
            web-       | default     | "web-" starts the names of 2 pods in namespace default: web-2, web-3 (give more of the name)
            x          | default     | no pod in namespace default is named "x" or starts with it (pods: nvme, web, web-2, web-3)
            nvme       | kube-system | no pod in namespace kube-system is named "nvme" or starts with it (pods: coredns-a, kube-proxy-x)
            other/web  | default     | no pod in namespace other is named "web" or starts with it (namespace other has no pods)
            default/   | default     | "default/" names no pod: give NAME or NS/NAME
            """)
    void noPodOrSeveralIsAnErrorNamingTheCandidates(String query, String namespace, String error) {
        PodMatch m = PodMatch.resolve(query, namespace, PODS);
        assertEquals(error, m.error());
        assertEquals(null, m.name());
    }
}
