package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ResourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubectl replace -f}: a full update of each object ({@code deployment.apps/web replaced}); with
 * {@code --force} the object is deleted, waited for until gone, and created anew.
 */
@Command(name = "replace")
final class ReplaceCommand extends ManifestCommand {

    @Option(names = "--force")
    boolean force;

    @Option(names = "--grace-period")
    int gracePeriod = -1;

    @Option(names = "--timeout")
    String timeout = "0s";

    ReplaceCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    void write(ManifestSource doc, ResourceType<?> type, String ns) {
        if (force) {
            forceReplace(doc, type, ns);
        } else {
            replace(doc, type, ns);
        }
    }

    private void replace(ManifestSource doc, ResourceType<?> type, String ns) {
        KubeObject live;
        try {
            live = ctx.api().get(type, ns, doc.name());
        } catch (ApiException e) {
            throw withSource(e, "replacing", doc.source());
        }
        ObjectNode tree = doc.document().deepCopy();
        ObjectNode meta = tree.with("metadata");
        if (ns != null) {
            meta.put("namespace", ns);
        }
        if (!meta.hasNonNull("resourceVersion")) {
            meta.put("resourceVersion", live.metadata().resourceVersion());
        }
        KubeObject obj = decode(tree, "replacing", doc.source());
        if (dryRun() != DryRun.NONE) {
            printResult(type, doc.name(), tree(obj), "replaced");
            return;
        }
        try {
            printResult(type, doc.name(), tree(update(type, obj)), "replaced");
        } catch (ApiException e) {
            throw withSource(e, "replacing", doc.source());
        }
    }

    private <T extends KubeObject> T update(ResourceType<T> type, KubeObject obj) {
        return ctx.api().update(type, type.cast(obj));
    }

    private void forceReplace(ManifestSource doc, ResourceType<?> type, String ns) {
        KubeObject obj = decode(doc.document(), "replacing", doc.source());
        try {
            KubeObject live = ctx.api().get(type, ns, doc.name());
            ctx.api().delete(type, ns, doc.name(), new DeleteOptions(gracePeriod >= 0 ? Long.valueOf(gracePeriod) : null,
                    DeleteOptions.BACKGROUND, null, null));
            ctx.out().println(ResourceBuilder.kindGroup(type) + " \"" + doc.name() + "\" deleted");
            String uid = live.metadata().uid();
            ctx.cluster().runUntil(() -> {
                try {
                    return !uid.equals(ctx.api().get(type, ns, doc.name()).metadata().uid());
                } catch (ApiException e) {
                    return e.code() == 404;
                }
            }, DeleteCommand.parseTimeout(timeout, "kubectl replace"));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw withSource(e, "deleting", doc.source());
            }
        }
        KubeObject created = CreateCommand.create(ctx, type, ns, obj);
        printResult(type, doc.name(), tree(created), "replaced");
    }
}
