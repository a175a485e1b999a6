package org.cbdf.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.cbdf.portal.FakeServices;
import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.apis.AuditApi;
import org.cbdf.portal.apis.ServiceCalls;
import org.cbdf.portal.apis.ServiceCircuits;
import org.cbdf.portal.session.PortalUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's own check of what the audit service signed, against a ledger with a real Ed25519 key and real
 * RFC 9162 proofs ({@link AuditLedger}), its API played by {@link FakeServices}.
 */
class CheckpointVerificationTests {

    static final FakeServices services = FakeServices.INSTANCE;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PortalUser AUDITOR = new PortalUser("auditor", List.of("AUDITOR"), null, null, "token-of-auditor");

    final String transfer = UUID.randomUUID().toString();
    final AuditLedger ledger = new AuditLedger();

    @BeforeEach
    void ledgerOfSevenEntries() {
        services.reset();
        Instant start = Instant.parse("2026-11-28T10:00:00Z");
        ledger.append(transfer, "transfer", "transfer.submitted.v1", start)
                .append(UUID.randomUUID().toString(), "transfer", "transfer.submitted.v1", start.plusSeconds(1))
                .append(transfer, "transfer-assessment", "policy.assessment-completed.v1", start.plusSeconds(2))
                .append(transfer, "transfer", "transfer.assessed.v1", start.plusSeconds(3))
                .append("eu-us-dpf", "adequacy-decision", "policy.adequacy-decision-changed.v1", start.plusSeconds(4))
                .append(transfer, "transfer", "transfer.decision-recorded.v1", start.plusSeconds(5))
                .append(transfer, "transfer", "transfer.approved.v1", start.plusSeconds(6));
    }

    @Test
    void theLatestCheckpointIsVerifiedAgainstThePublishedKeyAndOnlyItsSignedValuesAreShown() {
        ledger.serve(services, 7);

        var status = verification(null).latest(AUDITOR);

        assertThat(status.state()).isEqualTo("VERIFIED");
        assertThat(status.treeSize()).isEqualTo(7);
        assertThat(status.rootHash()).isEqualTo(JSON.readTree(ledger.checkpoint(7)).path("rootHash").asString());
        assertThat(status.keyId()).isEqualTo(ledger.key().keyId());
        assertThat(status.time()).isEqualTo(Instant.parse("2026-11-28T21:00:00Z"));
        assertThat(status.pinnedKey()).isFalse();
        assertThat(services.requests("GET", "/api/v1/audit/checkpoints/latest")).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer token-of-auditor"));
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsNotVerified() {
        ledger.serve(services, 7);
        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200,
                ledger.checkpointSignedWith(7, AuditLedger.generate()));

        var status = verification(null).latest(AUDITOR);

        assertThat(status.state()).isEqualTo("NOT_VERIFIED");
        assertThat(status.reason()).startsWith("no signature of " + ledger.key().keyId());
    }

    @Test
    void aCheckpointWhoseStatedSizeIsNotTheSignedOneIsNotVerified() {
        ledger.serve(services, 7);
        var stated = (tools.jackson.databind.node.ObjectNode) JSON.readTree(ledger.checkpoint(6));
        stated.put("treeSize", 7);
        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200, stated.toString());

        var status = verification(null).latest(AUDITOR);

