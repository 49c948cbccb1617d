package io.ksim.api.validation;

import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.Service.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Service specs as upstream's ValidateService and ValidateServiceUpdate check them
 * (pkg/apis/core/validation/validation.go, v1.32), in upstream's order: ports required unless headless or
 * ExternalName; the ExternalName's CNAME; each port (names required when there are several, unique DNS labels,
 * port 1-65535, protocol, targetPort); selector labels; session affinity; external IPs; type; nodePorts only
 * off ClusterIP and unique; (protocol, port) pairs unique; traffic policies. For example
 * <pre>{@code
 * spec.ports[1].name: Duplicate value: "http"
 * spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"
 * spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set
 * }</pre>
 * Also clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy in step (ValidateServiceClusterIPsRelatedFields) and
 * loadBalancerClass. Not checked: load-balancer source ranges, topology annotations.
 */
public final class ServiceValidation {

    private ServiceValidation() {
    }

    private static final FieldPath SPEC = FieldPath.of("spec");
    /** Sorted, as upstream lists its sets. */
    static final List<String> TYPES = List.of(ServiceSpec.TYPE_CLUSTER_IP, ServiceSpec.TYPE_EXTERNAL_NAME,
            ServiceSpec.TYPE_LOAD_BALANCER, ServiceSpec.TYPE_NODE_PORT);
    static final List<String> AFFINITIES = List.of(ServiceSpec.AFFINITY_CLIENT_IP, ServiceSpec.AFFINITY_NONE);
    static final List<String> TRAFFIC_POLICIES = List.of(ServiceSpec.TRAFFIC_POLICY_CLUSTER, ServiceSpec.TRAFFIC_POLICY_LOCAL);
    static final List<String> IP_FAMILIES = List.of(ServiceSpec.IP_FAMILY_IPV4, ServiceSpec.IP_FAMILY_IPV6);
    static final List<String> IP_FAMILY_POLICIES = List.of(ServiceSpec.IP_FAMILY_POLICY_PREFER_DUAL_STACK,
            ServiceSpec.IP_FAMILY_POLICY_REQUIRE_DUAL_STACK, ServiceSpec.IP_FAMILY_POLICY_SINGLE_STACK);
    /** core.MaxClientIPServiceAffinitySeconds: one day. */
    static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

    /** A headless service: exactly one cluster IP, {@code None} (after the clusterIP/clusterIPs normalization). */
    public static boolean isHeadless(ServiceSpec spec) {
        return spec.clusterIPs().size() == 1 && ServiceSpec.CLUSTER_IP_NONE.equals(spec.clusterIPs().get(0));
    }

