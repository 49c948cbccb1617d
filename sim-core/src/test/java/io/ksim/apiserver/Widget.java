package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.Objects;

/**
 * A small resource for testing the generic API machinery without a real kind: a spec (size), a status
 * (ready), and generation semantics like a workload's.
 */
public record Widget(String apiVersion, String kind, ObjectMeta metadata, Integer size, String ready) implements KubeObject {

    public static final ResourceType<Widget> TYPE = ResourceType.builder(Widget.class, "example.io", "v1", "Widget", "widgets")
            .shortNames("wd")
            .defaulter(w -> w.size() == null ? new Widget(w.apiVersion, w.kind, w.metadata, 1, w.ready) : w)
            .strategy(new Strategy<>() {
                @Override
                public Widget prepareForCreate(Widget w) {
                    return new Widget(w.apiVersion, w.kind, w.metadata.toBuilder().generation(1L).build(), w.size, null);
                }

                @Override
                public Widget prepareForUpdate(Widget w, Widget old) {
                    long gen = old.metadata().generation();
                    if (!Objects.equals(w.size, old.size)) {
                        gen++;
                    }
                    return new Widget(w.apiVersion, w.kind, w.metadata.toBuilder().generation(gen).build(), w.size,
                            old.ready);
                }

                @Override
                public Widget prepareForStatusUpdate(Widget w, Widget old) {
                    return new Widget(old.apiVersion, old.kind, old.metadata, old.size, w.ready);
                }

                @Override
                public java.util.List<io.ksim.api.meta.StatusCause> validate(Widget w) {
                    return w.size() < 0
                            ? java.util.List.of(new io.ksim.api.meta.StatusCause("FieldValueInvalid",
                                    "Invalid value: " + w.size() + ": must be greater than or equal to 0", "size"))
                            : java.util.List.of();
                }

                @Override
                public long gracePeriodSeconds(Widget w, Long requested) {
                    return requested != null ? requested : "slow".equals(w.ready) ? 30 : 0;
                }
            })
            .withStatusSubresource()
            .build();

    public Widget {
        apiVersion = apiVersion == null ? "example.io/v1" : apiVersion;
        kind = kind == null ? "Widget" : kind;
    }

    public static Widget named(String name, Integer size) {
        return new Widget(null, null, ObjectMeta.builder().name(name).build(), size, null);
    }

    public Widget withSize(int s) {
        return new Widget(apiVersion, kind, metadata, s, ready);
    }

    public Widget withReady(String r) {
        return new Widget(apiVersion, kind, metadata, size, r);
    }

    @Override
    public Widget withMetadata(ObjectMeta m) {
        return new Widget(apiVersion, kind, m, size, ready);
    }
}
