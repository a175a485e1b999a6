package org.cbdf.policy.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.cbdf.policy.events.Assessment.Obligation;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Outcome;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Everything that decides an assessment, read from the YAML files listed in {@code policy/index.yaml}, and
 * its version: {@code sha256:} + the hex SHA-256 of the canonical JSON of all those files' content (keys
 * sorted, no whitespace) together with the engine's {@link #SEMANTICS_REVISION}. Comments and formatting do
 * not change the version; any change of content does.
 */
record PolicyData(Jurisdictions jurisdictions, AdequacyDecisions adequacy, List<RulePack> packs, String version) {

    /**
     * Revision of what the condition vocabulary and the combination of outcomes mean in code. Bump it with any
     * change to {@link Condition} or {@link AssessmentEngine} that can change an assessment, so that the policy
     * version changes too.
     */
    static final int SEMANTICS_REVISION = 1;

    static final String INDEX = "policy/index.yaml";

    PolicyData {
        packs = List.copyOf(packs);
    }

    static PolicyData fromClasspath() {
        ClassLoader loader = PolicyData.class.getClassLoader();
        return load(path -> {
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new PolicyDataException("policy file " + path + " is not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PolicyDataException("cannot read policy file " + path, e);
            }
        });
    }

    /** Reads the index and every file it lists through {@code files} (path → YAML text). */
    static PolicyData load(Function<String, String> files) {
        Map<String, Object> content = new TreeMap<>();
        Map<?, ?> index = map(parse(INDEX, files.apply(INDEX)), INDEX);
        content.put(INDEX, index);

        String jurisdictionsPath = "policy/" + required(index, "jurisdictions", INDEX);
        Map<?, ?> jurisdictionsYaml = map(parse(jurisdictionsPath, files.apply(jurisdictionsPath)), jurisdictionsPath);
        content.put(jurisdictionsPath, jurisdictionsYaml);
        Jurisdictions jurisdictions = jurisdictions(jurisdictionsYaml, jurisdictionsPath);

        String adequacyPath = "policy/" + required(index, "adequacy", INDEX);
        Map<?, ?> adequacyYaml = map(parse(adequacyPath, files.apply(adequacyPath)), adequacyPath);
        content.put(adequacyPath, adequacyYaml);
        AdequacyDecisions adequacy = adequacy(adequacyYaml, adequacyPath);

        List<RulePack> packs = new ArrayList<>();
        for (Object packFile : list(index.get("packs"), INDEX + " packs")) {
            String packPath = "policy/" + packFile;
            Map<?, ?> packYaml = map(parse(packPath, files.apply(packPath)), packPath);
            content.put(packPath, packYaml);
            packs.add(pack(packYaml, packPath));
        }
        Map<String, Object> versioned = new TreeMap<>();
        versioned.put("semanticsRevision", SEMANTICS_REVISION);
        versioned.put("files", content);
        PolicyData data = new PolicyData(jurisdictions, adequacy, packs, "sha256:" + sha256(CanonicalJson.write(versioned)));
        data.checkConsistency();
        return data;
    }

    private void checkConsistency() {
        Set<String> governed = new java.util.HashSet<>();
        for (RulePack pack : packs) {
            for (String code : pack.appliesTo()) {
                Jurisdictions.requireIso(code, "rule pack " + pack.jurisdiction());
                if (!governed.add(code)) {
                    throw new PolicyDataException(code + " is governed by more than one rule pack");
                }
            }
        }
        adequacy.decisions().forEach(d -> Jurisdictions.requireIso(d.destination(), "adequacy decision"));
    }

    java.util.Optional<RulePack> packFor(String exportingJurisdiction) {
        return packs.stream().filter(p -> p.appliesTo().contains(exportingJurisdiction)).findFirst();
    }

