package io.ksim.api.core;

/** A raw block device of a volume mapped into a container (core/v1 VolumeDevice). */
public record VolumeDevice(String name, String devicePath) {
}
