package org.cbdf.policy.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import static org.cbdf.policy.rules.PolicyReader.INDEX;
import static org.cbdf.policy.rules.PolicyReader.list;
import static org.cbdf.policy.rules.PolicyReader.map;
import static org.cbdf.policy.rules.PolicyReader.parse;
import static org.cbdf.policy.rules.PolicyReader.required;

/**
 * Writes a change of the policy back into its files (path → YAML), so that a changed policy is stored, versioned and
 * read again exactly like the shipped one: each method answers the files of the policy with one part replaced.
 */
final class PolicyWriter {

    private PolicyWriter() {
    }

    /** The files with a rule pack published: where it went ({@code path}) and all files afterwards. */
    record Publication(String path, Map<String, String> files) {
    }

    /** The files with the pack of {@code jurisdiction} replaced (it is in {@code existing}) or added to the index. */
    static Publication withPack(Map<String, String> files, String jurisdiction, String yaml, Optional<String> existing) {
        Map<?, ?> parsed = map(parse("rule pack " + jurisdiction, yaml), "rule pack " + jurisdiction);
        String declared = String.valueOf(parsed.get("jurisdiction"));
        if (!jurisdiction.equals(declared)) {
            throw new PolicyDataException("the pack declares jurisdiction '" + declared + "' but is uploaded as "
                    + jurisdiction);
        }
        Map<?, ?> index = map(parse(INDEX, files.get(INDEX)), INDEX);
        Map<String, String> changed = new TreeMap<>(files);
        String published;
        if (existing.isPresent()) {
            published = existing.get();
            changed.put(published, yaml);
        } else {
            String file = "packs/" + jurisdiction.toLowerCase() + ".yaml";
            published = "policy/" + file;
            changed.put(published, yaml);
            Map<String, Object> newIndex = new LinkedHashMap<>();
            index.forEach((k, v) -> newIndex.put(String.valueOf(k), v));
            List<Object> packsList = new ArrayList<>(list(index.get("packs"), INDEX));
            packsList.add(file);
            newIndex.put("packs", packsList);
            changed.put(INDEX, dump(newIndex));
        }
        return new Publication(published, changed);
    }

    static Map<String, String> withAdequacy(Map<String, String> files, AdequacyDecisions changed) {
        String path = "policy/" + required(map(parse(INDEX, files.get(INDEX)), INDEX), "adequacy", INDEX);
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("decisions", changed.decisions().stream().map(PolicyWriter::toYaml).toList());
        Map<String, String> newFiles = new TreeMap<>(files);
        newFiles.put(path, "# Adequacy decisions (docs/design.md §7); written by the policy service on a status change.\n" + dump(yaml));
        return newFiles;
    }

    static Map<String, String> withRecognition(Map<String, String> files, RecognitionAgreements changed) {
        String path = "policy/" + required(map(parse(INDEX, files.get(INDEX)), INDEX), "recognition", INDEX);
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("agreements", changed.agreements().stream().map(PolicyWriter::toYaml).toList());
        Map<String, String> newFiles = new TreeMap<>(files);
        newFiles.put(path, "# Mutual-recognition agreements (docs/design.md §7); written by the policy service on a status change.\n" + dump(yaml));
        return newFiles;
    }

    /** A version stored before criteria were data gets the file and its entry in the index. */
    static Map<String, String> withReviewCriteria(Map<String, String> files, ReviewCriteria criteria) {
        Map<?, ?> index = map(parse(INDEX, files.get(INDEX)), INDEX);
        Map<String, String> newFiles = new TreeMap<>(files);
        String file = index.get("reviewCriteria") == null ? "review-criteria.yaml" : required(index, "reviewCriteria", INDEX);
        if (index.get("reviewCriteria") == null) {
            Map<String, Object> newIndex = new LinkedHashMap<>();
            index.forEach((k, v) -> newIndex.put(String.valueOf(k), v));
            newIndex.put("reviewCriteria", file);
            newFiles.put(INDEX, dump(newIndex));
        }
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("jurisdiction", criteria.jurisdiction().stream().map(PolicyWriter::toYaml).toList());
        yaml.put("standard", criteria.standard().stream().map(PolicyWriter::toYaml).toList());
        newFiles.put("policy/" + file, "# Adequacy review criteria (issue 10); written by the policy service on a change.\n"
                + dump(yaml));
        return newFiles;
    }

    static Map<String, String> withZones(Map<String, String> files, FreeTradeZones changed) {
        String path = "policy/" + required(map(parse(INDEX, files.get(INDEX)), INDEX), "freeTradeZones", INDEX);
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("zones", changed.zones().stream().map(PolicyWriter::toYaml).toList());
        Map<String, String> newFiles = new TreeMap<>(files);
        newFiles.put(path, "# Pilot free trade zones and their negative lists (CAC Provisions 2024, Art. 6); written by the"
                + " policy service on a change of a list.\n" + dump(yaml));
        return newFiles;
    }

    private static Map<String, Object> toYaml(ReviewCriteria.Criterion c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("title", c.title());
        m.put("citation", c.citation());
        if (c.description() != null) {
            m.put("description", c.description());
        }
        return m;
    }

    private static Map<String, Object> toYaml(FreeTradeZones.Zone z) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", z.code());
        m.put("name", z.name());
        m.put("jurisdiction", z.jurisdiction());
        if (z.negativeList() != null) {
            FreeTradeZones.NegativeList list = z.negativeList();
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("authority", list.authority());
            l.put("legalReference", list.legalReference());
            l.put("effective", list.effective().toString());
            l.put("entries", list.entries().stream().map(e -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("category", e.category());
                entry.put("zoneItems", e.zoneItems());
                return entry;
            }).toList());
            m.put("negativeList", l);
        }
        return m;
    }

    private static Map<String, Object> toYaml(AdequacyDecisions.Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("authority", d.authority());
        m.put("destinations", d.destinations());
        m.put("scope", d.scope());
        m.put("citation", d.citation());
        m.put("status", d.status().name());
        m.put("adopted", d.adopted() == null ? null : d.adopted().toString());
        m.put("validUntil", d.validUntil() == null ? null : d.validUntil().toString());
        m.put("note", d.note());
        // written only when present, so that a decision without a review stays the content it was
        if (d.review() != null) {
            m.put("review", d.review());
        }
        if (!d.conditions().isEmpty()) {
            m.put("conditions", d.conditions());
        }
        if (d.reviewDate() != null) {
            m.put("reviewDate", d.reviewDate().toString());
        }
        return m;
    }

    private static Map<String, Object> toYaml(RecognitionAgreements.Agreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("parties", a.parties());
        m.put("accepting", a.accepting());
        m.put("destinations", a.destinations());
        m.put("certifications", a.certifications());
        m.put("adequacyDecisions", a.adequacyDecisions());
        m.put("citation", a.citation());
        m.put("status", a.status().name());
        m.put("validFrom", a.validFrom() == null ? null : a.validFrom().toString());
        m.put("validUntil", a.validUntil() == null ? null : a.validUntil().toString());
        m.put("note", a.note());
        if (a.review() != null) {
            m.put("review", a.review());
        }
        if (!a.conditions().isEmpty()) {
            m.put("conditions", a.conditions());
        }
        return m;
    }

    static String dump(Object yaml) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(160);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options).dump(yaml);
    }
}
