package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.ReplicationController;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.printers.ServerPrinters;
import io.ksim.apiserver.printers.Table;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** ReplicationControllers through the API server: defaults, ValidateReplicationController's texts, scale, table. */
class ReplicationControllerStrategyTest {

    private final Kernel kernel = Kernel.builder().seed(10).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private KubeObject create(String yaml) {
        return api.createObject("default", api.scheme().decodeAll(yaml).get(0));
    }

    private static String rc(String spec) {
        return """
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: web}
                spec:
                %s
                """.formatted(spec.indent(2).stripTrailing());
    }

    private static final String TEMPLATE = """
            template:
              metadata: {labels: {app: web}}
              spec:
                containers: [{name: nginx, image: "nginx:1.25"}]
            """;

    private String error(String spec) {
        return assertThrows(ApiException.class, () -> create(rc(spec))).getMessage();
    }

    @Test
    void selectorLabelsAndReplicasDefaultFromTheTemplate() {
        ReplicationController rc = (ReplicationController) create(rc(TEMPLATE));
        assertEquals(Map.of("app", "web"), rc.spec().selector());
        assertEquals(Map.of("app", "web"), rc.metadata().labels());
        assertEquals(1, rc.spec().replicas());
        assertEquals("Always", rc.spec().template().spec().restartPolicy());
        assertEquals(1L, rc.metadata().generation());
        assertEquals("rc", BuiltinResources.REPLICATION_CONTROLLERS.shortNames().get(0));
    }

    @Test
    void ownLabelsAndSelectorAreKept() {
        ReplicationController rc = (ReplicationController) create("""
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: web, labels: {tier: front}}
                spec:
                  selector: {app: web}
                  template:
                    metadata: {labels: {app: web, v: "1"}}
                    spec:
                      containers: [{name: nginx, image: "nginx:1.25"}]
                """);
        assertEquals(Map.of("app", "web"), rc.spec().selector());
        assertEquals(Map.of("tier", "front"), rc.metadata().labels());
    }

    @Test
    void validationTextsAreUpstreams() {
        assertEquals("ReplicationController \"web\" is invalid: [spec.selector: Required value, spec.template: "
                + "Required value]", error("replicas: 2"));
        assertEquals("ReplicationController \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
                + "map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
                error("selector: {app: db}\n" + TEMPLATE));
        assertEquals("ReplicationController \"web\" is invalid: [spec.minReadySeconds: Invalid value: -1: must be "
                + "greater than or equal to 0, spec.replicas: Invalid value: -2: must be greater than or equal to 0]",
                error("minReadySeconds: -1\nreplicas: -2\n" + TEMPLATE));
        assertEquals("ReplicationController \"web\" is invalid: spec.template.spec.restartPolicy: Unsupported value: "
                + "\"Never\": supported values: \"Always\"", error(TEMPLATE + "    restartPolicy: Never\n"));
        assertEquals("ReplicationController \"web\" is invalid: spec.template.spec.activeDeadlineSeconds: "
                + "Forbidden: activeDeadlineSeconds in ReplicationController is not Supported",
                error(TEMPLATE + "    activeDeadlineSeconds: 30\n"));
    }

    @Test
    void theSelectorMayChangeAndAChangedSpecBumpsTheGeneration() {
        ReplicationController rc = (ReplicationController) create(rc(TEMPLATE));
        ReplicationController changed = rc.withSpec(new ReplicationController.ReplicationControllerSpec(3, null,
                new TreeMap<>(Map.of("app", "web")), rc.spec().template()));
        assertEquals(2L, api.update(BuiltinResources.REPLICATION_CONTROLLERS, changed).metadata().generation());
    }

    @Test
    void scaleSubresourceSetsReplicas() {
        create(rc(TEMPLATE));
        var scale = ScaleSubresource.update(api, BuiltinResources.REPLICATION_CONTROLLERS, "default", "web", 4, null);
        assertEquals(4, scale.spec().replicas());
        assertEquals("app=web", scale.status().selector());
        assertEquals(4, ((ReplicationController) api.get(BuiltinResources.REPLICATION_CONTROLLERS, "default", "web"))
                .spec().replicas());
    }

    @Test
    void printsNameDesiredCurrentReadyAgeAndWideColumns() {
        ReplicationController rc = (ReplicationController) create(rc("replicas: 5\n" + TEMPLATE));
        Table t = ServerPrinters.defaults().toTable(ReplicationController.class, List.of(rc), kernel.instant());
        assertEquals(List.of("Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"),
                t.columns().stream().map(Table.Column::name).toList());
        assertEquals(List.of("web", "5", "0", "0", "0s", "nginx", "nginx:1.25", "app=web"), t.rows().get(0).cells());
        assertNull(rc.status().readyReplicas());
    }
}
