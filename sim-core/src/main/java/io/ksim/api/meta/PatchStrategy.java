package io.ksim.api.meta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a strategic merge patch treats a field: the Go struct tags {@code patchStrategy} and
 * {@code patchMergeKey} of the upstream type, put on the record component that models the field.
 *
 * <p>Present means {@code patchStrategy:"merge"}; absent means the field has no strategy, so a list is
 * replaced whole by the patch and an object is merged key by key. For example, upstream's
 *
 * <pre>
 * Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
 * Finalizers []string    `json:"finalizers,omitempty" patchStrategy:"merge"`
 * Volumes    []Volume    `json:"volumes,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
 * Selector   *metav1.LabelSelector `json:"selector,omitempty" patchStrategy:"replace"`
 * </pre>
 *
 * become
 *
 * <pre>
 * &#64;PatchStrategy(mergeKey = "name") List&lt;Container&gt; containers
 * &#64;PatchStrategy List&lt;String&gt; finalizers
 * &#64;PatchStrategy(mergeKey = "name", retainKeys = true) List&lt;Volume&gt; volumes
 * &#64;PatchStrategy(replace = true) LabelSelector selector
 * </pre>
 *
 * <p>On an object field, {@code merge} and no strategy behave alike; so {@code patchStrategy:"retainKeys"}
 * alone (DeploymentSpec.strategy) is written {@code @PatchStrategy(retainKeys = true)}.
 * docs/patch-strategies.md lists every tagged field of the upstream types.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PatchStrategy {

    /** The field of list elements that identifies them ({@code patchMergeKey}); empty for lists of scalars. */
    String mergeKey() default "";

    /** Adds {@code retainKeys}: a patch that lists the keys to keep clears the others (union types). */
    boolean retainKeys() default false;

    /** {@code patchStrategy:"replace"} instead of {@code merge}: the patch value replaces the field whole. */
    boolean replace() default false;
}
