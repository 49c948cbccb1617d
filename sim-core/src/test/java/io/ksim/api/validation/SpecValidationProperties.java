package io.ksim.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.PodDefaults;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.resource.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of spec validation, stated in Kubernetes words. */
class SpecValidationProperties {

    /** IANA_SVC_NAME as RFC 6335 states it (lower case, as Kubernetes requires), written independently. */
    private static final Pattern IANA_SVC_NAME = Pattern.compile("(?=.{1,15}$)(?=.*[a-z])(?!.*--)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?");

    @Provide
    Arbitrary<String> portNames() {
        return Arbitraries.strings().withChars("abz09-A_").ofMinLength(0).ofMaxLength(18);
    }

    @Property
    void aPortNameIsValidExactlyWhenItIsAnIanaServiceName(@ForAll("portNames") String name) {
        assertEquals(IANA_SVC_NAME.matcher(name).matches(), FormatValidation.isValidPortName(name).isEmpty(), name);
    }

    /** A container's cpu request above its limit is refused, and only then. */
    @Property
    void aRequestIsRefusedExactlyWhenItExceedsItsLimit(@ForAll @IntRange(min = 1, max = 4000) int requestMilli,
            @ForAll @IntRange(min = 1, max = 4000) int limitMilli) {
        ResourceRequirements r = new ResourceRequirements(
                new TreeMap<>(java.util.Map.of("cpu", Quantity.parse(limitMilli + "m"))),
                new TreeMap<>(java.util.Map.of("cpu", Quantity.parse(requestMilli + "m"))), null);
        List<FieldError> errs = ResourceRequirementsValidation.validate(r, FieldPath.of("resources"));
        assertEquals(requestMilli > limitMilli, !errs.isEmpty(), errs.toString());
    }

    /** Every error about a pod's containers is reported under spec.containers, at the offending index. */
    @Property
    void containerErrorsNameTheOffendingContainer(@ForAll @IntRange(min = 1, max = 5) int count,
            @ForAll @IntRange(min = 0, max = 4) int bad) {
        int badIndex = bad % count;
        List<Container> containers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Container c = Container.builder().name("c" + i).image(i == badIndex ? "" : "nginx")
                    .ports(List.of(ContainerPort.of(8000 + i))).build();
            containers.add(c);
        }
        PodSpec spec = PodDefaults.podSpec(PodSpec.builder().containers(containers).build());
        List<FieldError> errs = PodSpecValidation.validatePodSpec(spec, FieldPath.of("spec"), true);
        assertEquals(List.of("spec.containers[" + badIndex + "].image: Required value"),
                errs.stream().map(FieldError::error).toList());
    }

    /** Any five in-range cron fields parse; an hour of 24 or more is out of range, named as robfig/cron names it. */
    @Property
    void cronFieldsInRangeParse(@ForAll @IntRange(max = 59) int minute, @ForAll @IntRange(max = 40) int hour,
            @ForAll @IntRange(min = 1, max = 31) int dom, @ForAll @IntRange(min = 1, max = 12) int month,
            @ForAll @IntRange(max = 6) int dow) {
        String schedule = minute + " " + hour + " " + dom + " " + month + " " + dow;
        var err = CronScheduleFormat.parseError(schedule);
        if (hour <= 23) {
            assertTrue(err.isEmpty(), schedule + ": " + err);
        } else {
            assertEquals("end of range (" + hour + ") above maximum (23): " + hour, err.orElseThrow());
        }
    }
}
