package io.ksim.apiserver;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Names and uids the API server makes up, from its seeded random stream.
 *
 * <p>generateName: the base cut to 58 characters, then 5 characters from upstream's alphabet
 * {@code bcdfghjklmnpqrstvwxz2456789} (no vowels, so no words; no 0, 1, 3), drawn as upstream's
 * util/rand.String does: 5-bit slices of a 63-bit random number, slices past the alphabet skipped.
 */
public final class NameGenerator {

    /** Characters of generated suffixes (apimachinery util/rand). */
    public static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    /** Length of the random suffix of generated names. */
    public static final int SUFFIX_LENGTH = 5;
    /** A generated name is at most 63 characters: the base keeps 58. */
    public static final int MAX_BASE_LENGTH = 63 - SUFFIX_LENGTH;

    private final SplittableRandom random;

    public NameGenerator(SplittableRandom random) {
        this.random = random;
    }

    /** {@code generateName("web-7c9f-")} gives e.g. "web-7c9f-x2kqb". */
    public String generateName(String base) {
        if (base.length() > MAX_BASE_LENGTH) {
            base = base.substring(0, MAX_BASE_LENGTH);
        }
        return base + randomString(SUFFIX_LENGTH);
    }

    /** n characters of {@link #ALPHANUMS}, as util/rand.String(n). */
    public String randomString(int n) {
        StringBuilder out = new StringBuilder(n);
        long bits = random.nextLong() >>> 1;
        int remaining = 63 / 5;
        while (out.length() < n) {
            if (remaining == 0) {
                bits = random.nextLong() >>> 1;
                remaining = 63 / 5;
            }
            int idx = (int) (bits & 0x1f);
            if (idx < ALPHANUMS.length()) {
                out.append(ALPHANUMS.charAt(idx));
            }
            bits >>>= 5;
            remaining--;
        }
        return out.toString();
    }

    /** A random (version 4) UUID, as metadata.uid. */
    public String uid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
