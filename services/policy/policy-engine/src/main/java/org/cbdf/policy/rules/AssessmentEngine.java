package org.cbdf.policy.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.Assessment.Obligation;
import org.cbdf.policy.events.Assessment.RequiredApproval;
import org.cbdf.policy.events.Assessment.TraceEntry;
import org.cbdf.policy.events.Outcome;
import org.cbdf.transfer.events.TransferRequest;

/**
 * Assesses a transfer request against the rule packs, adequacy decisions and blocs shipped with the service.
 *
 * <p>Legs: the origin's export pack judges every destination (the importer's and each onward one; packs
 * whose rules do not depend on the destination judge the export once), and the importer's jurisdiction's
 * export pack judges each onward transfer from there. A jurisdiction without a pack yields a PERMITTED leg
 * with a trace entry saying so: the engine makes no finding under law it does not encode.
 *
 * <p>Combination is strict: the assessment's outcome is the strictest of all legs; approvals, accepted
 * mechanisms and obligations of the deciding rules accumulate. The trace lists every rule considered, matched,
 * not matched or not applied. Nothing depends on the clock, so the same request under the same
 * {@link #policyVersion()} yields the same assessment.
 */
public final class AssessmentEngine {

    private final PolicyData policy;
    /** Worked out once per policy version, not per assessment: the pack governing each exporting jurisdiction… */
    private final Map<String, RulePack> packs;
    /** …and the blocs of each jurisdiction that is in one, sorted. */
    private final Map<String, List<String>> blocs;

    private AssessmentEngine(PolicyData policy) {
        this.policy = policy;
        Map<String, RulePack> packs = new HashMap<>();
        policy.packs().forEach(pack -> pack.appliesTo().forEach(code -> packs.putIfAbsent(code, pack)));
        this.packs = Map.copyOf(packs);
        Map<String, List<String>> blocs = new HashMap<>();
        policy.jurisdictions().allCodes().forEach(code -> blocs.put(code, policy.jurisdictions().blocsOf(code)));
        this.blocs = Map.copyOf(blocs);
    }

    /** The engine over the policy data shipped on the classpath under {@code policy/}, within the default limits. */
    public static AssessmentEngine fromClasspath() {
        return fromClasspath(ConditionLimits.DEFAULTS);
    }

    /** The engine over the policy data shipped on the classpath; every rule condition must keep within {@code limits}. */
    public static AssessmentEngine fromClasspath(ConditionLimits limits) {
        return new AssessmentEngine(PolicyData.fromClasspath(limits));
    }

    static AssessmentEngine of(PolicyData policy) {
        return new AssessmentEngine(policy);
    }

    public String policyVersion() {
        return policy.version();
    }

    /** The engine over policy files (path → YAML) as stored for a version, evaluated within the default limits. */
    public static AssessmentEngine fromFiles(Map<String, String> files) {
        return fromFiles(files, ConditionLimits.DEFAULTS);
    }

    /**
     * The engine over policy files (path → YAML) as stored for a version. Its rule conditions are compiled as they
     * were stored, not checked against {@code limits} again (they were when they were published, under the limits of
     * the day; a version in force must stay loadable when the limits are lowered), but evaluated within them.
     */
    public static AssessmentEngine fromFiles(Map<String, String> files, ConditionLimits limits) {
        return new AssessmentEngine(PolicyData.load(files::get, limits, pack -> false));
    }

    /** The limits this engine's rule conditions are evaluated within, and a published pack's are checked against. */
    public ConditionLimits conditionLimits() {
        return policy.limits();
    }

    /** The files this engine's policy was read from: store them to load this exact version again. */
    public Map<String, String> files() {
        return policy.files();
    }

    public AdequacyDecisions adequacyDecisions() {
        return policy.adequacy();
    }

    public RecognitionAgreements recognitionAgreements() {
        return policy.recognition();
    }

    /** China's pilot free trade zones and the negative lists loaded for them (CAC Provisions 2024, Art. 6). */
    public FreeTradeZones freeTradeZones() {
        return policy.freeTradeZones();
    }

