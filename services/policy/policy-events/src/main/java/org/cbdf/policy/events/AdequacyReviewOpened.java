package org.cbdf.policy.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An adequacy review was opened ({@value PolicyEvents#ADEQUACY_REVIEW_OPENED_V1}), by a regulator or a policy
 * administrator ({@code trigger REQUEST}), by the platform ahead of a decision's review date ({@code PERIODIC}: this
 * event tells the regulators), or as a recognising jurisdiction's answer to a flag ({@code RECOGNITION_FLAG}).
 *
 * @param kind                 {@code INITIAL} (no instrument yet), {@code FOLLOW_UP} (of an existing one) or
 *                             {@code RECOGNITION} (recognition by reference of another jurisdiction's review)
 * @param instrument           the decision or agreement under review; null for an initial review
 * @param follows              the review whose outcome is reviewed again, if any
 * @param recognises           for a recognition by reference, the review recognised
 * @param recognisedInstrument that review's decision or agreement
 * @param criteria             the ids of the criteria the review is assessed against
 * @param criteriaPolicyVersion the policy version the criteria were taken from
 * @param dueBy                for a follow-up, the review date of what it follows (Art. 45(3)), if any
 */
public record AdequacyReviewOpened(String reviewId, String kind, String trigger, String authority,
        ReviewSubject subject, PolicyInstrument instrument, String follows, String recognises,
        PolicyInstrument recognisedInstrument, List<String> criteria, String criteriaPolicyVersion, String reason,
        String openedBy, Instant openedAt, LocalDate dueBy) {

    public AdequacyReviewOpened {
        criteria = List.copyOf(criteria);
    }
}
