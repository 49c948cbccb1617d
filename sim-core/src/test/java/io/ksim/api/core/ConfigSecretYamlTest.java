package io.ksim.api.core;

import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSecretYamlTest {

    /** The game-demo ConfigMap of kubernetes.io/docs/concepts/configuration/configmap, plus binaryData. */
    @Test
    void configMapRoundTrips() throws Exception {
        ConfigMap cm = roundTrip("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: game-demo
                data:
                  player_initial_lives: "3"
                  ui_properties_file_name: "user-interface.properties"
                  game.properties: |
                    enemy.types=aliens,monsters
                    player.maximum-lives=5
                  user-interface.properties: |
                    color.good=purple
                    color.bad=yellow
                    allow.textmode=true
                binaryData:
                  logo.png: iVBORw0KGgo=
                immutable: true
                """, ConfigMap.class);
        assertEquals("3", cm.data().get("player_initial_lives"));
        assertTrue(cm.data().get("game.properties").startsWith("enemy.types=aliens,monsters\n"));
        assertEquals("iVBORw0KGgo=", cm.binaryData().get("logo.png"));
        assertTrue(cm.isImmutable());
        assertEquals(List.of("game.properties", "player_initial_lives", "ui_properties_file_name",
                "user-interface.properties"), List.copyOf(cm.data().keySet()));
    }

    /** The basic-auth Secret of kubernetes.io/docs/concepts/configuration/secret. */
    @Test
    void secretRoundTripsWithBase64Data() throws Exception {
        Secret s = roundTrip("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: secret-basic-auth
                type: kubernetes.io/basic-auth
                data:
                  password: dDBwLVNlY3JldA==
                stringData:
                  username: admin
                """, Secret.class);
        assertEquals(Secret.TYPE_BASIC_AUTH, s.type());
        assertEquals("t0p-Secret", s.text("password"));
        assertNull(s.text("username"));
        Secret stored = s.withStringDataMerged();
        assertEquals(Map.of(), stored.stringData());
        assertEquals("admin", stored.text("username"));
        assertEquals("YWRtaW4=", stored.data().get("username"));
        assertArrayEquals("t0p-Secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), stored.bytes("password"));
    }

    @Test
    void stringDataOverridesDataOfTheSameKey() {
        Secret s = new Secret(null, null, ObjectMeta.of("default", "s"), null, ImmutableSortedMap.of("k", "b2xk"),
                ImmutableSortedMap.of("k", "new"), null);
        assertEquals("new", s.withStringDataMerged().text("k"));
        assertEquals("bmV3", s.withStringDataMerged().data().get("k"));
    }

    @Test
    void secretOfEncodesPlainValues() throws Exception {
        Secret s = Secret.of(ObjectMeta.of("default", "db"), Secret.TYPE_OPAQUE, Map.of("user", "root"));
        assertEquals("""
                apiVersion: v1
                data:
                  user: cm9vdA==
                kind: Secret
                metadata:
                  name: db
                  namespace: default
                type: Opaque
                """, KubeJson.yaml().writeValueAsString(s));
    }

    @Test
    void invalidBase64IsADecodingError() {
        for (String bad : List.of("not base64!", "YWRtaW4", "YW=RtaW4=")) {
            JsonMappingException e = assertThrows(JsonMappingException.class, () -> KubeJson.yaml().readValue(
                    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: \"" + bad + "\"\n", Secret.class));
            assertTrue(e.getMessage().contains("illegal base64 data"), e.getMessage());
        }
    }

    @Test
    void base64WithLineBreaksIsAcceptedAsGoDoes() throws Exception {
        Secret s = KubeJson.yaml().readValue("data:\n  k: \"YWRt\\naW4=\"\n", Secret.class);
        assertEquals("admin", s.text("k"));
    }

    @Test
    void serviceAccountRoundTrips() throws Exception {
        ServiceAccount sa = roundTrip("""
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: build-robot
                  namespace: default
                automountServiceAccountToken: false
                imagePullSecrets:
                - name: myregistrykey
                secrets:
                - name: build-robot-token
                  namespace: default
                """, ServiceAccount.class);
        assertEquals(Boolean.FALSE, sa.automountServiceAccountToken());
        assertEquals("myregistrykey", sa.imagePullSecrets().get(0).name());
        assertEquals("build-robot-token", sa.secrets().get(0).name());
    }
}
