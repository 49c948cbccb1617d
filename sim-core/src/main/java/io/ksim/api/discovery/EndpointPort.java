package io.ksim.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * A port every endpoint of a slice serves (discovery/v1 EndpointPort). {@code name} matches the service
 * port's name ("" for an unnamed one); a null {@code port} means all ports. Defaulting sets name "" and
 * protocol TCP. The optional strings are Go pointers: an empty name is written out, not dropped.
 */
public record EndpointPort(@JsonInclude(Include.NON_NULL) String name, @JsonInclude(Include.NON_NULL) String protocol,
        Integer port, @JsonInclude(Include.NON_NULL) String appProtocol) {

    public static final String TCP = "TCP";
    public static final String UDP = "UDP";
    public static final String SCTP = "SCTP";

    public static EndpointPort of(String name, String protocol, int port) {
        return new EndpointPort(name, protocol, port, null);
    }
}
