package io.ksim.network.allocation;

/**
 * The answer of an allocator: the value it reserved, or upstream's error text ("provided IP is already
 * allocated", "range is full", ...). Refusals are expected outcomes, not exceptions.
 */
public record Allocation<V>(V value, String error) {

    public static <V> Allocation<V> of(V value) {
        return new Allocation<>(value, null);
    }

    public static <V> Allocation<V> refused(String error) {
        return new Allocation<>(null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
