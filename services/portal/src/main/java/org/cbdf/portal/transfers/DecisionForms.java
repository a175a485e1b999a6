package org.cbdf.portal.transfers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.cbdf.portal.apis.AuditApi;
import org.cbdf.portal.apis.ServiceCalls;
import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.audit.CheckpointVerification;
import org.cbdf.portal.session.PortalUser;
import org.cbdf.portal.web.FormFeedback;
import org.cbdf.portal.web.Texts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;

/**
 * A regulator's decision in three steps: one of the transfer page's forms ({@code review}), a confirmation
 * page that shows exactly what will be recorded ({@code confirm}, or {@code edit} to go back with the text
 * kept), and the transfer API's decision endpoint. What the API would refuse is not offered: the forms only
 * show, and the confirmation only opens, while the user's jurisdiction may still decide. A refusal the API
 * gives anyway (another regulator of the same jurisdiction was quicker, a field it does not take) is shown
 * next to the form, in place.
 */
@Controller
class DecisionForms {

    private final TransferApi apis;
    private final AuditApi audit;
    private final CheckpointVerification verification;
    private final Texts texts;

    DecisionForms(TransferApi apis, AuditApi audit, CheckpointVerification verification, Texts texts) {
        this.apis = apis;
        this.audit = audit;
        this.verification = verification;
        this.texts = texts;
    }

    @PostMapping("/transfers/{id}/decision")
    String decide(PortalUser user,
            @PathVariable String id, @RequestParam(defaultValue = "review") String action,
            @RequestParam(required = false) String decision, @RequestParam(required = false) String reasons,
            @RequestParam(required = false) List<String> conditions, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        JsonNode transfer = apis.transfer(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        DecisionForm form = DecisionForm.of(decision, reasons, conditions);
        model.addAttribute("form", form);

        if (!user.mayDecide(transfer)) {
            String message = user.hasDecided(transfer) ? text("decide.error.decided", user.jurisdiction())
                    : text("decide.error.notOffered", text("status." + transfer.path("status").asString()));
            return transferPage(model, response, user, transfer, HttpStatus.CONFLICT,
                    new FormFeedback(decision, Map.of(), message, null));
        }
        if ("edit".equals(action)) {
            return transferPage(model, response, user, transfer, HttpStatus.OK, null);
        }
        Map<String, String> invalid = new LinkedHashMap<>();
        form.invalidFields().forEach((field, reason) -> invalid.put(field,
                text(reason.messageKey(), reason.argument())));
        if (!invalid.isEmpty()) {
            return transferPage(model, response, user, transfer, HttpStatus.BAD_REQUEST,
                    new FormFeedback(decision, invalid, text("decide.error.invalid"), null));
        }
        if (!"confirm".equals(action)) {
            model.addAttribute("user", user);
            model.addAttribute("transfer", transfer);
            return "decision-confirm";
        }
        return switch (apis.decide(user, id, form.decision(), form.reasons(), form.conditions())) {
            case TransferApi.DecisionOutcome.Recorded recorded -> {
                redirect.addFlashAttribute("decided", form.decision().name());
                yield "redirect:/transfers/" + recorded.transfer().path("id").asString(id);
            }
            case TransferApi.DecisionOutcome.Refused refused -> {
                // the page shows the transfer as it is now, which is likely why the API refused
                JsonNode now = apis.transfer(user, id).orElse(transfer);
                yield transferPage(model, response, user, now, ServiceCalls.shownStatus(refused.problem()),
                        new FormFeedback(decision, Map.of(), text("decide.error.refused"), refused.problem()));
            }
        };
    }

    private String transferPage(Model model, HttpServletResponse response, PortalUser user, JsonNode transfer,
            HttpStatus status, FormFeedback feedback) {
        TransferPages.describe(model, user, transfer);
        model.addAttribute("feedback", feedback);
        model.addAttribute("auditTrail", verification.trail(user, audit.trail(user, transfer.path("id").asString())));
        response.setStatus(status.value());
        return "transfer";
    }

    private String text(String key, Object... arguments) {
        return texts.text(key, arguments);
    }
}
