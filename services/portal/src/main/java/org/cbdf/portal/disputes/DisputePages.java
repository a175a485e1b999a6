package org.cbdf.portal.disputes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.cbdf.dispute.events.Resolution;
import org.cbdf.portal.apis.DisputeApi;
import org.cbdf.portal.apis.ServiceCalls;
import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.session.PortalUser;
import org.cbdf.portal.web.FormFeedback;
import org.cbdf.portal.web.Texts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;

/**
 * Disputes: the list of the user's cases, a case's page with its whole record, and the steps the dispute API
 * would take from the user in the case's state, each a form of that page. Votes and acceptances are confirmed
 * first. A step the API refuses anyway (another party was quicker, the deadline passed meanwhile) is shown at
 * its form with the case as it is now. The dispute service has no event stream: the list and the case's state
 * reload every minute (the countdowns stay right), and a case page says when the case took a step since it
 * was shown, leaving what the user is typing alone.
 */
@Controller
class DisputePages {

    static final int PAGE_SIZE = 20;

    private final DisputeApi disputes;
    private final Texts texts;
    private final Clock clock;

    DisputePages(DisputeApi disputes, Texts texts, Clock clock) {
        this.disputes = disputes;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/disputes")
    String list(PortalUser user,
            @RequestParam(required = false) String cursor, Model model) {
        describeList(model, user, cursor);
        return "disputes";
    }

    @GetMapping("/disputes/results")
    String results(PortalUser user,
            @RequestParam(required = false) String cursor, Model model) {
        describeList(model, user, cursor);
        return "disputes :: results";
    }

    @GetMapping("/disputes/{id}")
    String dispute(PortalUser user,
            @PathVariable String id, Model model) {
        describe(model, user, visible(user, id));
        return "dispute";
    }

    /** The case's state and countdown, reloaded every minute; {@code shown}: the timeline's length on the page. */
    @GetMapping("/disputes/{id}/state")
    String state(PortalUser user,
            @PathVariable String id, @RequestParam(defaultValue = "-1") int shown, Model model) {
        DisputeCase shownCase = describe(model, user, visible(user, id));
        model.addAttribute("shownTimeline", shown < 0 ? shownCase.timelineSize() : shown);
        return "dispute :: state";
    }

    @PostMapping("/disputes/{id}/{step}")
    String step(PortalUser user,
            @PathVariable String id, @PathVariable("step") String path,
            @RequestParam(defaultValue = "review") String action, @RequestParam(required = false) String text,
            @RequestParam(required = false) String attachments, @RequestParam(required = false) String resolution,
            @RequestParam(required = false) List<String> conditions, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String proposal, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        DisputeStep step = DisputeStep.of(path).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        DisputeCase dispute = DisputeCase.of(visible(user, id), user, clock);
        DisputeForm form = DisputeForm.of(step, text, attachments, resolution, conditions, reason, proposal);
        model.addAttribute("form", form);

        if (!dispute.may(step)) {
            return casePage(model, response, dispute, HttpStatus.CONFLICT, new FormFeedback(step.path(), Map.of(),
                    text("dispute.error.notOffered", text("dispute.status." + dispute.status())), null));
        }
        if (step == DisputeStep.ACCEPTANCES && form.proposal() != null
                && form.proposal() != dispute.proposal().path("number").asInt()) {
            // a party proposed again since the page was shown: accepting the old number is refused (409)
            return casePage(model, response, dispute, HttpStatus.CONFLICT, new FormFeedback(step.path(), Map.of(),
                    text("dispute.error.proposalReplaced", form.proposal(), dispute.proposal().path("number").asInt()),
                    null));
        }
        if ("edit".equals(action)) {
            return casePage(model, response, dispute, HttpStatus.OK, null);
        }
        Map<String, String> invalid = new LinkedHashMap<>();
        form.invalidFields().forEach((field, why) -> invalid.put(field, text(why.messageKey(), why.argument())));
        if (!invalid.isEmpty()) {
            return casePage(model, response, dispute, HttpStatus.BAD_REQUEST,
                    new FormFeedback(step.path(), invalid, text("dispute.error.invalid"), null));
        }
        if (step.confirmed() && !"confirm".equals(action)) {
            model.addAttribute("user", user);
            model.addAttribute("dispute", dispute);
            return "dispute-confirm";
        }
        return switch (disputes.step(user, id, step.path(), form.body())) {
            case ServiceCalls.Outcome.Done done -> {
                redirect.addFlashAttribute("recorded", step.path());
                yield "redirect:/disputes/" + id;
            }
            case ServiceCalls.Outcome.Refused refused -> {
                // the case as it is now, which is likely why the API refused
                DisputeCase now = disputes.dispute(user, id).map(json -> DisputeCase.of(json, user, clock))
                        .orElse(dispute);
                yield casePage(model, response, now, ServiceCalls.shownStatus(refused.problem()),
                        new FormFeedback(step.path(), Map.of(), text("dispute.error.refused"), refused.problem()));
            }
        };
    }

    private String casePage(Model model, HttpServletResponse response, DisputeCase dispute, HttpStatus status,
            FormFeedback feedback) {
        describe(model, dispute);
        model.addAttribute("feedback", feedback);
        response.setStatus(status.value());
        return "dispute";
    }

    private JsonNode visible(PortalUser user, String id) {
        return disputes.dispute(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private DisputeCase describe(Model model, PortalUser user, JsonNode json) {
        DisputeCase dispute = DisputeCase.of(json, user, clock);
        describe(model, dispute);
        return dispute;
    }

    private void describe(Model model, DisputeCase dispute) {
        model.addAttribute("user", dispute.user());
        model.addAttribute("dispute", dispute);
        model.addAttribute("resolutions", List.of(Resolution.values()));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", DisputeForm.empty());
        }
    }

    /** One page of the cases, after {@code cursor} (the dispute API's {@code nextCursor}) or the newest. */
    private void describeList(Model model, PortalUser user, String cursor) {
        String after = cursor == null || !TransferApi.CURSOR.matcher(cursor).matches() ? null : cursor;
        JsonNode found = disputes.cases(user, after, PAGE_SIZE);
        model.addAttribute("user", user);
        model.addAttribute("cases", found.path("content").valueStream()
                .map(json -> DisputeCase.of(json, user, clock)).toList());
        model.addAttribute("total", found.path("totalElements").asLong());
        model.addAttribute("cursor", after);
        model.addAttribute("hasFirst", after != null);
        model.addAttribute("nextCursor", found.path("nextCursor").isString() ? found.path("nextCursor").asString()
                : null);
    }

    private String text(String key, Object... arguments) {
        return texts.text(key, arguments);
    }
}
