package org.cbdf.portal.transfers;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.cbdf.portal.apis.AuditApi;
import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.audit.CheckpointVerification;
import org.cbdf.portal.session.PortalUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.JsonNode;

/**
 * The transfers list and a transfer's page, and the parts of that page the page itself reloads when the
 * transfer's status changes (see {@link LiveUpdates}): its state and decisions, the decision forms, the
 * assessment and the audit timeline. The list's results reload alone when the user asks for the changes its live
 * stream reported ({@link LiveList#search}).
 */
@Controller
class TransferPages {

    private final TransferApi apis;
    private final AuditApi audit;
    private final CheckpointVerification verification;

    TransferPages(TransferApi apis, AuditApi audit, CheckpointVerification verification) {
        this.apis = apis;
        this.audit = audit;
        this.verification = verification;
    }

    /**
     * Every transfer the transfer API shows the user, searched with its filters (status, destination, period),
     * paged; a whole transfer id is looked up directly, part of one narrows the newest {@link TransferApi#PAGE}.
     */
    @GetMapping("/transfers")
    String list(PortalUser user,
            @RequestParam(required = false) String status, @RequestParam(required = false) String destination,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        describeList(model, user, TransferFilter.search(status, destination, from, to, q, cursor));
        return "inbox";
    }

    /**
     * The search's results alone, which the page reloads when the user asks for the changes its live stream reported
     * ({@link LiveList#search}).
     */
    @GetMapping("/transfers/results")
    String listResults(PortalUser user,
            @RequestParam(required = false) String status, @RequestParam(required = false) String destination,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        describeList(model, user, TransferFilter.search(status, destination, from, to, q, cursor));
        return "inbox :: results";
    }

    private void describeList(Model model, PortalUser user, TransferFilter search) {
        List<JsonNode> transfers;
        long total;
        boolean paged = false;
        String nextCursor = null;
        if (search.wholeId()) {
            transfers = apis.transfer(user, search.q()).map(List::of).orElse(List.of());
            total = transfers.size();
        } else if (search.q() != null) {
            JsonNode newest = apis.transfers(user, new TransferApi.TransferQuery(search.status(), search.destination(),
                    search.from(), search.to(), false, TransferApi.PAGE));
            transfers = newest.path("content").valueStream()
                    .filter(t -> t.path("id").asString().contains(search.q())).toList();
            total = newest.path("totalElements").asLong();
            model.addAttribute("partialOfNewest", total > TransferApi.PAGE);
        } else {
            JsonNode found = apis.transfers(user, search.query(TransferFilter.PAGE_SIZE));
            transfers = found.path("content").valueStream().toList();
            total = found.path("totalElements").asLong();
            paged = true;
            nextCursor = found.path("nextCursor").isString() ? found.path("nextCursor").asString() : null;
        }
        model.addAttribute("user", user);
        model.addAttribute("search", search);
        model.addAttribute("statuses", TransferFilter.STATUSES);
        model.addAttribute("transfers", transfers);
        model.addAttribute("total", total);
        // paged by the API's cursor, forwards only: "next" follows it, "first" goes back to the newest
        model.addAttribute("hasFirst", paged && !search.firstPage());
        model.addAttribute("nextCursor", paged ? nextCursor : null);
        model.addAttribute("live", LiveList.search(search));
    }

    @GetMapping("/transfers/{id}")
    String transfer(PortalUser user,
            @PathVariable String id, Model model) {
        describe(model, user, visible(user, id));
        model.addAttribute("auditTrail", verification.trail(user, audit.trail(user, id)));
        return "transfer";
    }

    @GetMapping("/transfers/{id}/state")
    String state(PortalUser user,
            @PathVariable String id, Model model) {
        describe(model, user, visible(user, id));
        return "transfer :: state";
    }

    /**
     * The decision forms. While the page shows them and they still apply, nothing changes (204), so a
     * regulator typing reasons does not lose them; once they no longer apply they are replaced.
     */
    @GetMapping("/transfers/{id}/decide")
    String decide(PortalUser user,
            @PathVariable String id, @RequestParam(defaultValue = "false") boolean shown, Model model,
            HttpServletResponse response) {
        JsonNode transfer = visible(user, id);
        if (shown && user.mayDecide(transfer)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        describe(model, user, transfer);
        return "transfer :: decide";
    }

    @GetMapping("/transfers/{id}/assessment")
    String assessment(PortalUser user,
            @PathVariable String id, Model model) {
        describe(model, user, visible(user, id));
        return "transfer :: assessment";
    }

    @GetMapping("/transfers/{id}/audit")
    String audit(PortalUser user,
            @PathVariable String id, Model model) {
        describe(model, user, visible(user, id));
        model.addAttribute("auditTrail", verification.trail(user, audit.trail(user, id)));
        return "transfer :: audit";
    }

    private JsonNode visible(PortalUser user, String id) {
        return apis.transfer(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** What every part of the transfer page reads. */
    static void describe(Model model, PortalUser user, JsonNode transfer) {
        model.addAttribute("user", user);
        model.addAttribute("transfer", transfer);
        model.addAttribute("assessment", transfer.get("assessment"));
        model.addAttribute("decisions", RegulatorDecision.of(transfer, user));
        model.addAttribute("mayDecide", user.mayDecide(transfer));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", DecisionForm.empty());
        }
    }
}
