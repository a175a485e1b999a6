package org.cbdf.policy.administration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.policy.assessment.AssessTransfers;
import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.NegativeListChanged;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.RecognitionAgreementChanged;
import org.cbdf.policy.events.RulePackPublished;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.FreeTradeZones;
import org.cbdf.policy.rules.PolicyDataException;
import org.cbdf.policy.rules.RecognitionAgreements;
import org.cbdf.policy.rules.RulePackInfo;
import org.cbdf.policy.versions.PolicyVersions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the policy: each change builds a new engine from the version in force (validated and compiled, or
 * refused with nothing stored), stores it as the new version, appends its event and — when an adequacy decision
 * or agreement stops being in force, or a free trade zone's negative list changes — reassesses the transfers that
 * relied on it, all in one transaction.
 */
@Service
class PolicyAdministration {

    private static final String BINDING = "policy-events";

    private final PolicyVersions policies;
    private final AssessTransfers assessTransfers;
    private final Outbox outbox;
    private final Clock clock;

    PolicyAdministration(PolicyVersions policies, AssessTransfers assessTransfers, Outbox outbox, Clock clock) {
        this.policies = policies;
        this.assessTransfers = assessTransfers;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    AdequacyDecisionChanged changeAdequacyDecision(String id, DecisionStatus status, String reason, String by) {
        policies.lockForChange();
        AssessmentEngine current = policies.current();
        AdequacyDecisions.Decision before = current.adequacyDecisions().byId(id)
                .orElseThrow(() -> PolicyChangeRefused.notFound("adequacy decision " + id));
        if (before.status() == status) {
            throw PolicyChangeRefused.conflict("adequacy decision " + id + " is already " + status);
        }
        AssessmentEngine changed = apply(() -> current.withAdequacyStatus(id, status, reason));
        var stored = policies.store(changed, new PolicyVersions.Change("adequacy decision " + id + ": "
                + before.status() + " → " + status + " (" + reason + ")",
                PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE, id, by));
        int reassessed = 0;
        if (before.status().inForce() && !status.inForce()) {
            reassessed = assessTransfers.reassessRelyingOn(id, changed,
                    "adequacy decision " + id + " " + status + ": " + reason, "policy-change:" + UUID.randomUUID());
        }
        AdequacyDecisions.Decision after = changed.adequacyDecisions().byId(id).orElseThrow();
        var event = new AdequacyDecisionChanged(id, after.authority(), after.destinations(), after.scope(),
                after.citation(), before.status().name(), status.name(), reason, after.validUntil(), by,
                clock.instant(), current.policyVersion(), changed.policyVersion(), reassessed);
        List<String> jurisdictions = new ArrayList<>();
        jurisdictions.add(after.authority());
        jurisdictions.addAll(after.destinations());
        publish(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE, id,
                stored.aggregateVersion(), event, changed.policyVersion(), jurisdictions);
        return event;
    }

    @Transactional
    RecognitionAgreementChanged changeRecognitionAgreement(String id, DecisionStatus status, String reason, String by) {
        policies.lockForChange();
        AssessmentEngine current = policies.current();
        RecognitionAgreements.Agreement before = current.recognitionAgreements().byId(id)
                .orElseThrow(() -> PolicyChangeRefused.notFound("recognition agreement " + id));
        if (before.status() == status) {
            throw PolicyChangeRefused.conflict("recognition agreement " + id + " is already " + status);
        }
        AssessmentEngine changed = apply(() -> current.withAgreementStatus(id, status, reason));
        var stored = policies.store(changed, new PolicyVersions.Change("recognition agreement " + id + ": "
                + before.status() + " → " + status + " (" + reason + ")",
                PolicyEvents.RECOGNITION_AGREEMENT_AGGREGATE_TYPE, id, by));
        if (before.status().inForce() && !status.inForce()) {
            assessTransfers.reassessRelyingOn(id, changed, "recognition agreement " + id + " " + status + ": " + reason,
                    "policy-change:" + UUID.randomUUID());
        }
        var event = new RecognitionAgreementChanged(id, before.name(), before.parties(), before.accepting(),
                before.certifications(), before.citation(), before.status().name(), status.name(), reason, by,
                clock.instant(), current.policyVersion(), changed.policyVersion());
        publish(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, PolicyEvents.RECOGNITION_AGREEMENT_AGGREGATE_TYPE, id,
                stored.aggregateVersion(), event, changed.policyVersion(), before.parties());
        return event;
    }

    @Transactional
    RulePackPublished publishRulePack(String jurisdiction, String yaml, String by) {
        policies.lockForChange();
        AssessmentEngine current = policies.current();
        AssessmentEngine changed = apply(() -> current.withRulePack(jurisdiction, yaml));
        if (changed.policyVersion().equals(current.policyVersion())) {
            throw PolicyChangeRefused.conflict("the uploaded pack is the one in force (policy version "
                    + current.policyVersion() + ")");
        }
        var stored = policies.store(changed, new PolicyVersions.Change("rule pack " + jurisdiction + " published",
                PolicyEvents.RULE_PACK_AGGREGATE_TYPE, jurisdiction, by));
        RulePackInfo pack = changed.rulePacks().stream().filter(p -> p.jurisdiction().equals(jurisdiction))
                .findFirst().orElseThrow();
        var event = new RulePackPublished(jurisdiction, pack.name(), pack.rules(), sha256(yaml), by, clock.instant(),
                current.policyVersion(), changed.policyVersion());
        publish(PolicyEvents.RULE_PACK_PUBLISHED_V1, PolicyEvents.RULE_PACK_AGGREGATE_TYPE, jurisdiction,
                stored.aggregateVersion(), event, changed.policyVersion(), pack.appliesTo());
        return event;
    }

    /**
     * Loads, replaces or (with a null {@code list}) withdraws the negative list of free trade zone {@code code}. A
     * replaced or withdrawn list reassesses every transfer whose newest assessment it exempted; loading a list where
     * none was reassesses nothing (no transfer relied on it: exporters resubmit, as after a restored decision).
     */
    @Transactional
    NegativeListChanged changeNegativeList(String code, FreeTradeZones.NegativeList list, String reason, String by) {
        policies.lockForChange();
        AssessmentEngine current = policies.current();
        FreeTradeZones.Zone zone = current.freeTradeZones().byCode(code)
                .orElseThrow(() -> PolicyChangeRefused.notFound("free trade zone " + code));
        FreeTradeZones.NegativeList before = zone.negativeList();
        if (java.util.Objects.equals(before, list)) {
            throw PolicyChangeRefused.conflict(list == null ? "free trade zone " + code + " has no negative list loaded"
                    : "this negative list is already the one loaded for free trade zone " + code);
        }
        String change = before == null ? "LOADED" : list == null ? "WITHDRAWN" : "REPLACED";
        AssessmentEngine changed = apply(() -> current.withNegativeList(code, list));
        var stored = policies.store(changed, new PolicyVersions.Change("negative list of free trade zone " + code + " "
                + change.toLowerCase() + (list == null ? "" : ": " + list.legalReference() + ", effective "
                + list.effective()) + " (" + reason + ")", PolicyEvents.FREE_TRADE_ZONE_AGGREGATE_TYPE, code, by));
        int reassessed = 0;
        if (before != null) {
            reassessed = assessTransfers.reassessRelyingOn(FreeTradeZones.reliedOn(code), changed,
                    "negative list of free trade zone " + code + " " + change.toLowerCase() + ": " + reason,
                    "policy-change:" + UUID.randomUUID());
        }
        var event = new NegativeListChanged(code, zone.name(), zone.jurisdiction(), change, published(before),
                published(list), reason, by, clock.instant(), current.policyVersion(), changed.policyVersion(), reassessed);
        publish(PolicyEvents.NEGATIVE_LIST_CHANGED_V1, PolicyEvents.FREE_TRADE_ZONE_AGGREGATE_TYPE, code,
                stored.aggregateVersion(), event, changed.policyVersion(), List.of(zone.jurisdiction()));
        return event;
    }

    private static NegativeListChanged.NegativeList published(FreeTradeZones.NegativeList list) {
        return list == null ? null : new NegativeListChanged.NegativeList(list.authority(), list.legalReference(),
                list.effective(), list.entries().stream()
                        .map(e -> new NegativeListChanged.Entry(e.category(), e.zoneItems())).toList());
    }

    private AssessmentEngine apply(java.util.function.Supplier<AssessmentEngine> change) {
        try {
            return change.get();
        } catch (PolicyDataException e) {
            throw PolicyChangeRefused.invalid(e);
        }
    }

    private void publish(String type, String aggregateType, String aggregateId, int version, Object data,
            String policyVersion, List<String> jurisdictions) {
        outbox.append(OutgoingEvent.to(BINDING)
                .type(type)
                .aggregate(aggregateType, aggregateId, version)
                .data(data)
                .extension(CloudEventExtensions.POLICY_VERSION, policyVersion)
                .extension(CloudEventExtensions.JURISDICTIONS, String.join(",", jurisdictions))
                .build());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
