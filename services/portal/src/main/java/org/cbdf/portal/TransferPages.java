package org.cbdf.portal;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
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
 * assessment and the audit timeline.
 */
@Controller
class TransferPages {

    private final ServiceApis apis;

    TransferPages(ServiceApis apis) {
        this.apis = apis;
    }

    @GetMapping("/")
    String home(Authentication authentication) {
        boolean regulator = authentication.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_REGULATOR".equals(authority.getAuthority()));
        return regulator ? "redirect:/inbox" : "redirect:/transfers";
    }

    @GetMapping("/transfers")
    String list(@RegisteredOAuth2AuthorizedClient(KeycloakRegistration.ID) OAuth2AuthorizedClient client,
            @RequestParam(required = false) String status, Model model) {
        PortalUser user = PortalUser.of(client);
        model.addAttribute("user", user);
        model.addAttribute("status", status);
        model.addAttribute("transfers", apis.transfers(user, ServiceApis.TransferQuery.byStatus(status))
                .path("content").valueStream().toList());
        return "inbox";
    }

    @GetMapping("/transfers/{id}")
    String transfer(@RegisteredOAuth2AuthorizedClient(KeycloakRegistration.ID) OAuth2AuthorizedClient client,
            @PathVariable String id, Model model) {
        PortalUser user = PortalUser.of(client);
        describe(model, user, visible(user, id));
        model.addAttribute("auditTrail", apis.auditTrail(user, id));
        return "transfer";
    }

    @GetMapping("/transfers/{id}/state")
    String state(@RegisteredOAuth2AuthorizedClient(KeycloakRegistration.ID) OAuth2AuthorizedClient client,
            @PathVariable String id, Model model) {
        PortalUser user = PortalUser.of(client);
        describe(model, user, visible(user, id));
        return "transfer :: state";
    }

    /**
     * The decision forms. While the page shows them and they still apply, nothing changes (204), so a
     * regulator typing reasons does not lose them; once they no longer apply they are replaced.
     */
    @GetMapping("/transfers/{id}/decide")
    String decide(@RegisteredOAuth2AuthorizedClient(KeycloakRegistration.ID) OAuth2AuthorizedClient client,
            @PathVariable String id, @RequestParam(defaultValue = "false") boolean shown, Model model,
            HttpServletResponse response) {
        PortalUser user = PortalUser.of(client);
        JsonNode transfer = visible(user, id);
        if (shown && user.mayDecide(transfer)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        describe(model, user, transfer);
        return "transfer :: decide";
    }

    @GetMapping("/transfers/{id}/assessment")
    String assessment(@RegisteredOAuth2AuthorizedClient(KeycloakRegistration.ID) OAuth2AuthorizedClient client,
            @PathVariable String id, Model model) {
        PortalUser user = PortalUser.of(client);
        describe(model, user, visible(user, id));
        return "transfer :: assessment";
    }

    @GetMapping("/transfers/{id}/audit")
    String audit(@RegisteredOAuth2AuthorizedClient(KeycloakRegistration.ID) OAuth2AuthorizedClient client,
            @PathVariable String id, Model model) {
        PortalUser user = PortalUser.of(client);
        describe(model, user, visible(user, id));
        model.addAttribute("auditTrail", apis.auditTrail(user, id));
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
