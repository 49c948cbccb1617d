package io.ksim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers where it starts (line and column, from 1) and its path
 * from the root ({@code steps[3].advance}), so that a scenario's errors can point at the text. Read with
 * Jackson's YAML parser; duplicate keys are errors.
 */
abstract sealed class YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    final String file;
    final String path;
    final int line;
    final int column;

    private YamlNode(String file, String path, JsonLocation at) {
        this.file = file;
        this.path = path;
        this.line = at.getLineNr();
        this.column = at.getColumnNr();
    }

    /** An error about this node. */
    ScenarioException error(String rule) {
        return new ScenarioException(file, line, column, path, rule);
    }

    /** What the node is, in the words of an error message. */
    abstract String describe();

    /** A mapping; keys keep their order. */
    static final class Mapping extends YamlNode {
        final Map<String, YamlNode> entries;
        final Map<String, JsonLocation> keyLocations;

        private Mapping(String file, String path, JsonLocation at, Map<String, YamlNode> entries,
                Map<String, JsonLocation> keyLocations) {
            super(file, path, at);
            this.entries = Collections.unmodifiableMap(entries);
            this.keyLocations = Collections.unmodifiableMap(keyLocations);
        }

        YamlNode get(String key) {
            return entries.get(key);
        }

        /** An error pointing at {@code key} itself (an unknown or misplaced key). */
        ScenarioException keyError(String key, String rule) {
            JsonLocation at = keyLocations.get(key);
            return new ScenarioException(file, at.getLineNr(), at.getColumnNr(), child(path, key), rule);
        }

        @Override
        String describe() {
            return "a mapping";
        }
    }

    static final class Sequence extends YamlNode {
        final List<YamlNode> items;

        private Sequence(String file, String path, JsonLocation at, List<YamlNode> items) {
            super(file, path, at);
            this.items = Collections.unmodifiableList(items);
        }

        @Override
        String describe() {
            return "a list";
        }
    }

    /** A scalar: its text as written, and whether YAML typed it as a string (quoted or plain text). */
    static final class Scalar extends YamlNode {
        final String text;
        final JsonToken token;

        private Scalar(String file, String path, JsonLocation at, String text, JsonToken token) {
            super(file, path, at);
            this.text = text;
            this.token = token;
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        @Override
        String describe() {
            return switch (token) {
                case VALUE_NULL -> "nothing";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text;
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
                default -> "the string \"" + text + "\"";
            };
        }
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reads the single document of {@code text}; an empty document is an empty mapping. */
    static YamlNode parse(String file, String text) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Mapping(file, "", p.currentTokenLocation(), new LinkedHashMap<>(), new LinkedHashMap<>());
            }
            YamlNode root = read(file, "", p);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), "",
                        "a scenario file holds one YAML document (found a second)");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("").trim();
            throw new ScenarioException(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(), "",
                    "invalid YAML: " + msg);
        } catch (IOException e) {
            throw new ScenarioException(file, 1, 1, "", "cannot read: " + e.getMessage());
        }
    }

    private static YamlNode read(String file, String path, JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, JsonLocation> keys = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation keyAt = p.currentTokenLocation();
                if (entries.containsKey(key)) {
                    throw new ScenarioException(file, keyAt.getLineNr(), keyAt.getColumnNr(), child(path, key),
                            "duplicate key \"" + key + "\"");
                }
                p.nextToken();
                entries.put(key, read(file, child(path, key), p));
                keys.put(key, keyAt);
            }
            return new Mapping(file, path, at, entries, keys);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(file, path + "[" + items.size() + "]", p));
            }
            return new Sequence(file, path, at, items);
        }
        return new Scalar(file, path, at, t == JsonToken.VALUE_NULL ? "" : p.getText(), t);
    }
}
