package io.ksim.network.dns;

import java.util.List;

/**
 * The answer to one query: the response code (NOERROR, NXDOMAIN), the answer records, and the additional
 * records (the A records of SRV targets). NOERROR with no answers is NODATA: the name exists, not that type.
 */
public record DnsAnswer(String rcode, List<DnsRecord> answers, List<DnsRecord> additional) {

    public static final String NOERROR = "NOERROR";
    public static final String NXDOMAIN = "NXDOMAIN";

    public DnsAnswer {
        answers = List.copyOf(answers);
        additional = List.copyOf(additional);
    }

    public static DnsAnswer nxdomain() {
        return new DnsAnswer(NXDOMAIN, List.of(), List.of());
    }

    public static DnsAnswer of(List<DnsRecord> answers) {
        return new DnsAnswer(NOERROR, answers, List.of());
    }

    public boolean found() {
        return NOERROR.equals(rcode) && !answers.isEmpty();
    }
}
