package org.cbdf.portal.live;

import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.apis.ServiceUnavailable;
import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.session.PortalUser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browser's live streams. {@code GET /live?transfer=<id>@<version>…} follows up to 50 transfers (a
 * transfer page its one) and sends an event named {@code status} whenever one of them changes after the version
 * the page shows; {@code GET /live/transfers} follows every transfer the user may see (a list: the regulator's
 * inbox, the transfers search) and sends an event named {@code status} for each change, new transfers included. The
 * page's script (static/js/live.js) then reloads the parts that show the transfers. 204 (which stops the browser
 * from reconnecting) when there is nothing the user may follow; 401 when the session's token can no longer be used;
 * 502, 503 (with {@code Retry-After}) or 504 when the transfer service cannot be reached, its circuit is open or it
 * did not answer in time; 503 too when the portal instance follows as many lists as it may.
 */
@RestController
class LiveUpdates {

    static final int MAX_TRANSFERS = 50;
    private static final Pattern FOLLOWED = Pattern.compile("(" + TransferApi.TRANSFER_ID.pattern() + ")(?:@(\\d{1,18}))?");

    private final StatusRelay relay;
    private final DisputeRelay disputes;
    private final PortalProperties services;

    LiveUpdates(StatusRelay relay, DisputeRelay disputes, PortalProperties services) {
        this.relay = relay;
        this.disputes = disputes;
        this.services = services;
    }

    /**
     * {@code GET /live/disputes?dispute=<id>@<version>}: a dispute page's stream ({@link DisputeRelay}), an event
     * named {@code dispute} when the case's version is past the one the page shows. 204 when the case is not the
     * user's to see, 401 when the session's token can no longer be used, 502/503/504 when the dispute service
     * cannot be reached, its circuit is open or it did not answer in time, 503 too when the portal follows too many.
     */
    @GetMapping(path = "/live/disputes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> followDispute(
            PortalUser user,
            @RequestParam("dispute") String dispute) {
        Matcher matcher = FOLLOWED.matcher(dispute);
        if (!matcher.matches()) {
            return ResponseEntity.badRequest().build();
        }
        return switch (disputes.follow(user, matcher.group(1).toLowerCase(java.util.Locale.ROOT),
                matcher.group(2) == null ? -1 : Long.parseLong(matcher.group(2)))) {
            case DisputeRelay.Opened.Streaming streaming -> ResponseEntity.ok()
                    .header("X-Accel-Buffering", "no")
                    .body(streaming.emitter());
            case DisputeRelay.Opened.NothingToFollow nothing -> ResponseEntity.noContent().build();
            case DisputeRelay.Opened.Unauthorized expired -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
            case DisputeRelay.Opened.Unavailable unavailable -> ResponseEntity.status(unavailable.reason().status()).build();
            case DisputeRelay.Opened.Busy busy -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "60").build();
        };
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> follow(
            PortalUser user,
            @RequestParam("transfer") List<String> transfers) {
        if (transfers.isEmpty() || transfers.size() > MAX_TRANSFERS) {
            return ResponseEntity.badRequest().build();
        }
        List<StatusRelay.Followed> followed = new ArrayList<>();
        for (String transfer : transfers) {
            Matcher matcher = FOLLOWED.matcher(transfer);
            if (!matcher.matches()) {
                return ResponseEntity.badRequest().build();
            }
            followed.add(new StatusRelay.Followed(matcher.group(1).toLowerCase(java.util.Locale.ROOT),
                    matcher.group(2) == null ? -1 : Long.parseLong(matcher.group(2))));
        }
        return switch (relay.follow(user, services.transferService(), followed)) {
            case StatusRelay.Opened.Streaming streaming -> ResponseEntity.ok()
                    .header("X-Accel-Buffering", "no") // no buffering in a reverse proxy in front of the portal
                    .body(streaming.emitter());
            case StatusRelay.Opened.NothingToFollow nothing -> ResponseEntity.noContent().build();
            case StatusRelay.Opened.Unauthorized expired -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
            // the page shows "live updates off"; the browser does not reconnect to an error, a reload tries again
            case StatusRelay.Opened.Unavailable unavailable -> unavailable(unavailable);
            case StatusRelay.Opened.Busy busy -> busy();
        };
    }

    /**
     * {@code GET /live/transfers}: a list's stream, every change of every transfer the user may see (the transfer
     * service's {@code /api/v1/transfers/stream}, which decides what that is), as events named {@code status}
     * ({@code transferId}, {@code status}, {@code version}, {@code type}).
     */
    @GetMapping(path = "/live/transfers", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> followList(
            PortalUser user) {
        return switch (relay.followVisible(user, services.transferService())) {
            case StatusRelay.Opened.Streaming streaming -> ResponseEntity.ok()
                    .header("X-Accel-Buffering", "no")
                    .body(streaming.emitter());
            case StatusRelay.Opened.NothingToFollow nothing -> ResponseEntity.noContent().build();
            case StatusRelay.Opened.Unauthorized expired -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
            // the page says live updates are off and reloads its list every minute instead
            case StatusRelay.Opened.Unavailable unavailable -> unavailable(unavailable);
            case StatusRelay.Opened.Busy busy -> busy();
        };
    }

    /** 502 or 504; 503 with {@code Retry-After} (how long the circuit stays open). */
    private static ResponseEntity<SseEmitter> unavailable(StatusRelay.Opened.Unavailable unavailable) {
        var response = ResponseEntity.status(unavailable.reason().status());
        if (unavailable.reason() == ServiceUnavailable.Reason.CIRCUIT_OPEN) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, unavailable.retryAfter().toSeconds())));
        }
        return response.build();
    }

    private static ResponseEntity<SseEmitter> busy() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60").build();
    }
}
