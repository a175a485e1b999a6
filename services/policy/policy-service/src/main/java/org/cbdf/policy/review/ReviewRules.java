package org.cbdf.policy.review;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The numbers of the adequacy review procedure, configuration with defaults from the law. Periods are calendar
 * periods in UTC.
 *
 * @param opinions           how long named regulators have to file their opinion on a draft (4 weeks, as the dispute
 *                           procedure's negotiation, GDPR Art. 60(4))
 * @param reviewPeriod       an adequate outcome's review date after its entry into force, and its latest allowed
 *                           value: "a periodic review, at least every four years" (GDPR Art. 45(3))
 * @param periodicReviewLead how long before a review date the platform opens the follow-up review
 * @param recognitionFlag    how long a jurisdiction that recognised a decision by reference has to decide about its
 *                           own, once that decision was suspended or revoked
 * @param poll               whether this instance runs the scheduler (tests drive it themselves)
 * @param pollInterval       how often the scheduler looks for due steps
 */
@ConfigurationProperties("cbdf.policy.reviews")
public record ReviewRules(
        @DefaultValue("P4W") Period opinions,
        @DefaultValue("P4Y") Period reviewPeriod,
        @DefaultValue("P6M") Period periodicReviewLead,
        @DefaultValue("P4W") Period recognitionFlag,
        @DefaultValue("true") boolean poll,
        @DefaultValue("PT1H") Duration pollInterval) {

    public ReviewRules {
        LocalDate day = LocalDate.of(2000, 1, 1);
        for (var p : new Period[] { opinions, reviewPeriod, recognitionFlag }) {
            if (p == null || !day.plus(p).isAfter(day)) {
                throw new IllegalArgumentException("cbdf.policy.reviews: periods must be positive, was " + p);
            }
        }
        if (periodicReviewLead == null || periodicReviewLead.isNegative()
                || !day.plus(periodicReviewLead).isBefore(day.plus(reviewPeriod))) {
            throw new IllegalArgumentException("cbdf.policy.reviews.periodic-review-lead must be shorter than the "
                    + "review period, was " + periodicReviewLead);
        }
    }

    /** The defaults, for tests that build the rules without Spring. */
    public static ReviewRules defaults() {
        return new ReviewRules(Period.ofWeeks(4), Period.ofYears(4), Period.ofMonths(6), Period.ofWeeks(4), true,
                Duration.ofHours(1));
    }

    static Instant after(Instant start, Period period) {
        return start.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
