package io.ksim.network.allocation;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Upstream's allocation bitmap with the offset-aware random scan (pkg/registry/core/service/allocator,
 * {@code randomScanStrategyWithOffset}): items are offsets {@code 0..max-1}; the first {@code staticBand}
 * offsets are the "static" band that users are encouraged to request by hand, so a dynamic pick first scans
 * the upper band from a random start (wrapping), and only when it is full scans the lower band the same way.
 *
 * <p>Worked example: max 10, staticBand 4, offsets 4..9 free: a dynamic pick starts at 4 + r (r in 0..5) and
 * takes the first free offset going up and wrapping within 4..9; offsets 0..3 are used only after 4..9 are
 * all taken.
 */
public final class BitmapAllocator {

    private final int max;
    private final int staticBand;
    private final BitSet allocated = new BitSet();
    private final SplittableRandom random;
    private int count;

    public BitmapAllocator(int max, int staticBand, SplittableRandom random) {
        if (max < 0 || staticBand < 0 || staticBand > max) {
            throw new IllegalArgumentException("bad bitmap bounds " + max + "/" + staticBand);
        }
        this.max = max;
        this.staticBand = staticBand;
        this.random = random;
    }

    /** The taken offsets, in ascending order. */
    public java.util.stream.IntStream allocatedOffsets() {
        return allocated.stream();
    }

    /** Reserves {@code offset}; false if it is taken. The caller checks the range. */
    public boolean allocate(int offset) {
        if (allocated.get(offset)) {
            return false;
        }
        allocated.set(offset);
        count++;
        return true;
    }

    /** Reserves a free offset chosen as upstream does, or -1 if every offset is taken. */
    public int allocateNext() {
        if (count >= max) {
            return -1;
        }
        int upper = max - staticBand;
        if (upper > 0) {
            int start = random.nextInt(upper);
            for (int i = 0; i < upper; i++) {
                int at = staticBand + (start + i) % upper;
                if (!allocated.get(at)) {
                    allocate(at);
                    return at;
                }
            }
        }
        if (staticBand > 0) {
            int start = random.nextInt(staticBand);
            for (int i = 0; i < staticBand; i++) {
                int at = (start + i) % staticBand;
                if (!allocated.get(at)) {
                    allocate(at);
                    return at;
                }
            }
        }
        return -1;
    }

    /** Frees {@code offset}; freeing a free offset does nothing, as upstream. */
    public void release(int offset) {
        if (allocated.get(offset)) {
            allocated.clear(offset);
            count--;
        }
    }

    public boolean has(int offset) {
        return allocated.get(offset);
    }

    /** How many offsets are free. */
    public int free() {
        return max - count;
    }

    public int max() {
        return max;
    }

    public int staticBand() {
        return staticBand;
    }
}