    private static Object parse(String path, String yaml) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new PolicyDataException("policy file " + path + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static Jurisdictions jurisdictions(Map<?, ?> yaml, String path) {
        Map<String, Set<String>> blocs = new LinkedHashMap<>();
        map(yaml.get("blocs"), path + " blocs").forEach((bloc, members) ->
                blocs.put(String.valueOf(bloc), Set.copyOf(strings(members, path + " bloc " + bloc))));
        return new Jurisdictions(blocs, Set.copyOf(strings(yaml.get("others"), path + " others")));
    }

    private static AdequacyDecisions adequacy(Map<?, ?> yaml, String path) {
        List<AdequacyDecisions.Decision> decisions = new ArrayList<>();
        for (Object item : list(yaml.get("decisions"), path + " decisions")) {
            Map<?, ?> d = map(item, path + " decision");
            decisions.add(new AdequacyDecisions.Decision(required(d, "authority", path), required(d, "destination", path),
                    required(d, "citation", path), d.get("condition") == null ? null : String.valueOf(d.get("condition"))));
        }
        return new AdequacyDecisions(decisions);
    }

    private static RulePack pack(Map<?, ?> yaml, String path) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Object item : list(yaml.get("rules"), path + " rules")) {
            Rule rule = rule(map(item, path + " rule"), path);
            if (!ids.add(rule.id())) {
                throw new PolicyDataException(path + ": duplicate rule id " + rule.id());
            }
            rules.add(rule);
        }
        return new RulePack(required(yaml, "jurisdiction", path), required(yaml, "name", path),
                Set.copyOf(strings(yaml.get("appliesTo"), path + " appliesTo")),
                yaml.get("adequacyAuthority") == null ? null : String.valueOf(yaml.get("adequacyAuthority")),
                Boolean.TRUE.equals(yaml.get("perDestination")), rules);
    }

    private static Rule rule(Map<?, ?> yaml, String path) {
        String id = required(yaml, "id", path);
        String where = path + " rule " + id;
        List<Condition> when = list(yaml.get("when"), where + " when").stream()
                .map(c -> Condition.parse(id, map(c, where + " condition"))).toList();
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(required(yaml, "outcome", where));
        } catch (IllegalArgumentException e) {
            throw new PolicyDataException(where + ": unknown outcome " + yaml.get("outcome"), e);
        }
        RequiredApproval approval = null;
        if (yaml.get("requiredApproval") != null) {
            Map<?, ?> a = map(yaml.get("requiredApproval"), where + " requiredApproval");
            approval = new RequiredApproval(required(a, "jurisdiction", where), required(a, "procedure", where));
        }
        List<Obligation> obligations = new ArrayList<>();
        if (yaml.get("obligations") != null) {
            for (Object o : list(yaml.get("obligations"), where + " obligations")) {
                Map<?, ?> ob = map(o, where + " obligation");
                obligations.add(new Obligation(required(ob, "code", where), required(ob, "text", where)));
            }
        }
        Period validity = null;
        if (yaml.get("validity") != null) {
            try {
                validity = Period.parse(String.valueOf(yaml.get("validity")));
            } catch (DateTimeParseException e) {
                throw new PolicyDataException(where + ": validity must be an ISO-8601 period like P3Y", e);
            }
        }
        return new Rule(id, required(yaml, "citation", where), when, outcome,
                optionalStrings(yaml.get("acceptedMechanisms"), where), approval, obligations, validity,
                Set.copyOf(optionalStrings(yaml.get("scopes"), where)),
                Set.copyOf(optionalStrings(yaml.get("exempts"), where)), required(yaml, "explanation", where));
    }

    private static String required(Map<?, ?> yaml, String key, String where) {
        Object value = yaml.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new PolicyDataException(where + ": '" + key + "' is required");
        }
        return String.valueOf(value);
    }

    private static Map<?, ?> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new PolicyDataException(where + ": expected a mapping");
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new PolicyDataException(where + ": expected a list");
    }

    private static List<String> strings(Object value, String where) {
        return list(value, where).stream().map(String::valueOf).toList();
    }

    private static List<String> optionalStrings(Object value, String where) {
        return value == null ? List.of() : strings(value, where);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
