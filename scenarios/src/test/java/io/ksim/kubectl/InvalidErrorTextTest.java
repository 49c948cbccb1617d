package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.cluster.Cluster;
import org.junit.jupiter.api.Test;

/**
 * How {@code create -f} and {@code apply -f} print a refused object, as kubectl 1.32's cmdutil.CheckErr does: one
 * Invalid error alone as {@code The ConfigMap "bad" is invalid: FIELD: ...} (one line per cause when there are
 * several), several errors one per line as {@code Error from server (Invalid): error when creating "STDIN": ...}
 * with the server's message. The expected texts are what kubectl 1.32 printed for these manifests when the
 * server answered with the 422 Status kube-apiserver sends for them (its message, kind, name and causes).
 */
class InvalidErrorTextTest {

    private static final String KEY_RULE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
            + "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    private static final String BAD = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: bad
            data:
              "bad key": v
            """;
    private static final String BAD2 = BAD.replace("name: bad", "name: bad2").replace("bad key", "a b");
    private static final String MULTI = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: multi
            data:
              "a b": v
              "c d": v
            """;
    private static final String GOOD = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: good
            """;

    private final Kubectl kubectl = new Kubectl(Cluster.builder().seed(1).nodes(1).build());

    private static String invalid(String key) {
        return "data[" + key + "]: Invalid value: \"" + key + "\": " + KEY_RULE;
    }

    private void check(String command, String stdin, String out, String err) {
        KubectlResult r = kubectl.run(command, stdin);
        assertEquals(out, r.out(), command);
        assertEquals(err, r.err(), command);
        assertEquals(1, r.exitCode(), command);
    }

    @Test
    void oneInvalidObjectPrintsAsTheRequestThatIsInvalid() {
        for (String command : new String[] {"create -f -", "apply -f -"}) {
            check(command, BAD, "", "The ConfigMap \"bad\" is invalid: " + invalid("bad key") + "\n");
            check(command, MULTI, "", "The ConfigMap \"multi\" is invalid: \n* " + invalid("a b") + "\n* "
                    + invalid("c d") + "\n");
        }
    }

    @Test
    void severalErrorsPrintOneLineEachWithTheServersMessage() {
        for (String command : new String[] {"create -f -", "apply -f -"}) {
            check(command, BAD + "---\n" + BAD2, "",
                    "Error from server (Invalid): error when creating \"STDIN\": ConfigMap \"bad\" is invalid: "
                            + invalid("bad key") + "\n"
                            + "Error from server (Invalid): error when creating \"STDIN\": ConfigMap \"bad2\" is invalid: "
                            + invalid("a b") + "\n");
        }
        check("apply -f -", MULTI + "---\n" + BAD + "---\n" + GOOD, "configmap/good created\n",
                "Error from server (Invalid): error when creating \"STDIN\": ConfigMap \"multi\" is invalid: ["
                        + invalid("a b") + ", " + invalid("c d") + "]\n"
                        + "Error from server (Invalid): error when creating \"STDIN\": ConfigMap \"bad\" is invalid: "
                        + invalid("bad key") + "\n");
    }
}
