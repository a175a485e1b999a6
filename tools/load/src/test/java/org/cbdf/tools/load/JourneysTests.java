package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class JourneysTests {

    /** HdrHistogram with 3 significant digits: a value reads back within 0.1 % (its bucket's upper end). */
    static final Offset<Double> HDR = within(0.05);

    static final long MS = 1_000_000L;

    final FakeTicker ticker = new FakeTicker();
    final Journeys journeys = new Journeys(true, ticker);

    long at(long millis) {
        return millis * MS;
    }

    @Test
    void aTransferFollowedToTheLedgerGivesEachLatencyFromItsDueTime() {
        journeys.sent(false);
        journeys.accepted("t1", "de-us-scc", at(0), false, at(12));
        journeys.assessed("t1", "CONDITIONAL", at(40));
        journeys.submissionAudited("t1", at(30));
        journeys.audited("t1", at(75));

        assertThat(journeys.toAccepted.summary().max()).isCloseTo(12.0, HDR);
        assertThat(journeys.toAssessed.summary().max()).isCloseTo(40.0, HDR);
        assertThat(journeys.toSubmissionAudited.summary().max()).isCloseTo(30.0, HDR);
        assertThat(journeys.toAudited.summary().max()).isCloseTo(75.0, HDR);
        assertThat(journeys.measured.audited.sum()).isEqualTo(1);
        assertThat(journeys.outstanding()).isZero();
        assertThat(journeys.outcomes()).isEqualTo(Map.of("de-us-scc", Map.of("CONDITIONAL", 1L)));
    }

    @Test
    void anAssessmentSeenBeforeTheAnswerToTheSubmitStillCounts() {
        journeys.assessed("t1", "PERMITTED", at(20));
        journeys.audited("t1", at(30));
        journeys.submissionAudited("t1", at(25));
        journeys.accepted("t1", "de-jp-adequacy", at(0), false, at(22));

        assertThat(journeys.toAssessed.summary().count()).isEqualTo(1);
        assertThat(journeys.toAssessed.summary().max()).isCloseTo(20.0, HDR);
        assertThat(journeys.outstanding()).isZero();
    }

    @Test
    void theWarmupIsFollowedButNotMeasured() {
        journeys.sent(true);
        journeys.accepted("w1", "cn-ciio", at(0), true, at(5));
        journeys.assessed("w1", "AWAITING_APPROVAL", at(50));
        journeys.refused(true, "HTTP 503");

        assertThat(journeys.all.accepted.sum()).isEqualTo(1);
        assertThat(journeys.all.assessed.sum()).isEqualTo(1);
        assertThat(journeys.measured.accepted.sum()).isZero();
        assertThat(journeys.measured.errors.sum()).isZero();
        assertThat(journeys.toAssessed.summary().count()).isZero();
        assertThat(journeys.outstanding()).as("still to be audited").isEqualTo(1);
        assertThat(journeys.outcomes()).containsKey("cn-ciio");
    }

    @Test
    void whatNeverArrivedIsReportedByWhatIsMissing() {
        journeys.accepted("a", "s", at(0), false, at(1));
        journeys.accepted("b", "s", at(0), false, at(1));
        journeys.assessed("b", "PERMITTED", at(10));
        journeys.submissionAudited("b", at(11));
        journeys.accepted("c", "s", at(0), false, at(1));
        journeys.assessed("c", "PERMITTED", at(10));
        journeys.submissionAudited("c", at(11));
        journeys.audited("c", at(12));

        Journeys.Unfinished unfinished = journeys.unfinished();

        assertThat(unfinished.notAssessed()).containsExactly("a");
        assertThat(unfinished.submissionNotAudited()).containsExactly("a");
        assertThat(unfinished.assessmentNotAudited()).containsExactly("a", "b");
        assertThat(unfinished.lost()).isEqualTo(2);
        assertThat(journeys.outstanding()).isEqualTo(2);
    }

    @Test
    void withoutTheLedgerATransferIsFinishedWhenAssessed() {
        Journeys assessedOnly = new Journeys(false, ticker);
        assessedOnly.accepted("a", "s", at(0), false, at(1));
        assessedOnly.assessed("a", "PROHIBITED", at(9));

        assertThat(assessedOnly.outstanding()).isZero();
        assertThat(assessedOnly.unfinished().lost()).isZero();
    }

    @Test
    void aSecondSightingChangesNothing() {
        journeys.accepted("a", "s", at(0), false, at(1));
        journeys.assessed("a", "PERMITTED", at(10));
        journeys.assessed("a", "SUSPENDED", at(90));

        assertThat(journeys.measured.assessed.sum()).isEqualTo(1);
        assertThat(journeys.toAssessed.summary().max()).isCloseTo(10.0, HDR);
        assertThat(journeys.outcomes().get("s")).isEqualTo(Map.of("PERMITTED", 1L));
    }

    @Test
    void someoneElsesTransfersAreForgottenOurOwnAreNot() {
        journeys.assessed("stranger", "PERMITTED", at(1));
        journeys.accepted("ours", "s", at(0), false, at(1));
        ticker.advanceMillis(180_000);

        journeys.forgetStrangers(120_000 * MS);
        journeys.accepted("stranger", "s", at(0), false, at(200_000));

        assertThat(journeys.unfinished().notAssessed()).containsExactlyInAnyOrder("ours", "stranger");
    }
}
