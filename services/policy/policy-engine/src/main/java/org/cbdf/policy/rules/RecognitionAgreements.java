package org.cbdf.policy.rules;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mutual-recognition agreements as data: which jurisdiction (the {@code accepting} one, a code or a bloc)
 * accepts which certifications held by importers (optionally only in some destinations), under which legal
 * reference, status and validity. An agreement without certifications records a recognition between
 * authorities (e.g. EU–Japan mutual adequacy, carried out by the adequacy decisions it names).
 */
public record RecognitionAgreements(List<Agreement> agreements) {

    /**
     * @param destinations   codes or blocs the recognition covers; empty: any destination
     * @param certifications importer certifications the accepting jurisdiction accepts; empty: none
     * @param adequacyDecisions the adequacy decisions that carry the agreement out, if any
     * @param review         the review (standards equivalence, or recognition by reference) that adopted or last
     *                       changed the agreement, null for agreements recorded without one (the shipped ones)
     * @param conditions     the conditions that review attached, in the trace of every assessment relying on it
     */
    public record Agreement(String id, String name, List<String> parties, String accepting, List<String> destinations,
            List<String> certifications, List<String> adequacyDecisions, String citation, DecisionStatus status,
            LocalDate validFrom, LocalDate validUntil, String note, String review, List<String> conditions) {

        public Agreement {
            parties = List.copyOf(parties);
            destinations = List.copyOf(destinations);
            certifications = List.copyOf(certifications);
            adequacyDecisions = List.copyOf(adequacyDecisions);
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }

        /** An agreement recorded without a review (as shipped). */
        public Agreement(String id, String name, List<String> parties, String accepting, List<String> destinations,
                List<String> certifications, List<String> adequacyDecisions, String citation, DecisionStatus status,
                LocalDate validFrom, LocalDate validUntil, String note) {
            this(id, name, parties, accepting, destinations, certifications, adequacyDecisions, citation, status,
                    validFrom, validUntil, note, null, List.of());
        }

        Agreement withStatus(DecisionStatus newStatus, String reason) {
            return new Agreement(id, name, parties, accepting, destinations, certifications, adequacyDecisions,
                    citation, newStatus, validFrom, validUntil, reason, review, conditions);
        }

        private String basis() {
            return review == null ? citation : citation + "; adequacy review " + review;
        }
    }

    record Finding(boolean accepted, String agreementId, List<String> certifications, String explanation) {
    }

    public RecognitionAgreements {
        agreements = List.copyOf(agreements);
        Set<String> ids = new HashSet<>();
        agreements.forEach(a -> {
            if (!ids.add(a.id())) {
                throw new PolicyDataException("recognition agreement id " + a.id() + " is used twice");
            }
        });
    }

    public Optional<Agreement> byId(String id) {
        return agreements.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Whether the pack's jurisdiction accepts a certification the recipient holds, for this destination. */
    Finding find(Jurisdictions jurisdictions, String accepting, String destination, List<String> recipientCertifications,
            LocalDate on) {
        for (Agreement a : agreements) {
            if (!a.accepting().equals(accepting) || a.certifications().isEmpty() || recipientCertifications.isEmpty()
                    || !a.destinations().isEmpty() && !AdequacyDecisions.covers(a.destinations(), jurisdictions, destination)) {
                continue;
            }
            List<String> held = recipientCertifications.stream().filter(a.certifications()::contains).sorted().toList();
            if (held.isEmpty()) {
                continue;
            }
            if (!a.status().inForce()) {
                return new Finding(false, a.id(), List.of(), "the recipient holds " + String.join(", ", held) + ", but "
                        + a.name() + " (" + a.id() + (a.review() == null ? "" : "; adequacy review " + a.review())
                        + ") is " + a.status());
            }
            if (on != null && (a.validFrom() != null && on.isBefore(a.validFrom())
                    || a.validUntil() != null && on.isAfter(a.validUntil()))) {
                continue;
            }
            return new Finding(true, a.id(), held, accepting + " accepts the recipient's " + String.join(", ", held)
                    + " certification under " + a.name() + " (" + a.basis() + ")"
                    + (a.conditions().isEmpty() ? "" : ", subject to the conditions: " + String.join("; ", a.conditions())));
        }
        if (recipientCertifications.isEmpty()) {
            return new Finding(false, "", List.of(), "the recipient holds no certification " + accepting + " recognises");
        }
        List<String> sorted = new java.util.ArrayList<>(recipientCertifications);
        sorted.sort(null);
        return new Finding(false, "", List.of(), "no agreement makes " + accepting + " accept the recipient's "
                + String.join(", ", sorted) + " for " + destination);
    }

    /** These agreements with {@code agreement} in place of the one with its id, or added after the others. */
    RecognitionAgreements with(Agreement agreement) {
        List<Agreement> changed = new java.util.ArrayList<>(agreements.size() + 1);
        boolean replaced = false;
        for (Agreement a : agreements) {
            if (a.id().equals(agreement.id())) {
                changed.add(agreement);
                replaced = true;
            } else {
                changed.add(a);
            }
        }
        if (!replaced) {
            changed.add(agreement);
        }
        return new RecognitionAgreements(changed);
    }

    RecognitionAgreements withStatus(String id, DecisionStatus status, String reason) {
        if (byId(id).isEmpty()) {
            throw new PolicyDataException("no recognition agreement " + id);
        }
        return new RecognitionAgreements(agreements.stream()
                .map(a -> a.id().equals(id) ? a.withStatus(status, reason) : a).toList());
    }
}
