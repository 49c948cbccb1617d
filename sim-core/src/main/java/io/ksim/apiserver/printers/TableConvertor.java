package io.ksim.apiserver.printers;

import io.ksim.api.meta.KubeObject;
import java.time.Instant;
import java.util.List;

/** Turns objects of one kind into a {@link Table}; {@code now} is the virtual time ages are measured against. */
@FunctionalInterface
public interface TableConvertor {

    Table convert(List<? extends KubeObject> objects, Instant now);
}
