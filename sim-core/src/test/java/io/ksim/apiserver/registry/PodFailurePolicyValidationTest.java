package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.batch.Job;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** validatePodFailurePolicy's texts, after upstream's TestValidateJob cases (v1.32). */
class PodFailurePolicyValidationTest {

    private final Kernel kernel = Kernel.builder().seed(7).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private static String job(String rules, String restartPolicy) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi}
                spec:
                  podFailurePolicy:
                    rules:
                %s
                  template:
                    spec:
                      restartPolicy: %s
                      containers: [{name: pi, image: perl}]
                """.formatted(rules.indent(4).stripTrailing(), restartPolicy);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("- {action: FailJob, onExitCodes: {operator: In, values: [1]}}", "OnFailure",
                        "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported "
                                + "when podFailurePolicy is specified"),
                Arguments.of("- {onExitCodes: {operator: In, values: [1]}}", "Never",
                        "spec.podFailurePolicy.rules[0].action: Required value: valid values: "
                                + "[\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]"),
                Arguments.of("- {action: Stop, onExitCodes: {operator: In, values: [1]}}", "Never",
                        "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Stop\": supported values: "
                                + "\"Count\", \"FailIndex\", \"FailJob\", \"Ignore\""),
                Arguments.of("- {action: FailIndex, onExitCodes: {operator: In, values: [1]}}", "Never",
                        "spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the "
                                + "backoffLimitPerIndex to be set"),
                Arguments.of("- {action: FailJob, onExitCodes: {operator: In, values: [0, 2, 1, 1]}}", "Never",
                        "[spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the "
                                + "In operator, spec.podFailurePolicy.rules[0].onExitCodes.values[3]: Duplicate value: 1, "
                                + "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 2, 1, 1}: "
                                + "must be ordered]"),
                Arguments.of("- {action: FailJob, onExitCodes: {operator: Is, containerName: other}}", "Never",
                        "[spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: \"Is\": supported "
                                + "values: \"In\", \"NotIn\", spec.podFailurePolicy.rules[0].onExitCodes.containerName: "
                                + "Invalid value: \"other\": must be one of the container or initContainer names in the "
                                + "pod template, spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: "
                                + "[]int32(nil): at least one value is required]"),
                Arguments.of("- {action: Ignore}", "Never",
                        "spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes "
                                + "and OnPodConditions is required"),
                Arguments.of("- {action: Ignore, onExitCodes: {operator: In, values: [1]}, onPodConditions: "
                        + "[{type: DisruptionTarget}]}", "Never",
                        "spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and "
                                + "OnPodConditions is not supported"),
                Arguments.of("- {action: Ignore, onPodConditions: [{type: \"Invalid Condition Type\", status: Maybe}]}",
                        "Never",
                        "[spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: \"Invalid Condition "
                                + "Type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must "
                                + "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), "
                                + "spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: \"Maybe\": "
                                + "supported values: \"False\", \"True\", \"Unknown\"]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void refusedWithUpstreamsText(String rules, String restartPolicy, String expected) {
        ApiException e = assertThrows(ApiException.class,
                () -> api.createObject("default", api.scheme().decodeAll(job(rules, restartPolicy)).get(0)));
        assertEquals("Job.batch \"pi\" is invalid: " + expected, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void accepted(String rules) {
        Job job = (Job) api.createObject("default", api.scheme().decodeAll(job(rules, "Never")).get(0));
        assertEquals("pi", job.metadata().name());
    }

    static Stream<String> valid() {
        return Stream.of("- {action: FailJob, onExitCodes: {containerName: pi, operator: NotIn, values: [0, 1, 42]}}",
                "- {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}\n"
                        + "- {action: Count, onExitCodes: {operator: In, values: [3]}}");
    }
}
