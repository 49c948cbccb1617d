package io.ksim.kernel;

/**
 * A fault the simulation can inject at a virtual time: a node's kubelet stops, a network partitions, a
 * component crashes, the store is compacted. Faults are ordinary kernel events, so they happen at the
 * same virtual instant, in the same order, on every run with the same seed.
 *
 * <p>Implementations name what they break ({@link #target()}) and say it in a student's words
 * ({@link #description()}); the kernel records both in the trace before applying the fault.
 */
public interface Fault {

    /** What the fault hits, e.g. "node-2" or "etcd". */
    String target();

    /** What happens, e.g. "kubelet stops posting heartbeats". */
    String description();

    /** Breaks (or mends) the target. Runs on the simulation thread at the fault's virtual time. */
    void inject(Kernel kernel);

    /** A fault from its parts, for faults that are a single action. */
    static Fault of(String target, String description, Runnable action) {
        return new Fault() {
            @Override
            public String target() {
                return target;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void inject(Kernel kernel) {
                action.run();
            }

            @Override
            public String toString() {
                return "Fault[" + target + ": " + description + "]";
            }
        };
    }
}
