package org.cbdf.audit.ledger;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which entries a caller asked for and may see, as SQL. The caller's rights are ANDed with the filters, so
 * a filter can narrow what a caller sees but never widen it.
 *
 * @param after entries after this leaf index only (the cursor of the next page)
 */
public record LedgerQuery(String aggregateId, String type, String organization, String jurisdiction,
        OffsetDateTime from, OffsetDateTime to, Long after, Visibility visibility) {

    /**
     * What a caller may see (docs/design.md §1): an auditor everything; an enterprise its organisation's events; a
     * regulator the events that concern its jurisdiction; a caller with both roles the union of the two.
     */
    public record Visibility(boolean everything, Optional<String> organization, Optional<String> jurisdiction) {

        public static Visibility of(Caller caller) {
            if (caller.has(Role.AUDITOR)) {
                return new Visibility(true, Optional.empty(), Optional.empty());
            }
            Optional<String> organization = caller.has(Role.ENTERPRISE)
                    ? Optional.of(caller.requiredOrganization()) : Optional.empty();
            Optional<String> jurisdiction = caller.has(Role.REGULATOR)
                    ? Optional.of(caller.requiredJurisdiction().toUpperCase(Locale.ROOT)) : Optional.empty();
            if (organization.isEmpty() && jurisdiction.isEmpty()) {
                throw new AccessDeniedException("the ledger is for auditors, enterprises and regulators");
            }
            return new Visibility(false, organization, jurisdiction);
        }

        /**
         * The entries of {@code ledger_entry} the caller may see, as an SQL condition (its parameters added to
         * {@code params}), or none for an auditor; every read of entries for a caller ANDs it in. A regulator reads an
         * event that concerns its jurisdiction unless the producer restricted the event's aggregate to other
         * jurisdictions' regulators ({@code readers} of its highest version, {@link AggregateVersions}): a draft
         * adequacy review is read by its participants, as the policy service shows it, and by everyone once adopted.
         */
        Optional<String> condition(MapSqlParameterSource params) {
            if (everything) {
                return Optional.empty();
            }
            List<String> scopes = new ArrayList<>();
            organization.ifPresent(org -> {
                scopes.add("ledger_entry.organization = :callerOrganization");
                params.addValue("callerOrganization", org);
            });
            jurisdiction.ifPresent(code -> {
                scopes.add("""
                        (:callerJurisdiction = any(ledger_entry.jurisdictions) and not exists (
                            select 1 from aggregate_version restricted
                            where restricted.aggregate_type = ledger_entry.aggregate_type
                              and restricted.aggregate_id = ledger_entry.aggregate_id
                              and restricted.readers is not null
                              and not (:callerJurisdiction = any(restricted.readers))))""");
                params.addValue("callerJurisdiction", code);
            });
            return Optional.of("(" + String.join(" or ", scopes) + ")");
        }
    }

    String where(MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        visibility.condition(params).ifPresent(conditions::add);
        if (aggregateId != null) {
            conditions.add("aggregate_id = :aggregateId");
            params.addValue("aggregateId", aggregateId);
        }
        if (type != null) {
            conditions.add("type = :type");
            params.addValue("type", type);
        }
        if (organization != null) {
            conditions.add("organization = :organization");
            params.addValue("organization", organization);
        }
        if (jurisdiction != null) {
            conditions.add(":jurisdiction = any(jurisdictions)");
            params.addValue("jurisdiction", jurisdiction.toUpperCase(Locale.ROOT));
        }
        if (from != null) {
            conditions.add("event_time >= :from");
            params.addValue("from", Timestamp.from(from.toInstant()));
        }
        if (to != null) {
            conditions.add("event_time < :to");
            params.addValue("to", Timestamp.from(to.toInstant()));
        }
        if (after != null) {
            conditions.add("leaf_index > :after");
            params.addValue("after", after);
        }
        return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
    }
}
