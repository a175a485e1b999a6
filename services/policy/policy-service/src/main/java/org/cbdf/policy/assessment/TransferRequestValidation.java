package org.cbdf.policy.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.cbdf.platform.web.FieldError;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;

import tools.jackson.databind.JsonNode;

/**
 * The checks a transfer request must pass (DESIGN §3), as the transfer service applies them on submit. Each
 * problem names the field by its JSON path. Unknown enum values and malformed JSON are refused earlier, when
 * the body is read.
 */
final class TransferRequestValidation {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern FREE_TRADE_ZONE = Pattern.compile(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);

    private TransferRequestValidation() {
    }

    /**
     * Fields that binding cannot see missing: absent numbers would silently read as 0. Checked on the JSON tree
     * before it is bound.
     */
    static List<FieldError> missingNumbers(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode subjects = body.get("dataSubjects");
        if (subjects != null && subjects.isObject()) {
            for (String field : List.of("count", "sensitiveCount")) {
                JsonNode value = subjects.get(field);
                if (value == null || value.isNull()) {
                    errors.add(new FieldError("dataSubjects." + field, "is required"));
                }
            }
        }
        return errors;
    }

    static List<FieldError> validate(TransferRequest request) {
        return validate(request, "");
    }

    static List<FieldError> validateSubmission(TransferSubmitted submitted) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(submitted.transferId())) {
            errors.add(new FieldError("transferId", "is required"));
        }
        if (blank(submitted.organization())) {
            errors.add(new FieldError("organization", "is required"));
        }
        if (submitted.request() == null) {
            errors.add(new FieldError("request", "is required"));
        } else {
            errors.addAll(validate(submitted.request(), "request."));
        }
        return errors;
    }

    private static List<FieldError> validate(TransferRequest request, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (request.exporter() == null) {
            errors.add(new FieldError(prefix + "exporter", "is required"));
        } else {
            jurisdiction(request.exporter().jurisdiction(), prefix + "exporter.jurisdiction", errors);
            freeTradeZone(request.exporter(), prefix + "exporter.freeTradeZone", errors);
        }
        if (request.importer() == null) {
            errors.add(new FieldError(prefix + "importer", "is required"));
        } else {
            if (blank(request.importer().name())) {
                errors.add(new FieldError(prefix + "importer.name", "is required"));
            }
            jurisdiction(request.importer().jurisdiction(), prefix + "importer.jurisdiction", errors);
        }
        if (blank(request.purpose())) {
            errors.add(new FieldError(prefix + "purpose", "is required"));
        }
        if (request.dataCategories() == null || request.dataCategories().isEmpty()) {
            errors.add(new FieldError(prefix + "dataCategories", "must name at least one category"));
        } else if (request.dataCategories().contains(null)) {
            errors.add(new FieldError(prefix + "dataCategories", "must not contain null"));
        }
        if (request.dataSubjects() == null) {
            errors.add(new FieldError(prefix + "dataSubjects", "is required"));
        } else {
            long count = request.dataSubjects().count();
            long sensitive = request.dataSubjects().sensitiveCount();
            if (count < 0) {
                errors.add(new FieldError(prefix + "dataSubjects.count", "must be at least 0, was " + count));
            } else if (count > TransferRequest.DataSubjects.MAX_COUNT) {
                errors.add(new FieldError(prefix + "dataSubjects.count", "must be at most "
                        + TransferRequest.DataSubjects.MAX_COUNT + ", was " + count));
            }
            if (sensitive < 0) {
                errors.add(new FieldError(prefix + "dataSubjects.sensitiveCount", "must be at least 0, was " + sensitive));
            } else if (sensitive > TransferRequest.DataSubjects.MAX_COUNT) {
                errors.add(new FieldError(prefix + "dataSubjects.sensitiveCount", "must be at most "
                        + TransferRequest.DataSubjects.MAX_COUNT + ", was " + sensitive));
            } else if (sensitive > count && count >= 0) {
                errors.add(new FieldError(prefix + "dataSubjects.sensitiveCount",
                        "must not exceed dataSubjects.count (" + count + "), was " + sensitive));
            }
        }
        if (request.mechanism() == null) {
            errors.add(new FieldError(prefix + "mechanism", "is required"));
        }
        if (request.onwardTransfers() != null) {
            for (int i = 0; i < request.onwardTransfers().size(); i++) {
                var onward = request.onwardTransfers().get(i);
                String field = prefix + "onwardTransfers[" + i + "]";
                if (onward == null) {
                    errors.add(new FieldError(field, "must not be null"));
                } else {
                    jurisdiction(onward.jurisdiction(), field + ".jurisdiction", errors);
                }
            }
        }
        if (request.period() == null) {
            errors.add(new FieldError(prefix + "period", "is required"));
        } else {
            if (request.period().start() == null) {
                errors.add(new FieldError(prefix + "period.start", "is required"));
            }
            if (request.period().end() == null) {
                errors.add(new FieldError(prefix + "period.end", "is required"));
            }
            if (request.period().start() != null && request.period().end() != null
                    && request.period().end().isBefore(request.period().start())) {
                errors.add(new FieldError(prefix + "period.end", "must not be before period.start ("
                        + request.period().start() + "), was " + request.period().end()));
            }
        }
        return errors;
    }

    private static void jurisdiction(String code, String field, List<FieldError> errors) {
        if (blank(code)) {
            errors.add(new FieldError(field, "is required"));
        } else if (!ISO_COUNTRIES.contains(code)) {
            errors.add(new FieldError(field, "'" + code + "' is not an ISO 3166-1 alpha-2 country code"));
        }
    }

    /**
     * A well-formed code of a zone of the exporter's jurisdiction. Whether the zone is one the policy knows is the
     * engine's to say, in the trace: it depends on the policy version, and the request stays assessable under any.
     */
    private static void freeTradeZone(TransferRequest.Exporter exporter, String field, List<FieldError> errors) {
        String zone = exporter.freeTradeZone();
        if (zone == null) {
            return;
        }
        if (!FREE_TRADE_ZONE.matcher(zone).matches()) {
            errors.add(new FieldError(field, "'" + (zone.length() > 20 ? zone.substring(0, 20) + "…" : zone)
                    + "' is not a free trade zone code like CN-SH or CN-SH-LINGANG"));
        } else if (exporter.jurisdiction() != null && !zone.startsWith(exporter.jurisdiction() + "-")) {
            errors.add(new FieldError(field, "'" + zone + "' is not a zone of the exporter's jurisdiction "
                    + exporter.jurisdiction()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
