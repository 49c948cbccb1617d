package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** backoffLimitPerIndex, maxFailedIndexes and successPolicy validation texts (upstream validateJobSpec, v1.32). */
class IndexedJobValidationTest {

    private final Kernel kernel = Kernel.builder().seed(7).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private static final String POD = """
            template:
              spec:
                restartPolicy: Never
                containers: [{name: pi, image: perl}]
            """;

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("maxFailedIndexes: 1\ncompletionMode: Indexed\ncompletions: 3\n",
                        "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified"),
                Arguments.of("backoffLimitPerIndex: 1\n",
                        "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"),
                Arguments.of("backoffLimitPerIndex: 1\nmaxFailedIndexes: 4\ncompletionMode: Indexed\ncompletions: 3\n",
                        "spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions"),
                Arguments.of("backoffLimitPerIndex: 1\nmaxFailedIndexes: -1\ncompletionMode: Indexed\ncompletions: 3\n",
                        "spec.maxFailedIndexes: Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("successPolicy: {rules: [{succeededCount: 1}]}\n",
                        "spec.successPolicy: Invalid value: batch.SuccessPolicy{...}: requires indexed completion mode"),
                Arguments.of("completionMode: Indexed\ncompletions: 3\nsuccessPolicy: {rules: []}\n",
                        "spec.successPolicy.rules: Required value: at least one rules must be specified when the "
                                + "successPolicy is specified"),
                Arguments.of("completionMode: Indexed\ncompletions: 3\nsuccessPolicy: {rules: [{}]}\n",
                        "spec.successPolicy.rules[0]: Required value: at least one of succeededCount or "
                                + "succeededIndexes must be specified"),
                Arguments.of("completionMode: Indexed\ncompletions: 3\n"
                        + "successPolicy: {rules: [{succeededIndexes: \"0-1\", succeededCount: 4}]}\n",
                        "[spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 "
                                + "(the number of specified completions), spec.successPolicy.rules[0].succeededCount: "
                                + "Invalid value: 4: must be less than or equal to 2 (the number of indexes in the "
                                + "specified succeededIndexes field)]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void refusedWithUpstreamsText(String spec, String expected) {
        String yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n" + (spec + POD).indent(2);
        ApiException e = assertThrows(ApiException.class,
                () -> api.createObject("default", api.scheme().decodeAll(yaml).get(0)));
        assertEquals("Job.batch \"pi\" is invalid: " + expected, e.getMessage());
    }
}
