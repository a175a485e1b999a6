package org.cbdf.policy.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.cbdf.policy.events.Assessment.Obligation;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Outcome;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Everything that decides an assessment, read from the YAML files listed in {@code policy/index.yaml}, and
 * its version: {@code sha256:} + the hex SHA-256 of the canonical JSON of all those files' content (keys
 * sorted, no whitespace) together with the engine's {@link #SEMANTICS_REVISION}. Comments and formatting do
 * not change the version; any change of content does. {@code files} keeps the texts it was read from (path →
 * YAML), so that a version can be stored and loaded again.
 */
record PolicyData(Jurisdictions jurisdictions, AdequacyDecisions adequacy, RecognitionAgreements recognition,
        FreeTradeZones freeTradeZones, ReviewCriteria reviewCriteria, List<RulePack> packs, Map<String, String> files,
        String version, ConditionLimits limits) {

    /**
     * Revision of what the request model, the CEL environment and the combination of outcomes mean in code.
     * Bump it with any change to {@link RequestModel} or {@link AssessmentEngine} that can change an assessment.
     */
    static final int SEMANTICS_REVISION = 2;

    static final String INDEX = "policy/index.yaml";

    PolicyData {
        packs = List.copyOf(packs);
        files = Map.copyOf(files);
    }

    static PolicyData fromClasspath() {
        return fromClasspath(ConditionLimits.DEFAULTS);
    }

    /** The shipped policy; every rule condition must keep within {@code limits}. */
    static PolicyData fromClasspath(ConditionLimits limits) {
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
        }, limits, pack -> true);
    }

    /** Reads the index and every file it lists through {@code files} (path → YAML text), within the default limits. */
    static PolicyData load(Function<String, String> files) {
        return load(files, ConditionLimits.DEFAULTS, pack -> true);
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
        Map<String, Object> versioned = new TreeMap<>();
        versioned.put("semanticsRevision", SEMANTICS_REVISION);
        versioned.put("files", content);
        PolicyData data = new PolicyData(jurisdictions, adequacy, recognition, zones, criteria, packs, texts,
                "sha256:" + sha256(CanonicalJson.write(versioned)), limits);
        data.checkConsistency();
        return data;
    }

    /** This policy with one rule pack replaced (by its jurisdiction label) or added; validated and compiled. */
    PolicyData withPack(String jurisdiction, String yaml) {
        Map<?, ?> parsed = map(parse("rule pack " + jurisdiction, yaml), "rule pack " + jurisdiction);
        String declared = String.valueOf(parsed.get("jurisdiction"));
        if (!jurisdiction.equals(declared)) {
            throw new PolicyDataException("the pack declares jurisdiction '" + declared + "' but is uploaded as "
                    + jurisdiction);
        }
        Map<?, ?> index = map(parse(INDEX, files.get(INDEX)), INDEX);
        Optional<String> existing = packFile(jurisdiction);
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
        return load(changed::get, limits, published::equals);
    }

    /** The policy of other files but the same packs, which this policy's load already checked or took as stored. */
    private PolicyData asStored(Map<String, String> newFiles) {
        return load(newFiles::get, limits, pack -> false);
    }

    Optional<String> packFile(String jurisdiction) {
        Map<?, ?> index = map(parse(INDEX, files.get(INDEX)), INDEX);
        for (Object packFile : list(index.get("packs"), INDEX)) {
            String path = "policy/" + packFile;
            Object declared = map(parse(path, files.get(path)), path).get("jurisdiction");
            if (jurisdiction.equals(String.valueOf(declared))) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    PolicyData withAdequacyStatus(String id, DecisionStatus status, String reason) {
        return withAdequacy(adequacy.withStatus(id, status, reason));
    }

    /** This policy with {@code decision} replacing the one with its id, or added. */
    PolicyData withAdequacyDecision(AdequacyDecisions.Decision decision) {
        return withAdequacy(adequacy.with(decision));
    }

    private PolicyData withAdequacy(AdequacyDecisions changed) {
        String path = "policy/" + required(map(parse(INDEX, files.get(INDEX)), INDEX), "adequacy", INDEX);
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("decisions", changed.decisions().stream().map(PolicyData::toYaml).toList());
        Map<String, String> newFiles = new TreeMap<>(files);
        newFiles.put(path, "# Adequacy decisions (DESIGN §7); written by the policy service on a status change.\n" + dump(yaml));
        return asStored(newFiles);
    }

    PolicyData withAgreementStatus(String id, DecisionStatus status, String reason) {
        return withRecognition(recognition.withStatus(id, status, reason));
    }

    /** This policy with {@code agreement} replacing the one with its id, or added. */
    PolicyData withAgreement(RecognitionAgreements.Agreement agreement) {
        return withRecognition(recognition.with(agreement));
    }

    private PolicyData withRecognition(RecognitionAgreements changed) {
        String path = "policy/" + required(map(parse(INDEX, files.get(INDEX)), INDEX), "recognition", INDEX);
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("agreements", changed.agreements().stream().map(PolicyData::toYaml).toList());
        Map<String, String> newFiles = new TreeMap<>(files);
        newFiles.put(path, "# Mutual-recognition agreements (DESIGN §7); written by the policy service on a status change.\n" + dump(yaml));
        return asStored(newFiles);
    }

    /**
     * This policy with the adequacy review criteria replaced; a version stored before criteria were data gets the
     * file and its entry in the index.
     */
    PolicyData withReviewCriteria(ReviewCriteria criteria) {
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
        yaml.put("jurisdiction", criteria.jurisdiction().stream().map(PolicyData::toYaml).toList());
        yaml.put("standard", criteria.standard().stream().map(PolicyData::toYaml).toList());
        newFiles.put("policy/" + file, "# Adequacy review criteria (issue 10); written by the policy service on a change.\n"
                + dump(yaml));
        return asStored(newFiles);
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

    /** This policy with the negative list of free trade zone {@code code} loaded, replaced, or (null) withdrawn. */
    PolicyData withNegativeList(String code, FreeTradeZones.NegativeList list) {
        FreeTradeZones changed = freeTradeZones.withNegativeList(code, list);
        String path = "policy/" + required(map(parse(INDEX, files.get(INDEX)), INDEX), "freeTradeZones", INDEX);
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("zones", changed.zones().stream().map(PolicyData::toYaml).toList());
        Map<String, String> newFiles = new TreeMap<>(files);
        newFiles.put(path, "# Pilot free trade zones and their negative lists (CAC Provisions 2024, Art. 6); written by the"
                + " policy service on a change of a list.\n" + dump(yaml));
        return asStored(newFiles);
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

    private static String dump(Object yaml) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(160);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options).dump(yaml);
    }

    private void checkConsistency() {
        Set<String> governed = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (RulePack pack : packs) {
            if (!labels.add(pack.jurisdiction())) {
                throw new PolicyDataException("two rule packs are labelled " + pack.jurisdiction());
            }
            for (String code : pack.appliesTo()) {
                Jurisdictions.requireIso(code, "rule pack " + pack.jurisdiction());
                if (!governed.add(code)) {
                    throw new PolicyDataException(code + " is governed by more than one rule pack");
                }
            }
        }
        for (var d : adequacy.decisions()) {
            d.destinations().forEach(to -> {
                if (!jurisdictions.isBloc(to)) {
                    Jurisdictions.requireIso(to, "adequacy decision " + d.id());
                }
            });
        }
        for (var a : recognition.agreements()) {
            a.adequacyDecisions().forEach(id -> adequacy.byId(id).orElseThrow(() -> new PolicyDataException(
                    "recognition agreement " + a.id() + " names an unknown adequacy decision " + id)));
        }
    }

    Optional<RulePack> packFor(String exportingJurisdiction) {
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

    private static String required(Map<?, ?> yaml, String key, String where) {
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

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
