package io.ksim.kubectl;

import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.util.List;
import java.util.Locale;

/**
 * Resolves what users type for a resource ({@code po}, {@code pod}, {@code pods}, {@code Pod},
 * {@code deployments.apps}, {@code deploy.apps}) to a served resource, as kubectl's RESTMapper does from
 * discovery: plural, singular, short names and kind match case-insensitively, an optional {@code .group}
 * suffix narrows the group.
 */
public final class ResourceResolver {

    private final ApiServer api;

    public ResourceResolver(ApiServer api) {
        this.api = api;
    }

    /** The resource {@code typed} names; kubectl's error when the server serves none. */
    public ResourceType<?> resolve(String typed) {
        String lower = typed.toLowerCase(Locale.ROOT);
        ResourceType<?> found = find(lower, null);
        if (found == null) {
            int dot = lower.indexOf('.');
            if (dot > 0) {
                found = find(lower.substring(0, dot), lower.substring(dot + 1));
            }
        }
        if (found == null) {
            throw new KubectlException("error: the server doesn't have a resource type \"" + typed + "\"");
        }
        return found;
    }

    private ResourceType<?> find(String name, String group) {
        // Plural and singular names take precedence over short names and kinds, as in discovery.
        for (int pass = 0; pass < 2; pass++) {
            for (ResourceType<?> t : api.resources()) {
                if (group != null && !group.equals(t.group()) && !t.group().startsWith(group + ".")) {
                    continue;
                }
                boolean match = pass == 0
                        ? name.equals(t.resource()) || name.equals(t.singular())
                        : t.shortNames().contains(name) || name.equals(t.kind().toLowerCase(Locale.ROOT));
                if (match) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The served resources in category {@code category} ({@code all}), in kubectl's order for {@code get all}. */
    public List<ResourceType<?>> category(String category) {
        return api.resources().stream().filter(t -> t.categories().contains(category)).toList();
    }
}
