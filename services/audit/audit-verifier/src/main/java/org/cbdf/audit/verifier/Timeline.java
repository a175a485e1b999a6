package org.cbdf.audit.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A readable timeline of one aggregate (transfer, dispute) from an export bundle's events. */
public final class Timeline {

    private final JsonMapper json = JsonMapper.builder().build();

    /** Prints every event of {@code aggregateId} in log order and the state they fold into; returns how many. */
    public int print(Path bundle, String aggregateId, PrintWriter out) throws IOException {
        AggregateState state = new AggregateState(aggregateId);
        int count = 0;
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            ZipEntry events = zip.getEntry(BundleManifest.EVENTS);
            if (events == null) {
                throw new IOException("not an audit bundle: no " + BundleManifest.EVENTS);
            }
            out.printf("Timeline of %s%n", aggregateId);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(zip.getInputStream(events),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode entry = json.readTree(line);
                    JsonNode event = entry.path("event");
                    if (!aggregateId.equals(event.path("aggregateid").asString(null))
                            && !aggregateId.equals(event.path("subject").asString(null))) {
                        continue;
                    }
                    long leaf = entry.path("leafIndex").asLong();
                    state.apply(leaf, event);
                    count++;
                    out.printf("%-30s leaf %-7d %-34s %s%n", event.path("time").asString("-"), leaf,
                            event.path("type").asString(""), summary(event));
                }
            }
        }
        if (count == 0) {
            out.printf("  no events of %s in this bundle%n", aggregateId);
        } else {
            out.printf("State after %d events: status %s, policy version %s%n", count, state.status(),
                    state.toJson().path("policyVersion").asString("-"));
        }
        out.flush();
        return count;
    }

    private static String summary(JsonNode event) {
        JsonNode data = event.path("data");
        StringBuilder summary = new StringBuilder();
        for (String field : new String[] { "status", "outcome", "decision", "jurisdiction", "reason", "resolution" }) {
            JsonNode value = data.path(field);
            if (value.isString() || value.isNumber()) {
                summary.append(field).append(' ').append(value.asString()).append("  ");
            } else if (value.isObject() && value.has("kind")) {
                summary.append(field).append(' ').append(value.get("kind").asString()).append("  ");
            }
        }
        if (event.has("policyversion")) {
            summary.append("policy ").append(event.get("policyversion").asString()).append("  ");
        }
        summary.append("by ").append(event.path("source").asString("?"));
        return summary.toString();
    }
}
