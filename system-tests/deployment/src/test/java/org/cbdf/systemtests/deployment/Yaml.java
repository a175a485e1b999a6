package org.cbdf.systemtests.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;

/** YAML documents as plain maps and lists, and paths into them. */
final class Yaml {

    private Yaml() {
    }

    /** One document; an empty one (comments only) is an empty map. */
    static Map<String, Object> load(String text) {
        Object document = parser().load(text);
        return document == null ? new LinkedHashMap<>() : map(document);
    }

    static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : parser().loadAll(text)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static String dump(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new org.yaml.snakeyaml.Yaml(options).dump(document);
    }

    /** Helm's overlay of values files: maps merge key by key, anything else is replaced. */
    static Map<String, Object> overlay(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            Object existing = merged.get(key);
            merged.put(key, existing instanceof Map<?, ?> && value instanceof Map<?, ?>
                    ? overlay(map(existing), map(value)) : value);
        });
        return merged;
    }

    /** The value at a dotted path ("spec.template.spec"), or null where any step is missing. */
    static Object at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object node, String path) {
        Object value = at(node, path);
        return value == null ? Map.of() : map(value);
    }

    static List<Map<String, Object>> listAt(Object node, String path) {
        Object value = at(node, path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(path + " is no list: " + value);
        }
        return list.stream().map(Yaml::map).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static org.yaml.snakeyaml.Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(options);
    }
}
