package org.cbdf.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Object Mother for transfer request bodies, as JSON-ready maps so tests can break them field by field. */
public final class TransferRequests {

    private TransferRequests() {
    }

    /** docs/design.md §3's example: CN → DE, HR data of 120,000 people, onward to the US. */
    public static Map<String, Object> hrDataToGermany() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exporter", new LinkedHashMap<>(Map.of("jurisdiction", "CN", "ciio", false)));
        body.put("importer", new LinkedHashMap<>(Map.of("name", "Acme GmbH", "jurisdiction", "DE",
                "certifications", List.of("GLOBAL_CBPR"), "dpfCertified", false)));
        body.put("purpose", "HR administration");
        body.put("dataCategories", new ArrayList<>(List.of("PERSONAL", "SENSITIVE_PERSONAL")));
        body.put("dataSubjects", new LinkedHashMap<>(Map.of("count", 120000, "sensitiveCount", 0)));
        body.put("mechanism", "STANDARD_CONTRACT");
        body.put("exemption", null);
        body.put("safeguards", List.of("ENCRYPTION_IN_TRANSIT", "PSEUDONYMISATION"));
        body.put("onwardTransfers", List.of(Map.of("jurisdiction", "US")));
        body.put("period", new LinkedHashMap<>(Map.of("start", "2026-12-01", "end", "2027-11-30")));
        return body;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> target = body;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (Map<String, Object>) target.get(parts[i]);
        }
        if (value == Missing.FIELD) {
            target.remove(parts[parts.length - 1]);
        } else {
            target.put(parts[parts.length - 1], value);
        }
        return body;
    }

    public enum Missing {
        FIELD
    }
}
