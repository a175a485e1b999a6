package org.cbdf.policy.review.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.review.AdequacyReview;
import org.cbdf.policy.review.Subject;
import org.cbdf.policy.rules.ReviewCriteria;

/** A review as the API shows it: its criteria with their findings, the opinions, the outcome, what is overdue. */
record AdequacyReviewView(UUID id, String kind, String trigger, String status, String authority, Subject subject,
        PolicyInstrument instrument, UUID follows, UUID recognises, Recognised recognised,
        PolicyInstrument recognisedInstrument, List<CriterionView> criteria, String criteriaPolicyVersion,
        Opinions opinions, AdequacyReview.Conclusion conclusion, LocalDate reviewDate, UUID supersededBy,
        LocalDate dueBy, List<String> overdue, List<String> consultedBy, String reason, String openedBy,
        Instant openedAt, List<AdequacyReview.TimelineEntry> timeline, long version) {

    /** A criterion with the reviewing authority's finding on it, if any yet. */
    record CriterionView(String id, String title, String citation, String description, AdequacyReview.Finding finding) {
    }

    /** Who was asked, by when, who has not answered, and the opinions filed. */
    record Opinions(List<String> requestedFrom, Instant deadline, boolean deadlinePassed, List<String> missing,
            List<AdequacyReview.Opinion> filed) {
    }

    /** The review recognised by reference, its findings linked. */
    record Recognised(UUID id, String authority, String status, List<CriterionView> criteria) {
    }

    static AdequacyReviewView of(AdequacyReview.Snapshot s, AdequacyReview.Snapshot recognised, Instant now,
            List<String> consultedBy) {
        return new AdequacyReviewView(s.id(), s.kind().name(), s.trigger().name(), s.status().name(), s.authority(),
                s.subject(), s.instrument(), s.follows(), s.recognises(),
                recognised == null ? null : new Recognised(recognised.id(), recognised.authority(),
                        recognised.status().name(), criteria(recognised)),
                s.recognisedInstrument(), criteria(s), s.criteriaPolicyVersion(),
                new Opinions(s.opinionGivers(), s.opinionsDeadline(),
                        s.opinionsDeadline() != null && !now.isBefore(s.opinionsDeadline()), s.missingOpinions(),
                        s.opinions()),
                s.conclusion(), s.reviewDate(), s.supersededBy(), s.dueBy(), s.overdue(now), consultedBy, s.reason(),
                s.openedBy(), s.openedAt(), s.timeline(), s.version());
    }

    private static List<CriterionView> criteria(AdequacyReview.Snapshot s) {
        Map<String, AdequacyReview.Finding> findings = s.findings().stream()
                .collect(Collectors.toMap(AdequacyReview.Finding::criterion, f -> f));
        return s.criteria().stream().map((ReviewCriteria.Criterion c) -> new CriterionView(c.id(), c.title(),
                c.citation(), c.description(), findings.get(c.id()))).toList();
    }

    /** One line of a list: what, who, where it stands, its deadlines and what is overdue. */
    record Summary(UUID id, String kind, String trigger, String status, String authority, Subject subject,
            PolicyInstrument instrument, UUID recognises, Instant opinionsDeadline, List<String> missingOpinions,
            String outcome, LocalDate entryIntoForce, LocalDate reviewDate, LocalDate dueBy, List<String> overdue,
            Instant openedAt) {

        static Summary of(AdequacyReview.Snapshot s, Instant now) {
            return new Summary(s.id(), s.kind().name(), s.trigger().name(), s.status().name(), s.authority(),
                    s.subject(), s.instrument(), s.recognises(), s.opinionsDeadline(),
                    s.status() == org.cbdf.policy.review.ReviewStatus.OPINIONS_REQUESTED ? s.missingOpinions() : List.of(),
                    s.outcome() == null ? null : s.outcome().name(),
                    s.conclusion() == null ? null : s.conclusion().entryIntoForce(), s.reviewDate(), s.dueBy(),
                    s.overdue(now), s.openedAt());
        }
    }
}
