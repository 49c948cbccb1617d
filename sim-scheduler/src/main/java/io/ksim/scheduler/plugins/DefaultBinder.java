package io.ksim.scheduler.plugins;

import io.ksim.api.core.Binding;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.PodBinding;
import io.ksim.scheduler.framework.BindPlugin;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Status;

/**
 * Binds through the pods/binding subresource (upstream defaultbinder): a Binding named after the pod,
 * with the pod's uid, targeting the node. A refusal (the pod was deleted, or bound meanwhile) is an
 * error status carrying the API server's message.
 */
public final class DefaultBinder implements BindPlugin {

    public static final String NAME = "DefaultBinder";

    private final ApiServer api;

    public DefaultBinder(ApiServer api) {
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(CycleState state, PodInfo pod, String nodeName) {
        Pod p = pod.pod();
        Binding binding = Binding.of(p.metadata().namespace(), p.metadata().name(), nodeName);
        binding = binding.withMetadata(binding.metadata().toBuilder().uid(p.metadata().uid()).build());
        try {
            PodBinding.bind(api, binding);
            return Status.SUCCESS;
        } catch (ApiException refused) {
            return Status.error(refused.getMessage());
        }
    }
}
