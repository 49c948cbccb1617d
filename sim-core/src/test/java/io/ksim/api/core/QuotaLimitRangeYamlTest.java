package io.ksim.api.core;

import static io.ksim.api.core.ManifestRoundTrip.decode;
import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.LimitRange.LimitRangeItem;
import io.ksim.api.resource.Quantity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaLimitRangeYamlTest {

    /** The scoped quota of kubernetes.io/docs/concepts/policy/resource-quotas, with its status. */
    @Test
    void resourceQuotaRoundTrips() throws Exception {
        ResourceQuota rq = roundTrip("""
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: pods-high
                  namespace: default
                spec:
                  hard:
                    cpu: "100"
                    memory: 200Gi
                    pods: "10"
                    count/deployments.apps: "5"
                  scopes:
                  - NotTerminating
                  scopeSelector:
                    matchExpressions:
                    - operator: In
                      scopeName: PriorityClass
                      values: ["high"]
                status:
                  hard:
                    cpu: "100"
                    memory: 200Gi
                    pods: "10"
                  used:
                    cpu: 500m
                    memory: 1Gi
                    pods: "2"
                """, ResourceQuota.class);
        assertEquals(Quantity.parse("200Gi"), rq.spec().hard().get("memory"));
        assertEquals(Quantity.parse("5"), rq.spec().hard().get("count/deployments.apps"));
        assertEquals(List.of(ResourceQuota.SCOPE_NOT_TERMINATING), rq.spec().scopes());
        assertEquals(ResourceQuota.SCOPE_PRIORITY_CLASS, rq.spec().scopeSelector().matchExpressions().get(0).scopeName());
        assertEquals(Quantity.parse("500m"), rq.status().used().get("cpu"));
    }

    /** The LimitRange of kubernetes.io/docs/concepts/policy/limit-range, with pod and claim items. */
    @Test
    void limitRangeRoundTripsWithTheDefaultKeyword() throws Exception {
        LimitRange lr = roundTrip("""
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: cpu-resource-constraint
                spec:
                  limits:
                  - default:
                      cpu: 500m
                    defaultRequest:
                      cpu: 500m
                    max:
                      cpu: "1"
                    min:
                      cpu: 100m
                    maxLimitRequestRatio:
                      cpu: "2"
                    type: Container
                  - max:
                      memory: 2Gi
                    type: Pod
                  - max:
                      storage: 2Gi
                    min:
                      storage: 1Gi
                    type: PersistentVolumeClaim
                """, LimitRange.class);
        LimitRangeItem c = lr.spec().limits().get(0);
        assertEquals(LimitRangeItem.TYPE_CONTAINER, c.type());
        assertEquals(Quantity.parse("500m"), c.defaultLimit().get("cpu"));
        assertEquals(Quantity.parse("2"), c.maxLimitRequestRatio().get("cpu"));
        assertEquals(LimitRangeItem.TYPE_PERSISTENT_VOLUME_CLAIM, lr.spec().limits().get(2).type());
    }

    @Test
    void unknownFieldsAreReportedWithTheirPaths() throws Exception {
        List<String> unknown = new ArrayList<>();
        decode("""
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: l
                spec:
                  limits:
                  - type: Container
                    defaultLimit:
                      cpu: 1
                """, LimitRange.class, unknown);
        assertEquals(List.of("spec.limits[0].defaultLimit"), unknown);
        unknown.clear();
        decode("""
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: q
                spec:
                  hard:
                    pods: "1"
                  scopeSelector:
                    matchExpressions:
                    - scope: PriorityClass
                      operator: Exists
                """, ResourceQuota.class, unknown);
        assertEquals(List.of("spec.scopeSelector.matchExpressions[0].scope"), unknown);
    }
}
