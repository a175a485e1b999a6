package org.cbdf.policy.administration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.policy.assessment.AssessTransfers;
import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.NegativeListChanged;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.policy.events.RecognitionAgreementChanged;
import org.cbdf.policy.events.ReviewCriteriaChanged;
import org.cbdf.policy.events.RulePackPublished;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.DecisionStatus;
import org.cbdf.policy.rules.FreeTradeZones;
import org.cbdf.policy.rules.PolicyDataException;
import org.cbdf.policy.rules.RecognitionAgreements;
import org.cbdf.policy.rules.ReviewCriteria;
import org.cbdf.policy.rules.RulePackInfo;
import org.cbdf.policy.versions.PolicyVersions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the policy: each change builds a new engine from the version in force (validated and compiled, or
 * refused with nothing stored), stores it as the new version, appends its event and — when an adequacy decision
 * or agreement stops being in force (or covers less), or a free trade zone's negative list changes — reassesses the
 * transfers that relied on it, all in one transaction. The admin API and the adequacy review procedure
 * ({@code org.cbdf.policy.review}) change decisions and agreements through here alike; each change of a decision or
 * agreement is also published in-process (the event record itself, in the transaction), so that the review procedure
 * can flag the jurisdictions that recognised it by reference.
 */
@Service
public class PolicyAdministration {

    private static final String BINDING = "policy-events";

    private final PolicyVersions policies;
    private final AssessTransfers assessTransfers;
    private final Outbox outbox;
    private final Clock clock;
    private final ApplicationEventPublisher inProcess;

    PolicyAdministration(PolicyVersions policies, AssessTransfers assessTransfers, Outbox outbox, Clock clock,
            ApplicationEventPublisher inProcess) {
        this.policies = policies;
        this.assessTransfers = assessTransfers;
        this.outbox = outbox;
        this.clock = clock;
        this.inProcess = inProcess;
    }

    /**
     * The instruments whose status an administrator changes: what they are called in messages and events, and how
     * the engine reads and changes the status of one of them.
     */
    private enum Instrument {
        ADEQUACY_DECISION("adequacy decision", PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE) {
            @Override
            Optional<DecisionStatus> status(AssessmentEngine engine, String id) {
                return engine.adequacyDecisions().byId(id).map(AdequacyDecisions.Decision::status);
            }

            @Override
            AssessmentEngine withStatus(AssessmentEngine engine, String id, DecisionStatus status, String reason) {
                return engine.withAdequacyStatus(id, status, reason);
            }
        },
        RECOGNITION_AGREEMENT("recognition agreement", PolicyEvents.RECOGNITION_AGREEMENT_AGGREGATE_TYPE) {
            @Override
            Optional<DecisionStatus> status(AssessmentEngine engine, String id) {
                return engine.recognitionAgreements().byId(id).map(RecognitionAgreements.Agreement::status);
            }

            @Override
            AssessmentEngine withStatus(AssessmentEngine engine, String id, DecisionStatus status, String reason) {
                return engine.withAgreementStatus(id, status, reason);
            }
        };

        private final String title;
        private final String aggregateType;

        Instrument(String title, String aggregateType) {
            this.title = title;
            this.aggregateType = aggregateType;
        }

        abstract Optional<DecisionStatus> status(AssessmentEngine engine, String id);

        abstract AssessmentEngine withStatus(AssessmentEngine engine, String id, DecisionStatus status, String reason);
    }

    /** A status change worked out on the policy in force: refused (404, 409, 400) before anything is stored. */
    private record PlannedStatusChange(Instrument instrument, String id, DecisionStatus before, DecisionStatus after,
            String reason, AssessmentEngine current, AssessmentEngine changed) {

        boolean reassesses() {
            return PolicyAdministration.reassesses(before, after);
        }
    }

