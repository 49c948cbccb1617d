package io.ksim.apiserver.auth;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ApiWatch;
import io.ksim.apiserver.ApiWatchEvent;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ObjectList;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.ResourceType;
import java.util.List;
import java.util.function.Consumer;

/**
 * The API as one user sees it: every verb is authorized first (the privileged system:masters group, then
 * RBAC), as kube-apiserver's authorization filter does, and refused with upstream's Forbidden text, e.g.
 * {@code pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"}.
 * The request changes nothing when refused.
 *
 * <p>Example: {@code ApiClient bob = new ApiClient(api, new RbacAuthorizer(api), UserInfo.user("bob"));}
 */
public final class ApiClient {

    private final ApiServer api;
    private final RbacAuthorizer authorizer;
    private final UserInfo user;

    public ApiClient(ApiServer api, RbacAuthorizer authorizer, UserInfo user) {
        this.api = api;
        this.authorizer = authorizer;
        this.user = user;
    }

    public UserInfo user() {
        return user;
    }

    public <T extends KubeObject> T get(ResourceType<T> type, String namespace, String name) {
        check("get", type, namespace, name);
        return api.get(type, namespace, name);
    }

    public <T extends KubeObject> ObjectList<T> list(ResourceType<T> type, String namespace, ListOptions options) {
        check("list", type, namespace, "");
        return api.list(type, namespace, options);
    }

    public <T extends KubeObject> T create(ResourceType<T> type, String namespace, T obj) {
        check("create", type, namespace, "");
        return api.create(type, namespace, obj);
    }

    public <T extends KubeObject> T update(ResourceType<T> type, T obj) {
        check("update", type, obj.metadata().namespace(), obj.metadata().name());
        return api.update(type, obj);
    }

    public <T extends KubeObject> T patch(ResourceType<T> type, String namespace, String name, PatchType patchType,
            String patch) {
        check("patch", type, namespace, name);
        return api.patch(type, namespace, name, patchType, patch);
    }

    public <T extends KubeObject> T delete(ResourceType<T> type, String namespace, String name, DeleteOptions options) {
        check("delete", type, namespace, name);
        return api.delete(type, namespace, name, options);
    }

    public <T extends KubeObject> List<T> deleteCollection(ResourceType<T> type, String namespace, ListOptions selectors,
            DeleteOptions options) {
        check("deletecollection", type, namespace, "");
        return api.deleteCollection(type, namespace, selectors, options);
    }

    public <T extends KubeObject> ApiWatch watch(ResourceType<T> type, String namespace, String resourceVersion,
            ListOptions options, Consumer<ApiWatchEvent<T>> listener) {
        check("watch", type, namespace, "");
        return api.watch(type, namespace, resourceVersion, options, listener);
    }

    /** POST pods/eviction, which RBAC sees as "create" on the pods/eviction subresource. */
    public void evict(String namespace, String name, io.ksim.api.policy.Eviction eviction) {
        authorizer.check(Attributes.resource(user, "create", namespace, "", "pods", "eviction", name));
        api.evict(namespace, name, eviction);
    }

    private void check(String verb, ResourceType<?> type, String namespace, String name) {
        String ns = type.namespaced() && namespace != null ? namespace : "";
        authorizer.check(Attributes.resource(user, verb, ns, type.group(), type.resource(), "", name == null ? "" : name));
    }
}
