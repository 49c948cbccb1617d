package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.validation.NameValidator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One resource the API server serves: its names (as {@code kubectl api-resources} lists them), the Java
 * type of its objects, where it lives in etcd, and its defaulting and strategy.
 *
 * <p>Keys follow kube-apiserver's layout: {@code <etcdPrefix>/<namespace>/<name>} for namespaced resources
 * and {@code <etcdPrefix>/<name>} otherwise, e.g. {@code /registry/pods/default/web-1},
 * {@code /registry/minions/node-1} (Nodes keep their historical name), {@code /registry/services/specs/default/web}.
 */
public final class ResourceType<T extends KubeObject> {

    private final String group;
    private final String version;
    private final String kind;
    private final String resource;
    private final String singular;
    private final List<String> shortNames;
    private final List<String> categories;
    private final boolean namespaced;
    private final Class<T> type;
    private final String etcdPrefix;
    private final UnaryOperator<T> defaulter;
    private final Strategy<T> strategy;
    private final boolean hasStatus;
    private final NameValidator nameValidator;
    private final String nameStream;

    private ResourceType(Builder<T> b) {
        this.group = b.group;
        this.version = b.version;
        this.kind = b.kind;
        this.resource = b.resource;
        this.singular = b.singular != null ? b.singular : b.kind.toLowerCase(java.util.Locale.ROOT);
        this.shortNames = List.copyOf(b.shortNames);
        this.categories = List.copyOf(b.categories);
        this.namespaced = b.namespaced;
        this.type = b.type;
        this.etcdPrefix = b.etcdPrefix != null ? b.etcdPrefix : "/registry/" + b.resource;
        this.defaulter = b.defaulter;
        this.strategy = b.strategy;
        this.hasStatus = b.hasStatus;
        this.nameValidator = b.nameValidator;
        this.nameStream = b.nameStream;
    }

    public static <T extends KubeObject> Builder<T> builder(Class<T> type, String group, String version, String kind,
            String resource) {
        return new Builder<>(type, group, version, kind, resource);
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    /** "v1" for the core group, "apps/v1" otherwise. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String kind() {
        return kind;
    }

    /** The plural resource name: "pods", "deployments". */
    public String resource() {
        return resource;
    }

    public String singular() {
        return singular;
    }

    public List<String> shortNames() {
        return shortNames;
    }

    /** Categories such as "all" (what {@code kubectl get all} lists). */
    public List<String> categories() {
        return categories;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public Class<T> type() {
        return type;
    }

    /** Whether the resource has a status subresource. */
    public boolean hasStatus() {
        return hasStatus;
    }

    /**
     * The random stream this resource's uids and generated names come from, or null for the API server's shared
     * one.
     */
    public String nameStream() {
        return nameStream;
    }

    /** The rule object names must follow (an RFC 1123 subdomain unless the resource says otherwise). */
    public NameValidator nameValidator() {
        return nameValidator;
    }

    public GroupResource groupResource() {
        return new GroupResource(group, resource);
    }

    public GroupKind groupKind() {
        return new GroupKind(group, kind);
    }

    public String etcdPrefix() {
        return etcdPrefix;
    }

    /** The etcd key of one object. */
    public String key(String namespace, String name) {
        return namespaced ? etcdPrefix + "/" + namespace + "/" + name : etcdPrefix + "/" + name;
    }

    /** The etcd prefix of all objects in a namespace, or of all objects if {@code namespace} is null. */
    public String keyPrefix(String namespace) {
        return namespaced && namespace != null ? etcdPrefix + "/" + namespace + "/" : etcdPrefix + "/";
    }

    public T applyDefaults(T obj) {
        return defaulter.apply(obj);
    }

    public Strategy<T> strategy() {
        return strategy;
    }

    /** Casts an object known to be of this resource. */
    public T cast(KubeObject obj) {
        return type.cast(obj);
    }

    @Override
    public String toString() {
        return groupResource().toString();
    }

    /** Builds a {@link ResourceType}; defaults: namespaced, no short names, no defaulting, plain strategy. */
    public static final class Builder<T extends KubeObject> {
        private final Class<T> type;
        private final String group;
        private final String version;
        private final String kind;
        private final String resource;
        private String singular;
        private List<String> shortNames = List.of();
        private List<String> categories = List.of();
        private boolean namespaced = true;
        private String etcdPrefix;
        private UnaryOperator<T> defaulter = UnaryOperator.identity();
        private Strategy<T> strategy = new Strategy<>() { };
        private boolean hasStatus;
        private NameValidator nameValidator = NameValidator.DNS1123_SUBDOMAIN;
        private String nameStream;

        private Builder(Class<T> type, String group, String version, String kind, String resource) {
            this.type = Objects.requireNonNull(type);
            this.group = Objects.requireNonNull(group);
            this.version = Objects.requireNonNull(version);
            this.kind = Objects.requireNonNull(kind);
            this.resource = Objects.requireNonNull(resource);
        }

        public Builder<T> singular(String v) {
            singular = v;
            return this;
        }

        public Builder<T> shortNames(String... v) {
            shortNames = List.of(v);
            return this;
        }

        public Builder<T> categories(String... v) {
            categories = List.of(v);
            return this;
        }

        public Builder<T> clusterScoped() {
            namespaced = false;
            return this;
        }

        public Builder<T> etcdPrefix(String v) {
            etcdPrefix = v;
            return this;
        }

        public Builder<T> defaulter(UnaryOperator<T> v) {
            defaulter = v;
            return this;
        }

        public Builder<T> strategy(Strategy<T> v) {
            strategy = v;
            return this;
        }

        /** The name rule, e.g. {@link NameValidator#DNS1123_LABEL} for namespaces. */
        public Builder<T> names(NameValidator v) {
            nameValidator = v;
            return this;
        }

        /**
         * Draws this resource's uids and generated names from the kernel's stream {@code v} instead of the API
         * server's shared one: objects of a resource ksim began to write later (every kubelet's CSINode) then move
         * none of the names and uids the other resources get for a seed.
         */
        public Builder<T> nameStream(String v) {
            nameStream = v;
            return this;
        }

        public Builder<T> withStatusSubresource() {
            hasStatus = true;
            return this;
        }

        public ResourceType<T> build() {
            return new ResourceType<>(this);
        }
    }
}
