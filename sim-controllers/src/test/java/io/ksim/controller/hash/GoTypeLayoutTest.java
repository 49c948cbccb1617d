package io.ksim.controller.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.ksim.api.KubeJson;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.Opaque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Go layout the hash is printed from covers ksim's pod template: every JSON property of every ksim type
 * reachable from PodTemplateSpec is a field of the matching v1.32 Go struct, so no value ksim holds is left
 * out of the dump (fields ksim lacks are printed as Go zero values, which is right).
 */
class GoTypeLayoutTest {

    private final GoTypeLayout layout = GoTypeLayout.v1_32();
    private final ObjectMapper mapper = KubeJson.json();
    private final List<String> missing = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();
    private int checked;

    @Test
    void everyPropertyOfKsimsTemplateIsAGoField() {
        walk(mapper.constructType(PodTemplateSpec.class), "v1.PodTemplateSpec", "template");
        assertEquals(List.of(), missing);
        assertTrue(checked > 300, "properties checked: " + checked);
    }

    @Test
    void theLayoutKnowsTheTemplatesStructsInDeclarationOrder() {
        List<String> names = layout.structFields("v1.PodTemplateSpec").stream().map(GoTypeLayout.Field::goName).toList();
        assertEquals(List.of("ObjectMeta", "Spec"), names);
        GoTypeLayout.Field first = layout.structFields("v1.PodSpec").get(0);
        assertEquals(new GoTypeLayout.Field("Volumes", "volumes", "[]v1.Volume", false, true), first);
        assertEquals("map[v1.ResourceName]resource.Quantity", layout.underlying("v1.ResourceList"));
        assertEquals("string", layout.underlying("v1.Protocol"));
    }

    private void walk(JavaType type, String goType, String path) {
        while (goType.startsWith("*") || goType.startsWith("[]") || goType.startsWith("map[")) {
            if (goType.startsWith("*")) {
                goType = goType.substring(1);
            } else {
                goType = goType.startsWith("[]") ? goType.substring(2) : goType.substring(goType.indexOf(']') + 1);
                type = type.getContentType();
            }
        }
        String underlying = layout.underlying(goType);
        if (underlying != null && underlying.startsWith("map[")) {
            walk(type, underlying, path);
            return;
        }
        List<GoTypeLayout.Field> fields = layout.structFields(goType);
        if (fields == null || type.getRawClass() == Opaque.class || !visited.add(type.getRawClass().getName())) {
            return;
        }
        for (BeanPropertyDefinition p : mapper.getSerializationConfig().introspect(type).findProperties()) {
            if (!p.couldSerialize()) {
                continue;
            }
            checked++;
            GoTypeLayout.Field f = field(fields, p.getName());
            if (f == null) {
                missing.add(path + "." + p.getName() + " (" + goType + ")");
                continue;
            }
            walk(p.getPrimaryType(), f.goType(), path + "." + p.getName());
        }
    }

    private GoTypeLayout.Field field(List<GoTypeLayout.Field> fields, String jsonName) {
        for (GoTypeLayout.Field f : fields) {
            if (f.inline()) {
                List<GoTypeLayout.Field> embedded = layout.structFields(f.goType());
                GoTypeLayout.Field found = embedded == null ? null : field(embedded, jsonName);
                if (found != null) {
                    return found;
                }
            } else if (jsonName.equals(f.jsonName())) {
                return f;
            }
        }
        return null;
    }
}
