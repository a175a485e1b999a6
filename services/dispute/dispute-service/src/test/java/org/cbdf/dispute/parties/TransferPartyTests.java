package org.cbdf.dispute.parties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.transfer.events.TransferReaders;
import org.junit.jupiter.api.Test;

class TransferPartyTests {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void eachRegulatorIsListedOnceWithEveryCapacityItIsInvolvedIn() {
        var party = party(submission("CN", "DE", "US", "DE"), assessment("CN", "SG"));

        assertThat(party.regulators()).containsExactly(
                new RegulatorParty("CN", Set.of(Involvement.ORIGIN, Involvement.APPROVAL)),
                new RegulatorParty("DE", Set.of(Involvement.DESTINATION, Involvement.ONWARD)),
                new RegulatorParty("US", Set.of(Involvement.ONWARD)),
                new RegulatorParty("SG", Set.of(Involvement.APPROVAL)));
    }

    @Test
    void untilTheSubmissionArrivesThePartiesAreNotKnown() {
        var assessedOnly = party(null, assessment("CN"));

        assertThat(assessedOnly.partiesKnown()).isFalse();
        assertThat(party(submission("CN", "DE"), null).partiesKnown()).isTrue();
    }

    @Test
    void anAuditorSeesEveryTransfer() {
        assertThat(party(submission("CN", "DE"), null).visibleTo(caller(Set.of(Role.AUDITOR), null, null))).isTrue();
    }

    @Test
    void anEnterpriseSeesOnlyItsOrganisationsTransfers() {
        var party = party(submission("CN", "DE"), null);

        assertThat(party.visibleTo(caller(Set.of(Role.ENTERPRISE), "acme-cn", "CN"))).isTrue();
        assertThat(party.visibleTo(caller(Set.of(Role.ENTERPRISE), "other-cn", "CN"))).isFalse();
    }

    @Test
    void aRegulatorSeesTransfersItsJurisdictionIsInvolvedIn() {
        var party = party(submission("CN", "DE", "US"), assessment("SG"));

        assertThat(party.visibleTo(regulator("CN"))).as("origin").isTrue();
        assertThat(party.visibleTo(regulator("DE"))).as("destination").isTrue();
        assertThat(party.visibleTo(regulator("US"))).as("onward").isTrue();
        assertThat(party.visibleTo(regulator("SG"))).as("required approval").isTrue();
        assertThat(party.visibleTo(regulator("FR"))).as("uninvolved").isFalse();
    }

    /**
     * The dispute service's regulator rule is the producer's ({@link TransferReaders}, in transfer-events): the shared
     * architecture rule keeps another service's events package out of the parties' domain, so the domain states the
     * rule over its own read model and this test holds it to the producer's, case by case.
     */
    @Test
    void aRegulatorSeesWhatTheProducersRuleLetsItSee() {
        var route = List.of("CN", "DE", "US");
        var approvals = List.of("SG", "CN");
        var party = party(submission("CN", "DE", "US"), assessment("SG", "CN"));
        var assessedOnly = party(null, assessment("SG"));

        for (String jurisdiction : List.of("CN", "DE", "US", "SG", "FR", "JP")) {
            assertThat(party.visibleTo(regulator(jurisdiction))).as(jurisdiction)
                    .isEqualTo(TransferReaders.regulatorReads(jurisdiction, route, approvals));
            assertThat(assessedOnly.visibleTo(regulator(jurisdiction))).as(jurisdiction + ", route not yet known")
                    .isEqualTo(TransferReaders.regulatorReads(jurisdiction, List.of(), List.of("SG")));
        }
    }

    @Test
    void aRoleOnlyCountsWithItsOwnClaim() {
        var party = party(submission("CN", "DE"), null);

        assertThat(party.visibleTo(caller(Set.of(Role.ENTERPRISE), "other-cn", "DE")))
                .as("an enterprise's jurisdiction does not make it a regulator").isFalse();
        assertThat(party.visibleTo(caller(Set.of(Role.REGULATOR), "acme-cn", "FR")))
                .as("a regulator's organisation does not make it the owner").isFalse();
        assertThat(party.visibleTo(caller(Set.of(Role.POLICY_ADMIN), null, null))).isFalse();
    }

    private static TransferParty party(Submission submission, AssessmentResult assessment) {
        return new TransferParty("t-1", "acme-cn", Optional.ofNullable(submission), Optional.ofNullable(assessment));
    }

    private static Submission submission(String origin, String destination, String... onward) {
        return new Submission("t-1", "acme-cn", origin, destination, List.of(onward), NOW);
    }

    private static AssessmentResult assessment(String... approvers) {
        return new AssessmentResult("t-1", "acme-cn", AssessmentOutcome.REVIEW_REQUIRED, List.of(approvers),
                "sha256:" + "0".repeat(64), NOW);
    }

    private static Caller regulator(String jurisdiction) {
        return caller(Set.of(Role.REGULATOR), null, jurisdiction);
    }

    private static Caller caller(Set<Role> roles, String organization, String jurisdiction) {
        return new Caller("sub", "user", roles, Optional.ofNullable(organization), Optional.ofNullable(jurisdiction));
    }
}
