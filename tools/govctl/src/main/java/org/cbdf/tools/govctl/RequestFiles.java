package org.cbdf.tools.govctl;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a transfer request file: JSON, or YAML (JSON is YAML too, but its errors read better as JSON). */
final class RequestFiles {

    private RequestFiles() {
    }

    static Object read(String name, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (name.endsWith(".json")) {
            try {
                return Api.JSON.readTree(text);
            } catch (RuntimeException e) {
                throw GovctlException.usage(name + " is not valid JSON: " + e.getMessage());
            }
        }
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw GovctlException.usage(name + " is not valid YAML: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?>)) {
            throw GovctlException.usage(name + " must hold one transfer request (a mapping of fields)");
        }
        return plain(document);
    }

    /** YAML reads {@code 2026-12-01} as a timestamp; the API wants the date as written. */
    private static Object plain(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
                yield copy;
            }
            case List<?> list -> list.stream().map(RequestFiles::plain).toList();
            case Date date -> {
                var utc = date.toInstant().atOffset(ZoneOffset.UTC);
                yield utc.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? utc.toLocalDate().toString()
                        : utc.toInstant().toString();
            }
            case null -> null;
            default -> value;
        };
    }
}
