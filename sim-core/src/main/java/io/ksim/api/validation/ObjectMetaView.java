package io.ksim.api.validation;

import java.util.Map;

/**
 * The parts of an object's metadata that create-time validation looks at. Accessor names suit a record, so a
 * metadata record can implement this directly. Absent strings are empty and absent maps empty (or null).
 */
public interface ObjectMetaView {

    String name();

    String generateName();

    String namespace();

    long generation();

    Map<String, String> labels();

    Map<String, String> annotations();
}
