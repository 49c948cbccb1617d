package io.ksim.kubectl.printers;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * go-yaml v2's decisions about text, for {@link GoYaml}: whether a bare string would read back as a string
 * (its resolver), which scalar styles a string allows (its emitter's analysis), and how it orders map keys.
 */
final class GoYamlRules {

    private static final Set<String> RESOLVES_TO_OTHER = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
            "on", "On", "ON", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "~",
            "null", "Null", "NULL", "", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
            "-.inf", "-.Inf", "-.INF", "<<");
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern GO_INT = Pattern.compile(
            "^[-+]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO]?(_?[0-7])+|[1-9](_?[0-9])*|0)$");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{4}-\\d{1,2}-\\d{1,2}(([Tt]| )\\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d+)?(Z|[-+]\\d{2}:\\d{2})?)?$");
    private static final Pattern BASE60_FLOAT = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");

    private GoYamlRules() {
    }

    /** Whether go-yaml would read the bare text back as a string (not a bool, number, null or timestamp). */
    static boolean resolvesAsString(String s) {
        if (RESOLVES_TO_OTHER.contains(s)) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
            if (GO_INT.matcher(s).matches() || YAML_FLOAT.matcher(s).matches() || TIMESTAMP.matcher(s).matches()
                    || BASE60_FLOAT.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    record Analysis(boolean blockPlainAllowed, boolean singleQuotedAllowed, boolean blockAllowed) {
    }

    static Analysis analyze(String value) {
        if (value.isEmpty()) {
            return new Analysis(true, true, false);
        }
        boolean blockIndicators = value.startsWith("---") || value.startsWith("...");
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        boolean lineBreaks = false;
        boolean special = false;
        boolean precededByWhitespace = true;
        int[] cps = value.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean followedByWhitespace = i + 1 >= cps.length || cps[i + 1] == ' ' || cps[i + 1] == '\t'
                    || isBreak(cps[i + 1]);
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                            blockIndicators = true;
                    case '?', ':', '-' -> {
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    default -> {
                    }
                }
            } else {
                if (c == ':' && followedByWhitespace) {
                    blockIndicators = true;
                } else if (c == '#' && precededByWhitespace) {
                    blockIndicators = true;
                }
            }
            if (!isPrintable(c)) {
                special = true;
            }
            if (c == ' ') {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i == cps.length - 1) {
                    trailingSpace = true;
                }
                if (previousBreak) {
                    breakSpace = true;
                }
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i == cps.length - 1) {
                    trailingBreak = true;
                }
                if (previousSpace) {
                    spaceBreak = true;
                }
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = c == ' ' || c == '\t' || isBreak(c);
        }
        boolean blockPlain = true;
        boolean single = true;
        boolean block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            blockPlain = false;
        }
        if (trailingSpace) {
            block = false;
        }
        if (breakSpace) {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || special) {
            blockPlain = false;
            single = false;
            block = false;
        }
        if (lineBreaks || blockIndicators) {
            blockPlain = false;
        }
        return new Analysis(blockPlain, single, block);
    }

    static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    static boolean isPrintable(int c) {
        return c == '\n' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }

    /** go-yaml's key order: letters after non-letters, runs of digits by their numeric value. */
    static int compareKeys(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return less(a, b) ? -1 : 1;
    }

    private static boolean less(String as, String bs) {
        int[] ar = as.codePoints().toArray();
        int[] br = bs.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