    private PlannedStatusChange statusChange(Instrument instrument, String id, DecisionStatus status, String reason) {
        AssessmentEngine current = policies.current();
        DecisionStatus before = instrument.status(current, id)
                .orElseThrow(() -> PolicyChangeRefused.notFound(instrument.title + " " + id));
        if (before == status) {
            throw PolicyChangeRefused.conflict(instrument.title + " " + id + " is already " + status);
        }
        AssessmentEngine changed = apply(() -> instrument.withStatus(current, id, status, reason));
        return new PlannedStatusChange(instrument, id, before, status, reason, current, changed);
    }

    /** A stored status change: the new policy version's record and how many transfers it reassessed. */
    private record StoredChange(PolicyVersions.Stored version, int reassessed) {
    }

    /** Stores {@code change} as the new policy version and reassesses the transfers that relied on the instrument. */
    private StoredChange store(PlannedStatusChange change, String by) {
        String title = change.instrument().title + " " + change.id();
        PolicyVersions.Stored version = policies.store(change.changed(), new PolicyVersions.Change(title + ": "
                + change.before() + " → " + change.after() + " (" + change.reason() + ")",
                change.instrument().aggregateType, change.id(), by));
        return new StoredChange(version, change.reassesses() ? assessTransfers.reassessRelyingOn(change.id(),
                change.changed(), title + " " + change.after() + ": " + change.reason(),
                "policy-change:" + UUID.randomUUID()) : 0);
    }

    @Transactional
    public AdequacyDecisionChanged changeAdequacyDecision(String id, DecisionStatus status, String reason, String by) {
        policies.lockForChange();
        PlannedStatusChange change = statusChange(Instrument.ADEQUACY_DECISION, id, status, reason);
        StoredChange stored = store(change, by);
        AdequacyDecisions.Decision after = change.changed().adequacyDecisions().byId(id).orElseThrow();
        var event = new AdequacyDecisionChanged(id, after.authority(), after.destinations(), after.scope(),
                after.citation(), change.before().name(), status.name(), reason, after.validUntil(), by,
                clock.instant(), change.current().policyVersion(), change.changed().policyVersion(),
                stored.reassessed(), null, after.adopted(), after.reviewDate(), after.conditions());
        List<String> jurisdictions = new ArrayList<>();
        jurisdictions.add(after.authority());
        jurisdictions.addAll(after.destinations());
        publish(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE, id,
                stored.version().aggregateVersion(), event, change.changed().policyVersion(), jurisdictions);
        inProcess.publishEvent(event);
        return event;
    }

    /**
     * What {@link #changeAdequacyDecision} would do to the transfers relying on the decision, worked out on the changed
     * policy in memory: refused the same way (404 unknown, 409 the same status, 400 a change that does not apply), and
     * nothing stored or published. The policy lock is held shared, so no change is stored while the preview reads.
     */
    @Transactional(readOnly = true)
    public StatusChangePreview previewAdequacyDecisionStatus(String id, DecisionStatus status, String reason) {
        return preview(Instrument.ADEQUACY_DECISION, id, status, reason);
    }

    /** What {@link #changeRecognitionAgreement} would do, as {@link #previewAdequacyDecisionStatus} for a decision. */
    @Transactional(readOnly = true)
    public StatusChangePreview previewRecognitionAgreementStatus(String id, DecisionStatus status, String reason) {
        return preview(Instrument.RECOGNITION_AGREEMENT, id, status, reason);
    }

    private StatusChangePreview preview(Instrument instrument, String id, DecisionStatus status, String reason) {
        policies.lockForAssessment();
        PlannedStatusChange change = statusChange(instrument, id, status, reason);
        return StatusChangePreview.of(instrument.aggregateType, id, change.before().name(), status.name(),
                change.reassesses(), change.current().policyVersion(), change.changed().policyVersion(),
                change.reassesses() ? assessTransfers.previewRelyingOn(id, change.changed()) : List.of());
    }

    /**
     * Whether a status change reassesses the transfers relying on the instrument: only when it takes it out of force.
     * One brought back into force reassesses nothing (exporters resubmit what was suspended).
     */
    private static boolean reassesses(DecisionStatus before, DecisionStatus after) {
        return before.inForce() && !after.inForce();
    }