        assertThat(status.state()).isEqualTo("NOT_VERIFIED");
        assertThat(status.treeSize()).isEqualTo(6);
        assertThat(status.reason()).isEqualTo("the tree size or root hash the service states is not the one it signed");
    }

    @Test
    void aConfiguredKeyIsTrustedRatherThanTheOneTheServicePublishes() {
        // a service that swapped its key and re-signed does not pass against the key the operator configured
        var swapped = AuditLedger.generate();
        var impostor = new org.cbdf.audit.verifier.LogKey(AuditLedger.ORIGIN, swapped.getPublic());
        ledger.serve(services, 7);
        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200, ledger.checkpointSignedWith(7, swapped))
                .answer("GET", "/api/v1/audit/public-key", 200, "{\"origin\": \"" + AuditLedger.ORIGIN + "\", \"pem\": \""
                        + impostor.pem().replace("\n", "\\n") + "\"}");

        var againstPublished = verification(null).latest(AUDITOR);
        var againstConfigured = verification(ledger.key().verifierKey()).latest(AUDITOR);
        var configuredAsPem = verification(ledger.key().pem());

        assertThat(againstPublished.state()).isEqualTo("VERIFIED");
        assertThat(againstConfigured.state()).isEqualTo("NOT_VERIFIED");
        assertThat(againstConfigured.pinnedKey()).isTrue();
        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200, ledger.checkpoint(7));
        assertThat(configuredAsPem.latest(AUDITOR).state()).isEqualTo("VERIFIED");
    }

    @Test
    void nothingSignedYetIsSaidSoAndAnUnreadableKeyIsNotAPass() {
        assertThat(verification(null).latest(AUDITOR).state()).isEqualTo("NONE");

        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200, ledger.checkpoint(7));
        assertThat(verification(null).latest(AUDITOR).state()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void eachEntryOfATimelineIsProvenInTheSignedTreeAndNewerOnesAwaitTheNextCheckpoint() {
        ledger.serve(services, 6);

        var trail = verification(null).trail(AUDITOR, entries(ledger.listing(transfer)));

        assertThat(trail.entries()).extracting(CheckpointVerification.ProvenEntry::leafIndex).containsExactly(0L, 2L, 3L, 5L, 6L);
        assertThat(trail.entries()).extracting(CheckpointVerification.ProvenEntry::proof)
                .containsExactly("VERIFIED", "VERIFIED", "VERIFIED", "VERIFIED", "PENDING");
        assertThat(trail.allVerified()).isFalse();
        assertThat(services.requests("GET", "/api/v1/audit/proofs/inclusion")).extracting(FakeServices.Recorded::query)
                .containsExactly("leafIndex=0&treeSize=6", "leafIndex=2&treeSize=6", "leafIndex=3&treeSize=6",
                        "leafIndex=5&treeSize=6");
    }

    @Test
    void anEntryWhoseLeafIsNotTheOneSignedFailsItsProof() {
        ledger.serve(services, 7);

        var trail = verification(null).trail(AUDITOR, entries(ledger.listingWithAlteredLeaf(transfer, 3)));

        assertThat(trail.entries()).extracting(CheckpointVerification.ProvenEntry::proof)
                .containsExactly("VERIFIED", "VERIFIED", "FAILED", "VERIFIED", "VERIFIED");
        assertThat(trail.count("FAILED")).isEqualTo(1);
    }

    @Test
    void aProofThatDoesNotLeadToTheSignedRootFails() {
        ledger.serve(services, 7);
        // the service answers every proof with the path of another leaf
        services.answerByQuery("GET", "/api/v1/audit/proofs/inclusion", query -> {
            var proof = (tools.jackson.databind.node.ObjectNode) JSON.readTree(ledger.inclusionProof(query));
            proof.set("inclusionPath", JSON.readTree(ledger.inclusionProof("leafIndex=1&treeSize=7")).get("inclusionPath"));
            return proof.toString();
        });

        var trail = verification(null).trail(AUDITOR, entries(ledger.listing(transfer)));

        assertThat(trail.entries()).extracting(CheckpointVerification.ProvenEntry::proof).contains("FAILED");
        assertThat(trail.entries().getFirst().reason()).contains("leads to root");
    }

    @Test
    void withoutAVerifiedCheckpointNoEntryIsMarkedAndNoProofIsAsked() {
        ledger.serve(services, 7);
        services.answer("GET", "/api/v1/audit/checkpoints/latest", 200, ledger.checkpointSignedWith(7, AuditLedger.generate()));

        var trail = verification(null).trail(AUDITOR, entries(ledger.listing(transfer)));

        assertThat(trail.entries()).extracting(CheckpointVerification.ProvenEntry::proof).containsOnly("UNCHECKED");
        assertThat(services.requests("GET", "/api/v1/audit/proofs/inclusion")).isEmpty();
        assertThat(verification(null).trail(AUDITOR, List.of()).isEmpty()).isTrue();
    }

    private static List<JsonNode> entries(String listing) {
        return JSON.readTree(listing).valueStream().toList();
    }

    private static CheckpointVerification verification(String configuredKey) {
        var properties = new PortalProperties(services.baseUri(), services.baseUri(), services.baseUri(), services.baseUri(),
                configuredKey, null, null);
        return new CheckpointVerification(new AuditApi(new ServiceCalls(properties, new ServiceCircuits(properties,
                new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class))), properties, JSON), properties);
    }
}
