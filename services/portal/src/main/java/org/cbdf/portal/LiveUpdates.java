package org.cbdf.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browser's live stream: {@code GET /live?transfer=<id>@<version>…} follows up to 50 transfers (a
 * transfer page one, the inbox its rows) and sends an event named {@code status} whenever one of them
 * changes after the version the page shows. The page's script (static/js/live.js) then reloads the parts
 * that show the transfer. 204 (which stops the browser from reconnecting) when none of them is the user's
 * to see; 401 when the session's token can no longer be used.
 */
@RestController
class LiveUpdates {

    static final int MAX_TRANSFERS = 50;
    private static final Pattern FOLLOWED = Pattern.compile("(" + ServiceApis.TRANSFER_ID.pattern() + ")(?:@(\\d{1,18}))?");

    private final StatusRelay relay;
    private final PortalProperties services;

    LiveUpdates(StatusRelay relay, PortalProperties services) {
        this.relay = relay;
        this.services = services;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> follow(
            @RegisteredOAuth2AuthorizedClient(KeycloakRegistration.ID) OAuth2AuthorizedClient client,
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
        return switch (relay.follow(PortalUser.of(client), services.transferService(), followed)) {
            case StatusRelay.Opened.Streaming streaming -> ResponseEntity.ok()
                    .header("X-Accel-Buffering", "no") // no buffering in a reverse proxy in front of the portal
                    .body(streaming.emitter());
            case StatusRelay.Opened.NothingToFollow nothing -> ResponseEntity.noContent().build();
            case StatusRelay.Opened.Unauthorized expired -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        };
    }
}
