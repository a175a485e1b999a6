package org.cbdf.transfer.live.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.transfer.requests.TransferVisibility;
import org.cbdf.transfer.requests.Transfers;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The status streams of the transfers API: one transfer's, and every transfer's the caller may see. */
@RestController
@RequestMapping("/api/v1/transfers")
@Tag(name = "Transfers", description = "Submit transfer requests and follow their status")
class StatusFeedsController {

    private final Transfers transfers;
    private final StatusFeeds feeds;

    StatusFeedsController(Transfers transfers, StatusFeeds feeds) {
        this.transfers = transfers;
        this.feeds = feeds;
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow one transfer's status (server-sent events)",
            description = "First the current status, then one `status` event per change, sent after it is committed. "
                    + "429 with `Retry-After` when the caller or the service holds as many streams open as it may; "
                    + "a client too far behind gets a last event named `dropped` and reconnects.")
    SseEmitter events(Caller caller, @PathVariable String id) {
        return feeds.followTransfer(caller, transfers.visibleTo(caller, id));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('ENTERPRISE', 'REGULATOR', 'AUDITOR')")
    @Operation(summary = "Follow every status change the caller may see (server-sent events)",
            description = "An enterprise its organisation's transfers, a regulator those involving its jurisdiction "
                    + "(origin, destination, onward or a required approver), an auditor every transfer: one `status` "
                    + "event per change, sent after it is committed; a new transfer arrives with its first status. "
                    + "429 with `Retry-After` when the caller or the service holds as many streams open as it may; "
                    + "a client too far behind gets a last event named `dropped` and reconnects.")
    SseEmitter stream(Caller caller) {
        String whose = caller.has(Role.AUDITOR) ? "every transfer"
                : caller.has(Role.REGULATOR) ? "the transfers involving " + caller.requiredJurisdiction()
                : "the transfers of " + caller.requiredOrganization();
        return feeds.followVisible(caller, transfer -> TransferVisibility.canSee(caller, transfer), whose);
    }
}
