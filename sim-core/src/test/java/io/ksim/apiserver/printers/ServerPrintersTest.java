package io.ksim.apiserver.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.Role;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every served kind prints, even a bare object; the columns are upstream's; kinds without a printer get the default. */
class ServerPrintersTest {

    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    /** Kinds upstream has no printer for: the generic Name / Created At table. */
    private static final Set<String> DEFAULT_TABLE = Set.of("Role", "ClusterRole", "LimitRange");

    @Test
    void everyServedKindPrintsABareObject() throws Exception {
        for (ResourceType<?> type : BuiltinResources.ALL) {
            KubeObject bare = KubeJson.json().readValue("{\"metadata\":{\"name\":\"x\"}}", type.type());
            Table t = ServerPrinters.defaults().toTable(type.type(), List.of(bare), NOW);
            assertEquals(1, t.rows().size(), type.kind());
            assertEquals(t.columns().size(), t.rows().get(0).cells().size(), type.kind());
            assertTrue(t.rows().get(0).cells().contains("x"), type.kind() + " " + t.rows().get(0).cells());
            List<String> names = t.columns().stream().map(Table.Column::name).toList();
            assertEquals(DEFAULT_TABLE.contains(type.kind()), names.equals(List.of("Name", "Created At")), type.kind());
            t.columns().forEach(c -> assertTrue(!c.description().isEmpty(), type.kind() + " " + c.name()));
        }
    }

    @Test
    void defaultTableHasTheCreationTimeInRfc3339() throws Exception {
        Role role = KubeJson.json().readValue(
                "{\"metadata\":{\"name\":\"pod-reader\",\"creationTimestamp\":\"2024-12-31T10:00:00Z\"}}", Role.class);
        Table t = ServerPrinters.defaults().toTable(Role.class, List.of(role), NOW);
        assertEquals(List.of("pod-reader", "2024-12-31T10:00:00Z"), t.rows().get(0).cells());
        assertEquals("date", t.columns().get(1).type());
        ClusterRole cr = KubeJson.json().readValue("{\"metadata\":{\"name\":\"view\"}}", ClusterRole.class);
        assertEquals(List.of("view", "<unknown>"),
                ServerPrinters.defaults().toTable(ClusterRole.class, List.of(cr), NOW).rows().get(0).cells());
    }

    @Test
    void nameColumnsCarryTheNameFormatAndTheApiDocs() {
        Table t = ServerPrinters.defaults().toTable(io.ksim.api.apps.Deployment.class, List.of(), NOW);
        Table.Column name = t.columns().get(0);
        assertEquals("name", name.format());
        assertTrue(name.description().startsWith("Name must be unique within a namespace."));
        assertTrue(t.columns().get(4).description().startsWith("CreationTimestamp is a timestamp"));
    }
}