    public Jurisdictions blocs() {
        return policy.jurisdictions();
    }

    /** Each rule pack: its label, name, the jurisdictions it governs, its rule ids and its YAML. */
    public List<RulePackInfo> rulePacks() {
        return policy.packs().stream().map(p -> new RulePackInfo(p.jurisdiction(), p.name(),
                p.appliesTo().stream().sorted().toList(), p.rules().stream().map(Rule::id).toList(),
                policy.packFile(p.jurisdiction()).map(policy.files()::get).orElse(null))).toList();
    }

    /**
     * A new engine with the rule pack of {@code jurisdiction} replaced or added; refused if it does not compile or a
     * condition of it exceeds {@link #conditionLimits()}.
     */
    public AssessmentEngine withRulePack(String jurisdiction, String yaml) {
        return new AssessmentEngine(policy.withPack(jurisdiction, yaml));
    }

    public AssessmentEngine withAdequacyStatus(String decisionId, DecisionStatus status, String reason) {
        return new AssessmentEngine(policy.withAdequacyStatus(decisionId, status, reason));
    }

    /** A new engine with the negative list of free trade zone {@code zone} loaded or replaced, or withdrawn (null). */
    public AssessmentEngine withNegativeList(String zone, FreeTradeZones.NegativeList list) {
        return new AssessmentEngine(policy.withNegativeList(zone, list));
    }

    public AssessmentEngine withAgreementStatus(String agreementId, DecisionStatus status, String reason) {
        return new AssessmentEngine(policy.withAgreementStatus(agreementId, status, reason));
    }

    /** A new engine with {@code decision} adopted: it replaces the decision with its id, or is added. */
    public AssessmentEngine withAdequacyDecision(AdequacyDecisions.Decision decision) {
        return new AssessmentEngine(policy.withAdequacyDecision(decision));
    }

    /** A new engine with {@code agreement} adopted: it replaces the agreement with its id, or is added. */
    public AssessmentEngine withAgreement(RecognitionAgreements.Agreement agreement) {
        return new AssessmentEngine(policy.withAgreement(agreement));
    }

    /** A new engine with other adequacy review criteria (nothing an assessment uses; the policy version changes). */
    public AssessmentEngine withReviewCriteria(ReviewCriteria criteria) {
        return new AssessmentEngine(policy.withReviewCriteria(criteria));
    }

    /** The adequacy review criteria of this version; empty for versions stored before criteria were data. */
    public java.util.Optional<ReviewCriteria> reviewCriteria() {
        return java.util.Optional.ofNullable(policy.reviewCriteria());
    }

    /** The labels of the rule packs that consult {@code authority}'s adequacy decisions, sorted. */
    public List<String> packsConsultingAdequacyOf(String authority) {
        return policy.packs().stream().filter(p -> authority.equals(p.adequacyAuthority())).map(RulePack::jurisdiction)
                .sorted().toList();
    }

    /** The labels of the rule packs whose recognition agreements are those {@code accepting} accepts, sorted. */
    public List<String> packsAccepting(String accepting) {
        return policy.packs().stream().filter(p -> accepting.equals(p.jurisdiction())).map(RulePack::jurisdiction)
                .sorted().toList();
    }

    /** Every jurisdiction the engine knows: bloc members, adequacy destinations, pack jurisdictions, others. */
    public List<JurisdictionInfo> jurisdictions() {
        Set<String> codes = new java.util.TreeSet<>(policy.jurisdictions().allCodes());
        codes.addAll(policy.jurisdictions().others());
        policy.adequacy().decisions().forEach(d -> d.destinations().stream()
                .filter(to -> !policy.jurisdictions().isBloc(to)).forEach(codes::add));
        policy.packs().forEach(p -> codes.addAll(p.appliesTo()));
        return codes.stream().map(code -> new JurisdictionInfo(code, Jurisdictions.name(code),
                policy.jurisdictions().blocsOf(code), policy.packFor(code).isPresent(),
                policy.packFor(code).map(RulePack::jurisdiction).orElse(null)))
                .toList();
    }

