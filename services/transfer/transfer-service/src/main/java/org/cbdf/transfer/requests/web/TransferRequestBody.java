package org.cbdf.transfer.requests.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.platform.web.FieldError;
import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.Safeguard;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferRequestRules;

/**
 * The body of {@code POST /api/v1/transfers} as it arrives: every member nullable, so that a missing one is
 * reported by name instead of silently becoming {@code 0} or {@code false}. {@link #validate()} names each
 * bad field by the producer's rules; {@link #toRequest()} gives the published {@link TransferRequest}.
 */
@Schema(name = "TransferRequest", description = "A cross-border transfer request (the exporting organisation comes from the token).")
record TransferRequestBody(Exporter exporter, Importer importer, String purpose, List<DataCategory> dataCategories,
        DataSubjects dataSubjects, Mechanism mechanism, Exemption exemption, List<Safeguard> safeguards,
        List<OnwardTransfer> onwardTransfers, Period period) {

    static final int MAX_TEXT = TransferRequestRules.MAX_TEXT;
    static final int MAX_ITEMS = TransferRequestRules.MAX_ITEMS;

    record Exporter(@Schema(example = "CN") String jurisdiction, Boolean ciio,
            @Schema(description = "Optional: the pilot free trade zone the data is exported from, for its negative list "
                    + "(CAC Provisions 2024, Art. 6); starts with the exporter's jurisdiction",
                    example = "CN-SH-LINGANG", pattern = TransferRequest.Exporter.FREE_TRADE_ZONE_CODE)
            String freeTradeZone) {
    }

    record Importer(@Schema(example = "Acme GmbH") String name, @Schema(example = "DE") String jurisdiction,
            List<Certification> certifications, Boolean dpfCertified) {
    }

    record DataSubjects(
            @Schema(example = "120000", minimum = "0", maximum = "" + TransferRequest.DataSubjects.MAX_COUNT,
                    description = "The individuals whose personal data is transferred: at most two billion, more than "
                            + "live in any one country, which keeps an exporter's yearly total from overflowing")
            Long count,
            @Schema(example = "0", minimum = "0", maximum = "" + TransferRequest.DataSubjects.MAX_COUNT,
                    description = "Of them, those whose sensitive personal data is transferred: at most count")
            Long sensitiveCount) {
    }

    record OnwardTransfer(@Schema(example = "US") String jurisdiction) {
    }

    record Period(@Schema(example = "2026-12-01") LocalDate start, @Schema(example = "2027-11-30") LocalDate end) {
    }

    /**
     * Every problem of the body, field by field: the producer's rules ({@link TransferRequestRules}) on the request it
     * reads as, and what only the body shows: a number left out (the request reads it as 0) and a list longer than
     * the rules allow before it becomes a set (its repeats would be gone).
     */
    List<FieldError> validate() {
        Set<String> absent = new LinkedHashSet<>();
        if (dataSubjects != null && dataSubjects.count() == null) {
            absent.add(TransferRequestRules.DATA_SUBJECTS_COUNT);
        }
        if (dataSubjects != null && dataSubjects.sensitiveCount() == null) {
            absent.add(TransferRequestRules.DATA_SUBJECTS_SENSITIVE_COUNT);
        }
        Map<String, FieldError> tooLong = new LinkedHashMap<>();
        tooLong(tooLong, "importer.certifications", importer == null ? null : importer.certifications());
        tooLong(tooLong, "dataCategories", dataCategories);
        tooLong(tooLong, "safeguards", safeguards);
        List<FieldError> errors = new ArrayList<>();
        for (TransferRequestRules.Violation violation : TransferRequestRules.violations(read(), absent)) {
            if (!tooLong.containsKey(violation.field())) {
                errors.add(new FieldError(violation.field(), violation.reason()));
            }
        }
        tooLong.values().forEach(error -> errors.add(position(errors, error.field()), error));
        return errors;
    }

    private static void tooLong(Map<String, FieldError> errors, String field, List<?> values) {
        if (values != null && values.size() > TransferRequestRules.MAX_ITEMS) {
            errors.put(field, new FieldError(field, "at most " + TransferRequestRules.MAX_ITEMS + " entries"));
        }
    }

    /** Where the body's own error on {@code field} goes: after the errors of the fields the request has before it. */
    private static int position(List<FieldError> errors, String field) {
        int rank = rank(field);
        int at = 0;
        while (at < errors.size() && rank(errors.get(at).field()) <= rank) {
            at++;
        }
        return at;
    }

    private static final List<String> FIELD_ORDER = List.of("exporter", "importer.name", "importer.jurisdiction",
            "importer.certifications", "purpose", "dataCategories", "dataSubjects", "mechanism", "safeguards",
            "onwardTransfers", "period");

    private static int rank(String field) {
        for (int i = FIELD_ORDER.size() - 1; i >= 0; i--) {
            if (field.startsWith(FIELD_ORDER.get(i))) {
                return i;
            }
        }
        return FIELD_ORDER.size();
    }

    /** The request as the body reads, whatever is missing: nulls stay null, for the rules to name them. */
    private TransferRequest read() {
        return new TransferRequest(
                exporter == null ? null : new TransferRequest.Exporter(exporter.jurisdiction(),
                        Boolean.TRUE.equals(exporter.ciio()), exporter.freeTradeZone()),
                importer == null ? null : new TransferRequest.Importer(importer.name(), importer.jurisdiction(),
                        setOf(importer.certifications()), Boolean.TRUE.equals(importer.dpfCertified())),
                purpose, setOf(dataCategories),
                dataSubjects == null ? null : new TransferRequest.DataSubjects(
                        dataSubjects.count() == null ? 0 : dataSubjects.count(),
                        dataSubjects.sensitiveCount() == null ? 0 : dataSubjects.sensitiveCount()),
                mechanism, exemption, setOf(safeguards),
                onwardTransfers == null ? null : onwardTransfers.stream()
                        .map(o -> o == null ? null : new TransferRequest.OnwardTransfer(o.jurisdiction())).toList(),
                period == null ? null : new TransferRequest.Period(period.start(), period.end()));
    }

    private static <T> Set<T> setOf(List<T> values) {
        return values == null ? null : new LinkedHashSet<>(values);
    }

    /** The published request; call only after {@link #validate()} found nothing. */
    TransferRequest toRequest() {
        return new TransferRequest(
                new TransferRequest.Exporter(exporter.jurisdiction(), Boolean.TRUE.equals(exporter.ciio()),
                        exporter.freeTradeZone()),
                new TransferRequest.Importer(importer.name(), importer.jurisdiction(),
                        importer.certifications() == null ? Set.of() : new LinkedHashSet<>(importer.certifications()),
                        Boolean.TRUE.equals(importer.dpfCertified())),
                purpose, new LinkedHashSet<>(dataCategories),
                new TransferRequest.DataSubjects(dataSubjects.count(), dataSubjects.sensitiveCount()),
                mechanism, exemption, safeguards == null ? Set.of() : new LinkedHashSet<>(safeguards),
                onwardTransfers == null ? List.of()
                        : onwardTransfers.stream().map(o -> new TransferRequest.OnwardTransfer(o.jurisdiction())).toList(),
                new TransferRequest.Period(period.start(), period.end()));
    }
}
