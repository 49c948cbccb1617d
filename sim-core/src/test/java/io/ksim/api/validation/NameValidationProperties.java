package io.ksim.api.validation;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The character-by-character checks of DNS (RFC 1123) labels and subdomains accept exactly the strings
 * apimachinery's regular expressions accept: names made of lower-case letters, digits, '-' and '.', with
 * some upper-case letters, underscores and empty parts thrown in.
 */
class NameValidationProperties {

    private static final Pattern LABEL = Pattern.compile(NameValidation.DNS1123_LABEL_FMT);
    private static final Pattern SUBDOMAIN = Pattern.compile(NameValidation.DNS1123_SUBDOMAIN_FMT);

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab9z0-.A_").ofMinLength(0).ofMaxLength(12);
    }

    @Property
    boolean aLabelIsValidExactlyWhenTheExpressionMatches(@ForAll("names") String name) {
        return NameValidation.isLabelText(name, 0, name.length()) == LABEL.matcher(name).matches();
    }

    @Property
    boolean aSubdomainIsValidExactlyWhenTheExpressionMatches(@ForAll("names") String name) {
        return NameValidation.isSubdomainText(name) == SUBDOMAIN.matcher(name).matches();
    }
}
