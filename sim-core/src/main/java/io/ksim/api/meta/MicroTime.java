package io.ksim.api.meta;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A time with microsecond precision (metav1.MicroTime), as Events' {@code eventTime} and Leases'
 * {@code acquireTime}/{@code renewTime} carry it. On the wire it is RFC 3339 in UTC with exactly six
 * fractional digits: {@code 2025-01-01T00:00:00.000000Z}. Decoding takes exactly that layout (any zone
 * offset), as upstream's parser does: a value without the six digits is an error.
 */
public record MicroTime(Instant time) implements Comparable<MicroTime> {

    private static final DateTimeFormatter PRINT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter PARSE = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX")
            .withResolverStyle(ResolverStyle.STRICT);

    public MicroTime {
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.MICROS);
    }

    public static MicroTime of(Instant time) {
        return new MicroTime(time);
    }

    /** Parses the wire form; throws {@link IllegalArgumentException} for anything else. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MicroTime parse(String text) {
        try {
            return new MicroTime(OffsetDateTime.parse(text, PARSE).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parsing time \"" + text + "\" as \"2006-01-02T15:04:05.000000Z07:00\"",
                    e);
        }
    }

    /** The wire form, {@code 2025-01-01T00:00:00.000000Z}. */
    @JsonValue
    public String format() {
        return PRINT.format(time);
    }

    @Override
    public int compareTo(MicroTime other) {
        return time.compareTo(other.time);
    }

    @Override
    public String toString() {
        return format();
    }
}
