package io.ksim.kubectl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** {@code --from-literal} and {@code --from-file}, as {@code create configmap} and {@code create secret generic} take them. */
final class DataSources {

    @Option(names = "--from-literal")
    List<String> literals = new ArrayList<>();

    @Option(names = "--from-file")
    List<String> files = new ArrayList<>();

    /** The keys and values, keys sorted; {@code kind} and {@code name} word the duplicate-key error. */
    Map<String, String> read(KubectlContext ctx, String kind, String name) {
        return read(ctx, literals, files, kind, name);
    }

    static Map<String, String> read(KubectlContext ctx, List<String> literals, List<String> files,
            String kind, String name) {
        Map<String, String> data = new TreeMap<>();
        for (String lit : literals) {
            int eq = lit.indexOf('=');
            if (eq <= 0) {
                throw new KubectlException("error: invalid literal source " + lit + ", expected key=value");
            }
            String key = lit.substring(0, eq);
            if (data.containsKey(key)) {
                throw new KubectlException(kind.equals("Secret")
                        ? "error: cannot add key " + key + ", another key by that name already exists"
                        : "error: cannot add key \"" + key + "\", another key by that name already exists in Data for "
                                + kind + " \"" + name + "\"");
            }
            data.put(key, lit.substring(eq + 1));
        }
        for (String f : files) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? Path.of(f).getFileName().toString() : f.substring(0, eq);
            String path = eq < 0 ? f : f.substring(eq + 1);
            try {
                data.put(key, Files.readString(ctx.resolvePath(path)));
            } catch (IOException e) {
                throw new KubectlException("error: error reading " + path + ": no such file or directory");
            }
        }
        return data;
    }
}