    /**
     * Adopts {@code after} as an adequacy review's outcome: it replaces the decision with its id, or is added. When
     * the decision was in force and now is not, or covers less (another scope, destinations or dates), every transfer
     * that relied on it is reassessed. Joins the review's transaction.
     */
    @Transactional
    public AdequacyDecisionChanged adoptAdequacyDecision(AdequacyDecisions.Decision after, String reason, String by) {
        policies.lockForChange();
        AssessmentEngine current = policies.current();
        AdequacyDecisions.Decision before = current.adequacyDecisions().byId(after.id()).orElse(null);
        if (after.equals(before)) {
            throw PolicyChangeRefused.conflict("adequacy decision " + after.id() + " is already exactly this");
        }
        AssessmentEngine changed = apply(() -> current.withAdequacyDecision(after));
        String id = after.id();
        var stored = policies.store(changed, new PolicyVersions.Change("adequacy decision " + id + ": "
                + (before == null ? "adopted" : before.status() + " → " + after.status()) + " by adequacy review "
                + after.review() + " (" + reason + ")", PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE, id, by));
        int reassessed = 0;
        if (before != null && before.status().inForce() && coversLess(before, after)) {
            reassessed = assessTransfers.reassessRelyingOn(id, changed, "adequacy decision " + id + " "
                    + after.status() + " by adequacy review " + after.review() + ": " + reason,
                    "policy-change:" + UUID.randomUUID());
        }
        var event = new AdequacyDecisionChanged(id, after.authority(), after.destinations(), after.scope(),
                after.citation(), before == null ? null : before.status().name(), after.status().name(), reason,
                after.validUntil(), by, clock.instant(), current.policyVersion(), changed.policyVersion(), reassessed,
                after.review(), after.adopted(), after.reviewDate(), after.conditions());
        List<String> jurisdictions = new ArrayList<>();
        jurisdictions.add(after.authority());
        jurisdictions.addAll(after.destinations());
        publish(PolicyEvents.ADEQUACY_DECISION_CHANGED_V1, PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE, id,
                stored.aggregateVersion(), event, changed.policyVersion(), jurisdictions);
        inProcess.publishEvent(event);
        return event;
    }

    /** Whether transfers that relied on {@code before} may no longer be covered by {@code after}. */
    private static boolean coversLess(AdequacyDecisions.Decision before, AdequacyDecisions.Decision after) {
        return !after.status().inForce() || !java.util.Objects.equals(before.scope(), after.scope())
                || !before.destinations().equals(after.destinations())
                || !java.util.Objects.equals(before.adopted(), after.adopted())
                || !java.util.Objects.equals(before.validUntil(), after.validUntil());
    }

    /**
     * Adopts {@code after} as a review's outcome (standards equivalence, recognition by reference): it replaces the
     * agreement with its id, or is added; transfers that relied on it are reassessed when it was in force and now is
     * not, or covers less.
     */
    @Transactional
    public RecognitionAgreementChanged adoptRecognitionAgreement(RecognitionAgreements.Agreement after, String reason,
            String by) {
        policies.lockForChange();
        AssessmentEngine current = policies.current();
        RecognitionAgreements.Agreement before = current.recognitionAgreements().byId(after.id()).orElse(null);
        if (after.equals(before)) {
            throw PolicyChangeRefused.conflict("recognition agreement " + after.id() + " is already exactly this");
        }
        AssessmentEngine changed = apply(() -> current.withAgreement(after));
        String id = after.id();
        var stored = policies.store(changed, new PolicyVersions.Change("recognition agreement " + id + ": "
                + (before == null ? "adopted" : before.status() + " → " + after.status()) + " by review "
                + after.review() + " (" + reason + ")", PolicyEvents.RECOGNITION_AGREEMENT_AGGREGATE_TYPE, id, by));
        int reassessed = 0;
        if (before != null && before.status().inForce() && (!after.status().inForce()
                || !after.certifications().containsAll(before.certifications())
                || !java.util.Objects.equals(before.destinations(), after.destinations())
                || !java.util.Objects.equals(before.validFrom(), after.validFrom())
                || !java.util.Objects.equals(before.validUntil(), after.validUntil()))) {
            reassessed = assessTransfers.reassessRelyingOn(id, changed, "recognition agreement " + id + " "
                    + after.status() + " by review " + after.review() + ": " + reason, "policy-change:" + UUID.randomUUID());
        }
        var event = new RecognitionAgreementChanged(id, after.name(), after.parties(), after.accepting(),
                after.certifications(), after.citation(), before == null ? null : before.status().name(),
                after.status().name(), reason, by, clock.instant(), current.policyVersion(), changed.policyVersion(),
                after.review(), after.conditions(), reassessed);
        publish(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, PolicyEvents.RECOGNITION_AGREEMENT_AGGREGATE_TYPE, id,
                stored.aggregateVersion(), event, changed.policyVersion(), after.parties());
        inProcess.publishEvent(event);
        return event;
    }

