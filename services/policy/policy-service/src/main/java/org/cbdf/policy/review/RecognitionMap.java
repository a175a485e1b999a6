package org.cbdf.policy.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.RecognitionAgreements;

/**
 * Who recognises whom, from the policy in force and the reviews in force: every adequacy decision in force (one
 * direction each); the pairs of jurisdictions that each found the other adequate (mutual adequacy, as EU–Japan — a
 * bloc counts for its members, so Japan's decision for the EEA covers the EU); the recognitions by reference of another
 * jurisdiction's review; and the standards (certification schemes, model clauses) accepted as equivalent.
 */
public record RecognitionMap(List<Direction> adequacy, List<Mutual> mutual, List<ByReference> byReference,
        List<Standard> standards) {

    /** One adequacy decision in force: {@code authority} finds {@code destinations} adequate. */
    public record Direction(String authority, List<String> destinations, String decision, String status, String scope,
            String review, LocalDate reviewDate) {
    }

    /**
     * Two jurisdictions that each found the other adequate, with the decisions that carry it and the agreement
     * recording it, if any.
     */
    public record Mutual(List<String> between, List<String> decisions, String agreement) {
    }

    /** {@code recognising} recognised {@code recognised}'s review of {@code subject} by reference. */
    public record ByReference(String recognising, String recognised, String review, String recognisedReview,
            PolicyInstrument instrument, PolicyInstrument recognisedInstrument, Subject subject) {
    }

    /** A standard {@code accepting} recognises: certifications it accepts, or model clauses it found equivalent. */
    public record Standard(String accepting, List<String> certifications, List<String> destinations, String agreement,
            String name, String status, String review) {
    }

    static RecognitionMap of(AssessmentEngine engine, List<AdequacyReview.Snapshot> inForce,
            Map<java.util.UUID, String> authorities) {
        List<AdequacyDecisions.Decision> decisions = engine.adequacyDecisions().decisions().stream()
                .filter(d -> d.status().inForce()).toList();
        List<Direction> adequacy = decisions.stream().map(d -> new Direction(d.authority(), d.destinations(), d.id(),
                d.status().name(), d.scope(), d.review(), d.reviewDate())).toList();
        Map<List<String>, Mutual> mutual = new LinkedHashMap<>();
        for (AdequacyDecisions.Decision a : decisions) {
            for (AdequacyDecisions.Decision b : decisions) {
                if (a.authority().compareTo(b.authority()) >= 0
                        || !PolicyInstruments.covers(engine, a.destinations(), b.authority())
                        || !PolicyInstruments.covers(engine, b.destinations(), a.authority())) {
                    continue;
                }
                List<String> between = List.of(a.authority(), b.authority());
                String agreement = engine.recognitionAgreements().agreements().stream()
                        .filter(g -> g.status().inForce() && g.adequacyDecisions().contains(a.id())
                                && g.adequacyDecisions().contains(b.id()))
                        .map(RecognitionAgreements.Agreement::id).findFirst().orElse(null);
                mutual.putIfAbsent(between, new Mutual(between, List.of(a.id(), b.id()), agreement));
            }
        }
        List<ByReference> byReference = new ArrayList<>();
        for (AdequacyReview.Snapshot r : inForce) {
            if (r.recognises() != null && r.outcome() == ReviewOutcome.ADEQUATE) {
                byReference.add(new ByReference(r.authority(), authorities.get(r.recognises()), r.id().toString(),
                        r.recognises().toString(), r.instrument(), r.recognisedInstrument(), r.subject()));
            }
        }
        List<Standard> standards = engine.recognitionAgreements().agreements().stream()
                .filter(g -> g.status().inForce() && (!g.certifications().isEmpty() || g.review() != null
                        && g.adequacyDecisions().isEmpty()))
                .map(g -> new Standard(g.accepting(), g.certifications(), g.destinations(), g.id(), g.name(),
                        g.status().name(), g.review()))
                .toList();
        return new RecognitionMap(adequacy, List.copyOf(mutual.values()), byReference, standards);
    }
}
