package io.ksim.apiserver;

import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.NameValidator;
import io.ksim.api.validation.ObjectMetaValidation;
import io.ksim.api.validation.ObjectMetaView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metadata checks every create runs (upstream's ValidateObjectMeta): the name by the resource's rule
 * (an RFC 1123 subdomain for most, a label for namespaces, a DNS-1035 label for services), the namespace,
 * labels and annotations, with upstream's field paths and texts.
 */
final class MetadataValidation {

    private static final FieldPath METADATA = FieldPath.of("metadata");

    private MetadataValidation() {
    }

    static List<StatusCause> validate(ObjectMeta meta, boolean namespaced, NameValidator names) {
        List<StatusCause> causes = new ArrayList<>();
        for (FieldError e : ObjectMetaValidation.validateObjectMeta(view(meta), namespaced, names, METADATA)) {
            causes.add(e.cause());
        }
        return causes;
    }

    private static ObjectMetaView view(ObjectMeta meta) {
        return new ObjectMetaView() {
            @Override
            public String name() {
                return meta.name();
            }

            @Override
            public String generateName() {
                return meta.generateName();
            }

            @Override
            public String namespace() {
                return meta.namespace();
            }

            @Override
            public long generation() {
                return meta.generation() == null ? 0 : meta.generation();
            }

            @Override
            public Map<String, String> labels() {
                return meta.labels();
            }

            @Override
            public Map<String, String> annotations() {
                return meta.annotations();
            }
        };
    }
}
