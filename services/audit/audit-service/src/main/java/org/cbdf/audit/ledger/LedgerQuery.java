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
record LedgerQuery(String aggregateId, String type, String organization, String jurisdiction,
        OffsetDateTime from, OffsetDateTime to, Long after, Visibility visibility) {

    /**
     * What a caller may see (DESIGN §1): an auditor everything; an enterprise its organisation's events; a
     * regulator the events that concern its jurisdiction; a caller with both roles the union of the two.
     */
    record Visibility(boolean everything, Optional<String> organization, Optional<String> jurisdiction) {

        static Visibility of(Caller caller) {
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
    }

    String where(MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        if (!visibility.everything()) {
            List<String> scopes = new ArrayList<>();
            visibility.organization().ifPresent(org -> {
                scopes.add("organization = :callerOrganization");
                params.addValue("callerOrganization", org);
            });
            visibility.jurisdiction().ifPresent(code -> {
                scopes.add(":callerJurisdiction = any(jurisdictions)");
                params.addValue("callerJurisdiction", code);
            });
            conditions.add("(" + String.join(" or ", scopes) + ")");
        }
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
