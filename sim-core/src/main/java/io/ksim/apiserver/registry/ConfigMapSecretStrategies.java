package io.ksim.apiserver.registry;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Secret;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.ConfigMapSecretValidation;
import io.ksim.api.validation.FieldError;
import io.ksim.apiserver.Strategy;
import java.util.List;

/**
 * The strategies of ConfigMaps and Secrets (pkg/registry/core/configmap and secret): no status, only
 * {@link ConfigMapSecretValidation}'s checks on create and update.
 */
final class ConfigMapSecretStrategies {

    private ConfigMapSecretStrategies() {
    }

    static final Strategy<ConfigMap> CONFIG_MAP = new Strategy<>() {
        @Override
        public List<StatusCause> validate(ConfigMap cm) {
            return causes(ConfigMapSecretValidation.validateConfigMap(cm));
        }

        @Override
        public List<StatusCause> validateUpdate(ConfigMap cm, ConfigMap old) {
            return causes(ConfigMapSecretValidation.validateConfigMapUpdate(cm, old));
        }
    };

    static final Strategy<Secret> SECRET = new Strategy<>() {
        @Override
        public List<StatusCause> validate(Secret s) {
            return causes(ConfigMapSecretValidation.validateSecret(s));
        }

        @Override
        public List<StatusCause> validateUpdate(Secret s, Secret old) {
            return causes(ConfigMapSecretValidation.validateSecretUpdate(s, old));
        }
    };

    static List<StatusCause> causes(List<FieldError> errs) {
        return errs.stream().map(FieldError::cause).toList();
    }
}
