package io.ksim.controller.statefulset;

import io.ksim.api.core.Pod;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A test-only admission plugin that sees every pod create and delete as the API server receives it, in
 * order, and lets a check run at that instant against the store.
 */
final class PodOperations implements AdmissionPlugin {

    final List<String> created = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    private BiConsumer<Operation, String> check = (op, name) -> { };

    static PodOperations install(ApiServer api) {
        PodOperations ops = new PodOperations();
        api.addAdmissionPlugin(ops);
        return ops;
    }

    void onEach(BiConsumer<Operation, String> check) {
        this.check = check;
    }

    @Override
    public String name() {
        return "TestPodOperations";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (type != BuiltinResources.PODS) {
            return obj;
        }
        if (operation == Operation.CREATE) {
            check.accept(operation, ((Pod) obj).metadata().name());
            created.add(((Pod) obj).metadata().name());
        } else if (operation == Operation.DELETE && old != null && old.metadata().deletionTimestamp() == null) {
            check.accept(operation, name);
            deleted.add(name);
        }
        return obj;
    }
}
