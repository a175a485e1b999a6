package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/**
 * A named regulator filed its opinion on a draft ({@value PolicyEvents#ADEQUACY_REVIEW_OPINION_FILED_V1}).
 *
 * @param position {@code FAVOURABLE}, {@code FAVOURABLE_WITH_CONDITIONS} or {@code UNFAVOURABLE}
 */
public record AdequacyReviewOpinionFiled(String reviewId, String jurisdiction, String position, String text,
        List<String> conditions, String filedBy, Instant filedAt) {

    public AdequacyReviewOpinionFiled {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
