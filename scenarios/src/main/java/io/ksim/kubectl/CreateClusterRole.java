package io.ksim.kubectl;

import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl create clusterrole}: {@code create role}'s rules, plus a rule for {@code --non-resource-url}. */
@Command(name = "clusterrole")
final class CreateClusterRole extends CreateRole {

    @Option(names = "--non-resource-url", split = ",")
    List<String> nonResourceURLs = new ArrayList<>();

    CreateClusterRole(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    List<String> nonResourceURLs() {
        return nonResourceURLs;
    }

    @Override
    String kind() {
        return "ClusterRole";
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.CLUSTER_ROLES;
    }
}
