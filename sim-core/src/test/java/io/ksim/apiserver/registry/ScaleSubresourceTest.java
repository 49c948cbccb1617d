package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.apps.Deployment;
import io.ksim.api.autoscaling.Scale;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import org.junit.jupiter.api.Test;

class ScaleSubresourceTest {

    private final Kernel kernel = Kernel.builder().seed(9).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    ScaleSubresourceTest() {
        api.scheme().decodeAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: web, tier: front}
                  template:
                    metadata: {labels: {app: web, tier: front}}
                    spec:
                      containers: [{name: nginx, image: "nginx:1.25"}]
                """).forEach(o -> api.createObject("default", o));
    }

    @Test
    void scaleShowsDesiredReplicasAndTheSelector() {
        Scale s = ScaleSubresource.get(api, BuiltinResources.DEPLOYMENTS, "default", "web");
        assertEquals("autoscaling/v1", s.apiVersion());
        assertEquals(3, s.spec().replicas());
        assertEquals(0, s.status().replicas());
        assertEquals("app=web,tier=front", s.status().selector());
    }

    @Test
    void scalingChangesTheSpecAndBumpsTheGeneration() {
        Scale s = ScaleSubresource.update(api, BuiltinResources.DEPLOYMENTS, "default", "web", 5, null);
        assertEquals(5, s.spec().replicas());
        Deployment d = api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
        assertEquals(5, d.spec().replicas());
        assertEquals(2L, d.metadata().generation());
    }

    @Test
    void aStaleScaleIsAConflictAndANegativeOneInvalid() {
        Scale before = ScaleSubresource.get(api, BuiltinResources.DEPLOYMENTS, "default", "web");
        ScaleSubresource.update(api, BuiltinResources.DEPLOYMENTS, "default", "web", 4, null);
        ApiException stale = assertThrows(ApiException.class, () -> ScaleSubresource.update(api,
                BuiltinResources.DEPLOYMENTS, "default", "web", 6, before.metadata().resourceVersion()));
        assertEquals(409, stale.code());
        ApiException negative = assertThrows(ApiException.class,
                () -> ScaleSubresource.update(api, BuiltinResources.DEPLOYMENTS, "default", "web", -1, null));
        assertEquals("Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                negative.getMessage());
    }
}
