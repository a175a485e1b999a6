package org.cbdf.portal.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cbdf.portal.apis.ServiceUnavailable;
import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.session.PortalUser;
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
 * did not answer in time; 503 too when the portal instance follows as many lists as it may. Each kind of stream is a
 * {@link LiveRelay} of what it follows.
 */
@RestController
class LiveUpdates {

    static final int MAX_TRANSFERS = 50;
    private static final Pattern FOLLOWED = Pattern.compile("(" + TransferApi.TRANSFER_ID.pattern() + ")(?:@(\\d{1,18}))?");

    private final LiveRelay<List<TransferFeeds.Followed>> transfers;
    private final LiveRelay<TransferFeeds.Visible> lists;
    private final LiveRelay<DisputePolls.Followed> disputes;

    LiveUpdates(LiveRelay<List<TransferFeeds.Followed>> transfers, LiveRelay<TransferFeeds.Visible> lists,
            LiveRelay<DisputePolls.Followed> disputes) {
        this.transfers = transfers;
        this.lists = lists;
        this.disputes = disputes;
    }

    /**
     * {@code GET /live/disputes?dispute=<id>@<version>}: a dispute page's stream ({@link DisputePolls}), an event
     * named {@code dispute} when the case's version is past the one the page shows. 204 when the case is not the
     * user's to see, 401 when the session's token can no longer be used, 502/503/504 when the dispute service
     * cannot be reached, its circuit is open or it did not answer in time, 503 too when the portal follows too many.
     */
    @GetMapping(path = "/live/disputes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> followDispute(PortalUser user, @RequestParam("dispute") String dispute) {
        Matcher matcher = FOLLOWED.matcher(dispute);
        if (!matcher.matches()) {
            return ResponseEntity.badRequest().build();
        }
        return answer(disputes.follow(user, new DisputePolls.Followed(matcher.group(1).toLowerCase(Locale.ROOT),
                matcher.group(2) == null ? -1 : Long.parseLong(matcher.group(2)))));
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> follow(PortalUser user, @RequestParam("transfer") List<String> followed) {
        if (followed.isEmpty() || followed.size() > MAX_TRANSFERS) {
            return ResponseEntity.badRequest().build();
        }
        List<TransferFeeds.Followed> shown = new ArrayList<>();
        for (String transfer : followed) {
            Matcher matcher = FOLLOWED.matcher(transfer);
            if (!matcher.matches()) {
                return ResponseEntity.badRequest().build();
            }
            shown.add(new TransferFeeds.Followed(matcher.group(1).toLowerCase(Locale.ROOT),
                    matcher.group(2) == null ? -1 : Long.parseLong(matcher.group(2))));
        }
        return answer(transfers.follow(user, shown));
    }

    /**
     * {@code GET /live/transfers}: a list's stream, every change of every transfer the user may see (the transfer
     * service's {@code /api/v1/transfers/stream}, which decides what that is), as events named {@code status}
     * ({@code transferId}, {@code status}, {@code version}, {@code type}). While it cannot be had the page says live
     * updates are off and reloads its list every minute instead.
     */
    @GetMapping(path = "/live/transfers", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> followList(PortalUser user) {
        return answer(lists.follow(user, new TransferFeeds.Visible()));
    }

    /**
     * The stream, or why there is none. The browser does not reconnect to an error (the page shows "live updates
     * off"; a reload tries again): 502 or 504; 503 with {@code Retry-After} (how long the circuit stays open, or a
     * minute when the portal or the service follows too many).
     */
    private static ResponseEntity<SseEmitter> answer(Opened opened) {
        return switch (opened) {
            case Opened.Streaming streaming -> ResponseEntity.ok()
                    .header("X-Accel-Buffering", "no") // no buffering in a reverse proxy in front of the portal
                    .body(streaming.emitter());
            case Opened.NothingToFollow nothing -> ResponseEntity.noContent().build();
            case Opened.Unauthorized expired -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
            case Opened.Unavailable unavailable -> {
                var response = ResponseEntity.status(unavailable.reason().status());
                if (unavailable.reason() == ServiceUnavailable.Reason.CIRCUIT_OPEN) {
                    response.header(HttpHeaders.RETRY_AFTER,
                            String.valueOf(Math.max(1, unavailable.retryAfter().toSeconds())));
                }
                yield response.build();
            }
            case Opened.Busy busy -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "60").build();
        };
    }
}
