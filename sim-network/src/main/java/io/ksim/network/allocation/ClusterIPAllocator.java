package io.ksim.network.allocation;

import java.util.SplittableRandom;

/**
 * The Service IP range of kube-apiserver ({@code --service-cluster-ip-range}, IPv4), as upstream's bitmap
 * ipallocator: the network and broadcast addresses are never handed out, so offset 0 is the first address
 * after the network ({@code 10.96.0.1} for {@code 10.96.0.0/12}). The static band is
 * {@code min(max(16, size/16), 256)} addresses (ServiceIPStaticSubrange), which is why kubeadm's fixed
 * {@code 10.96.0.10} for kube-dns never collides with a dynamic pick until the upper part is full.
 *
 * <p>Errors are upstream's texts: "provided IP is already allocated", "the provided IP (1.1.1.1) is not in
 * the valid range. The range of valid IPs is 10.96.0.0/12", "range is full".
 */
public final class ClusterIPAllocator {

    public static final String ERR_ALLOCATED = "provided IP is already allocated";
    public static final String ERR_FULL = "range is full";

    private final String cidr;
    private final long network;
    private final long size;
    private final BitmapAllocator bitmap;

    public ClusterIPAllocator(String cidr, SplittableRandom random) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("unsupported service CIDR prefix: " + cidr);
        }
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        this.network = IPv4.parse(cidr.substring(0, slash)) & mask;
        this.cidr = IPv4.format(network) + "/" + prefix;
        this.size = 1L << (32 - prefix);
        int max = (int) Math.min(Integer.MAX_VALUE, size - 2);
        this.bitmap = new BitmapAllocator(max, staticBand(size), random);
    }

    /** upstream calculateRangeOffset for service IPs: min(max(16, size/16), 256), 0 for ranges of 16 or less. */
    static int staticBand(long cidrSize) {
        if (cidrSize <= 16) {
            return 0;
        }
        return (int) Math.min(256, Math.max(16, cidrSize / 16));
    }

    /** The range as configured, e.g. {@code 10.96.0.0/12}. */
    public String cidr() {
        return cidr;
    }

    /** Reserves a specific IP. */
    public Allocation<String> allocate(String ip) {
        long offset = offsetOf(ip);
        if (offset < 0) {
            return Allocation.refused(notInRange(ip));
        }
        return bitmap.allocate((int) offset) ? Allocation.of(ip) : Allocation.refused(ERR_ALLOCATED);
    }

    /** Reserves a random free IP, upper band first. */
    public Allocation<String> allocateNext() {
        int offset = bitmap.allocateNext();
        return offset < 0 ? Allocation.refused(ERR_FULL) : Allocation.of(IPv4.format(network + 1 + offset));
    }

    /** Frees an IP; IPs outside the range or free already are ignored, as upstream. */
    public void release(String ip) {
        long offset = offsetOf(ip);
        if (offset >= 0) {
            bitmap.release((int) offset);
        }
    }

    /** The allocated addresses, in address order (what a snapshot of the range holds). */
    public java.util.List<String> allocated() {
        return bitmap.allocatedOffsets().mapToObj(o -> IPv4.format(network + 1 + o)).toList();
    }

    public boolean has(String ip) {
        long offset = offsetOf(ip);
        return offset >= 0 && bitmap.has((int) offset);
    }

    /** Whether {@code ip} lies in the static (lower) band. */
    public boolean inStaticBand(String ip) {
        long offset = offsetOf(ip);
        return offset >= 0 && offset < bitmap.staticBand();
    }

    /** The {@code n}-th address of the range (1 is the first usable one). */
    public String address(int n) {
        return IPv4.format(network + n);
    }

    public int free() {
        return bitmap.free();
    }

    /** Addresses that can be handed out (the range minus network and broadcast). */
    public int usable() {
        return bitmap.max();
    }

    private String notInRange(String ip) {
        return "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + cidr;
    }

    private long offsetOf(String ip) {
        long addr;
        try {
            addr = IPv4.parse(ip);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        long offset = addr - network - 1;
        return offset < 0 || offset >= bitmap.max() ? -1 : offset;
    }
}