    /** Replaces the criteria adequacy reviews are assessed against (reviews already open keep theirs). */
    @Transactional
    public ReviewCriteriaChanged changeReviewCriteria(ReviewCriteria criteria, String reason, String by) {
        policies.lockForChange();
        AssessmentEngine current = policies.current();
        AssessmentEngine changed = apply(() -> current.withReviewCriteria(criteria));
        if (changed.policyVersion().equals(current.policyVersion())) {
            throw PolicyChangeRefused.conflict("these are the review criteria in force (policy version "
                    + current.policyVersion() + ")");
        }
        var stored = policies.store(changed, new PolicyVersions.Change("adequacy review criteria changed (" + reason
                + ")", PolicyEvents.REVIEW_CRITERIA_AGGREGATE_TYPE, "criteria", by));
        var event = new ReviewCriteriaChanged(published(criteria.jurisdiction()), published(criteria.standard()), reason,
                by, clock.instant(), current.policyVersion(), changed.policyVersion());
        publish(PolicyEvents.REVIEW_CRITERIA_CHANGED_V1, PolicyEvents.REVIEW_CRITERIA_AGGREGATE_TYPE, "criteria",
                stored.aggregateVersion(), event, changed.policyVersion(), List.of());
        return event;
    }

    private static List<ReviewCriteriaChanged.Criterion> published(List<ReviewCriteria.Criterion> criteria) {
        return criteria.stream().map(c -> new ReviewCriteriaChanged.Criterion(c.id(), c.title(), c.citation(),
                c.description())).toList();
    }

    @Transactional
    public RecognitionAgreementChanged changeRecognitionAgreement(String id, DecisionStatus status, String reason, String by) {
        policies.lockForChange();
        PlannedStatusChange change = statusChange(Instrument.RECOGNITION_AGREEMENT, id, status, reason);
        StoredChange stored = store(change, by);
        RecognitionAgreements.Agreement before = change.current().recognitionAgreements().byId(id).orElseThrow();
        var event = new RecognitionAgreementChanged(id, before.name(), before.parties(), before.accepting(),
                before.certifications(), before.citation(), change.before().name(), status.name(), reason, by,
                clock.instant(), change.current().policyVersion(), change.changed().policyVersion(), null,
                before.conditions(), stored.reassessed());
        publish(PolicyEvents.RECOGNITION_AGREEMENT_CHANGED_V1, PolicyEvents.RECOGNITION_AGREEMENT_AGGREGATE_TYPE, id,
                stored.version().aggregateVersion(), event, change.changed().policyVersion(), before.parties());
        inProcess.publishEvent(event);
        return event;
    }

    @Transactional
    public RulePackPublished publishRulePack(String jurisdiction, String yaml, String by) {
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
    public NegativeListChanged changeNegativeList(String code, FreeTradeZones.NegativeList list, String reason, String by) {
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
