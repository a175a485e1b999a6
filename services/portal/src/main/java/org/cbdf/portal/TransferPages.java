package org.cbdf.portal;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The inbox and a transfer's page. */
@Controller
class TransferPages {

    private final ServiceApis apis;

    TransferPages(ServiceApis apis) {
        this.apis = apis;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/transfers";
    }

    @GetMapping("/transfers")
    String inbox(@RegisteredOAuth2AuthorizedClient("keycloak") OAuth2AuthorizedClient client,
            @RequestParam(required = false) String status, Model model) {
        PortalUser user = PortalUser.of(client);
        model.addAttribute("user", user);
        model.addAttribute("status", status);
        model.addAttribute("transfers", apis.transfers(user, status, false).get("content").valueStream().toList());
        return "inbox";
    }

    @GetMapping("/transfers/{id}")
    String transfer(@RegisteredOAuth2AuthorizedClient("keycloak") OAuth2AuthorizedClient client,
            @PathVariable String id, Model model) {
        PortalUser user = PortalUser.of(client);
        var transfer = apis.transfer(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("user", user);
        model.addAttribute("transfer", transfer);
        model.addAttribute("assessment", transfer.get("assessment"));
        model.addAttribute("auditTrail", apis.auditTrail(user, id));
        return "transfer";
    }
}
