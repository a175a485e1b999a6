package org.cbdf.audit.ledger;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.cbdf.platform.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "ledger", description = "The append-only Merkle-tree ledger of every event of the platform")
@SecurityRequirement(name = "bearer")
class LedgerController {

    static final String NDJSON = "application/x-ndjson";

    private final LedgerEntries entries;

    LedgerController(LedgerEntries entries) {
        this.entries = entries;
    }

    @Operation(summary = "Events in log order, filtered",
            description = "Auditors see every event; enterprises the events of their organisation; regulators the "
                    + "events that concern their jurisdiction. At most `limit` entries; when a page is full, the "
                    + "`Link: rel=\"next\"` header gives the next one (`after` = the last leaf index).")
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
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit) {
        LedgerQuery query = new LedgerQuery(aggregateId, type, organization, jurisdiction, from, to, after,
                LedgerQuery.Visibility.of(caller));
        List<LedgerEntryView> page = entries.page(query, limit);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.size() == limit) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("after", page.getLast().leafIndex()).build().toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page);
    }

    @Operation(summary = "Events in log order, filtered, as an NDJSON stream",
            description = "One JSON object per line, read from the database as they are written; without "
                    + "`limit`, every matching event. Same visibility rules as the JSON listing.")
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
        StreamingResponseBody body = out -> entries.writeNdjson(query, limit, out);
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
}
