package io.ksim.api.core;

/** A pause, as a lifecycle hook (core/v1 SleepAction). */
public record SleepAction(long seconds) {
}
