package io.ksim.api.validation;

import io.ksim.api.core.Service.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Service's cluster IPs and IP families, as upstream's ValidateServiceClusterIPsRelatedFields,
 * validateUpgradeDowngradeClusterIPs and validateUpgradeDowngradeIPFamilies check them: clusterIP and clusterIPs
 * in step, {@code None} alone, one IP per family matching ipFamilies; on update no change once set, but a
 * secondary IP or family may be added, or released with ipFamilyPolicy SingleStack.
 */
final class ServiceClusterIPValidation {

    private ServiceClusterIPValidation() {
    }

    private static final FieldPath SPEC = FieldPath.of("spec");
    /** Sorted, as upstream lists its sets. */
    static final List<String> IP_FAMILIES = List.of(ServiceSpec.IP_FAMILY_IPV4, ServiceSpec.IP_FAMILY_IPV6);
    static final List<String> IP_FAMILY_POLICIES = List.of(ServiceSpec.IP_FAMILY_POLICY_PREFER_DUAL_STACK,
            ServiceSpec.IP_FAMILY_POLICY_REQUIRE_DUAL_STACK, ServiceSpec.IP_FAMILY_POLICY_SINGLE_STACK);

    /** Upstream's ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs in step, families, policy. */
    static List<FieldError> clusterIPsRelated(ServiceSpec spec, String type) {
        List<FieldError> errs = new ArrayList<>();
        if (type.equals(ServiceSpec.TYPE_EXTERNAL_NAME)) {
            return errs;
        }
        FieldPath ipsPath = SPEC.child("clusterIPs");
        List<String> ips = spec.clusterIPs();
        if (!nz(spec.clusterIP()).isEmpty()) {
            if (ips.isEmpty()) {
                errs.add(FieldError.required(ipsPath, ""));
            } else if (!ips.get(0).equals(spec.clusterIP())) {
                errs.add(FieldError.invalid(ipsPath, ips, "first value must match `clusterIP`"));
            }
        } else if (!ips.isEmpty()) {
            errs.add(FieldError.invalid(ipsPath, ips, "must be empty when `clusterIP` is not specified"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.ipFamilies().size(); i++) {
            String family = spec.ipFamilies().get(i);
            if (!IP_FAMILIES.contains(family)) {
                errs.add(FieldError.notSupported(SPEC.child("ipFamilies").index(i), family, IP_FAMILIES));
            }
            if (!seen.add(family)) {
                errs.add(FieldError.duplicate(SPEC.child("ipFamilies").index(i), family));
            }
        }
        if (spec.ipFamilyPolicy() != null && !IP_FAMILY_POLICIES.contains(spec.ipFamilyPolicy())) {
            errs.add(FieldError.notSupported(SPEC.child("ipFamilyPolicy"), spec.ipFamilyPolicy(), IP_FAMILY_POLICIES));
        }
        boolean invalidIps = false;
        for (int i = 0; i < ips.size(); i++) {
            String ip = ips.get(i);
            if (i == 0 && ip.equals(ServiceSpec.CLUSTER_IP_NONE)) {
                if (ips.size() > 1) {
                    invalidIps = true;
                    errs.add(FieldError.invalid(ipsPath, ips, "'None' must be the first and only value"));
                }
                continue;
            }
            List<FieldError> ipErrs = FormatValidation.isValidIp(ipsPath.index(i), ip);
            invalidIps |= !ipErrs.isEmpty();
            errs.addAll(ipErrs);
        }
        if (ips.size() > 2) {
            errs.add(FieldError.invalid(ipsPath, ips, "may only hold up to 2 values"));
        }
        if (invalidIps) {
            return errs;
        }
        if (ips.size() > 1 && IpText.parse(ips.get(0)).equals(IpText.parse(ips.get(1)))) {
            errs.add(FieldError.invalid(ipsPath, ips, "may specify no more than one IP for each IP family"));
        }
        if (!isHeadless(spec) && !ips.isEmpty()) {
            for (int i = 0; i < ips.size() && i < spec.ipFamilies().size(); i++) {
                boolean v6 = Integer.valueOf(6).equals(IpText.parse(ips.get(i)));
                String family = spec.ipFamilies().get(i);
                if (family.equals(ServiceSpec.IP_FAMILY_IPV4) && v6) {
                    errs.add(FieldError.invalid(ipsPath.index(i), ips.get(i),
                            "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
                }
                if (family.equals(ServiceSpec.IP_FAMILY_IPV6) && !v6) {
                    errs.add(FieldError.invalid(ipsPath.index(i), ips.get(i),
                            "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
                }
            }
        }
        return errs;
    }

    static List<FieldError> clusterIPsUpdate(ServiceSpec spec, ServiceSpec old) {
        if (ServiceSpec.TYPE_EXTERNAL_NAME.equals(spec.type()) || ServiceSpec.TYPE_EXTERNAL_NAME.equals(old.type())) {
            return List.of();
        }
        if (isHeadless(spec) && isHeadless(old)) {
            return List.of();
        }
        List<String> now = spec.clusterIPs();
        List<String> was = old.clusterIPs();
        FieldPath first = SPEC.child("clusterIPs").index(0);
        List<FieldError> errs = new ArrayList<>();
        if (was.size() == now.size()) {
            for (int i = 0; i < was.size(); i++) {
                if (!was.get(i).equals(now.get(i))) {
                    errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(i), now, "may not change once set"));
                }
            }
        } else if (was.size() > now.size()) {
            if (now.isEmpty()) {
                errs.add(FieldError.invalid(first, now, "primary clusterIP can not be unset"));
            } else if (!now.get(0).equals(was.get(0))) {
                errs.add(FieldError.invalid(first, now, "may not change once set"));
            }
            if (now.size() == 1 && !ServiceSpec.IP_FAMILY_POLICY_SINGLE_STACK.equals(spec.ipFamilyPolicy())) {
                errs.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), spec.ipFamilyPolicy(),
                        "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        } else if (!was.isEmpty() && !now.get(0).equals(was.get(0))) {
            errs.add(FieldError.invalid(first, now, "may not change once set"));
        }
        return errs;
    }

    /** The families follow the cluster IPs' rules; headless services (and moves to or from headless) are free. */
    static List<FieldError> ipFamiliesUpdate(ServiceSpec spec, ServiceSpec old) {
        if (ServiceSpec.TYPE_EXTERNAL_NAME.equals(spec.type()) || ServiceSpec.TYPE_EXTERNAL_NAME.equals(old.type())
                || isHeadless(spec) || isHeadless(old)) {
            return List.of();
        }
        List<String> now = spec.ipFamilies();
        List<String> was = old.ipFamilies();
        FieldPath first = SPEC.child("ipFamilies").index(0);
        List<FieldError> errs = new ArrayList<>();
        if (was.size() == now.size()) {
            for (int i = 0; i < was.size(); i++) {
                // Upstream reports every changed family at index 0.
                if (!was.get(i).equals(now.get(i))) {
                    errs.add(FieldError.invalid(first, now, "may not change once set"));
                }
            }
        } else if (was.size() > now.size()) {
            if (spec.clusterIPs().isEmpty()) {
                errs.add(FieldError.invalid(first, now, "primary ipFamily can not be unset"));
            }
            if (!now.isEmpty() && !now.get(0).equals(was.get(0))) {
                errs.add(FieldError.invalid(first, spec.clusterIPs(), "may not change once set"));
            }
            if (now.size() == 1 && !ServiceSpec.IP_FAMILY_POLICY_SINGLE_STACK.equals(spec.ipFamilyPolicy())) {
                errs.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), spec.ipFamilyPolicy(),
                        "must be set to 'SingleStack' when releasing the secondary ipFamily"));
            }
        } else if (!was.isEmpty() && !now.get(0).equals(was.get(0))) {
            errs.add(FieldError.invalid(first, spec.clusterIPs(), "may not change once set"));
        }
        return errs;
    }

    private static boolean isHeadless(ServiceSpec spec) {
        return ServiceValidation.isHeadless(spec);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
