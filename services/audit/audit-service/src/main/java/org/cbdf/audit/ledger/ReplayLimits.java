package org.cbdf.audit.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the database the NDJSON replays ({@code GET /api/v1/audit/events}, {@code application/x-ndjson}) may
 * take ({@code cbdf.audit.replay}).
 *
 * @param pageSize      entries read per database checkout: a replay holds a connection only while it reads a page,
 *                      never while its client reads, and holds one page in memory (about 1 kB an entry)
 * @param maxConcurrent replays under way at once on this instance; more are answered 429. Below the connection pool's
 *                      size, so that however many replays read at once the ledger and the API still get connections.
 */
@ConfigurationProperties("cbdf.audit.replay")
public record ReplayLimits(@DefaultValue("1000") int pageSize, @DefaultValue("4") int maxConcurrent) {

    public ReplayLimits {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("cbdf.audit.replay.page-size must be between 1 and 10000, was "
                    + pageSize);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("cbdf.audit.replay.max-concurrent must be at least 1, was "
                    + maxConcurrent);
        }
    }
}