    public Assessment assess(TransferRequest request) {
        return evaluate(request, YearToDate.NONE).assessment();
    }

    public Assessment assess(TransferRequest request, YearToDate yearToDate) {
        return evaluate(request, yearToDate).assessment();
    }

    /**
     * The assessment and the adequacy decisions it relies on (those that made a deciding rule hold), so that a
     * change of such a decision can reach the transfers assessed under it.
     */
    public Evaluation evaluate(TransferRequest request, YearToDate yearToDate) {
        String origin = request.exporter().jurisdiction();
        String importerAt = request.importer().jurisdiction();
        List<String> onward = onwardDestinations(request, importerAt);
        List<String> importerCertifications = RequestModel.names(request.importer().certifications());
        RequestModel.RequestValues requestValues = RequestModel.RequestValues.of(request);
        String zone = request.exporter().freeTradeZone();

        Combined combined = new Combined();
        RulePack originPack = packs.get(origin);
        Set<String> destinations = new LinkedHashSet<>();
        destinations.add(importerAt);
        destinations.addAll(onward);
        destinations.remove(origin);

        if (destinations.isEmpty()) {
            combined.add(Outcome.PERMITTED, List.of(), new TraceEntry("engine.not-cross-border", origin, true, "none",
                    "the importer and every onward recipient are in " + origin + ": no data crosses a border"));
        } else if (originPack == null) {
            combined.add(Outcome.PERMITTED, List.of(), noPack(origin, "exports from " + origin));
        } else if (originPack.perDestination()) {
            for (String destination : destinations) {
                boolean isOnward = !destination.equals(importerAt);
                evaluate(new Leg(policy, originPack, request, origin, destination, isOnward, request.exporter().ciio(),
                        zone, !isOnward && request.importer().dpfCertified(),
                        isOnward ? List.of() : importerCertifications, yearToDate, blocsOf(destination), requestValues),
                        combined);
            }
        } else {
            String destination = destinations.iterator().next();
            evaluate(new Leg(policy, originPack, request, origin, destination, false, request.exporter().ciio(),
                    zone, request.importer().dpfCertified(), importerCertifications, yearToDate, blocsOf(destination),
                    requestValues), combined);
        }

        // onward already leaves out the importer's own jurisdiction
        if (!importerAt.equals(origin) && !onward.isEmpty()) {
            RulePack importerPack = packs.get(importerAt);
            if (importerPack == null) {
                combined.add(Outcome.PERMITTED, List.of(), noPack(importerAt, "onward transfers from " + importerAt));
            } else if (importerPack != originPack) {
                List<String> judged = importerPack.perDestination() ? onward : onward.subList(0, 1);
                for (String destination : judged) {
                    // the importer exports onward: what is known of the original exporter (CIIO, free trade zone)
                    // does not carry over, and the importer's own yearly volume is not the exporter's
                    evaluate(new Leg(policy, importerPack, request, importerAt, destination, true, false, null, false,
                            List.of(), YearToDate.NONE, blocsOf(destination), requestValues), combined);
                }
            }
        }
        return new Evaluation(combined.toAssessment(request, policy.version()), List.copyOf(combined.reliedOn),
                combined.conflicts());
    }

    private List<String> blocsOf(String code) {
        return blocs.getOrDefault(code, List.of());
    }

    /**
     * An assessment, the ids of the adequacy decisions and recognition agreements its matched rules relied on, and
     * the conflicts between jurisdictions it found.
     */
    public record Evaluation(Assessment assessment, List<String> reliedOn, List<Conflict> conflicts) {
    }

    /**
     * Jurisdictions whose rules contradict each other in a way no mechanism resolves: one jurisdiction's rules
     * prohibit a leg outright (its deciding rules accept no mechanism at all), while another's allow the transfer
     * (with or without conditions or approvals).
     */
    public record Conflict(List<String> jurisdictions, List<String> rules, String description) {
    }

