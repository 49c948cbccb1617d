package io.ksim.api.core;

/** Where an environment variable's value comes from (core/v1 EnvVarSource); exactly one field is set. */
public record EnvVarSource(ObjectFieldSelector fieldRef, ResourceFieldSelector resourceFieldRef,
        ConfigMapKeySelector configMapKeyRef, SecretKeySelector secretKeyRef) {
}
