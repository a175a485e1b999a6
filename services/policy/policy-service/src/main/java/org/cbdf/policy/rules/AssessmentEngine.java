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

    /** Every jurisdiction the engine knows: bloc members, adequacy destinations, pack jurisdictions, others. */
    public List<JurisdictionInfo> jurisdictions() {
        Set<String> codes = new java.util.TreeSet<>(policy.jurisdictions().allCodes());
        policy.adequacy().decisions().forEach(d -> codes.add(d.destination()));
        policy.packs().forEach(p -> codes.addAll(p.appliesTo()));
        return codes.stream().map(code -> new JurisdictionInfo(code, Jurisdictions.name(code),
                policy.jurisdictions().blocsOf(code), policy.packFor(code).isPresent(),
                policy.packFor(code).map(RulePack::jurisdiction).orElse(null)))
                .toList();
    }

    public Assessment assess(TransferRequest request) {
        String origin = request.exporter().jurisdiction();
        String importerAt = request.importer().jurisdiction();
        List<String> onward = onwardDestinations(request, importerAt);

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
                    evaluate(new Leg(policy, pack, request, origin, destination, isOnward,
                            request.exporter().ciio(), !isOnward && request.importer().dpfCertified()), combined);
                }
            } else {
                evaluate(new Leg(policy, pack, request, origin, destinations.iterator().next(), false,
                        request.exporter().ciio(), request.importer().dpfCertified()), combined);
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
                        // the importer exports onward: what is known of the original exporter does not carry over
                        evaluate(new Leg(policy, pack, request, importerAt, destination, true, false, false), combined);
                    }
                }
            }
        }
        return combined.toAssessment(request, policy.version());
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
                                + exemptedBy.describe(leg) + ")"));
                continue;
            }
            boolean holds = rule.holds(leg);
            trace.add(new TraceEntry(rule.id(), pack.jurisdiction(), holds, rule.citation(),
                    prefix + rule.describe(leg) + (holds ? " — " + rule.explain(leg) : " — does not apply")));
            if (holds) {
                matched.add(rule);
                rule.exempts().forEach(scope -> exemptedScopes.putIfAbsent(scope, rule));
            }
        }
        if (matched.isEmpty()) {
            trace.add(new TraceEntry(pack.jurisdiction().toLowerCase() + ".no-rule-matched", pack.jurisdiction(), true,
                    "none", prefix + "no rule of the " + pack.name() + " pack applies; nothing in it restricts this transfer"));
            combined.add(Outcome.PERMITTED, List.of(), trace);
            return;
        }
        Outcome outcome = matched.stream().map(Rule::outcome).reduce(Outcome.PERMITTED, Outcome::strictest);
        combined.add(outcome, matched.stream().filter(r -> r.outcome() == outcome).toList(), trace);
    }

    /** Accumulates legs: the strictest outcome wins, the deciding rules' requirements add up. */
    private static final class Combined {
        private Outcome outcome = Outcome.PERMITTED;
        private final List<Rule> deciding = new ArrayList<>();
        private final List<TraceEntry> trace = new ArrayList<>();

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
