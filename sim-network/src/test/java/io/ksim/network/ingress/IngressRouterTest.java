package io.ksim.network.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.networking.Ingress;
import io.ksim.api.networking.Ingress.HTTPIngressPath;
import io.ksim.api.networking.Ingress.HTTPIngressRuleValue;
import io.ksim.api.networking.Ingress.IngressBackend;
import io.ksim.api.networking.Ingress.IngressRule;
import io.ksim.api.networking.Ingress.IngressServiceBackend;
import io.ksim.api.networking.Ingress.IngressSpec;
import io.ksim.api.networking.Ingress.ServiceBackendPort;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host and path matching, after the examples table of the Kubernetes Ingress documentation. */
class IngressRouterTest {

    static IngressBackend backend(String svc) {
        return new IngressBackend(new IngressServiceBackend(svc, new ServiceBackendPort(null, 80)), null);
    }

    static HTTPIngressPath path(String path, String type, String svc) {
        return new HTTPIngressPath(path, type, backend(svc));
    }

    static final IngressRouter ROUTER = new IngressRouter("nginx", List.of(
            new Ingress(null, null, ObjectMeta.of("default", "site"), new IngressSpec("nginx", backend("default-page"),
                    null, List.of(
                    new IngressRule("foo.bar.com", new HTTPIngressRuleValue(List.of(
                            path("/", "Prefix", "root"), path("/foo", "Prefix", "foo"),
                            path("/foo/bar", "Prefix", "foobar"), path("/foo/bar", "Exact", "foobar-exact"),
                            path("/aaa/bbb", "Prefix", "aaabbb"), path("/aaa/bbb/", "Prefix", "aaabbb-slash")))),
                    new IngressRule("*.example.com", new HTTPIngressRuleValue(List.of(path("/", "Prefix", "wild"))))
            )), null),
            new Ingress(null, null, ObjectMeta.of("default", "other-class"), new IngressSpec("traefik", null, null,
                    List.of(new IngressRule("traefik.test", new HTTPIngressRuleValue(List.of(
                            path("/", "Prefix", "t")))))), null)));

    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource({
            "foo.bar.com, /, root",
            "foo.bar.com, /foo, foo",
            "foo.bar.com, /foo/, foo",
            "foo.bar.com, /foobar, root",
            "foo.bar.com, /foo/bar, foobar-exact",
            "foo.bar.com, /foo/bar/baz, foobar",
            "foo.bar.com, /aaa/bbb, aaabbb-slash",
            "foo.bar.com, /aaa/bbbxyz, root",
            "a.example.com, /x, wild",
            "a.b.example.com, /x, default-page",
            "example.com, /x, default-page",
            "traefik.test, /, default-page"})
    void routes(String host, String path, String service) {
        assertEquals(service, ROUTER.route(host, path).service());
    }

    @org.junit.jupiter.api.Test
    void noMatchAndNoDefaultIsTheControllers404() {
        IngressRouter bare = new IngressRouter("nginx", List.of(new Ingress(null, null, ObjectMeta.of("default", "x"),
                new IngressSpec(null, null, null, List.of(new IngressRule("a.test", new HTTPIngressRuleValue(
                        List.of(path("/", "Prefix", "a")))))), null)));
        assertNull(bare.route("b.test", "/"));
    }
}
