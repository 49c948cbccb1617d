package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import io.ksim.store.WatchRequest;
import io.ksim.store.Watcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The API server facade: create, get, list, update, updateStatus, delete and watch per resource, over the
 * etcd model. Only the API server touches the store, as only kube-apiserver talks to etcd.
 *
 * <p>Every write applies the resource's defaults (as decoding does upstream), then its strategy and
 * validation; refused requests throw {@link ApiException} with upstream's status and change nothing.
 */
public final class ApiServer {

    private final Kernel kernel;
    private final MvccStore etcd;
    private final NameGenerator names;
    /** By "resource.group", in registration order (the order discovery lists them). */
    private final Map<String, RegistryStore<?>> stores;
    private final Scheme scheme;
    private final List<AdmissionPlugin> admission;
    private Evictor evictor;
    /** The server itself; for a view made by {@link #authorizedBy}, the server it fronts. */
    private final ApiServer root;
    /** Null for the server itself, which serves every request (the components call it as if privileged). */
    private final RequestAuthorizer authorizer;

    /** What serves the pods/eviction subresource (the registry's PodEviction, which knows pods and budgets). */
    @FunctionalInterface
    public interface Evictor {
        void evict(ApiServer api, String namespace, String name, io.ksim.api.policy.Eviction eviction);
    }

