package io.ksim.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.IntRange;

/**
 * The API seen through {@link ApiServer#authorizedBy}: a request is served exactly when RBAC grants its verb, and
 * a refused request changes nothing (the store's revision stays where it was).
 */
class AuthorizedApiServerProperties {

    private static final List<String> VERBS = List.of("get", "list", "create", "update", "patch", "delete",
            "deletecollection");

    @Property(tries = 60)
    void aRequestIsServedExactlyWhenItsVerbIsGranted(@ForAll @Size(max = 7) Set<@IntRange(max = 6) Integer> granted,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(max = 6) Integer> requests) {
        Kernel kernel = Kernel.builder().seed(16).build();
        ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        Set<String> verbs = new TreeSet<>();
        granted.forEach(i -> verbs.add(VERBS.get(i)));
        if (!verbs.isEmpty()) {
            api.scheme().decodeAll("""
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: Role
                    metadata: {name: r, namespace: default}
                    rules: [{apiGroups: [""], resources: [configmaps], verbs: [%s]}]
                    ---
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: RoleBinding
                    metadata: {name: b, namespace: default}
                    subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]
                    roleRef: {kind: Role, name: r, apiGroup: rbac.authorization.k8s.io}
                    """.formatted(String.join(", ", verbs))).forEach(o -> api.createObject("default", o));
        }
        ApiServer bob = api.authorizedBy(new RbacAuthorizer(api).forUser(UserInfo.user("bob")));
        int n = 0;
        for (int i : requests) {
            String verb = VERBS.get(i);
            // Each request finds its object there (the admin makes it), so only authorization can refuse it.
            String name = "cm-" + n++;
            api.create(BuiltinResources.CONFIG_MAPS, "default", configMap(name));
            String before = api.currentResourceVersion();
            try {
                serve(bob, api, verb, name);
                assertTrue(verbs.contains(verb), verb + " was served without being granted");
            } catch (ApiException e) {
                assertEquals(403, e.code(), e.getMessage());
                assertTrue(!verbs.contains(verb), verb + " was refused though granted: " + e.getMessage());
                assertEquals(before, api.currentResourceVersion(), "a refused " + verb + " changed the store");
            }
        }
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMap(null, null, ObjectMeta.of("default", name), null, null, null);
    }

    /** Makes the {@code verb} request as {@code user}; the admin's {@code api} reads what an update sends back. */
    private static void serve(ApiServer user, ApiServer admin, String verb, String name) {
        ApiServer api = user;
        switch (verb) {
            case "get" -> api.get(BuiltinResources.CONFIG_MAPS, "default", name);
            case "list" -> api.list(BuiltinResources.CONFIG_MAPS, "default");
            case "create" -> api.create(BuiltinResources.CONFIG_MAPS, "default", configMap(name + "-new"));
            case "update" -> api.update(BuiltinResources.CONFIG_MAPS,
                    admin.get(BuiltinResources.CONFIG_MAPS, "default", name));
            case "patch" -> api.patch(BuiltinResources.CONFIG_MAPS, "default", name, PatchType.MERGE,
                    "{\"data\":{\"k\":\"v\"}}");
            case "delete" -> api.delete(BuiltinResources.CONFIG_MAPS, "default", name, DeleteOptions.defaults());
            case "deletecollection" -> api.deleteCollection(BuiltinResources.CONFIG_MAPS, "default",
                    ListOptions.everything(), DeleteOptions.defaults());
            default -> throw new IllegalArgumentException(verb);
        }
    }
}
