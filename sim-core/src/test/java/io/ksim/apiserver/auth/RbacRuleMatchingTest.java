package io.ksim.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.rbac.PolicyRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule matching of the RBAC authorizer, case by case as upstream's rule-matching tables. */
class RbacRuleMatchingTest {

    private static final UserInfo BOB = UserInfo.user("bob");

    private static List<String> l(String csv) {
        return csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }

    /** verbs, apiGroups, resources, resourceNames, nonResourceURLs. */
    private static PolicyRule rule(String verbs, String groups, String resources, String names, String urls) {
        return new PolicyRule(l(verbs), l(groups), l(resources), l(names), l(urls));
    }

    private static Attributes res(String verb, String group, String resource, String sub, String name) {
        return Attributes.resource(BOB, verb, "ns1", group, resource, sub, name);
    }

    private static Attributes url(String verb, String path) {
        return Attributes.nonResource(BOB, verb, path);
    }

    static Stream<Arguments> cases() {
        PolicyRule starVerb = rule("*", "group1", "resource1", "", "");
        PolicyRule starGroup = rule("get", "*", "resource1", "", "");
        PolicyRule starResource = rule("get", "group1", "*", "", "");
        PolicyRule names = rule("get", "group1", "resource1", "foo", "");
        PolicyRule subresource = rule("get", "group1", "resource1/subresource1", "", "");
        PolicyRule starSubresource = rule("get", "group1", "*/scale", "", "");
        PolicyRule urls = rule("get", "", "", "", "/apis,/healthz/*");
        PolicyRule starUrls = rule("*", "", "", "", "*");
        return Stream.of(
                Arguments.of("star verb, exact match other", starVerb, res("get", "group1", "resource1", "", ""), true),
                Arguments.of("star verb, any verb", starVerb, res("deletecollection", "group1", "resource1", "", ""), true),
                Arguments.of("star verb, other group", starVerb, res("get", "group2", "resource1", "", ""), false),
                Arguments.of("star verb, other resource", starVerb, res("get", "group1", "resource2", "", ""), false),
                Arguments.of("star group, exact match other", starGroup, res("get", "group1", "resource1", "", ""), true),
                Arguments.of("star group, core group", starGroup, res("get", "", "resource1", "", ""), true),
                Arguments.of("star group, other verb", starGroup, res("list", "group1", "resource1", "", ""), false),
                Arguments.of("star resource, any resource", starResource, res("get", "group1", "resource2", "", ""), true),
                Arguments.of("star resource, subresources too", starResource,
                        res("get", "group1", "resource1", "subresource1", ""), true),
                Arguments.of("star resource, other group", starResource, res("get", "group2", "resource1", "", ""), false),
                Arguments.of("resource names, named", names, res("get", "group1", "resource1", "", "foo"), true),
                Arguments.of("resource names, other name", names, res("get", "group1", "resource1", "", "bar"), false),
                Arguments.of("resource names, no name (list)", names, res("get", "group1", "resource1", "", ""), false),
                Arguments.of("subresource rule, subresource", subresource,
                        res("get", "group1", "resource1", "subresource1", ""), true),
                Arguments.of("subresource rule, resource itself", subresource,
                        res("get", "group1", "resource1", "", ""), false),
                Arguments.of("subresource rule, other subresource", subresource,
                        res("get", "group1", "resource1", "subresource2", ""), false),
                Arguments.of("*/scale, any resource's scale", starSubresource,
                        res("get", "group1", "deployments", "scale", ""), true),
                Arguments.of("*/scale, the resource itself", starSubresource,
                        res("get", "group1", "deployments", "", ""), false),
                Arguments.of("*/scale, other subresource", starSubresource,
                        res("get", "group1", "deployments", "status", ""), false),
                Arguments.of("resource rule, non-resource request", starResource, url("get", "/apis"), false),
                Arguments.of("url exact", urls, url("get", "/apis"), true),
                Arguments.of("url exact, other verb", urls, url("post", "/apis"), false),
                Arguments.of("url exact, longer path", urls, url("get", "/apis/v1"), false),
                Arguments.of("url prefix", urls, url("get", "/healthz/etcd"), true),
                Arguments.of("url prefix, the bare prefix", urls, url("get", "/healthz/"), true),
                Arguments.of("url prefix, without the slash", urls, url("get", "/healthz"), false),
                Arguments.of("url star", starUrls, url("delete", "/anything"), true),
                Arguments.of("url rule, resource request", starUrls, res("get", "", "pods", "", ""), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleAllows(String name, PolicyRule rule, Attributes request, boolean allowed) {
        assertEquals(allowed, PolicyRules.allows(request, rule));
    }
}
