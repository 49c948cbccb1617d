package io.ksim.api.validation;

import io.ksim.api.core.ExecAction;
import io.ksim.api.core.HTTPGetAction;
import io.ksim.api.core.HTTPHeader;
import io.ksim.api.core.Lifecycle;
import io.ksim.api.core.LifecycleHandler;
import io.ksim.api.core.Probe;
import io.ksim.api.core.SleepAction;
import io.ksim.api.core.TCPSocketAction;
import io.ksim.api.resource.IntOrString;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes and lifecycle hooks, as upstream validates them: exactly one handler
 * ({@code spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type};
 * none is {@code Required value: must specify a handler type}), non-negative timings, {@code successThreshold}
 * 1 for liveness and startup probes ({@code Invalid value: 2: must be 1}), ports as numbers 1-65535 or
 * IANA_SVC_NAMEs, HTTP schemes HTTP or HTTPS.
 */
public final class ProbeValidation {

    private ProbeValidation() {
    }

    /** Liveness and startup probes: the common checks plus successThreshold exactly 1. */
    static List<FieldError> validateLivenessOrStartup(Probe probe, Long gracePeriod, FieldPath fldPath) {
        if (probe == null) {
            return List.of();
        }
        List<FieldError> errs = new ArrayList<>(validateProbe(probe, gracePeriod, fldPath));
        int success = orZero(probe.successThreshold());
        if (success != 1) {
            errs.add(FieldError.invalid(fldPath.child("successThreshold"), success, "must be 1"));
        }
        return errs;
    }

    /** Readiness probes: the common checks; a probe-level terminationGracePeriodSeconds is not allowed. */
    static List<FieldError> validateReadiness(Probe probe, Long gracePeriod, FieldPath fldPath) {
        if (probe == null) {
            return List.of();
        }
        List<FieldError> errs = new ArrayList<>(validateProbe(probe, gracePeriod, fldPath));
        if (probe.terminationGracePeriodSeconds() != null) {
            errs.add(FieldError.invalid(fldPath.child("terminationGracePeriodSeconds"),
                    probe.terminationGracePeriodSeconds(), "must not be set for readinessProbes"));
        }
        return errs;
    }

