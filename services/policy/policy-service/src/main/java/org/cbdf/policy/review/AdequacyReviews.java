package org.cbdf.policy.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.rules.ReviewCriteria.Criterion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The adequacy reviews. Steps load a review under its row lock ({@code for update}), so two steps on one review never
 * interleave; the scheduler takes due reviews with {@code skip locked}, so replicas never handle one twice.
 */
@Repository
public class AdequacyReviews {

    /** The part of a review kept as JSON. */
    record Details(Subject subject, List<Criterion> criteria, String criteriaPolicyVersion,
            List<AdequacyReview.Finding> findings, List<AdequacyReview.Opinion> opinions,
            AdequacyReview.Conclusion conclusion, UUID supersededBy, LocalDate dueBy, String reason, String openedBy,
            List<AdequacyReview.TimelineEntry> timeline) {
    }

    private static final String OPEN = "('DRAFT', 'OPINIONS_REQUESTED', 'ADOPTED')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AdequacyReviews(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new review; a second open review of the same target violates a unique index. */
    void insert(AdequacyReview review) {
        var s = review.snapshot();
        jdbc.sql("""
                insert into adequacy_review (id, kind, trigger, status, authority, target, subject_jurisdiction,
                                             instrument, follows, recognises, recognised_instrument, opinion_givers,
                                             opinions_from, deadline, opinions_closed, outcome, entry_into_force,
                                             review_date, opened_at, details, version)
                values (:id, :kind, :trigger, :status, :authority, :target, :subjectJurisdiction, :instrument, :follows,
                        :recognises, :recognisedInstrument, :givers, :from, :deadline, :closed, :outcome, :entry,
                        :reviewDate, :openedAt, cast(:details as jsonb), :version)
                """)
                .paramSource(changing(s)
                        .addValue("id", s.id())
                        .addValue("kind", s.kind().name())
                        .addValue("trigger", s.trigger().name())
                        .addValue("authority", s.authority())
                        .addValue("target", s.subject().target())
                        .addValue("subjectJurisdiction", s.subject().jurisdiction())
                        .addValue("follows", s.follows())
                        .addValue("recognises", s.recognises())
                        .addValue("recognisedInstrument", key(s.recognisedInstrument()))
                        .addValue("openedAt", Timestamp.from(s.openedAt())))
                .update();
    }

    /** Writes a changed review; it must have been loaded with {@link #lock} in the same transaction. */
    void update(AdequacyReview review) {
        var s = review.snapshot();
        jdbc.sql("""
                update adequacy_review
                   set status = :status, instrument = :instrument, opinion_givers = :givers, opinions_from = :from,
                       deadline = :deadline, opinions_closed = :closed, outcome = :outcome, entry_into_force = :entry,
                       review_date = :reviewDate, details = cast(:details as jsonb), version = :version
                 where id = :id
                """)
                .paramSource(changing(s).addValue("id", s.id()))
                .update();
    }

    private org.springframework.jdbc.core.namedparam.MapSqlParameterSource changing(AdequacyReview.Snapshot s) {
        var c = s.conclusion();
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("status", s.status().name())
                .addValue("instrument", key(s.instrument()))
                .addValue("givers", s.opinionGivers().toArray(String[]::new))
                .addValue("from", s.opinions().stream().map(AdequacyReview.Opinion::jurisdiction).toArray(String[]::new))
                .addValue("deadline", s.opinionsDeadline() == null ? null : Timestamp.from(s.opinionsDeadline()))
                .addValue("closed", s.opinionsClosed())
                .addValue("outcome", c == null || c.outcome() == null ? null : c.outcome().name())
                .addValue("entry", c == null ? null : c.entryIntoForce())
                .addValue("reviewDate", c == null ? null : c.reviewDate())
                .addValue("details", json.writeValueAsString(new Details(s.subject(), s.criteria(),
                        s.criteriaPolicyVersion(), s.findings(), s.opinions(), c, s.supersededBy(), s.dueBy(),
                        s.reason(), s.openedBy(), s.timeline())))
                .addValue("version", s.version());
    }

