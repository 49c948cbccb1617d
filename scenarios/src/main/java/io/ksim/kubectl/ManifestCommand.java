package io.ksim.kubectl;

import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code create -f}, {@code apply -f} and {@code replace -f} share: the documents of every file read first,
 * then written one by one; the others go on when one fails, and the errors print at the end as kubectl's
 * CheckErr prints them ({@link ErrorText}; exit status 1).
 */
abstract class ManifestCommand extends WriteCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, description = "Filename, directory, or URL to files to use")
    List<String> filenames = new ArrayList<>();

    ManifestCommand(KubectlContext ctx) {
        super(ctx);
    }

    /** Checks the command line before {@code -f} is looked at. */
    void checkArguments() {
    }

    /** Writes one document, of the given type, in the given namespace (null for a cluster-scoped kind). */
    abstract void write(ManifestSource doc, ResourceType<?> type, String ns);

    @Override
    public Integer call() {
        checkArguments();
        if (filenames.isEmpty()) {
            throw new KubectlException("error: must specify one of -f and -k");
        }
        checkOutput();
        dryRun();
        List<ManifestSource> docs = ManifestSource.read(ctx, filenames);
        if (docs.isEmpty()) {
            throw new KubectlException("error: no objects passed to " + getClass().getAnnotation(Command.class).name());
        }
        ErrorText errors = new ErrorText();
        for (ManifestSource doc : docs) {
            try {
                ResourceType<?> type = typeOf(doc);
                write(doc, type, namespaceOf(type, doc));
            } catch (ApiException | KubectlException e) {
                errors.addThrown(e);
            }
        }
        return errors.print(ctx);
    }
}
