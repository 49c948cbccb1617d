package io.ksim.apiserver;

import io.ksim.store.Watcher;

/** A running API watch; {@link #stop()} ends it (no more events). */
public final class ApiWatch {

    private final Watcher watcher;
    private boolean stopped;

    ApiWatch(Watcher watcher) {
        this.watcher = watcher;
    }

    public void stop() {
        if (!stopped) {
            stopped = true;
            if (watcher != null) {
                watcher.cancel();
            }
        }
    }

    public boolean isStopped() {
        return stopped || watcher == null || !watcher.isActive();
    }
}
