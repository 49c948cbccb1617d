package io.ksim.api.core;

/** Network protocols of ports (core/v1 Protocol). */
public final class Protocol {

    public static final String TCP = "TCP";
    public static final String UDP = "UDP";
    public static final String SCTP = "SCTP";

    private Protocol() {
    }
}
