package org.cbdf.policy.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.cbdf.policy.events.Assessment.Obligation;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Outcome;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@link PolicyData} from the YAML files listed in {@code policy/index.yaml}: every file parsed, checked
 * (naming the file, the entry and the key of what is wrong) and every rule condition compiled. The version is the
 * hash of what was read ({@link PolicyVersionHash}).
 */
final class PolicyReader {

    static final String INDEX = "policy/index.yaml";

    private PolicyReader() {
    }

    /** The shipped policy; every rule condition must keep within {@code limits}. */
    static PolicyData fromClasspath(ConditionLimits limits) {
        ClassLoader loader = PolicyReader.class.getClassLoader();
        return load(path -> {
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new PolicyDataException("policy file " + path + " is not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PolicyDataException("cannot read policy file " + path, e);
            }
        }, limits, pack -> true);
    }

    /**
     * Reads the index and every file it lists through {@code files} (path → YAML text).
     *
     * @param checked the packs (by path) whose rule conditions must keep within {@code limits}: those being
     *                published or shipped. The others were checked when they were published, perhaps under other
     *                limits, and load as they were stored; their evaluations are bounded all the same.
     */
    static PolicyData load(Function<String, String> files, ConditionLimits limits, Predicate<String> checked) {
        Map<String, String> texts = new TreeMap<>();
        Function<String, String> reading = path -> {
            String text = files.apply(path);
            if (text == null) {
                throw new PolicyDataException("policy file " + path + " is missing");
            }
            texts.put(path, text);
            return text;
        };
        Map<String, Object> content = new TreeMap<>();
        Map<?, ?> index = map(parse(INDEX, reading.apply(INDEX)), INDEX);
        content.put(INDEX, index);

        String jurisdictionsPath = "policy/" + required(index, "jurisdictions", INDEX);
        Map<?, ?> jurisdictionsYaml = map(parse(jurisdictionsPath, reading.apply(jurisdictionsPath)), jurisdictionsPath);
        content.put(jurisdictionsPath, jurisdictionsYaml);
        Jurisdictions jurisdictions = jurisdictions(jurisdictionsYaml, jurisdictionsPath);

        String adequacyPath = "policy/" + required(index, "adequacy", INDEX);
        Map<?, ?> adequacyYaml = map(parse(adequacyPath, reading.apply(adequacyPath)), adequacyPath);
        content.put(adequacyPath, adequacyYaml);
        AdequacyDecisions adequacy = adequacy(adequacyYaml, adequacyPath);

        String recognitionPath = "policy/" + required(index, "recognition", INDEX);
        Map<?, ?> recognitionYaml = map(parse(recognitionPath, reading.apply(recognitionPath)), recognitionPath);
        content.put(recognitionPath, recognitionYaml);
        RecognitionAgreements recognition = recognition(recognitionYaml, recognitionPath);

        // optional: versions stored before free trade zones were data have no such file, and load as they were
        FreeTradeZones zones = new FreeTradeZones(List.of());
        if (index.get("freeTradeZones") != null) {
            String zonesPath = "policy/" + required(index, "freeTradeZones", INDEX);
            Map<?, ?> zonesYaml = map(parse(zonesPath, reading.apply(zonesPath)), zonesPath);
            content.put(zonesPath, zonesYaml);
            zones = freeTradeZones(zonesYaml, zonesPath);
        }

        // optional too: versions stored before adequacy reviews have no criteria (null: the reviews use the shipped ones)
        ReviewCriteria criteria = null;
        if (index.get("reviewCriteria") != null) {
            String criteriaPath = "policy/" + required(index, "reviewCriteria", INDEX);
            Map<?, ?> criteriaYaml = map(parse(criteriaPath, reading.apply(criteriaPath)), criteriaPath);
            content.put(criteriaPath, criteriaYaml);
            criteria = reviewCriteria(criteriaYaml, criteriaPath);
        }

        List<RulePack> packs = new ArrayList<>();
        for (Object packFile : list(index.get("packs"), INDEX + " packs")) {
            String packPath = "policy/" + packFile;
            String text = reading.apply(packPath);
            Map<?, ?> packYaml = map(parse(packPath, text), packPath);
            content.put(packPath, packYaml);
            packs.add(pack(packYaml, packPath, text, limits, checked.test(packPath)));
        }
        PolicyData data = new PolicyData(jurisdictions, adequacy, recognition, zones, criteria, packs, texts,
                PolicyVersionHash.of(content), limits);
        data.checkConsistency();
        return data;
    }

