package io.ksim.apiserver.registry;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.Service.ServiceStatus;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.ServiceValidation;
import java.util.List;
import java.util.Objects;

/**
 * Upstream's service strategy (pkg/registry/core/service/strategy.go) as far as ksim models it: the singular
 * {@code clusterIP} and the plural {@code clusterIPs} are kept in step the way old and new clients expect
 * (NormalizeClusterIPs), then the spec is validated ({@link ServiceValidation}). Allocating cluster IPs and node
 * ports is not the strategy's business.
 */
final class ServiceStrategy extends SpecStatusStrategy<Service, ServiceSpec, ServiceStatus> {

    ServiceStrategy() {
        super(Service::spec, Service::withSpec, Service::status, Service::withStatus, () -> null, false);
    }

    @Override
    public Service prepareForCreate(Service svc) {
        return normalize(super.prepareForCreate(svc), null);
    }

    @Override
    public Service prepareForUpdate(Service svc, Service old) {
        return normalize(super.prepareForUpdate(svc, old), old);
    }

    @Override
    public List<StatusCause> validate(Service svc) {
        return causes(ServiceValidation.validate(svc.spec()));
    }

    @Override
    public List<StatusCause> validateUpdate(Service svc, Service old) {
        if (svc.spec().equals(old.spec())) {
            // A status or metadata update: the stored spec was validated when it was written.
            return List.of();
        }
        return causes(ServiceValidation.validateUpdate(svc.spec(), old.spec()));
    }

    /**
     * A client that set only {@code clusterIP} gets {@code clusterIPs} to match; on update, a client that
     * dropped {@code clusterIPs} but kept {@code clusterIP} keeps the old list, and one that changed only
     * {@code clusterIP} has the list follow (validation then refuses the change).
     */
    static Service normalize(Service svc, Service old) {
        ServiceSpec spec = svc.spec();
        String ip = nz(spec.clusterIP());
        List<String> ips = spec.clusterIPs();
        if (old == null) {
            if (!ip.isEmpty() && ips.isEmpty()) {
                ips = List.of(ip);
            }
        } else {
            ServiceSpec was = old.spec();
            String oldIp = nz(was.clusterIP());
            if (!was.clusterIPs().isEmpty() && ips.isEmpty() && oldIp.equals(ip)) {
                ips = was.clusterIPs();
            }
            if (!oldIp.equals(ip) && Objects.equals(ips, was.clusterIPs())) {
                ips = ip.isEmpty() ? List.of() : List.of(ip);
            }
        }
        if (ips.equals(spec.clusterIPs())) {
            return svc;
        }
        return svc.withSpec(spec.toBuilder().clusterIPs(ips).build());
    }

    private static List<StatusCause> causes(List<FieldError> errs) {
        return errs.stream().map(FieldError::cause).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