    /** The review, locked until the transaction ends. */
    Optional<AdequacyReview> lock(UUID id) {
        return jdbc.sql("select * from adequacy_review where id = :id for update").param("id", id)
                .query((rs, row) -> AdequacyReview.restore(map(rs))).optional();
    }

    public Optional<AdequacyReview.Snapshot> find(UUID id) {
        return jdbc.sql("select * from adequacy_review where id = :id").param("id", id)
                .query((rs, row) -> map(rs)).optional();
    }

    /** The review of {@code authority}'s decision or agreement on {@code target} still open, if any. */
    Optional<AdequacyReview.Snapshot> findOpen(String authority, String target) {
        return jdbc.sql("select * from adequacy_review where authority = :a and target = :t and status in " + OPEN)
                .param("a", authority).param("t", target).query((rs, row) -> map(rs)).optional();
    }

    /** The review whose outcome is in force for {@code authority}'s decision or agreement on {@code target}. */
    Optional<AdequacyReview.Snapshot> findInForce(String authority, String target) {
        return jdbc.sql("""
                select * from adequacy_review where authority = :a and target = :t and status = 'IN_FORCE'
                 order by opened_at desc limit 1
                """).param("a", authority).param("t", target).query((rs, row) -> map(rs)).optional();
    }

    /** The review in force for an instrument, locked (to be superseded). */
    Optional<AdequacyReview> lockInForce(String authority, String target, UUID besides) {
        return jdbc.sql("""
                select * from adequacy_review where authority = :a and target = :t and status = 'IN_FORCE' and id <> :id
                 order by opened_at desc limit 1 for update
                """).param("a", authority).param("t", target).param("id", besides)
                .query((rs, row) -> AdequacyReview.restore(map(rs))).optional();
    }

    /**
     * The adequate outcomes, adopted or in force, that rest on a recognition of {@code instrument} by reference (the
     * recognition itself, or a follow-up of it, which keeps the link): those to flag when it changes.
     */
    List<AdequacyReview.Snapshot> recognitionsOf(PolicyInstrument instrument) {
        return jdbc.sql("""
                select * from adequacy_review where recognised_instrument = :i and outcome = 'ADEQUATE'
                   and status in ('ADOPTED', 'IN_FORCE') order by opened_at
                """).param("i", key(instrument)).query((rs, row) -> map(rs)).list();
    }

    /**
     * The reviews the caller may see, newest first: auditors and policy administrators all; a regulator the adopted
     * ones and the drafts of its jurisdiction or naming it for an opinion; anyone else the adopted ones.
     */
    public List<AdequacyReview.Snapshot> visibleTo(Caller caller, String status, String authority) {
        String where = "1 = 1";
        var statement = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource();
        if (!caller.has(Role.AUDITOR) && !caller.has(Role.POLICY_ADMIN)) {
            String jurisdiction = caller.has(Role.REGULATOR) ? caller.jurisdiction().orElse(null) : null;
            where = jurisdiction == null ? "status in ('ADOPTED', 'IN_FORCE', 'SUPERSEDED')"
                    : "(status in ('ADOPTED', 'IN_FORCE', 'SUPERSEDED') or authority = :j or :j = any(opinion_givers))";
            statement.addValue("j", jurisdiction);
        }
        if (status != null) {
            where += " and status = :status";
            statement.addValue("status", status);
        }
        if (authority != null) {
            where += " and authority = :authority";
            statement.addValue("authority", authority);
        }
        return jdbc.sql("select * from adequacy_review where " + where + " order by opened_at desc, id")
                .paramSource(statement).query((rs, row) -> map(rs)).list();
    }

