package org.cbdf.portal.policy;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.cbdf.portal.apis.PolicyApi;
import org.cbdf.portal.apis.ServiceCalls;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;

/**
 * The policy administrator's pages: adequacy decisions and recognition agreements (a status change with a
 * required reason, confirmed after seeing what it does to the transfers relying on it), and rule packs (the
 * YAML in force, read-only, and a new version uploaded as a file or pasted, the policy API's refusal shown at
 * the rule, line and column it names). Policy administrators only (PortalSecurity).
 *
 * <p>Which live transfers a change taking the instrument out of force would suspend is the policy API's preview
 * ({@code status-change-preview}): it evaluates the transfers relying on the instrument again under the changed
 * policy without storing anything. The confirmation lists them; if the preview cannot be had, it says so and the
 * change can still be confirmed (the policy service checks it again). A change that keeps the instrument in force,
 * brings it back or keeps it out of force reassesses nothing, and the confirmation says why without asking.
 */
@Controller
class PolicyPages {

    private static final String INSTRUMENT = "{instrument:adequacy-decisions|recognition-agreements}";

    /** A status change as typed. */
    public record StatusChange(String status, String reason) {

        public StatusChange {
            status = status == null ? "" : status.strip();
            reason = reason == null ? "" : reason.strip();
        }
    }

    private final PolicyApi policy;
    private final Texts texts;

    PolicyPages(PolicyApi policy, Texts texts) {
        this.policy = policy;
        this.texts = texts;
    }

    @GetMapping("/policy/" + INSTRUMENT)
    String list(PortalUser user,
            @PathVariable String instrument, Model model) {
        PolicyInstrument shown = instrument(instrument);
        model.addAttribute("user", user);
        model.addAttribute("instrument", shown);
        model.addAttribute("items", policy.list(user, shown.path()));
        return "policy-instruments";
    }

    @GetMapping("/policy/" + INSTRUMENT + "/{id}")
    String one(PortalUser user,
            @PathVariable String instrument, @PathVariable String id, Model model) {
        PolicyInstrument shown = instrument(instrument);
        describe(model, user, shown, found(user, shown, id), new StatusChange(null, null), null);
        return "policy-instrument";
    }

    @PostMapping("/policy/" + INSTRUMENT + "/{id}/status")
    String changeStatus(PortalUser user,
            @PathVariable String instrument, @PathVariable String id,
            @RequestParam(defaultValue = "review") String action, @RequestParam(required = false) String status,
            @RequestParam(required = false) String reason, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        PolicyInstrument changed = instrument(instrument);
        JsonNode item = found(user, changed, id);
        StatusChange change = new StatusChange(status, reason);
        String current = item.path("status").asString();

        if ("edit".equals(action)) {
            describe(model, user, changed, item, change, null);
            return "policy-instrument";
        }
        Map<String, String> invalid = new LinkedHashMap<>();
        if (!PolicyInstrument.STATUSES.contains(change.status())) {
            invalid.put("status", text("policy.error.status"));
        } else if (change.status().equals(current)) {
            invalid.put("status", text("policy.error.sameStatus", text("policy.status." + current)));
        }
        if (change.reason().isEmpty()) {
            invalid.put("reason", text("policy.error.reason"));
        }
        if (!invalid.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            describe(model, user, changed, item, change,
                    new FormFeedback("status", invalid, text("policy.error.invalid"), null));
            return "policy-instrument";
        }
        if (!"confirm".equals(action)) {
            model.addAttribute("user", user);
            model.addAttribute("instrument", changed);
            model.addAttribute("item", item);
            model.addAttribute("change", change);
            String consequence = PolicyInstrument.consequence(current, change.status());
            model.addAttribute("consequence", consequence);
            if ("reassesses".equals(consequence)) {
                // with the reason given, the preview's trace says exactly what the change will
                model.addAttribute("preview", StatusChangePreview.of(
                        policy.previewStatusChange(user, changed.path(), id, change.status(), change.reason())));
            }
            return "policy-confirm";
        }
        return switch (policy.changeStatus(user, changed.path(), id, change.status(), change.reason())) {
            case ServiceCalls.Outcome.Done done -> {
                JsonNode event = done.body();
                redirect.addFlashAttribute("changed", Map.of(
                        "previousStatus", event.path("previousStatus").asString(current),
                        "status", event.path("status").asString(change.status()),
                        "policyVersion", event.path("policyVersion").asString(""),
                        "reassessed", event.has("reassessedTransfers") ? event.get("reassessedTransfers").asString() : ""));
                yield "redirect:/policy/" + changed.path() + "/" + id;
            }
            case ServiceCalls.Outcome.Refused refused -> {
                response.setStatus(ServiceCalls.shownStatus(refused.problem()).value());
                // as it is now: another administrator may have changed it meanwhile
                describe(model, user, changed, policy.one(user, changed.path(), id).orElse(item), change,
                        new FormFeedback("status", Map.of(), text("policy.error.refused"), refused.problem()));
                yield "policy-instrument";
            }
        };
    }