    private static List<String> onwardDestinations(TransferRequest request, String importerAt) {
        if (request.onwardTransfers() == null || request.onwardTransfers().isEmpty()) {
            return List.of();
        }
        List<String> onward = new ArrayList<>(request.onwardTransfers().size());
        for (TransferRequest.OnwardTransfer transfer : request.onwardTransfers()) {
            String code = transfer.jurisdiction();
            if (!code.equals(importerAt) && !onward.contains(code)) {
                onward.add(code);
            }
        }
        return onward;
    }

    private static TraceEntry noPack(String jurisdiction, String what) {
        return new TraceEntry("default.no-export-rule-pack", jurisdiction, true, "none",
                "no export rule pack exists for " + jurisdiction + " (" + Jurisdictions.name(jurisdiction)
                        + ") yet: the platform makes no finding under its law on " + what);
    }

    /** Runs one pack over one leg, adding its trace and the outcome of its deciding rules. */
    private void evaluate(Leg leg, Combined combined) {
        RulePack pack = leg.pack();
        RequestModel.Values values = RequestModel.values(leg);
        String prefix = pack.perDestination() ? leg.label() + ": " : "";
        Map<String, Rule> exemptedScopes = null;
        List<Rule> matched = new ArrayList<>();
        List<TraceEntry> trace = new ArrayList<>(pack.rules().size() + 1);
        StringBuilder text = new StringBuilder(256);
        for (Rule rule : pack.rules()) {
            text.setLength(0);
            text.append(prefix);
            Rule exemptedBy = exemptedScopes == null ? null : exemptedBy(rule, exemptedScopes);
            if (exemptedBy != null) {
                text.append("not applied: ").append(exemptedBy.id()).append(" already covers this transfer (");
                exemptedBy.explain(values, true, text);
                trace.add(new TraceEntry(rule.id(), pack.jurisdiction(), false, rule.citation(), text.append(')').toString()));
                continue;
            }
            boolean holds = rule.holds(values);
            rule.explain(values, holds, text);
            trace.add(new TraceEntry(rule.id(), pack.jurisdiction(), holds, rule.citation(), text.toString()));
            if (holds) {
                matched.add(rule);
                for (String scope : rule.exempts()) {
                    if (exemptedScopes == null) {
                        exemptedScopes = new HashMap<>();
                    }
                    exemptedScopes.putIfAbsent(scope, rule);
                }
            }
        }
        if (matched.isEmpty()) {
            trace.add(new TraceEntry(pack.jurisdiction().toLowerCase() + ".no-rule-matched", pack.jurisdiction(), true,
                    "none", prefix + "no rule of the " + pack.name() + " pack applies; nothing in it restricts this transfer"));
            combined.add(Outcome.PERMITTED, List.of(), trace);
            combined.legs.add(new LegResult(pack.jurisdiction(), leg.label(), Outcome.PERMITTED,
                    List.of(pack.jurisdiction().toLowerCase() + ".no-rule-matched"), false));
            return;
        }
        Outcome outcome = Outcome.PERMITTED;
        for (Rule rule : matched) {
            outcome = outcome.strictest(rule.outcome());
        }
        List<Rule> deciding = new ArrayList<>(matched.size());
        List<String> decidingIds = new ArrayList<>(matched.size());
        boolean noMechanismResolves = outcome == Outcome.PROHIBITED;
        boolean reliesOnAdequacy = false;
        boolean reliesOnRecognition = false;
        boolean reliesOnZone = false;
        for (Rule rule : matched) {
            if (rule.outcome() == outcome) {
                deciding.add(rule);
                decidingIds.add(rule.id());
                noMechanismResolves &= rule.acceptedMechanisms().isEmpty();
            }
            reliesOnAdequacy |= rule.when().expression().contains("adequacy.adequate");
            reliesOnRecognition |= rule.when().expression().contains("recognition.accepted");
            reliesOnZone |= rule.when().expression().contains("freeTradeZone.");
        }
        if (reliesOnAdequacy && Boolean.TRUE.equals(values.get("adequacy.adequate"))) {
            combined.reliedOn.add((String) values.get("adequacy.decision"));
        }
        if (reliesOnRecognition && Boolean.TRUE.equals(values.get("recognition.accepted"))) {
            combined.reliedOn.add((String) values.get("recognition.agreement"));
        }
        if (reliesOnZone && Boolean.TRUE.equals(values.get("freeTradeZone.exempt"))) {
            // a change of the zone's list reaches the transfers it exempted
            combined.reliedOn.add(FreeTradeZones.reliedOn((String) values.get("exporter.freeTradeZone")));
        }
        combined.add(outcome, deciding, trace);
        combined.legs.add(new LegResult(pack.jurisdiction(), leg.label(), outcome, List.copyOf(decidingIds),
                noMechanismResolves));
    }

