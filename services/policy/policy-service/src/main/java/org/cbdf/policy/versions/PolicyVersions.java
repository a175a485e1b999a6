package org.cbdf.policy.versions;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.PolicyDataException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every policy version ever in force, stored as the files it was read from; the newest is in force. Engines are
 * compiled once per version and kept: reading the version in force is one indexed query, so every instance of the
 * service sees a change at once.
 */
@Repository
public class PolicyVersions {

    /** A policy change about to be stored: what changed, as which event aggregate, by whom. */
    public record Change(String description, String aggregateType, String aggregateId, String changedBy) {
    }

    /** A stored change: the aggregate version its event takes. */
    public record Stored(String policyVersion, int aggregateVersion) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final AssessmentEngine shipped;
    private final Map<String, AssessmentEngine> engines = new ConcurrentHashMap<>();

    PolicyVersions(JdbcClient jdbc, JsonMapper json, Clock clock, AssessmentEngine shipped) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.shipped = shipped;
        engines.put(shipped.policyVersion(), shipped);
    }

    /** The engine of the policy in force: the newest stored version, or the shipped one if nothing is stored yet. */
    public AssessmentEngine current() {
        Optional<String> newest = jdbc.sql("select policy_version from policy_version order by seq desc limit 1")
                .query(String.class).optional();
        return newest.map(version -> byVersion(version).orElseThrow(() -> new IllegalStateException(
                "policy version " + version + " is stored but cannot be loaded"))).orElse(shipped);
    }

    /** The adequacy review criteria in force, and the policy version they come from. */
    public record CriteriaInForce(org.cbdf.policy.rules.ReviewCriteria criteria, String policyVersion) {
    }

    /**
     * The adequacy review criteria of the version in force; a version stored before criteria were data has none, and
     * the shipped criteria apply until a change stores them.
     */
    public CriteriaInForce reviewCriteria() {
        AssessmentEngine current = current();
        return current.reviewCriteria().map(c -> new CriteriaInForce(c, current.policyVersion()))
                .orElseGet(() -> new CriteriaInForce(shipped.reviewCriteria().orElseThrow(() -> new IllegalStateException(
                        "the shipped policy has no adequacy review criteria")), shipped.policyVersion()));
    }

    /** The engine of any version ever in force (the shipped one included), compiled once. */
    public Optional<AssessmentEngine> byVersion(String version) {
        AssessmentEngine cached = engines.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> files = jdbc.sql("select files::text from policy_version where policy_version = :v order by seq limit 1")
                .param("v", version).query(String.class).optional();
        return files.map(text -> engines.computeIfAbsent(version, v -> {
            AssessmentEngine engine = AssessmentEngine.fromFiles(json.readValue(text, new TypeReference<Map<String, String>>() {
            }), shipped.conditionLimits());
            if (!engine.policyVersion().equals(v)) {
                throw new PolicyDataException("stored policy version " + v + " loads as " + engine.policyVersion()
                        + ": the engine's semantics changed since it was stored");
            }
            return engine;
        }));
    }

    /**
     * Stores {@code engine}'s policy as the version in force. Serialised by a transaction-scoped advisory lock so
     * that two administrators' changes cannot both build on the same predecessor.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Stored store(AssessmentEngine engine, Change change) {
        int aggregateVersion = jdbc.sql("""
                select coalesce(max(aggregate_version), 0) + 1 from policy_version
                where aggregate_type = :type and aggregate_id = :id
                """).param("type", change.aggregateType()).param("id", change.aggregateId()).query(Integer.class).single();
        jdbc.sql("""
                insert into policy_version (policy_version, files, change, aggregate_type, aggregate_id, aggregate_version,
                                            changed_by, changed_at)
                values (:version, cast(:files as jsonb), :change, :type, :id, :aggregateVersion, :by, :at)
                """)
                .param("version", engine.policyVersion())
                .param("files", json.writeValueAsString(engine.files()))
                .param("change", change.description())
                .param("type", change.aggregateType())
                .param("id", change.aggregateId())
                .param("aggregateVersion", aggregateVersion)
                .param("by", change.changedBy())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        engines.putIfAbsent(engine.policyVersion(), engine);
        return new Stored(engine.policyVersion(), aggregateVersion);
    }

    /**
     * Takes the policy-change lock shared, until the transaction ends: an assessment holds it while it reads the
     * version in force and stores what it relied on, so that a change waits for it and then reassesses it, and an
     * assessment started during a change waits and then uses the new version. Nothing falls in between.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockForAssessment() {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock_shared(7300301)) locked").query(Integer.class).single();
    }

    /** Takes the lock that serialises policy changes exclusively, until the transaction ends. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockForChange() {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(7300301)) locked").query(Integer.class).single();
    }

    /** Every stored version, newest first: version, what changed, by whom, when. */
    public java.util.List<Map<String, Object>> history() {
        return jdbc.sql("""
                select seq, policy_version, change, changed_by, changed_at from policy_version order by seq desc
                """).query().listOfRows();
    }
}
