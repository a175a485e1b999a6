package org.cbdf.policy.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private AssessmentEngine(PolicyData policy) {
        this.policy = policy;
    }

    /** The engine over the policy data shipped on the classpath under {@code policy/}. */
    public static AssessmentEngine fromClasspath() {
        return new AssessmentEngine(PolicyData.fromClasspath());
    }

    static AssessmentEngine of(PolicyData policy) {
        return new AssessmentEngine(policy);
    }

    public String policyVersion() {
        return policy.version();
    }

    /** The engine over policy files (path → YAML) as stored for a version. */
    public static AssessmentEngine fromFiles(Map<String, String> files) {
        return new AssessmentEngine(PolicyData.load(files::get));
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

    public Jurisdictions blocs() {
        return policy.jurisdictions();
    }

    /** Each rule pack: its label, name, the jurisdictions it governs, its rule ids and its YAML. */
    public List<RulePackInfo> rulePacks() {
        return policy.packs().stream().map(p -> new RulePackInfo(p.jurisdiction(), p.name(),
                p.appliesTo().stream().sorted().toList(), p.rules().stream().map(Rule::id).toList(),
                policy.packFile(p.jurisdiction()).map(policy.files()::get).orElse(null))).toList();
    }

    /** A new engine with the rule pack of {@code jurisdiction} replaced or added; refused if it does not compile. */
    public AssessmentEngine withRulePack(String jurisdiction, String yaml) {
        return new AssessmentEngine(policy.withPack(jurisdiction, yaml));
    }

    public AssessmentEngine withAdequacyStatus(String decisionId, DecisionStatus status, String reason) {
        return new AssessmentEngine(policy.withAdequacyStatus(decisionId, status, reason));
    }

    public AssessmentEngine withAgreementStatus(String agreementId, DecisionStatus status, String reason) {
        return new AssessmentEngine(policy.withAgreementStatus(agreementId, status, reason));
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
        List<String> importerCertifications = request.importer().certifications() == null ? List.of()
                : request.importer().certifications().stream().map(Enum::name).sorted().toList();

        Combined combined = new Combined();
        Optional<RulePack> originPack = policy.packFor(origin);
        Set<String> destinations = new LinkedHashSet<>();
        destinations.add(importerAt);
        destinations.addAll(onward);
        destinations.remove(origin);

        if (destinations.isEmpty()) {
            combined.add(Outcome.PERMITTED, List.of(), new TraceEntry("engine.not-cross-border", origin, true, "none",
                    "the importer and every onward recipient are in " + origin + ": no data crosses a border"));
        } else if (originPack.isEmpty()) {
            combined.add(Outcome.PERMITTED, List.of(), noPack(origin, "exports from " + origin));
        } else {
            RulePack pack = originPack.get();
            if (pack.perDestination()) {
                for (String destination : destinations) {
                    boolean isOnward = !destination.equals(importerAt);
                    evaluate(new Leg(policy, pack, request, origin, destination, isOnward, request.exporter().ciio(),
                            !isOnward && request.importer().dpfCertified(),
                            isOnward ? List.of() : importerCertifications, yearToDate), combined);
                }
            } else {
                evaluate(new Leg(policy, pack, request, origin, destinations.iterator().next(), false,
                        request.exporter().ciio(), request.importer().dpfCertified(), importerCertifications,
                        yearToDate), combined);
            }
        }

        if (!importerAt.equals(origin)) {
            List<String> onwardFromImporter = onward.stream().filter(o -> !o.equals(importerAt)).toList();
            Optional<RulePack> importerPack = policy.packFor(importerAt);
            if (!onwardFromImporter.isEmpty()) {
                if (importerPack.isEmpty()) {
                    combined.add(Outcome.PERMITTED, List.of(), noPack(importerAt, "onward transfers from " + importerAt));
                } else if (!importerPack.equals(originPack)) {
                    RulePack pack = importerPack.get();
                    List<String> judged = pack.perDestination() ? onwardFromImporter : onwardFromImporter.subList(0, 1);
                    for (String destination : judged) {
                        // the importer exports onward: what is known of the original exporter does not carry over,
                        // and the importer's own yearly volume is not the exporter's
                        evaluate(new Leg(policy, pack, request, importerAt, destination, true, false, false, List.of(),
                                YearToDate.NONE), combined);
                    }
                }
            }
        }
        return new Evaluation(combined.toAssessment(request, policy.version()), List.copyOf(combined.reliedOn),
                combined.conflicts());
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
        if (request.onwardTransfers() == null) {
            return List.of();
        }
        return request.onwardTransfers().stream().map(TransferRequest.OnwardTransfer::jurisdiction)
                .filter(code -> !code.equals(importerAt)).distinct().toList();
    }

    private static TraceEntry noPack(String jurisdiction, String what) {
        return new TraceEntry("default.no-export-rule-pack", jurisdiction, true, "none",
                "no export rule pack exists for " + jurisdiction + " (" + Jurisdictions.name(jurisdiction)
                        + ") yet: the platform makes no finding under its law on " + what);
    }

    /** Runs one pack over one leg, adding its trace and the outcome of its deciding rules. */
    private void evaluate(Leg leg, Combined combined) {
        RulePack pack = leg.pack();
        Map<String, Object> values = RequestModel.values(leg);
        String prefix = pack.perDestination() ? leg.label() + ": " : "";
        Map<String, Rule> exemptedScopes = new LinkedHashMap<>();
        List<Rule> matched = new ArrayList<>();
        List<TraceEntry> trace = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            Rule exemptedBy = rule.scopes().stream().map(exemptedScopes::get).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
            if (exemptedBy != null) {
                trace.add(new TraceEntry(rule.id(), pack.jurisdiction(), false, rule.citation(),
                        prefix + "not applied: " + exemptedBy.id() + " already covers this transfer ("
                                + exemptedBy.explain(values, true) + ")"));
                continue;
            }
            boolean holds = rule.holds(values);
            trace.add(new TraceEntry(rule.id(), pack.jurisdiction(), holds, rule.citation(),
                    prefix + rule.explain(values, holds)));
            if (holds) {
                matched.add(rule);
                rule.exempts().forEach(scope -> exemptedScopes.putIfAbsent(scope, rule));
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
        Outcome outcome = matched.stream().map(Rule::outcome).reduce(Outcome.PERMITTED, Outcome::strictest);
        List<Rule> deciding = matched.stream().filter(r -> r.outcome() == outcome).toList();
        if (Boolean.TRUE.equals(values.get("adequacy.adequate"))
                && matched.stream().anyMatch(r -> r.when().expression().contains("adequacy.adequate"))) {
            combined.reliedOn.add((String) values.get("adequacy.decision"));
        }
        if (Boolean.TRUE.equals(values.get("recognition.accepted"))
                && matched.stream().anyMatch(r -> r.when().expression().contains("recognition.accepted"))) {
            combined.reliedOn.add((String) values.get("recognition.agreement"));
        }
        combined.add(outcome, deciding, trace);
        boolean noMechanismResolves = outcome == Outcome.PROHIBITED
                && deciding.stream().allMatch(r -> r.acceptedMechanisms().isEmpty());
        combined.legs.add(new LegResult(pack.jurisdiction(), leg.label(), outcome,
                deciding.stream().map(Rule::id).toList(), noMechanismResolves));
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
