package io.ksim.network.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod's stub resolver as glibc runs it over its resolv.conf: a name with a trailing dot is asked as is; a
 * name with at least {@code ndots} dots is asked as is first, then with each search domain; a shorter name
 * is tried with each search domain in order, then as is. The first answer that is not NXDOMAIN ends the
 * search (a NODATA answer too, as glibc stops on it).
 *
 * <p>Example (namespace default, ndots 5): {@code web.other} asks {@code web.other.default.svc.cluster.local}
 * (NXDOMAIN), then {@code web.other.svc.cluster.local} (found).
 */
public final class Resolver {

    /** One lookup: the names asked in order and the answer that ended it. */
    public record Lookup(String name, List<String> queries, DnsAnswer answer, String answeredName) {

        public Lookup {
            queries = List.copyOf(queries);
        }
    }

    private final ResolvConf conf;
    private final CoreDns dns;

    public Resolver(ResolvConf conf, CoreDns dns) {
        this.conf = conf;
        this.dns = dns;
    }

    public Lookup lookup(String name, String type) {
        List<String> candidates = new ArrayList<>();
        if (name.endsWith(".")) {
            candidates.add(name);
        } else {
            long dots = name.chars().filter(c -> c == '.').count();
            if (dots >= conf.ndots()) {
                candidates.add(name + ".");
            }
            for (String s : conf.searches()) {
                candidates.add(name + "." + s + ".");
            }
            if (dots < conf.ndots()) {
                candidates.add(name + ".");
            }
        }
        List<String> asked = new ArrayList<>();
        DnsAnswer last = DnsAnswer.nxdomain();
        for (String c : candidates) {
            asked.add(c);
            last = dns.query(c, type);
            if (!DnsAnswer.NXDOMAIN.equals(last.rcode())) {
                return new Lookup(name, asked, last, c);
            }
        }
        return new Lookup(name, asked, last, null);
    }

    /** What bind's {@code nslookup <name>} prints in the pod. */
    public String nslookup(String name) {
        String server = conf.nameservers().isEmpty() ? "127.0.0.1" : conf.nameservers().get(0);
        StringBuilder sb = new StringBuilder();
        sb.append("Server:\t\t").append(server).append('\n');
        sb.append("Address:\t").append(server).append("#53\n\n");
        Lookup l = lookup(name, "A");
        if (!l.answer().found()) {
            sb.append("** server can't find ").append(name).append(": ")
                    .append(l.answer().rcode().equals(DnsAnswer.NOERROR) ? "NXDOMAIN" : l.answer().rcode()).append('\n');
            return sb.toString();
        }
        for (DnsRecord r : l.answer().answers()) {
            String owner = r.name().substring(0, r.name().length() - 1);
            if ("CNAME".equals(r.type())) {
                sb.append(owner).append("\tcanonical name = ").append(r.data()).append('\n');
            } else if ("A".equals(r.type())) {
                sb.append("Name:\t").append(owner).append('\n');
                sb.append("Address: ").append(r.data()).append('\n');
            }
        }
        return sb.toString();
    }
}
