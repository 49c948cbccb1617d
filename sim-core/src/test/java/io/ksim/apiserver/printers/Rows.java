package io.ksim.apiserver.printers;

import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Test helpers: objects from YAML, and their printed cells at a fixed virtual time. */
final class Rows {

    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private Rows() {
    }

    static <T extends KubeObject> T yaml(Class<T> type, String yaml) {
        try {
            return KubeJson.yaml().readValue(yaml, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends KubeObject> List<String> cells(Class<T> type, String yaml) {
        return cells(type, yaml(type, yaml));
    }

    static <T extends KubeObject> List<String> cells(Class<T> type, T object) {
        return ServerPrinters.defaults().toTable(type, List.of(object), NOW).rows().get(0).cells();
    }

    static List<String> columns(Class<? extends KubeObject> type) {
        return ServerPrinters.defaults().toTable(type, List.of(), NOW).columns().stream().map(Table.Column::name).toList();
    }

    static List<String> wideColumns(Class<? extends KubeObject> type) {
        return ServerPrinters.defaults().toTable(type, List.of(), NOW).columns().stream().filter(c -> c.priority() > 0)
                .map(Table.Column::name).toList();
    }

    /** An RFC 3339 time {@code ago} before {@link #NOW}. */
    static String ago(java.time.Duration ago) {
        return KubeJson.formatTime(NOW.minus(ago));
    }
}
