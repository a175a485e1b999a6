package org.cbdf.portal.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.cbdf.portal.apis.ApiProblem;
import org.cbdf.portal.apis.AuditApi;
import org.cbdf.portal.apis.ServiceCalls;
import org.cbdf.portal.apis.ServiceCircuits;
import org.cbdf.portal.apis.TransferApi;
import org.cbdf.portal.session.PortalUser;
import org.cbdf.portal.web.FormFeedback;
import org.cbdf.portal.web.Texts;
import org.springframework.http.HttpHeaders;
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
 * The auditor's views, read-only: the ledger (the latest signed checkpoint, verified here against the
 * ledger's public key; signing one now; the export bundle, streamed through the portal with the auditor's
 * token), the audit log searched with the audit events API's filters, and a transfer's or dispute's state at
 * an instant, folded by the audit service from the ledger. Auditors only (PortalSecurity): the tree, the
 * state and the export are the audit API's auditor-only endpoints.
 */
@Controller
class AuditPages {

    private static final Pattern ATTACHMENT = Pattern.compile("attachment; filename=\"[A-Za-z0-9._-]{1,100}\"");

    private final AuditApi audit;
    private final CheckpointVerification verification;
    private final Texts texts;
    private final Clock clock;

    AuditPages(AuditApi audit, CheckpointVerification verification, Texts texts, Clock clock) {
        this.audit = audit;
        this.verification = verification;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String ledger(PortalUser user,
            Model model) {
        describeLedger(model, user, null, null, null);
        return "audit";
    }

    @PostMapping("/audit/checkpoints")
    String sign(PortalUser user,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return switch (audit.signCheckpoint(user)) {
            case ServiceCalls.Outcome.Done done -> {
                redirect.addFlashAttribute("signed", Map.of("treeSize", done.body().path("treeSize").asString(),
                        "created", done.status() == 201));
                yield "redirect:/audit";
            }
            case ServiceCalls.Outcome.Refused refused -> {
                response.setStatus(ServiceCalls.shownStatus(refused.problem()).value());
                describeLedger(model, user, new FormFeedback("sign", Map.of(), text("ledger.sign.refused"),
                        refused.problem()), null, null);
                yield "audit";
            }
        };
    }

    /**
     * The export bundle, passed on as the audit service streams it (never held whole in the portal), within the
     * export timeout. A refusal (nothing signed yet: 409; a range beyond the latest checkpoint: 400) is shown on the
     * ledger page instead.
     */
    @GetMapping("/audit/export")
    String export(PortalUser user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
            HttpServletResponse response) {
        Long first = leafCount(from, 0L);
        Long end = leafCount(to, null);
        if (first == null || (to != null && !to.isBlank() && end == null)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            describeLedger(model, user, new FormFeedback("export",
                    first == null ? Map.of("from", text("ledger.export.error.number"))
                            : Map.of("to", text("ledger.export.error.number")),
                    text("ledger.export.error.invalid"), null), from, to);
            return "audit";
        }
        return audit.export(user, first, end, new AuditApi.Export<>() {
            @Override
            public String bundle(String disposition, long length, InputStream body) throws IOException {
                response.setContentType("application/zip");
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Optional.ofNullable(disposition)
                        .filter(value -> ATTACHMENT.matcher(value).matches())
                        .orElse("attachment; filename=\"audit-export.zip\""));
                if (length >= 0) {
                    response.setContentLengthLong(length);
                }
                passOn(body, response.getOutputStream());
                return null;
            }

            @Override
            public String refused(ApiProblem refused) {
                response.setStatus(ServiceCalls.shownStatus(refused).value());
                describeLedger(model, user, new FormFeedback("export", Map.of(), text(
                        refused.status() == 409 ? "ledger.export.error.nothingSigned" : "ledger.export.error.refused"),
                        refused), from, to);
                return "audit";
            }
        });
    }

    /**
     * Copies the bundle as it arrives. Reading can fail (the audit service stalls past the export timeout or drops
     * the connection: the service's failure); writing can too (the browser went away: nobody's failure).
     */
    private static void passOn(InputStream upstream, OutputStream browser) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        for (int read = upstream.read(buffer); read >= 0; read = upstream.read(buffer)) {
            try {
                browser.write(buffer, 0, read);
            } catch (IOException gone) {
                throw new ServiceCircuits.DownloadAborted(gone);
            }
        }
        try {
            browser.flush();
        } catch (IOException gone) {
            throw new ServiceCircuits.DownloadAborted(gone);
        }
    }

    @GetMapping("/audit/events")
    String events(PortalUser user,
            @RequestParam(required = false) String aggregateId, @RequestParam(required = false) String organization,
            @RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String after, Model model, HttpServletResponse response) {
        AuditLogSearch search = AuditLogSearch.read(aggregateId, organization, jurisdiction, type, from, to, after);
        List<JsonNode> entries = List.of();
        switch (audit.events(user, search.query(AuditApi.EVENTS_PAGE))) {
            case ServiceCalls.Outcome.Done done -> entries = done.body().valueStream().toList();
            case ServiceCalls.Outcome.Refused refused -> {
                response.setStatus(ServiceCalls.shownStatus(refused.problem()).value());
                model.addAttribute("feedback", new FormFeedback("search", Map.of(), text("auditLog.error.refused"),
                        refused.problem()));
            }
        }
        model.addAttribute("user", user);
        model.addAttribute("search", search);
        model.addAttribute("entries", entries);
        model.addAttribute("nextAfter", entries.size() == AuditApi.EVENTS_PAGE
                ? entries.getLast().path("leafIndex").asLong() : null);
        return "audit-events";
    }

    @GetMapping("/audit/{kind:transfers|disputes}/{id}/state")
    String state(PortalUser user,
            @PathVariable String kind, @PathVariable String id, @RequestParam(required = false) String at,
            Model model, HttpServletResponse response) {
        if (!TransferApi.TRANSFER_ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Instant instant = at == null || at.isBlank() ? clock.instant() : AuditInstant.parse(at);
        model.addAttribute("user", user);
        model.addAttribute("kind", kind);
        model.addAttribute("id", id);
        model.addAttribute("atField", AuditInstant.field(instant == null ? clock.instant() : instant));
        if (instant == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("atError", text("auditLog.error.instant"));
            return "audit-state";
        }
        model.addAttribute("at", instant);
        switch (audit.state(user, kind, id, instant)) {
            case ServiceCalls.Outcome.Done done -> model.addAttribute("state", done.body());
            case ServiceCalls.Outcome.Refused refused -> {
                if (refused.problem().status() != 404) {
                    response.setStatus(ServiceCalls.shownStatus(refused.problem()).value());
                    model.addAttribute("feedback", new FormFeedback("state", Map.of(),
                            text("auditState.error.refused"), refused.problem()));
                }
                // 404: the ledger has no event of it at or before that instant, which the page says
            }
        }
        return "audit-state";
    }

    private void describeLedger(Model model, PortalUser user, FormFeedback feedback, String from, String to) {
        model.addAttribute("user", user);
        model.addAttribute("checkpoint", verification.latest(user));
        model.addAttribute("feedback", feedback);
        model.addAttribute("exportFrom", from == null ? "0" : from);
        model.addAttribute("exportTo", to == null ? "" : to);
    }

    /** A leaf index or tree size as typed; {@code absent} when nothing was typed, null when it is no count. */
    private static Long leafCount(String value, Long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        return value.strip().matches("\\d{1,18}") ? Long.valueOf(value.strip()) : null;
    }

    private String text(String key, Object... arguments) {
        return texts.text(key, arguments);
    }
}