    /** Every review in force (for the recognition map). */
    List<AdequacyReview.Snapshot> inForce() {
        return jdbc.sql("select * from adequacy_review where status = 'IN_FORCE' order by opened_at")
                .query((rs, row) -> map(rs)).list();
    }

    // --- what the scheduler finds due --------------------------------------------------------------------------

    /** A review whose opinions' deadline passed and was not yet handled, locked; others' locked rows skipped. */
    Optional<AdequacyReview> lockNextOpinionsDue(Instant now, Collection<UUID> passedOver) {
        return lockNext("""
                status = 'OPINIONS_REQUESTED' and not opinions_closed and deadline <= :now
                """, "deadline", passedOver, "now", Timestamp.from(now));
    }

    /** An adopted review whose entry into force has come, locked. */
    Optional<AdequacyReview> lockNextEntryDue(LocalDate today, Collection<UUID> passedOver) {
        return lockNext("status = 'ADOPTED' and entry_into_force <= :today", "entry_into_force", passedOver, "today",
                today);
    }

    /**
     * An adequate outcome in force whose review date, less the lead time, has come ({@code review_date - lead <=
     * today}, calendar months as in Java), with no review of its instrument open and no periodic follow-up yet, locked.
     */
    Optional<AdequacyReview> lockNextPeriodicDue(LocalDate today, java.time.Period lead, Collection<UUID> passedOver) {
        return lockNext("""
                status = 'IN_FORCE' and outcome = 'ADEQUATE' and review_date - cast(:lead as interval) <= :today
                and not exists (select 1 from adequacy_review o where o.authority = r.authority and o.target = r.target
                                and o.status in %s)
                and not exists (select 1 from adequacy_review p where p.follows = r.id and p.trigger = 'PERIODIC')
                """.formatted(OPEN), "review_date", passedOver, "today", today, "lead", lead.toString());
    }

    private Optional<AdequacyReview> lockNext(String condition, String order, Collection<UUID> passedOver,
            Object... params) {
        var statement = jdbc.sql("""
                select * from adequacy_review r where %s and not (id::text = any(:passedOver))
                 order by %s, id limit 1 for update of r skip locked
                """.formatted(condition, order))
                .param("passedOver", passedOver.stream().map(UUID::toString).toArray(String[]::new));
        for (int i = 0; i < params.length; i += 2) {
            statement = statement.param((String) params[i], params[i + 1]);
        }
        return statement.query((rs, row) -> AdequacyReview.restore(map(rs))).optional();
    }

    // --- mapping ----------------------------------------------------------------------------------------------

    static String key(PolicyInstrument instrument) {
        return instrument == null ? null : instrument.type() + ":" + instrument.id();
    }

    static PolicyInstrument instrument(String key) {
        if (key == null) {
            return null;
        }
        int colon = key.indexOf(':');
        return new PolicyInstrument(key.substring(0, colon), key.substring(colon + 1));
    }

    private AdequacyReview.Snapshot map(ResultSet rs) throws SQLException {
        Details d = json.readValue(rs.getString("details"), Details.class);
        return new AdequacyReview.Snapshot(rs.getObject("id", UUID.class), ReviewKind.valueOf(rs.getString("kind")),
                ReviewTrigger.valueOf(rs.getString("trigger")), ReviewStatus.valueOf(rs.getString("status")),
                rs.getString("authority"), d.subject(), instrument(rs.getString("instrument")),
                rs.getObject("follows", UUID.class), rs.getObject("recognises", UUID.class),
                instrument(rs.getString("recognised_instrument")), d.criteria(), d.criteriaPolicyVersion(), d.findings(),
                List.of((String[]) rs.getArray("opinion_givers").getArray()), instant(rs, "deadline"),
                rs.getBoolean("opinions_closed"), d.opinions(), d.conclusion(), d.supersededBy(), d.dueBy(), d.reason(),
                d.openedBy(), instant(rs, "opened_at"), d.timeline(), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