    public ApiServer(Kernel kernel, MvccStore etcd) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.etcd = Objects.requireNonNull(etcd, "etcd");
        this.names = new NameGenerator(kernel.random("apiserver"));
        this.stores = new LinkedHashMap<>();
        this.scheme = new Scheme();
        this.admission = new ArrayList<>();
        this.root = this;
        this.authorizer = null;
    }

    /** A view of {@code root} that authorizes each request before {@code root} serves it. */
    private ApiServer(ApiServer root, RequestAuthorizer authorizer) {
        this.kernel = root.kernel;
        this.etcd = root.etcd;
        this.names = root.names;
        this.stores = root.stores;
        this.scheme = root.scheme;
        this.admission = root.admission;
        this.root = root;
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * The API as one user's requests reach it: every verb is first put to {@code authorizer} (once per
     * request, as the authorization filter sees it: a patch is a "patch", not the get and update the server
     * makes of it), then served by this server. Example, for kubectl's {@code --as=jane}:
     * {@code api.authorizedBy(new RbacAuthorizer(api).forUser(UserInfo.user("jane"))).list(PODS, "default")}
     * throws {@code pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace
     * "default"}.
     */
    public ApiServer authorizedBy(RequestAuthorizer authorizer) {
        return new ApiServer(root, authorizer);
    }

    /**
     * For a subresource served on top of the verbs (scale): authorizes {@code verb} on {@code subresource} of the
     * object and returns the server that serves it without further checks (this one when it checks nothing).
     */
    public ApiServer subresourceRequest(String verb, ResourceType<?> type, String namespace, String subresource,
            String name) {
        authorize(verb, type, namespace, subresource, name);
        return root;
    }

    private void authorize(String verb, ResourceType<?> type, String namespace, String subresource, String name) {
        if (authorizer != null) {
            String ns = type.namespaced() && namespace != null ? namespace : "";
            authorizer.authorize(verb, type, ns, subresource, name == null ? "" : name);
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Serves {@code type} from now on. */
    public <T extends KubeObject> void register(ResourceType<T> type) {
        String key = type.groupResource().toString();
        if (stores.containsKey(key)) {
            throw new IllegalArgumentException(key + " is already registered");
        }
        NameGenerator generator = type.nameStream() == null ? names
                : new NameGenerator(kernel.random(type.nameStream()));
        stores.put(key, new RegistryStore<>(type, etcd, kernel, generator));
        scheme.register(type);
    }

    /** Adds an admission plugin; plugins run in the order added. */
    public void addAdmissionPlugin(AdmissionPlugin plugin) {
        admission.add(Objects.requireNonNull(plugin, "plugin"));
    }

    /** The admission chain, in order. */
    public List<AdmissionPlugin> admissionPlugins() {
        return List.copyOf(admission);
    }

    /** Decoding of manifests into the served kinds. */
    public Scheme scheme() {
        return scheme;
    }

    /**
     * Creates an object of any served kind (as decoded from a manifest), dispatching on its apiVersion
     * and kind.
     */
    public KubeObject createObject(String namespace, KubeObject obj) {
        ResourceType<?> type = scheme.forKind(obj.apiVersion(), obj.kind());
        if (type == null) {
            throw ApiErrors.notFound(new GroupResource("", "kinds"), obj.apiVersion() + "/" + obj.kind());
        }
        return createAs(type, namespace, obj);
    }

    private <T extends KubeObject> T createAs(ResourceType<T> type, String namespace, KubeObject obj) {
        return create(type, namespace, type.cast(obj));
    }

    /** The served resources, in registration order. */
    public Collection<ResourceType<?>> resources() {
        return Collections.unmodifiableCollection(stores.values().stream().<ResourceType<?>>map(RegistryStore::type).toList());
    }

    // ---- verbs ----------------------------------------------------------------------------------

    /**
     * Creates {@code obj} in {@code namespace} (ignored for cluster-scoped resources). An object that names
     * no namespace gets the request's; one that names another is refused, as upstream.
     */
    public <T extends KubeObject> T create(ResourceType<T> type, String namespace, T obj) {
        if (authorizer != null) {
            authorize("create", type, namespace != null ? namespace : obj.metadata().namespace(), "", "");
            return root.create(type, namespace, obj);
        }
        RegistryStore<T> store = store(type);
        T scoped = type.applyDefaults(inNamespace(type, namespace, obj));
        T admitted = admit(AdmissionPlugin.Operation.CREATE, type, scoped.metadata().namespace(),
                scoped.metadata().name(), scoped, null);
        T created;
        try {
            created = store.create(admitted);
        } catch (ApiException e) {
            finish(AdmissionPlugin.Operation.CREATE, type, admitted, null, false);
            throw e;
        }
        finish(AdmissionPlugin.Operation.CREATE, type, admitted, null, true);
        return created;
    }

    public <T extends KubeObject> T get(ResourceType<T> type, String namespace, String name) {
        if (authorizer != null) {
            authorize("get", type, namespace, "", name);
            return root.get(type, namespace, name);
        }
        return store(type).get(scope(type, namespace), name);
    }

    /** Objects of {@code type} in {@code namespace} (all namespaces if null) that pass {@code filter}. */
    public <T extends KubeObject> ObjectList<T> list(ResourceType<T> type, String namespace, Predicate<? super T> filter) {
        if (authorizer != null) {
            authorize("list", type, namespace, "", "");
            return root.list(type, namespace, filter);
        }
        return store(type).list(scope(type, namespace), filter);
    }

    public <T extends KubeObject> ObjectList<T> list(ResourceType<T> type, String namespace) {
        return list(type, namespace, o -> true);
    }

    /** Objects matching the label and field selectors of {@code options}, as a list request with them. */
    public <T extends KubeObject> ObjectList<T> list(ResourceType<T> type, String namespace, ListOptions options) {
        return list(type, namespace, options.<T>filter(type.kind()));
    }

    /** A watch with the selectors of {@code options}; see {@link #watch(ResourceType, String, String, Predicate, Consumer)}. */
    public <T extends KubeObject> ApiWatch watch(ResourceType<T> type, String namespace, String resourceVersion,
            ListOptions options, Consumer<ApiWatchEvent<T>> listener) {
        return watch(type, namespace, resourceVersion, options.<T>filter(type.kind()), listener);
    }

    /** Replaces the object (not its status, for resources with a status subresource). */
    public <T extends KubeObject> T update(ResourceType<T> type, T obj) {
        if (authorizer != null) {
            authorize("update", type, obj.metadata().namespace(), "", obj.metadata().name());
            return root.update(type, obj);
        }
        RegistryStore<T> store = store(type);
        T defaulted = type.applyDefaults(obj);
        if (admission.isEmpty()) {
            return store.update(defaulted, false);
        }
        T old = store.find(obj.metadata().namespace(), obj.metadata().name());
        T admitted = admit(AdmissionPlugin.Operation.UPDATE, type, obj.metadata().namespace(),
                obj.metadata().name(), defaulted, old);
        T updated;
        try {
            updated = store.update(admitted, false);
        } catch (ApiException e) {
            finish(AdmissionPlugin.Operation.UPDATE, type, admitted, old, false);
            throw e;
        }
        finish(AdmissionPlugin.Operation.UPDATE, type, admitted, old, true);
        return updated;
    }

    /** Replaces the status subresource. */
    public <T extends KubeObject> T updateStatus(ResourceType<T> type, T obj) {
        if (authorizer != null) {
            authorize("update", type, obj.metadata().namespace(), "status", obj.metadata().name());
            return root.updateStatus(type, obj);
        }
        if (!type.hasStatus()) {
            throw ApiErrors.notFound(type.groupResource(), obj.metadata().name());
        }
        return store(type).update(obj, true);
    }

    /**
     * Patches an object (the PATCH verb): the patch is applied to the stored object's JSON, the result is
     * decoded strictly and written as an update (defaults, admission, validation, generation), conditional on
     * the object being unchanged since it was read; a patch that names a resourceVersion must name the current
     * one. Patch errors carry upstream's status: 400 for a malformed patch, 422 for a JSON patch operation that
     * does not apply, 500 with reason Unknown for other strategic merge failures, as kube-apiserver answers.
     */
    public <T extends KubeObject> T patch(ResourceType<T> type, String namespace, String name, PatchType patchType,
            String patch) {
        if (authorizer != null) {
            authorize("patch", type, namespace, "", name);
            return root.patch(type, namespace, name, patchType, patch);
        }
        T current = get(type, namespace, name);
        com.fasterxml.jackson.databind.JsonNode patchTree;
        try {
            patchTree = io.ksim.api.KubeJson.json().readTree(patch);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiErrors.badRequest("error decoding patch: " + e.getOriginalMessage());
        }
        com.fasterxml.jackson.databind.JsonNode original = io.ksim.api.KubeJson.json().valueToTree(current);
        com.fasterxml.jackson.databind.JsonNode patched;
        try {
            patched = switch (patchType) {
                case JSON -> io.ksim.apiserver.patch.JsonPatch.apply(original, patchTree);
                case MERGE -> io.ksim.apiserver.patch.JsonMergePatch.apply(original, patchTree);
                case STRATEGIC -> io.ksim.apiserver.patch.StrategicMergePatch.apply(original, patchTree, type.type());
            };
        } catch (io.ksim.apiserver.patch.PatchException e) {
            throw switch (e.kind()) {
                case BAD_REQUEST -> ApiErrors.badRequest(e.getMessage());
                case UNPROCESSABLE_ENTITY -> ApiErrors.unprocessable(e.getMessage());
                default -> ApiErrors.unknown(e.getMessage());
            };
        }
        KubeObject decoded;
        try {
            decoded = scheme.decode(patched, 0);
        } catch (ManifestException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
        if (!decoded.apiVersion().equals(current.apiVersion()) || !decoded.kind().equals(current.kind())
                || !java.util.Objects.equals(decoded.metadata().name(), name)) {
            throw ApiErrors.badRequest("the patch may not change the object's apiVersion, kind or name");
        }
        return update(type, type.cast(decoded));
    }

    /**
     * Changes an object as the server itself does for subresources (binding, scale, eviction): no defaulting,
     * strategy or admission, just a conditional read-modify-write; {@code mutate} may throw to refuse.
     */
    public <T extends KubeObject> T guaranteedUpdate(ResourceType<T> type, String namespace, String name,
            java.util.function.UnaryOperator<T> mutate) {
        if (authorizer != null) {
            authorize("update", type, namespace, "", name);
            return root.guaranteedUpdate(type, namespace, name, mutate);
        }
        return store(type).guaranteedUpdate(scope(type, namespace), name, mutate);
    }

    /**
     * Deletes an object: at once, or by marking it (deletionTimestamp) when it has finalizers or a grace
     * period. Returns the object as it was deleted or as it is now marked.
     */
    public <T extends KubeObject> T delete(ResourceType<T> type, String namespace, String name, DeleteOptions options) {
        if (authorizer != null) {
            authorize("delete", type, namespace, "", name);
            return root.delete(type, namespace, name, options);
        }
        RegistryStore<T> store = store(type);
        String ns = scope(type, namespace);
        if (admission.isEmpty()) {
            return store.delete(ns, name, options).object();
        }
        T old = store.find(ns, name);
        admit(AdmissionPlugin.Operation.DELETE, type, ns, name, null, old);
        RegistryStore.Deleted<T> deleted;
        try {
            deleted = store.delete(ns, name, options);
        } catch (ApiException e) {
            finish(AdmissionPlugin.Operation.DELETE, type, null, old, false);
            throw e;
        }
        finish(AdmissionPlugin.Operation.DELETE, type, null, old, deleted.removed());
        return deleted.object();
    }

    /**
     * Deletes every object of {@code type} in {@code namespace} (all namespaces if null) that the selectors
     * match, one by one in key order, as upstream's DeleteCollection; returns them as deleted or marked.
     */
    public <T extends KubeObject> List<T> deleteCollection(ResourceType<T> type, String namespace, ListOptions selectors,
            DeleteOptions options) {
        if (authorizer != null) {
            authorize("deletecollection", type, namespace, "", "");
            return root.deleteCollection(type, namespace, selectors, options);
        }
        List<T> out = new ArrayList<>();
        for (T obj : list(type, namespace, selectors).items()) {
            try {
                out.add(delete(type, obj.metadata().namespace(), obj.metadata().name(), options));
            } catch (ApiException e) {
                // Gone meanwhile (a finalizer or another client removed it): nothing left to delete.
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return out;
    }

    /**
     * Watches objects of {@code type} in {@code namespace} (all if null) that pass {@code filter}. With an
     * empty or "0" resourceVersion the current objects come first as ADDED events; otherwise changes after
     * that resourceVersion are replayed, or, if they were compacted away, a single ERROR event carries
     * 410 "too old resource version".
     */
    public <T extends KubeObject> ApiWatch watch(ResourceType<T> type, String namespace, String resourceVersion,
            Predicate<? super T> filter, Consumer<ApiWatchEvent<T>> listener) {
        if (authorizer != null) {
            authorize("watch", type, namespace, "", "");
            return root.watch(type, namespace, resourceVersion, filter, listener);
        }
        RegistryStore<T> store = store(type);
        String ns = scope(type, namespace);
        long start;
        if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            ObjectList<T> current = store.list(ns, filter);
            current.items().forEach(o -> listener.accept(ApiWatchEvent.of(WatchEventType.ADDED, o)));
            start = Long.parseLong(current.resourceVersion()) + 1;
        } else {
            start = parseResourceVersion(resourceVersion) + 1;
        }
        WatchTranslator<T> translator = new WatchTranslator<>(store, filter, listener);
        Watcher watcher = etcd.watch(WatchRequest.prefix(type.keyPrefix(ns)).fromRevision(start).withPrevKv(true),
                response -> {
                    if (response.canceled() && response.compactRevision() > 0) {
                        listener.accept(ApiWatchEvent.error(ApiErrors.resourceExpired("too old resource version: "
                                + resourceVersion + " (" + response.compactRevision() + ")").status()));
                        return;
                    }
                    response.events().forEach(translator::accept);
                });
        return new ApiWatch(watcher.isActive() ? watcher : null);
    }

    /** Serves the pods/eviction subresource with {@code evictor} from now on. */
    public void serveEviction(Evictor evictor) {
        root.evictor = Objects.requireNonNull(evictor, "evictor");
    }

    /**
     * POSTs a policy/v1 Eviction to the pod's eviction subresource: the pod is deleted (with the eviction's delete
     * options) if its PodDisruptionBudget allows, else the refusal is thrown (429 TooManyRequests with the
     * DisruptionBudget cause). 404 when no eviction subresource is served.
     */
    public void evict(String namespace, String name, io.ksim.api.policy.Eviction eviction) {
        if (authorizer != null) {
            RegistryStore<?> pods = stores.get("pods");
            if (pods != null) {
                authorize("create", pods.type(), namespace, "eviction", name);
            }
            root.evict(namespace, name, eviction);
            return;
        }
        if (evictor == null) {
            throw ApiErrors.notFound(new GroupResource("", "pods/eviction"), name);
        }
        evictor.evict(this, namespace, name, eviction);
    }

    /** The store revision: the resourceVersion a list made now would carry. */
    public String currentResourceVersion() {
        return Long.toString(etcd.revision());
    }

    private <T extends KubeObject> T admit(AdmissionPlugin.Operation op, ResourceType<T> type, String namespace,
            String name, T obj, T old) {
        T current = obj;
        for (int i = 0; i < admission.size(); i++) {
            try {
                current = admission.get(i).admit(op, type, namespace, name, current, old);
            } catch (RuntimeException e) {
                // The plugins that admitted before this refusal give back what they reserved.
                for (int j = i - 1; j >= 0; j--) {
                    admission.get(j).finish(op, type, current, old, false);
                }
                throw e;
            }
        }
        return current;
    }

    /** Tells the plugins, in reverse order (the last to reserve is the first to give back), how storage answered. */
    private <T extends KubeObject> void finish(AdmissionPlugin.Operation op, ResourceType<T> type, T admitted, T old,
            boolean stored) {
        for (int i = admission.size() - 1; i >= 0; i--) {
            admission.get(i).finish(op, type, admitted, old, stored);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static long parseResourceVersion(String rv) {
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw ApiErrors.badRequest("invalid resource version \"" + rv + "\"");
        }
    }

    private static String scope(ResourceType<?> type, String namespace) {
        return type.namespaced() ? namespace : null;
    }

    private static <T extends KubeObject> T inNamespace(ResourceType<T> type, String namespace, T obj) {
        ObjectMeta meta = obj.metadata();
        if (!type.namespaced()) {
            return meta.namespace() == null ? obj : type.cast(obj.withMetadata(meta.toBuilder().namespace(null).build()));
        }
        String own = meta.namespace();
        if (own == null || own.isEmpty()) {
            return type.cast(obj.withMetadata(meta.toBuilder().namespace(namespace).build()));
        }
        if (namespace != null && !namespace.equals(own)) {
            throw ApiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        return obj;
    }

    @SuppressWarnings("unchecked")
    private <T extends KubeObject> RegistryStore<T> store(ResourceType<T> type) {
        RegistryStore<?> store = stores.get(type.groupResource().toString());
        if (store == null || store.type() != type) {
            throw ApiErrors.notFound(new GroupResource("", "resources"), type.groupResource().toString());
        }
        return (RegistryStore<T>) store;
    }
}
