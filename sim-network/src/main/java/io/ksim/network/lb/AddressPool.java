package io.ksim.network.lb;

import io.ksim.network.allocation.IPv4;
import java.util.ArrayList;
import java.util.List;

/**
 * A MetalLB IPAddressPool (metallb.io/v1beta1): addresses given as ranges ({@code 172.18.255.200-172.18.255.250})
 * or CIDRs, handed out lowest first, as MetalLB's allocator walks a pool in order.
 */
public record AddressPool(String name, List<String> addresses) {

    public AddressPool {
        addresses = List.copyOf(addresses);
    }

    /** Every address of the pool, in order. */
    public List<String> expand() {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            long first;
            long last;
            if (a.contains("-")) {
                String[] p = a.split("-");
                first = IPv4.parse(p[0].trim());
                last = IPv4.parse(p[1].trim());
            } else {
                int slash = a.indexOf('/');
                int prefix = Integer.parseInt(a.substring(slash + 1));
                long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
                first = IPv4.parse(a.substring(0, slash)) & mask;
                last = first + (1L << (32 - prefix)) - 1;
            }
            for (long v = first; v <= last; v++) {
                out.add(IPv4.format(v));
            }
        }
        return out;
    }
}
