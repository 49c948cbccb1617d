package io.ksim.bench;

/** Placeholder replaced when the etcd client lands. */
final class EtcdComparison {
    private EtcdComparison() {
    }

    static void runIfAvailable(String[] keys) {
    }
}
