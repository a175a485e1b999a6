package org.cbdf.portal.transfers;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.session.PortalUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.JsonNode;

/**
 * The regulator's inbox: the transfers awaiting its jurisdiction's decision (the transfer API's
 * {@code awaiting=me}), longest waiting first, with how many there are, how long each has waited and when it
 * expires; filters and a search by id. Regulators only (PortalSecurity). The results reload themselves when a
 * transfer concerning the jurisdiction changes or arrives ({@link LiveList#inbox}: the live stream of every transfer
 * the regulator may see), and once a minute only while that stream is not open.
 */
@Controller
class InboxPages {

    static final int PAGE = TransferApi.PAGE;

    private final TransferApi apis;
    private final Clock clock;

    InboxPages(TransferApi apis, Clock clock) {
        this.apis = apis;
        this.clock = clock;
    }

    @GetMapping("/inbox")
    String inbox(PortalUser user,
            @RequestParam(required = false) String show, @RequestParam(required = false) String destination,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String q, Model model) {
        describe(model, user, TransferFilter.inbox(show, destination, from, to, q));
        return "regulator-inbox";
    }

    @GetMapping("/inbox/results")
    String results(PortalUser user,
            @RequestParam(required = false) String show, @RequestParam(required = false) String destination,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String q, Model model) {
        describe(model, user, TransferFilter.inbox(show, destination, from, to, q));
        return "regulator-inbox :: results";
    }

    private void describe(Model model, PortalUser user, TransferFilter filter) {
        List<InboxRow> rows;
        long total;
        long awaiting;
        if (filter.wholeId()) {
            rows = apis.transfer(user, filter.q()).map(transfer -> List.of(InboxRow.of(transfer, clock))).orElse(List.of());
            total = rows.size();
            awaiting = awaitingCount(user);
        } else {
            JsonNode page = apis.transfers(user, filter.query(PAGE));
            total = page.path("totalElements").asLong();
            Stream<InboxRow> listed = page.path("content").valueStream().map(transfer -> InboxRow.of(transfer, clock))
                    .filter(row -> filter.q() == null || row.id().toLowerCase(Locale.ROOT).contains(filter.q()));
            if (filter.awaiting()) {
                // a queue: the longest waiting first (the API lists the newest first)
                listed = listed.sorted(Comparator.comparing(InboxRow::submittedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())));
            }
            rows = listed.toList();
            awaiting = filter.awaiting() && filter.destination() == null && filter.from() == null
                    && filter.to() == null ? total : awaitingCount(user);
        }
        model.addAttribute("user", user);
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", TransferFilter.STATUSES);
        model.addAttribute("rows", rows);
        model.addAttribute("total", total);
        model.addAttribute("awaitingCount", awaiting);
        model.addAttribute("dueSoonCount", rows.stream().filter(InboxRow::dueSoon).count());
        model.addAttribute("truncated", !filter.wholeId() && total > PAGE);
        model.addAttribute("live", LiveList.inbox(filter));
    }

    private long awaitingCount(PortalUser user) {
        return apis.transfers(user, new TransferApi.TransferQuery(null, null, null, null, true, 1))
                .path("totalElements").asLong();
    }
}