    /** The rule whose exemption covers one of {@code rule}'s scopes (the first scope as declared), or null. */
    private static Rule exemptedBy(Rule rule, Map<String, Rule> exemptedScopes) {
        for (String scope : rule.scopes()) {
            Rule by = exemptedScopes.get(scope);
            if (by != null) {
                return by;
            }
        }
        return null;
    }

    private record LegResult(String jurisdiction, String label, Outcome outcome, List<String> rules,
            boolean prohibitedOutright) {
    }

    /** Accumulates legs: the strictest outcome wins, the deciding rules' requirements add up. */
    private static final class Combined {
        private Outcome outcome = Outcome.PERMITTED;
        private final List<Rule> deciding = new ArrayList<>();
        private final List<TraceEntry> trace = new ArrayList<>();
        private final Set<String> reliedOn = new java.util.TreeSet<>();
        private final List<LegResult> legs = new ArrayList<>();

        List<Conflict> conflicts() {
            List<Conflict> conflicts = new ArrayList<>();
            for (LegResult prohibiting : legs) {
                if (!prohibiting.prohibitedOutright()) {
                    continue;
                }
                for (LegResult allowing : legs) {
                    if (allowing.outcome() == Outcome.PROHIBITED
                            || allowing.jurisdiction().equals(prohibiting.jurisdiction())) {
                        continue;
                    }
                    List<String> rules = new ArrayList<>(allowing.rules());
                    rules.addAll(prohibiting.rules());
                    conflicts.add(new Conflict(List.of(allowing.jurisdiction(), prohibiting.jurisdiction()),
                            List.copyOf(rules), allowing.jurisdiction() + " allows " + allowing.label() + " ("
                                    + allowing.outcome() + " under " + String.join(", ", allowing.rules()) + ") but "
                                    + prohibiting.jurisdiction() + " prohibits " + prohibiting.label() + " under "
                                    + String.join(", ", prohibiting.rules())
                                    + ", and no mechanism can lift that prohibition"));
                }
            }
            return List.copyOf(conflicts);
        }

        void add(Outcome legOutcome, List<Rule> decidingRules, TraceEntry entry) {
            add(legOutcome, decidingRules, List.of(entry));
        }

        void add(Outcome legOutcome, List<Rule> decidingRules, List<TraceEntry> entries) {
            outcome = outcome.strictest(legOutcome);
            deciding.addAll(decidingRules);
            trace.addAll(entries);
        }

        Assessment toAssessment(TransferRequest request, String policyVersion) {
            Set<RequiredApproval> approvals = new LinkedHashSet<>();
            Set<String> mechanisms = new LinkedHashSet<>();
            Map<String, Obligation> obligations = new LinkedHashMap<>();
            LocalDate validUntil = null;
            for (Rule rule : deciding) {
                if (rule.requiredApproval() != null) {
                    approvals.add(rule.requiredApproval());
                }
                mechanisms.addAll(rule.acceptedMechanisms());
                rule.obligations().forEach(o -> obligations.putIfAbsent(o.code(), o));
                if (rule.validity() != null && request.period() != null && request.period().start() != null) {
                    LocalDate until = request.period().start().plus(rule.validity());
                    validUntil = validUntil == null || until.isBefore(validUntil) ? until : validUntil;
                }
            }
            return new Assessment(outcome, List.copyOf(approvals), List.copyOf(mechanisms),
                    List.copyOf(obligations.values()), validUntil, List.copyOf(trace), policyVersion);
        }
    }
}
