package org.cbdf.portal.disputes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cbdf.dispute.events.Resolution;
import org.cbdf.portal.web.InvalidField;

/**
 * A dispute step as typed into one of the case page's forms: a statement's text and its attachments, a
 * resolution with its conditions (a proposal, a vote), the proposal accepted, a reason (escalation, extension).
 * Attachments are listed the way {@code sha256sum} prints them, one per line: the SHA-256 in hex, spaces, the
 * file's name; the files themselves stay with the party (the page's script can fill the line from a file the
 * browser hashes locally). What the dispute API would refuse (CaseRequests) is found here first, so nothing
 * doomed is sent or confirmed.
 */
public record DisputeForm(DisputeStep step, String text, String attachmentsText, List<Attachment> attachments,
        Resolution resolution, List<String> conditions, String reason, Integer proposal, List<LineError> lineErrors) {

    /** The dispute API's limits (CaseRequests). */
    static final int MAX_TEXT = 20_000;
    static final int MAX_ITEMS = 50;
    static final int MAX_NAME = 255;

    private static final Pattern SHA256SUM_LINE = Pattern.compile("([0-9a-fA-F]+)\\s+\\*?(.*)");

    public record Attachment(String name, String sha256) {
    }

    /** An attachment line that cannot be sent, with the message key of why. */
    public record LineError(int line, String messageKey) {
    }

    public DisputeForm {
        text = text == null ? "" : text.strip();
        attachmentsText = attachmentsText == null ? "" : attachmentsText.strip();
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        reason = reason == null ? "" : reason.strip();
        lineErrors = lineErrors == null ? List.of() : List.copyOf(lineErrors);
    }

    static DisputeForm empty() {
        return new DisputeForm(null, "", "", List.of(), null, List.of(), "", null, List.of());
    }

    /** From the request: conditions come one per line from a text area, one per field from a confirmation page. */
    static DisputeForm of(DisputeStep step, String text, String attachments, String resolution, List<String> conditions,
            String reason, String proposal) {
        List<Attachment> parsed = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        List<String> lines = attachments == null ? List.of() : attachments.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher matcher = SHA256SUM_LINE.matcher(line);
            if (!matcher.matches() || matcher.group(1).length() != 64) {
                errors.add(new LineError(i + 1, "dispute.error.attachmentHash"));
            } else if (matcher.group(2).isBlank()) {
                errors.add(new LineError(i + 1, "dispute.error.attachmentName"));
            } else if (matcher.group(2).strip().length() > MAX_NAME) {
                errors.add(new LineError(i + 1, "dispute.error.attachmentNameTooLong"));
            } else {
                // the API takes the lower-case hex sha256sum prints; some tools print upper case
                parsed.add(new Attachment(matcher.group(2).strip(), matcher.group(1).toLowerCase(Locale.ROOT)));
            }
        }
        Resolution chosen = Arrays.stream(Resolution.values()).filter(r -> r.name().equals(resolution)).findFirst()
                .orElse(null);
        List<String> conditionLines = conditions == null ? List.of()
                : conditions.stream().flatMap(String::lines).map(String::strip).filter(c -> !c.isEmpty()).toList();
        Integer number = null;
        if (proposal != null && proposal.matches("\\d{1,9}")) {
            number = Integer.valueOf(proposal);
        }
        return new DisputeForm(step, text, attachments, parsed, chosen, conditionLines, reason, number, errors);
    }

    public boolean is(String step) {
        return this.step != null && this.step.path().equals(step);
    }

    public boolean chose(String resolution) {
        return this.resolution != null && this.resolution.name().equals(resolution);
    }

    public String conditionsText() {
        return String.join("\n", conditions);
    }

    /** The attachments as {@code sha256sum} lines, for a confirmation or a form shown again. */
    public String attachmentLines() {
        return String.join("\n", attachments.stream().map(a -> a.sha256() + "  " + a.name()).toList());
    }

    /** The fields the dispute API would refuse, each with the message key of the reason and its argument. */
    Map<String, InvalidField> invalidFields() {
        Map<String, InvalidField> invalid = new LinkedHashMap<>();
        switch (step) {
            case STATEMENTS -> {
                required(invalid, "text", text, "dispute.error.text");
                if (!lineErrors.isEmpty()) {
                    invalid.put("attachments", new InvalidField(lineErrors.getFirst().messageKey(),
                            lineErrors.getFirst().line()));
                } else if (attachments.size() > MAX_ITEMS) {
                    invalid.put("attachments", new InvalidField("dispute.error.tooManyAttachments", MAX_ITEMS));
                }
            }
            case PROPOSALS, VOTES -> {
                if (resolution == null) {
                    invalid.put("resolution", new InvalidField("dispute.error.resolution", null));
                } else if (resolution == Resolution.APPROVE_WITH_CONDITIONS && conditions.isEmpty()) {
                    invalid.put("conditions", new InvalidField("decide.error.conditions", null));
                } else if (resolution != Resolution.APPROVE_WITH_CONDITIONS && !conditions.isEmpty()) {
                    invalid.put("conditions", new InvalidField("dispute.error.conditionsNotTaken", null));
                } else if (conditions.size() > MAX_ITEMS) {
                    invalid.put("conditions", new InvalidField("decide.error.tooMany", MAX_ITEMS));
                }
            }
            case ACCEPTANCES -> {
                if (proposal == null) {
                    invalid.put("proposal", new InvalidField("dispute.error.proposal", null));
                }
            }
            case ESCALATION -> required(invalid, "reason", reason, "dispute.error.reason");
            case EXTENSION -> {
                if (reason.length() > MAX_TEXT) {
                    invalid.put("reason", new InvalidField("decide.error.tooLong", MAX_TEXT));
                }
            }
        }
        return invalid;
    }

    /** The body the dispute API takes for the step (CaseRequests). */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (step) {
            case STATEMENTS -> {
                body.put("text", text);
                body.put("attachments", attachments.stream()
                        .map(a -> Map.of("name", a.name(), "sha256", a.sha256())).toList());
            }
            case PROPOSALS, VOTES -> {
                body.put("resolution", resolution.name());
                body.put("conditions", conditions);
            }
            case ACCEPTANCES -> body.put("proposal", proposal);
            case ESCALATION -> body.put("reason", reason);
            case EXTENSION -> {
                if (!reason.isEmpty()) {
                    body.put("reason", reason);
                }
            }
        }
        return body;
    }

    private static void required(Map<String, InvalidField> invalid, String field, String value, String key) {
        if (value.isEmpty()) {
            invalid.put(field, new InvalidField(key, null));
        } else if (value.length() > MAX_TEXT) {
            invalid.put(field, new InvalidField("decide.error.tooLong", MAX_TEXT));
        }
    }
}