    @GetMapping("/policy/rule-packs")
    String rulePacks(PortalUser user,
            Model model) {
        model.addAttribute("user", user);
        model.addAttribute("packs", policy.rulePacks(user));
        return "rule-packs";
    }

    @GetMapping("/policy/rule-packs/{label}")
    String rulePack(PortalUser user,
            @PathVariable String label, Model model) {
        describePack(model, user, pack(user, label), null, null);
        return "rule-pack";
    }

    @PostMapping("/policy/rule-packs/{label}")
    String publish(PortalUser user,
            @PathVariable String label, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String yaml, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        JsonNode pack = pack(user, label);
        RulePackUpload upload = RulePackUpload.of(file, yaml);
        if (upload.error() != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            describePack(model, user, pack, upload, new FormFeedback("upload", Map.of("yaml", text(upload.error())),
                    text("rulePack.error.notSent"), null));
            return "rule-pack";
        }
        return switch (policy.publishRulePack(user, label, upload.yaml())) {
            case ServiceCalls.Outcome.Done done -> {
                JsonNode event = done.body();
                redirect.addFlashAttribute("published", Map.of(
                        "policyVersion", event.path("policyVersion").asString(""),
                        "previousPolicyVersion", event.path("previousPolicyVersion").asString(""),
                        "rules", String.valueOf(event.path("rules").size())));
                yield "redirect:/policy/rule-packs/" + label;
            }
            case ServiceCalls.Outcome.Refused refused -> {
                response.setStatus(ServiceCalls.shownStatus(refused.problem()).value());
                String message = refused.problem().status() == 409 ? text("rulePack.error.same")
                        : text("rulePack.error.refused");
                describePack(model, user, pack, upload, new FormFeedback("upload", Map.of(), message, refused.problem()));
                model.addAttribute("rulePackProblem", RulePackProblem.of(refused.problem()));
                yield "rule-pack";
            }
        };
    }

    private void describe(Model model, PortalUser user, PolicyInstrument instrument, JsonNode item, StatusChange change,
            FormFeedback feedback) {
        model.addAttribute("user", user);
        model.addAttribute("instrument", instrument);
        model.addAttribute("item", item);
        model.addAttribute("statuses", PolicyInstrument.STATUSES);
        model.addAttribute("change", change);
        model.addAttribute("feedback", feedback);
    }

    private void describePack(Model model, PortalUser user, JsonNode pack, RulePackUpload upload, FormFeedback feedback) {
        model.addAttribute("user", user);
        model.addAttribute("pack", pack);
        model.addAttribute("packLines", pack.path("yaml").asString("").lines().toList());
        model.addAttribute("upload", upload);
        model.addAttribute("feedback", feedback);
    }

    private static PolicyInstrument instrument(String path) {
        return PolicyInstrument.of(path).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private JsonNode found(PortalUser user, PolicyInstrument instrument, String id) {
        return policy.one(user, instrument.path(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private JsonNode pack(PortalUser user, String label) {
        return policy.rulePack(user, label).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String text(String key, Object... arguments) {
        return texts.text(key, arguments);
    }
}
