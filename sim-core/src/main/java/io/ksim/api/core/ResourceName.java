package io.ksim.api.core;

/**
 * Names of compute resources in resource lists (core/v1 ResourceName): {@code cpu} in cores, {@code memory}
 * and storage in bytes. Extended resources are domain-prefixed names; huge pages are
 * {@code hugepages-<size>}.
 */
public final class ResourceName {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String STORAGE = "storage";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    /** Prefix of resource names in the kubernetes.io namespace. */
    public static final String DEFAULT_NAMESPACE_PREFIX = "kubernetes.io/";
    /** Prefix of huge page resources. */
    public static final String HUGE_PAGES_PREFIX = "hugepages-";
    /** Prefix of attachable volume limits. */
    public static final String ATTACHABLE_VOLUMES_PREFIX = "attachable-volumes-";

    private ResourceName() {
    }
}
