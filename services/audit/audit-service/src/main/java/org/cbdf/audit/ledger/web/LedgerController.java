package org.cbdf.audit.ledger.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Semaphore;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.cbdf.audit.ledger.LedgerEntries;
import org.cbdf.audit.ledger.LedgerEntryView;
import org.cbdf.audit.ledger.LedgerQuery;
import org.cbdf.audit.ledger.ReplayLimits;
import org.cbdf.audit.ledger.TreeHeadView;
import org.cbdf.audit.ledger.VersionGapView;
import org.cbdf.platform.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "ledger", description = "The append-only Merkle-tree ledger of every event of the platform")
class LedgerController {

    static final String NDJSON = "application/x-ndjson";

    /** How long a refused replay is asked to wait: a replay lasts as long as its client takes to read it. */
    static final long REPLAY_RETRY_AFTER_SECONDS = 10;

    private final LedgerEntries entries;
    /** Replays under way; each holds a permit until its last page is written or its client went away. */
    private final Semaphore replays;
    private final int maxReplays;

    LedgerController(LedgerEntries entries, ReplayLimits limits) {
        this.entries = entries;
        this.maxReplays = limits.maxConcurrent();
        this.replays = new Semaphore(maxReplays);
    }

    @Operation(summary = "Events in log order, filtered",
            description = "Auditors see every event; enterprises the events of their organisation; regulators the "
                    + "events that concern their jurisdiction. At most `limit` entries; when a page is full, the "
                    + "`Link: rel=\"next\"` header gives the next one (`after` = the last leaf index) as a "
                    + "reference relative to the request's URL.")
    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('AUDITOR', 'ENTERPRISE', 'REGULATOR')")
    ResponseEntity<List<LedgerEntryView>> events(Caller caller,
            @RequestParam(required = false) String aggregateId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String organization,
            @RequestParam(required = false) String jurisdiction,
            @Parameter(description = "events at or after this instant (event time)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @Parameter(description = "events before this instant (event time)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @Parameter(description = "only entries with a greater leaf index")
            @RequestParam(required = false) @PositiveOrZero Long after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit, HttpServletRequest request) {
        LedgerQuery query = new LedgerQuery(aggregateId, type, organization, jurisdiction, from, to, after,
                LedgerQuery.Visibility.of(caller));
        List<LedgerEntryView> page = entries.page(query, limit);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.size() == limit) {
            // a relative reference (RFC 8288 §3.2): whatever Host or X-Forwarded-Host a client sent stays out of it
            String next = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    .replaceQueryParam("after", page.getLast().leafIndex()).build().toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page);
    }

    @Operation(summary = "Events in log order, filtered, as an NDJSON stream",
            description = "One JSON object per line, read from the database a page at a time; without "
                    + "`limit`, every matching event in the ledger when the replay began. Same visibility rules as the "
                    + "JSON listing. 429 with `Retry-After` when as many replays are under way as the service allows.")
    @GetMapping(path = "/events", produces = NDJSON)
    @PreAuthorize("hasAnyRole('AUDITOR', 'ENTERPRISE', 'REGULATOR')")
    ResponseEntity<StreamingResponseBody> stream(Caller caller,
            @RequestParam(required = false) String aggregateId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String organization,
            @RequestParam(required = false) String jurisdiction,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) @PositiveOrZero Long after,
            @RequestParam(required = false) @Min(1) Long limit) {
        LedgerQuery query = new LedgerQuery(aggregateId, type, organization, jurisdiction, from, to, after,
                LedgerQuery.Visibility.of(caller));
        if (!replays.tryAcquire()) {
            throw tooMany(maxReplays + " replays are under way, as many as this instance serves at once.",
                    REPLAY_RETRY_AFTER_SECONDS);
        }
        StreamingResponseBody body = out -> {
            try {
                entries.writeNdjson(query, limit, out);
            } finally {
                replays.release();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }

    @Operation(summary = "The current tree size and root hash")
    @GetMapping(path = "/tree", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    TreeHeadView tree() {
        return entries.head();
    }

    @Operation(summary = "Events whose aggregateversion did not follow on, in the order they were detected")
    @GetMapping(path = "/gaps", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    List<VersionGapView> gaps(@RequestParam(required = false) String aggregateId) {
        return entries.gaps(aggregateId);
    }

    /**
     * 429: more replays under way than the instance serves at once; {@code Retry-After} says when to try again. Not a
     * refusal of the ledger's but of this instance's capacity, so the web adapter answers it itself.
     */
    private static ErrorResponseException tooMany(String detail, long retryAfterSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                detail + " Retry in " + retryAfterSeconds + " s.");
        problem.setTitle("Too many at once");
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        ErrorResponseException refusal = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return refusal;
    }
}