    /** Externally accessible: LoadBalancer, NodePort, or ClusterIP with external IPs (pkg/api/service). */
    static boolean externallyAccessible(ServiceSpec spec) {
        return ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type()) || ServiceSpec.TYPE_NODE_PORT.equals(spec.type())
                || (ServiceSpec.TYPE_CLUSTER_IP.equals(spec.type()) && !spec.externalIPs().isEmpty());
    }

    /** The errors of a service's spec (upstream ValidateService without the metadata). */
    public static List<FieldError> validate(ServiceSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        String type = nz(spec.type());
        boolean headless = isHeadless(spec);
        if (spec.ports().isEmpty() && !headless && !type.equals(ServiceSpec.TYPE_EXTERNAL_NAME)) {
            errs.add(FieldError.required(SPEC.child("ports"), ""));
        }
        switch (type) {
            case ServiceSpec.TYPE_LOAD_BALANCER, ServiceSpec.TYPE_NODE_PORT -> {
                if (headless) {
                    errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(0), spec.clusterIPs().get(0),
                            "may not be set to 'None' for " + type + " services"));
                }
            }
            case ServiceSpec.TYPE_EXTERNAL_NAME -> errs.addAll(externalName(spec));
            default -> { }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            errs.addAll(port(spec.ports().get(i), spec.ports().size() > 1, names, SPEC.child("ports").index(i)));
        }
        errs.addAll(ObjectMetaValidation.validateLabels(spec.selector(), SPEC.child("selector")));
        errs.addAll(sessionAffinity(spec));
        errs.addAll(clusterIPsRelated(spec, type));
        for (int i = 0; i < spec.externalIPs().size(); i++) {
            errs.addAll(FormatValidation.isValidIp(SPEC.child("externalIPs").index(i), spec.externalIPs().get(i)));
        }
        if (type.isEmpty()) {
            errs.add(FieldError.required(SPEC.child("type"), ""));
        } else if (!TYPES.contains(type)) {
            errs.add(FieldError.notSupported(SPEC.child("type"), type, TYPES));
        }
        errs.addAll(nodePorts(spec, type));
        errs.addAll(uniquePorts(spec));
        if (spec.allocateLoadBalancerNodePorts() != null && !type.equals(ServiceSpec.TYPE_LOAD_BALANCER)) {
            errs.add(FieldError.forbidden(SPEC.child("allocateLoadBalancerNodePorts"),
                    "may only be used when `type` is 'LoadBalancer'"));
        }
        if (type.equals(ServiceSpec.TYPE_LOAD_BALANCER) && spec.allocateLoadBalancerNodePorts() == null) {
            // Upstream's path has no "spec." here.
            errs.add(FieldError.required(FieldPath.of("allocateLoadBalancerNodePorts"), ""));
        }
        errs.addAll(loadBalancerClass(spec, null));
        errs.addAll(trafficPolicies(spec, type));
        return errs;
    }

    /** Upstream's ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs in step, families, policy. */
    private static List<FieldError> clusterIPsRelated(ServiceSpec spec, String type) {
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

    /** loadBalancerClass: a qualified name, only on LoadBalancers, and fixed once set ({@code old} null on create). */
    private static List<FieldError> loadBalancerClass(ServiceSpec spec, ServiceSpec old) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath path = SPEC.child("loadBalancerClass");
        boolean lb = ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type());
        if (old != null && lb && ServiceSpec.TYPE_LOAD_BALANCER.equals(old.type())
                && !Objects.equals(old.loadBalancerClass(), spec.loadBalancerClass())) {
            errs.add(FieldError.invalid(path, spec.loadBalancerClass(), "may not change once set"));
        }
        if (lb) {
            if (spec.loadBalancerClass() != null) {
                for (String msg : NameValidation.isQualifiedName(spec.loadBalancerClass())) {
                    errs.add(FieldError.invalid(path, spec.loadBalancerClass(), msg));
                }
            }
        } else if (spec.loadBalancerClass() != null) {
            errs.add(FieldError.forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
        }
        return errs;
    }

    /**
     * An update: the cluster IPs may not change (but may be added to or released), then the new spec's own
     * checks. Moves to or from ExternalName, and headless to headless, are free.
     */
    public static List<FieldError> validateUpdate(ServiceSpec spec, ServiceSpec old) {
        List<FieldError> errs = new ArrayList<>(clusterIPsUpdate(spec, old));
        errs.addAll(ipFamiliesUpdate(spec, old));
        errs.addAll(loadBalancerClass(spec, old));
        if (needsHealthCheck(old) && needsHealthCheck(spec)
                && !Objects.equals(old.healthCheckNodePort(), spec.healthCheckNodePort())) {
            errs.add(FieldError.forbidden(SPEC.child("healthCheckNodePort"), "field is immutable"));
        }
        errs.addAll(validate(spec));
        return errs;
    }

    private static List<FieldError> clusterIPsUpdate(ServiceSpec spec, ServiceSpec old) {
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
    private static List<FieldError> ipFamiliesUpdate(ServiceSpec spec, ServiceSpec old) {
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

    private static List<FieldError> externalName(ServiceSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (!spec.clusterIPs().isEmpty()) {
            errs.add(FieldError.forbidden(SPEC.child("clusterIPs"), "may not be set for ExternalName services"));
        }
        if (!spec.ipFamilies().isEmpty()) {
            errs.add(FieldError.forbidden(SPEC.child("ipFamilies"), "may not be set for ExternalName services"));
        }
        if (spec.ipFamilyPolicy() != null) {
            errs.add(FieldError.forbidden(SPEC.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
        }
        // A CNAME may end in a dot (fully qualified).
        String cname = nz(spec.externalName());
        if (cname.endsWith(".")) {
            cname = cname.substring(0, cname.length() - 1);
        }
        if (cname.isEmpty()) {
            errs.add(FieldError.required(SPEC.child("externalName"), ""));
        } else {
            for (String msg : NameValidation.isDns1123Subdomain(cname)) {
                errs.add(FieldError.invalid(SPEC.child("externalName"), cname, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> port(ServicePort sp, boolean requireName, Set<String> names, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        String name = nz(sp.name());
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(fldPath.child("name"), ""));
        } else if (!name.isEmpty()) {
            for (String msg : NameValidation.isDns1123Label(name)) {
                errs.add(FieldError.invalid(fldPath.child("name"), name, msg));
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(fldPath.child("name"), name));
            }
        }
        for (String msg : FormatValidation.isValidPortNum(sp.port())) {
            errs.add(FieldError.invalid(fldPath.child("port"), sp.port(), msg));
        }
        String protocol = nz(sp.protocol());
        if (protocol.isEmpty()) {
            errs.add(FieldError.required(fldPath.child("protocol"), ""));
        } else if (!ContainerValidation.PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(fldPath.child("protocol"), protocol, ContainerValidation.PROTOCOLS));
        }
        errs.addAll(ProbeValidation.portNumOrName(sp.targetPort(), fldPath.child("targetPort")));
        if (sp.appProtocol() != null) {
            for (String msg : NameValidation.isQualifiedName(sp.appProtocol())) {
                errs.add(FieldError.invalid(fldPath.child("appProtocol"), sp.appProtocol(), msg));
            }
        }
        return errs;
    }

    private static List<FieldError> sessionAffinity(ServiceSpec spec) {
        String affinity = nz(spec.sessionAffinity());
        FieldPath configPath = SPEC.child("sessionAffinityConfig");
        if (affinity.isEmpty()) {
            return List.of(FieldError.required(SPEC.child("sessionAffinity"), ""));
        }
        if (!AFFINITIES.contains(affinity)) {
            return List.of(FieldError.notSupported(SPEC.child("sessionAffinity"), affinity, AFFINITIES));
        }
        if (affinity.equals(ServiceSpec.AFFINITY_NONE)) {
            return spec.sessionAffinityConfig() == null ? List.of()
                    : List.of(FieldError.forbidden(configPath, "must not be set when session affinity is None"));
        }
        String when = "when session affinity type is ClientIP";
        SessionAffinityConfig config = spec.sessionAffinityConfig();
        if (config == null) {
            return List.of(FieldError.required(configPath, when));
        }
        if (config.clientIP() == null) {
            return List.of(FieldError.required(configPath.child("clientIP"), when));
        }
        Integer timeout = config.clientIP().timeoutSeconds();
        FieldPath timeoutPath = configPath.child("clientIP", "timeoutSeconds");
        if (timeout == null) {
            return List.of(FieldError.required(timeoutPath, when));
        }
        if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
            return List.of(FieldError.invalid(timeoutPath, timeout,
                    "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS));
        }
        return List.of();
    }

    private static List<FieldError> nodePorts(ServiceSpec spec, String type) {
        List<FieldError> errs = new ArrayList<>();
        if (type.equals(ServiceSpec.TYPE_CLUSTER_IP)) {
            for (int i = 0; i < spec.ports().size(); i++) {
                if (nodePort(spec.ports().get(i)) != 0) {
                    errs.add(FieldError.forbidden(SPEC.child("ports").index(i).child("nodePort"),
                            "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort p = spec.ports().get(i);
            int nodePort = nodePort(p);
            if (nodePort != 0 && !seen.add(nz(p.protocol()) + "/" + nodePort)) {
                errs.add(FieldError.duplicate(SPEC.child("ports").index(i).child("nodePort"), nodePort));
            }
        }
        return errs;
    }

    /** {@code Duplicate value: core.ServicePort{...}}: one (protocol, port) pair twice. */
    private static List<FieldError> uniquePorts(ServiceSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort p = spec.ports().get(i);
            if (!seen.add(nz(p.protocol()) + "/" + p.port())) {
                errs.add(FieldError.duplicate(SPEC.child("ports").index(i), new FieldError.Rendered(
                        "core.ServicePort{Name:\"\", Protocol:" + GoFormat.quote(nz(p.protocol()))
                                + ", AppProtocol:(*string)(nil), Port:" + p.port()
                                + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")));
            }
        }
        return errs;
    }

    private static List<FieldError> trafficPolicies(ServiceSpec spec, String type) {
        List<FieldError> errs = new ArrayList<>();
        String etp = nz(spec.externalTrafficPolicy());
        if (!externallyAccessible(spec)) {
            if (!etp.isEmpty()) {
                errs.add(FieldError.invalid(SPEC.child("externalTrafficPolicy"), etp,
                        "may only be set for externally-accessible services"));
            }
        } else if (etp.isEmpty()) {
            errs.add(FieldError.required(SPEC.child("externalTrafficPolicy"), ""));
        } else if (!TRAFFIC_POLICIES.contains(etp)) {
            errs.add(FieldError.notSupported(SPEC.child("externalTrafficPolicy"), etp, TRAFFIC_POLICIES));
        }
        int hc = spec.healthCheckNodePort() == null ? 0 : spec.healthCheckNodePort();
        if (!needsHealthCheck(spec)) {
            if (hc != 0) {
                errs.add(FieldError.invalid(SPEC.child("healthCheckNodePort"), hc,
                        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
            }
        } else if (hc == 0) {
            errs.add(FieldError.required(SPEC.child("healthCheckNodePort"), ""));
        } else {
            for (String msg : FormatValidation.isValidPortNum(hc)) {
                errs.add(FieldError.invalid(SPEC.child("healthCheckNodePort"), hc, msg));
            }
        }
        String itp = spec.internalTrafficPolicy();
        if (itp == null) {
            if (type.equals(ServiceSpec.TYPE_NODE_PORT) || type.equals(ServiceSpec.TYPE_LOAD_BALANCER)
                    || type.equals(ServiceSpec.TYPE_CLUSTER_IP)) {
                errs.add(FieldError.required(SPEC.child("internalTrafficPolicy"), ""));
            }
        } else if (!TRAFFIC_POLICIES.contains(itp)) {
            errs.add(FieldError.notSupported(SPEC.child("internalTrafficPolicy"), itp, TRAFFIC_POLICIES));
        }
        if (spec.trafficDistribution() != null
                && !spec.trafficDistribution().equals(ServiceSpec.TRAFFIC_DISTRIBUTION_PREFER_CLOSE)) {
            errs.add(FieldError.notSupported(SPEC.child("trafficDistribution"), spec.trafficDistribution(),
                    List.of(ServiceSpec.TRAFFIC_DISTRIBUTION_PREFER_CLOSE)));
        }
        return errs;
    }

    /** A LoadBalancer with externalTrafficPolicy Local gets a health-check node port. */
    static boolean needsHealthCheck(ServiceSpec spec) {
        return ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type())
                && ServiceSpec.TRAFFIC_POLICY_LOCAL.equals(spec.externalTrafficPolicy());
    }

    private static int nodePort(ServicePort p) {
        return p.nodePort() == null ? 0 : p.nodePort();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
