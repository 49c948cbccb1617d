package io.ksim.api.core;

import io.ksim.api.resource.Quantity;

/** A scratch directory that lives as long as the pod (core/v1 EmptyDirVolumeSource). */
public record EmptyDirVolumeSource(String medium, Quantity sizeLimit) {

    public static final String MEDIUM_DEFAULT = "";
    public static final String MEDIUM_MEMORY = "Memory";
    public static final String MEDIUM_HUGE_PAGES = "HugePages";
    public static final String MEDIUM_HUGE_PAGES_PREFIX = "HugePages-";
}
