package io.ksim.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks API records against upstream's field lists (one row per Go struct: its JSON field names in
 * declaration order): the record components are those fields in that order, and Jackson reads and writes
 * exactly those names. Each check returns the mismatches, empty when all is well.
 */
public final class FieldCoverage {

    private FieldCoverage() {
    }

    public static List<String> componentOrderMismatches(Map<Class<?>, List<String>> upstream) {
        List<String> wrong = new ArrayList<>();
        upstream.forEach((type, expected) -> {
            List<String> actual = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                actual.add(jsonName(c));
            }
            if (!actual.equals(expected)) {
                wrong.add(type.getName() + ": " + actual + " != upstream " + expected);
            }
        });
        return wrong;
    }

    public static List<String> jacksonNameMismatches(Map<Class<?>, List<String>> upstream) {
        List<String> wrong = new ArrayList<>();
        upstream.forEach((type, expected) -> {
            TreeSet<String> want = new TreeSet<>(expected);
            TreeSet<String> read = new TreeSet<>();
            for (BeanPropertyDefinition p : KubeJson.json().getDeserializationConfig()
                    .introspect(KubeJson.json().constructType(type)).findProperties()) {
                read.add(p.getName());
            }
            if (!read.equals(want)) {
                wrong.add(type.getName() + " reads " + read + " != upstream " + want);
            }
            TreeSet<String> written = new TreeSet<>();
            for (BeanPropertyDefinition p : KubeJson.json().getSerializationConfig()
                    .introspect(KubeJson.json().constructType(type)).findProperties()) {
                if (p.couldSerialize()) {
                    written.add(p.getName());
                }
            }
            if (!written.equals(want)) {
                wrong.add(type.getName() + " writes " + written + " != upstream " + want);
            }
        });
        return wrong;
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }
}
