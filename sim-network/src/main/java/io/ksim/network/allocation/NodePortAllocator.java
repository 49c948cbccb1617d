package io.ksim.network.allocation;

import java.util.SplittableRandom;

/**
 * The node-port range of kube-apiserver ({@code --service-node-port-range}, default {@code 30000-32767}), as
 * upstream's portallocator: cluster-wide, one number per port whatever the protocol. The static band is
 * {@code min(max(16, size/32), 128)} ports (ServiceNodePortStaticSubrange): for the default range 86 ports,
 * 30000-30085, which dynamic picks use only when 30086-32767 are all taken.
 *
 * <p>Errors are upstream's texts: "provided port is already allocated", "provided port is not in the valid
 * range. The range of valid ports is 30000-32767", "range is full".
 */
public final class NodePortAllocator {

    public static final String DEFAULT_RANGE = "30000-32767";
    public static final String ERR_ALLOCATED = "provided port is already allocated";
    public static final String ERR_FULL = "range is full";

    private final int base;
    private final int size;
    private final String range;
    private final BitmapAllocator bitmap;

    public NodePortAllocator(String range, SplittableRandom random) {
        int dash = range.indexOf('-');
        this.base = Integer.parseInt(range.substring(0, dash).trim());
        int last = Integer.parseInt(range.substring(dash + 1).trim());
        if (last < base) {
            throw new IllegalArgumentException("bad port range " + range);
        }
        this.size = last - base + 1;
        this.range = base + "-" + last;
        this.bitmap = new BitmapAllocator(size, staticBand(size), random);
    }

    /** upstream calculateRangeOffset for node ports: min(max(16, size/32), 128), 0 for ranges of 16 or less. */
    static int staticBand(int rangeSize) {
        if (rangeSize <= 16) {
            return 0;
        }
        return Math.min(128, Math.max(16, rangeSize / 32));
    }

    public String range() {
        return range;
    }

    /** Reserves a specific port. */
    public Allocation<Integer> allocate(int port) {
        if (port < base || port >= base + size) {
            return Allocation.refused("provided port is not in the valid range. The range of valid ports is " + range);
        }
        return bitmap.allocate(port - base) ? Allocation.of(port) : Allocation.refused(ERR_ALLOCATED);
    }

    /** Reserves a random free port, upper band first. */
    public Allocation<Integer> allocateNext() {
        int offset = bitmap.allocateNext();
        return offset < 0 ? Allocation.refused(ERR_FULL) : Allocation.of(base + offset);
    }

    /** Frees a port; ports outside the range or free already are ignored. */
    public void release(int port) {
        if (port >= base && port < base + size) {
            bitmap.release(port - base);
        }
    }

    /** The allocated ports, ascending. */
    public java.util.List<Integer> allocated() {
        return bitmap.allocatedOffsets().mapToObj(o -> base + o).toList();
    }

    public boolean has(int port) {
        return port >= base && port < base + size && bitmap.has(port - base);
    }

    /** The last port of the static band (30085 for the default range). */
    public int staticBandEnd() {
        return base + bitmap.staticBand() - 1;
    }

    public int free() {
        return bitmap.free();
    }
}