    private static List<FieldError> validateProbe(Probe p, Long gracePeriod, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>(validateHandler(p.exec(), p.httpGet(), p.tcpSocket(),
                p.grpc() == null ? null : IntOrString.of(p.grpc().port()), null, gracePeriod, fldPath));
        errs.addAll(nonNegative(p.initialDelaySeconds(), fldPath.child("initialDelaySeconds")));
        errs.addAll(nonNegative(p.timeoutSeconds(), fldPath.child("timeoutSeconds")));
        errs.addAll(nonNegative(p.periodSeconds(), fldPath.child("periodSeconds")));
        errs.addAll(nonNegative(p.successThreshold(), fldPath.child("successThreshold")));
        errs.addAll(nonNegative(p.failureThreshold(), fldPath.child("failureThreshold")));
        Long grace = p.terminationGracePeriodSeconds();
        if (grace != null && grace <= 0) {
            errs.add(FieldError.invalid(fldPath.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"));
        }
        return errs;
    }

    /** postStart and preStop hooks. */
    static List<FieldError> validateLifecycle(Lifecycle lifecycle, Long gracePeriod, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (lifecycle.postStart() != null) {
            errs.addAll(handler(lifecycle.postStart(), gracePeriod, fldPath.child("postStart")));
        }
        if (lifecycle.preStop() != null) {
            errs.addAll(handler(lifecycle.preStop(), gracePeriod, fldPath.child("preStop")));
        }
        return errs;
    }

    private static List<FieldError> handler(LifecycleHandler h, Long gracePeriod, FieldPath fldPath) {
        return validateHandler(h.exec(), h.httpGet(), h.tcpSocket(), null, h.sleep(), gracePeriod, fldPath);
    }

    /** Upstream's validateHandler over its common handler: exec, httpGet, tcpSocket, grpc, sleep, in that order. */
    private static List<FieldError> validateHandler(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcp,
            IntOrString grpcPort, SleepAction sleep, Long gracePeriod, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        int n = 0;
        if (exec != null) {
            n = one(n, fldPath.child("exec"), errs, () -> exec.command() == null || exec.command().isEmpty()
                    ? List.of(FieldError.required(fldPath.child("exec", "command"), "")) : List.of());
        }
        if (httpGet != null) {
            n = one(n, fldPath.child("httpGet"), errs, () -> httpGet(httpGet, fldPath.child("httpGet")));
        }
        if (tcp != null) {
            n = one(n, fldPath.child("tcpSocket"), errs, () -> portNumOrName(tcp.port(), fldPath.child("tcpSocket", "port")));
        }
        if (grpcPort != null) {
            n = one(n, fldPath.child("grpc"), errs, () -> portNumOrName(grpcPort, fldPath.child("grpc", "port")));
        }
        if (sleep != null) {
            n = one(n, fldPath.child("sleep"), errs, () -> sleep(sleep, gracePeriod, fldPath.child("sleep")));
        }
        if (n == 0) {
            errs.add(FieldError.required(fldPath, "must specify a handler type"));
        }
        return errs;
    }

    private static int one(int count, FieldPath path, List<FieldError> errs,
            java.util.function.Supplier<List<FieldError>> check) {
        if (count > 0) {
            errs.add(FieldError.forbidden(path, "may not specify more than 1 handler type"));
            return count;
        }
        errs.addAll(check.get());
        return count + 1;
    }

    private static List<FieldError> httpGet(HTTPGetAction a, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (a.path() == null || a.path().isEmpty()) {
            errs.add(FieldError.required(fldPath.child("path"), ""));
        }
        errs.addAll(portNumOrName(a.port(), fldPath.child("port")));
        String scheme = a.scheme() == null ? "" : a.scheme();
        if (!scheme.equals(HTTPGetAction.SCHEME_HTTP) && !scheme.equals(HTTPGetAction.SCHEME_HTTPS)) {
            errs.add(FieldError.notSupported(fldPath.child("scheme"), scheme,
                    List.of(HTTPGetAction.SCHEME_HTTP, HTTPGetAction.SCHEME_HTTPS)));
        }
        if (a.httpHeaders() != null) {
            for (HTTPHeader h : a.httpHeaders()) {
                for (String msg : FormatValidation.isHttpHeaderName(h.name() == null ? "" : h.name())) {
                    errs.add(FieldError.invalid(fldPath.child("httpHeaders"), h.name(), msg));
                }
            }
        }
        return errs;
    }

    /** Upstream's zero-value sleep rule without the AllowZero gate (alpha, off in 1.32). */
    private static List<FieldError> sleep(SleepAction s, Long gracePeriod, FieldPath fldPath) {
        if (gracePeriod != null && (s.seconds() <= 0 || s.seconds() > gracePeriod)) {
            return List.of(FieldError.invalid(fldPath, s.seconds(), "must be greater than 0 and less than "
                    + "terminationGracePeriodSeconds (" + gracePeriod + "). Enable AllowPodLifecycleSleepActionZeroValue "
                    + "feature gate for zero sleep."));
        }
        return List.of();
    }

    /** A port given as a number (1-65535) or a name (IANA_SVC_NAME); an absent port counts as the number 0. */
    public static List<FieldError> portNumOrName(IntOrString port, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (port == null || port.isInt()) {
            long v = port == null ? 0 : port.intVal();
            for (String msg : FormatValidation.isValidPortNum(v)) {
                errs.add(FieldError.invalid(fldPath, v, msg));
            }
        } else {
            for (String msg : FormatValidation.isValidPortName(port.strVal())) {
                errs.add(FieldError.invalid(fldPath, port.strVal(), msg));
            }
        }
        return errs;
    }

    private static List<FieldError> nonNegative(Integer v, FieldPath fldPath) {
        return ObjectMetaValidation.validateNonnegativeField(orZero(v), fldPath);
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
