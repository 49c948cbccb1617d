package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases of upstream pkg/apis/apps/validation (ValidateDeploymentSpec, ValidateRollingUpdateDeployment). */
class DeploymentValidationTest {

    private final Kernel kernel = Kernel.builder().seed(10).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "strategy: {rollingUpdate: {maxSurge: oops, maxUnavailable: 1}}|spec.strategy.rollingUpdate.maxSurge: Invalid "
            + "value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"oops\"}: a valid percent string must be a numeric "
            + "string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        "strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}|spec.strategy.rollingUpdate.maxUnavailable: "
            + "Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0",
        "strategy: {rollingUpdate: {maxSurge: 0%, maxUnavailable: 0%}}|spec.strategy.rollingUpdate.maxUnavailable: "
            + "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when `maxSurge` is 0",
        "strategy: {rollingUpdate: {maxUnavailable: 150%}}|spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "
            + "intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%",
        "strategy: {rollingUpdate: {maxSurge: -1}}|spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be "
            + "greater than or equal to 0",
        "strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}|spec.strategy.rollingUpdate: Forbidden: may not be "
            + "specified when strategy `type` is 'Recreate'",
        "strategy: {type: Blue}|spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"Blue\", "
            + "RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\"",
        "{minReadySeconds: 10, progressDeadlineSeconds: 5}|spec.progressDeadlineSeconds: Invalid value: 5: must be "
            + "greater than minReadySeconds",
        "{revisionHistoryLimit: -1}|spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
    })
    void invalidSpecsGetUpstreamsText(String specFields, String want) {
        String fields = specFields.startsWith("{") ? specFields.substring(1, specFields.length() - 1) : specFields;
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  %s
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: nginx, image: "nginx:1.25"}]
                """.formatted(fields.replace(", progressDeadlineSeconds", "\n  progressDeadlineSeconds"));
        ApiException e = assertThrows(ApiException.class,
                () -> api.createObject("default", api.scheme().decodeAll(yaml).get(0)));
        assertEquals("Deployment.apps \"web\" is invalid: " + want, e.getMessage());
    }
}
