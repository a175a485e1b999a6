package org.cbdf.transfer.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cbdf.transfer.events.AppealDecided;
import org.cbdf.transfer.events.Decision;
import org.cbdf.transfer.events.DecisionRecorded;
import org.cbdf.transfer.events.TransferAppealed;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferExpired;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSuspended;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.cbdf.platform.web.ApiProblems;
import org.cbdf.platform.web.Refusal;

/** The lifecycle rules of the aggregate, given / when / then. */
class TransferTests {

    static final Instant NOW = SubmittedTransfers.NOW;

    static TransferRequest request() {
        return SubmittedTransfers.request();
    }

    static Transfer assessedAs(Assessment assessment) {
        Transfer transfer = Transfer.submit("acme-cn", "enterprise-cn", request(), NOW);
        transfer.assessed(Assessments.newId(), assessment, null, NOW);
        return transfer;
    }

    static Object lastEvent(Transfer transfer) {
        return transfer.recordedEvents().getLast().payload();
    }

    static void assertRefusedIn(Runnable command, TransferStatus status, int httpStatus) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(Refusal.class, refused -> {
            assertThat(ApiProblems.problemFor(refused).getStatus()).isEqualTo(httpStatus);
            if (httpStatus == 409) {
                assertThat(refused.properties()).containsEntry("currentStatus", status.name());
            }
        });
    }

    @Nested
    class Decisions {

        @Test
        void everyRequiredRegulatorMustApprove() {
            Transfer transfer = assessedAs(Assessments.approvalBy("CN", "DE"));

            transfer.decide("DE", "regulator-de", Decision.APPROVE, "fine", List.of(), NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.AWAITING_APPROVAL);
            assertThat(((DecisionRecorded) lastEvent(transfer)).status()).isEqualTo("AWAITING_APPROVAL");

            transfer.decide("CN", "regulator-cn", Decision.APPROVE_WITH_CONDITIONS, "ok",
                    List.of("annual audit"), NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.APPROVED);
            DecisionRecorded last = (DecisionRecorded) lastEvent(transfer);
            assertThat(last.status()).isEqualTo("APPROVED");
            assertThat(last.conditions()).containsExactly("annual audit");
            assertThat(transfer.lifecycle().decisions()).extracting(Lifecycle.RegulatorDecision::decidedBy)
                    .containsExactly("regulator-de", "regulator-cn");
            assertThat(transfer.version()).isEqualTo(4);
        }

        @Test
        void oneRejectionRejectsAndClosesTheDecision() {
            Transfer transfer = assessedAs(Assessments.approvalBy("CN", "DE"));

            transfer.decide("CN", "regulator-cn", Decision.REJECT, "volume too high", List.of(), NOW);

            assertThat(transfer.status()).isEqualTo(TransferStatus.REJECTED);
            assertRefusedIn(() -> transfer.decide("DE", "regulator-de", Decision.APPROVE, "fine", List.of(), NOW),
                    TransferStatus.REJECTED, 409);
        }

        @Test
        void onlyARequiredApproverDecidesAndOnlyOnce() {
            Transfer transfer = assessedAs(Assessments.approvalBy("CN", "DE"));

            assertRefusedIn(() -> transfer.decide("US", "regulator-us", Decision.APPROVE, "x", List.of(), NOW),
                    TransferStatus.AWAITING_APPROVAL, 403);
            transfer.decide("CN", "regulator-cn", Decision.APPROVE, "ok", List.of(), NOW);
            assertRefusedIn(() -> transfer.decide("CN", "regulator-cn-2", Decision.REJECT, "changed my mind",
                    List.of(), NOW), TransferStatus.AWAITING_APPROVAL, 409);
            assertThat(transfer.lifecycle().decisions()).hasSize(1);
        }

        @Test
        void aTransferThatNeedsNoApprovalTakesNoDecision() {
            Transfer permitted = assessedAs(Assessments.permitted());
            assertRefusedIn(() -> permitted.decide("CN", "r", Decision.APPROVE, "x", List.of(), NOW),
                    TransferStatus.PERMITTED, 403);
        }
    }

    @Nested
    class Appeals {

        Transfer rejected() {
            Transfer transfer = assessedAs(Assessments.approvalBy("CN", "DE"));
            transfer.decide("DE", "regulator-de", Decision.REJECT, "no", List.of(), NOW);
            return transfer;
        }

        @Test
        void aRejectionIsAppealedOnceAndTheDisputeDecides() {
            Transfer transfer = rejected();

            transfer.appeal("enterprise-cn", "we disagree", NOW);

            assertThat(transfer.status()).isEqualTo(TransferStatus.APPEALED);
            TransferAppealed appealed = (TransferAppealed) lastEvent(transfer);
            assertThat(appealed.rejectingJurisdictions()).containsExactly("DE");
            assertThat(appealed.jurisdictions()).containsExactly("CN", "DE", "US");

            transfer.appealDecided("d-1", "UPHOLD", List.of(), NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.REJECTED);
            assertThat(((AppealDecided) lastEvent(transfer)).status()).isEqualTo("REJECTED");
            assertRefusedIn(() -> transfer.appeal("enterprise-cn", "again", NOW), TransferStatus.REJECTED, 409);
        }

        @Test
        void anOverturnOrAConditionalApprovalApproves() {
            Transfer overturned = rejected();
            overturned.appeal("enterprise-cn", "we disagree", NOW);
            overturned.appealDecided("d-1", "OVERTURN", List.of(), NOW);
            assertThat(overturned.status()).isEqualTo(TransferStatus.APPROVED);

            Transfer conditional = rejected();
            conditional.appeal("enterprise-cn", "we disagree", NOW);
            conditional.appealDecided("d-2", "APPROVE_WITH_CONDITIONS", List.of("encrypt at rest"), NOW);
            assertThat(conditional.status()).isEqualTo(TransferStatus.APPROVED);
            assertThat(conditional.lifecycle().appeal().conditions()).containsExactly("encrypt at rest");
        }

        @Test
        void onlyARejectionCanBeAppealed() {
            for (Assessment assessment : List.of(Assessments.permitted(), Assessments.prohibited(),
                    Assessments.approvalBy("CN"), Assessments.conditionalOn("X"))) {
                Transfer transfer = assessedAs(assessment);
                assertRefusedIn(() -> transfer.appeal("e", "g", NOW), transfer.status(), 409);
                assertRefusedIn(() -> transfer.appealDecided("d", "OVERTURN", List.of(), NOW), transfer.status(), 409);
            }
        }
    }

    @Nested
    class Obligations {

        @Test
        void theLastFulfilmentPermitsTheTransfer() {
            Transfer transfer = assessedAs(Assessments.conditionalOn("SCC_FILING", "PIA"));

            transfer.fulfil("SCC_FILING", "CAC-1", "enterprise-cn", NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.CONDITIONAL);
            assertRefusedIn(() -> transfer.fulfil("SCC_FILING", "CAC-2", "e", NOW), TransferStatus.CONDITIONAL, 409);
            assertRefusedIn(() -> transfer.fulfil("NOPE", "x", "e", NOW), TransferStatus.CONDITIONAL, 400);

            transfer.fulfil("PIA", "PIA-7", "enterprise-cn", NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.PERMITTED);
            assertThat(transfer.lifecycle().fulfilments()).containsOnlyKeys("SCC_FILING", "PIA");
            assertRefusedIn(() -> transfer.fulfil("PIA", "x", "e", NOW), TransferStatus.PERMITTED, 409);
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void anythingNotDecidedForGoodCanBeWithdrawnOnce() {
            Transfer submitted = Transfer.submit("acme-cn", "enterprise-cn", request(), NOW);
            submitted.withdraw("enterprise-cn", NOW);
            assertThat(submitted.status()).isEqualTo(TransferStatus.WITHDRAWN);
            assertRefusedIn(() -> submitted.withdraw("enterprise-cn", NOW), TransferStatus.WITHDRAWN, 409);

            for (Assessment assessment : List.of(Assessments.permitted(), Assessments.approvalBy("CN"),
                    Assessments.conditionalOn("X"))) {
                Transfer transfer = assessedAs(assessment);
                transfer.withdraw("enterprise-cn", NOW);
                assertThat(transfer.status()).isEqualTo(TransferStatus.WITHDRAWN);
                assertThat(transfer.recordedEvents().getLast().type()).isEqualTo(TransferEvents.WITHDRAWN_V1);
            }
            Transfer prohibited = assessedAs(Assessments.prohibited());
            assertRefusedIn(() -> prohibited.withdraw("e", NOW), TransferStatus.PROHIBITED, 409);
        }

        @Test
        void aWithdrawnTransferIgnoresItsLateAssessment() {
            Transfer transfer = Transfer.submit("acme-cn", "enterprise-cn", request(), NOW);
            transfer.withdraw("enterprise-cn", NOW);
            transfer.assessed(Assessments.newId(), Assessments.permitted(), null, NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.WITHDRAWN);
            assertThat(transfer.recordedEvents()).hasSize(2);
        }
    }

    @Nested
    class Reassessment {

        @Test
        void aProhibitionSuspendsAndALaterPermissionReinstates() {
            Transfer transfer = assessedAs(Assessments.approvalBy("CN"));
            transfer.decide("CN", "regulator-cn", Decision.APPROVE, "ok", List.of(), NOW);

            var revoked = Assessments.underNextPolicy(Assessments.prohibited());
            transfer.assessed(Assessments.newId(), revoked, "adequacy decision eu-us-dpf REVOKED", NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.SUSPENDED);
            TransferSuspended suspended = (TransferSuspended) lastEvent(transfer);
            assertThat(suspended.previousStatus()).isEqualTo("APPROVED");
            assertThat(suspended.reason()).contains("adequacy decision eu-us-dpf REVOKED", "PROHIBITED",
                    Assessments.NEXT_POLICY_VERSION);
            assertThat(transfer.lifecycle().statusReason()).isEqualTo(suspended.reason());

            // still no basis: stays suspended, nothing recorded
            int events = transfer.recordedEvents().size();
            transfer.assessed(Assessments.newId(), Assessments.approvalBy("CN"), null, NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.SUSPENDED);
            assertThat(transfer.recordedEvents()).hasSize(events);

            transfer.assessed(Assessments.newId(), Assessments.permitted(), null, NOW);
            assertThat(transfer.status()).isEqualTo(TransferStatus.APPROVED);
            assertThat(transfer.lifecycle().statusReason()).isNull();
            assertThat(transfer.recordedEvents().getLast().type()).isEqualTo(TransferEvents.REINSTATED_V1);
        }

        @Test
        void reviewRequiredSuspendsOnlyAnActiveTransfer() {
            Transfer permitted = assessedAs(Assessments.permitted());
            permitted.assessed(Assessments.newId(), Assessments.approvalBy("CN"), null, NOW);
            assertThat(permitted.status()).isEqualTo(TransferStatus.SUSPENDED);

            Transfer conditional = assessedAs(Assessments.conditionalOn("X"));
            conditional.assessed(Assessments.newId(), Assessments.approvalBy("CN"), null, NOW);
            assertThat(conditional.status()).isEqualTo(TransferStatus.CONDITIONAL);

            Transfer unchanged = assessedAs(Assessments.permitted());
            unchanged.assessed(Assessments.newId(), Assessments.underNextPolicy(Assessments.permitted()), null, NOW);
            assertThat(unchanged.status()).isEqualTo(TransferStatus.PERMITTED);
            assertThat(unchanged.recordedEvents()).hasSize(2);
        }
    }

    @Nested
    class Expiry {

        @Test
        void expiresAtTheEarlierOfPeriodEndAndValidity() {
            Transfer transfer = assessedAs(Assessments.permitted());
            Instant periodEnd = Instant.parse("2027-12-01T00:00:00Z");
            assertThat(transfer.expiry()).hasValueSatisfying(expiry -> {
                assertThat(expiry.at()).isEqualTo(periodEnd);
                assertThat(expiry.reason()).isEqualTo("PERIOD_ENDED");
            });
            assertRefusedIn(() -> transfer.expire(periodEnd.minusSeconds(1)), TransferStatus.PERMITTED, 409);

            transfer.expire(periodEnd);

            assertThat(transfer.status()).isEqualTo(TransferStatus.EXPIRED);
            assertThat(((TransferExpired) lastEvent(transfer)).previousStatus()).isEqualTo("PERMITTED");
            assertRefusedIn(() -> transfer.withdraw("e", periodEnd), TransferStatus.EXPIRED, 409);
        }

        @Test
        void anEarlierValidityEndWins() {
            var shortLived = Assessments.permitted();
            shortLived = new Assessment(shortLived.outcome(), shortLived.requiredApprovals(),
                    shortLived.acceptedMechanisms(), shortLived.obligations(), LocalDate.of(2027, 3, 31),
                    shortLived.trace(), shortLived.policyVersion());
            Transfer transfer = assessedAs(shortLived);
            assertThat(transfer.expiry()).hasValue(new Transfer.Expiry(Instant.parse("2027-04-01T00:00:00Z"),
                    "VALIDITY_ENDED"));
        }

        @Test
        void decidedTransfersDoNotExpire() {
            Transfer prohibited = assessedAs(Assessments.prohibited());
            assertRefusedIn(() -> prohibited.expire(Instant.parse("2030-01-01T00:00:00Z")), TransferStatus.PROHIBITED,
                    409);
        }
    }

    @Test
    void eachOutcomeLeadsToItsStatus() {
        assertThat(assessedAs(Assessments.permitted()).status()).isEqualTo(TransferStatus.PERMITTED);
        assertThat(assessedAs(Assessments.prohibited()).status()).isEqualTo(TransferStatus.PROHIBITED);
        assertThat(assessedAs(Assessments.approvalBy("CN")).status()).isEqualTo(TransferStatus.AWAITING_APPROVAL);
        assertThat(assessedAs(Assessments.conditionalOn("X")).status()).isEqualTo(TransferStatus.CONDITIONAL);
    }
}