    static Object parse(String path, String yaml) {
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
            String where = path + " decision " + d.get("id");
            decisions.add(new AdequacyDecisions.Decision(required(d, "id", path), required(d, "authority", where),
                    strings(d.get("destinations"), where + " destinations"), optional(d, "scope"),
                    required(d, "citation", where), status(d, where), date(d, "adopted", where),
                    date(d, "validUntil", where), optional(d, "note"), optional(d, "review"),
                    optionalStrings(d.get("conditions"), where + " conditions"), date(d, "reviewDate", where)));
        }
        return new AdequacyDecisions(decisions);
    }

    private static RecognitionAgreements recognition(Map<?, ?> yaml, String path) {
        List<RecognitionAgreements.Agreement> agreements = new ArrayList<>();
        for (Object item : list(yaml.get("agreements"), path + " agreements")) {
            Map<?, ?> a = map(item, path + " agreement");
            String where = path + " agreement " + a.get("id");
            agreements.add(new RecognitionAgreements.Agreement(required(a, "id", path), required(a, "name", where),
                    strings(a.get("parties"), where + " parties"), required(a, "accepting", where),
                    optionalStrings(a.get("destinations"), where), optionalStrings(a.get("certifications"), where),
                    optionalStrings(a.get("adequacyDecisions"), where), required(a, "citation", where),
                    status(a, where), date(a, "validFrom", where), date(a, "validUntil", where), optional(a, "note"),
                    optional(a, "review"), optionalStrings(a.get("conditions"), where + " conditions")));
        }
        return new RecognitionAgreements(agreements);
    }

    private static ReviewCriteria reviewCriteria(Map<?, ?> yaml, String path) {
        return new ReviewCriteria(criteria(yaml.get("jurisdiction"), path + " jurisdiction"),
                criteria(yaml.get("standard"), path + " standard"));
    }

    private static List<ReviewCriteria.Criterion> criteria(Object items, String where) {
        List<ReviewCriteria.Criterion> criteria = new ArrayList<>();
        for (Object item : list(items, where)) {
            Map<?, ?> c = map(item, where + " criterion");
            criteria.add(new ReviewCriteria.Criterion(required(c, "id", where), required(c, "title", where + " " + c.get("id")),
                    required(c, "citation", where + " " + c.get("id")), optional(c, "description")));
        }
        return criteria;
    }

    private static FreeTradeZones freeTradeZones(Map<?, ?> yaml, String path) {
        List<FreeTradeZones.Zone> zones = new ArrayList<>();
        for (Object item : list(yaml.get("zones"), path + " zones")) {
            Map<?, ?> z = map(item, path + " zone");
            String where = path + " zone " + z.get("code");
            FreeTradeZones.NegativeList negativeList = null;
            if (z.get("negativeList") != null) {
                Map<?, ?> l = map(z.get("negativeList"), where + " negativeList");
                List<FreeTradeZones.Entry> entries = new ArrayList<>();
                for (Object e : list(l.get("entries"), where + " negativeList entries")) {
                    Map<?, ?> entry = map(e, where + " negativeList entry");
                    entries.add(new FreeTradeZones.Entry(required(entry, "category", where),
                            optionalStrings(entry.get("zoneItems"), where + " zoneItems")));
                }
                LocalDate effective = date(l, "effective", where + " negativeList");
                if (effective == null) {
                    throw new PolicyDataException(where + " negativeList: 'effective' is required");
                }
                negativeList = new FreeTradeZones.NegativeList(required(l, "authority", where),
                        required(l, "legalReference", where), effective, entries);
            }
            zones.add(new FreeTradeZones.Zone(required(z, "code", path), required(z, "name", where),
                    required(z, "jurisdiction", where), negativeList));
        }
        return new FreeTradeZones(zones);
    }

    private static DecisionStatus status(Map<?, ?> yaml, String where) {
        try {
            return DecisionStatus.valueOf(required(yaml, "status", where));
        } catch (IllegalArgumentException e) {
            throw new PolicyDataException(where + ": status must be one of ACTIVE, UNDER_CHALLENGE, SUSPENDED, REVOKED", e);
        }
    }

    private static LocalDate date(Map<?, ?> yaml, String key, String where) {
        Object value = yaml.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.Date d) {
            return LocalDate.ofInstant(d.toInstant(), java.time.ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new PolicyDataException(where + ": " + key + " must be a date like 2026-12-01", e);
        }
    }

    private static RulePack pack(Map<?, ?> yaml, String path, String text, ConditionLimits limits, boolean checked) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object item : list(yaml.get("rules"), path + " rules")) {
            Rule rule = rule(map(item, path + " rule"), path, text, limits, checked);
            if (!ids.add(rule.id())) {
                throw new PolicyDataException(path + ": duplicate rule id " + rule.id());
            }
            rules.add(rule);
        }
        return new RulePack(required(yaml, "jurisdiction", path), required(yaml, "name", path),
                Set.copyOf(strings(yaml.get("appliesTo"), path + " appliesTo")), optional(yaml, "adequacyAuthority"),
                Boolean.TRUE.equals(yaml.get("perDestination")), rules);
    }

    private static Rule rule(Map<?, ?> yaml, String path, String text, ConditionLimits limits, boolean checked) {
        String id = required(yaml, "id", path);
        String where = path + " rule " + id;
        int line = whenLine(text, id);
        Object when = yaml.get("when");
        if (!(when instanceof String expression) || expression.isBlank()) {
            throw new RuleProblemException(path, id, line, 1, 1, "'when' must be a CEL expression (a string)");
        }
        CelCondition condition = CelCondition.compile(path, id, line, expression, limits, checked);
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
        String explanation = required(yaml, "explanation", where);
        String otherwise = optional(yaml, "otherwise");
        for (String template : otherwise == null ? List.of(explanation) : List.of(explanation, otherwise)) {
            List<String> unknown = RequestModel.unknownPlaceholders(template);
            if (!unknown.isEmpty()) {
                throw new PolicyDataException(where + ": the explanation uses unknown values " + unknown);
            }
        }
        return new Rule(id, required(yaml, "citation", where), condition, outcome,
                optionalStrings(yaml.get("acceptedMechanisms"), where), approval, obligations, validity,
                new java.util.LinkedHashSet<>(optionalStrings(yaml.get("scopes"), where)),
                new java.util.LinkedHashSet<>(optionalStrings(yaml.get("exempts"), where)), explanation, otherwise);
    }

    /** The line (1-based) of the file where the rule's expression starts, or -1 if it cannot be told. */
    static int whenLine(String text, String ruleId) {
        String[] lines = text.split("\n", -1);
        int idLine = -1;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (trimmed.matches("-?\\s*id:\\s*[\"']?" + java.util.regex.Pattern.quote(ruleId) + "[\"']?\\s*(#.*)?")) {
                idLine = i;
                break;
            }
        }
        if (idLine < 0) {
            return -1;
        }
        for (int i = idLine + 1; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (trimmed.startsWith("- id:")) {
                return -1;
            }
            if (trimmed.startsWith("when:")) {
                String rest = trimmed.substring(5).trim();
                return rest.startsWith("|") || rest.startsWith(">") || rest.isEmpty() ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    static String required(Map<?, ?> yaml, String key, String where) {
        Object value = yaml.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new PolicyDataException(where + ": '" + key + "' is required");
        }
        return String.valueOf(value);
    }

    private static String optional(Map<?, ?> yaml, String key) {
        Object value = yaml.get(key);
        return value == null ? null : String.valueOf(value);
    }

    static Map<?, ?> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new PolicyDataException(where + ": expected a mapping");
    }

    static List<?> list(Object value, String where) {
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
}
