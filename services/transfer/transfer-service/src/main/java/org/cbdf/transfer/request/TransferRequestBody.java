package org.cbdf.transfer.request;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;
import org.cbdf.platform.web.FieldError;
import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.Safeguard;
import org.cbdf.transfer.events.TransferRequest;

/**
 * The body of {@code POST /api/v1/transfers} as it arrives: every member nullable, so that a missing one is
 * reported by name instead of silently becoming {@code 0} or {@code false}. {@link #validate()} names each
 * bad field; {@link #toRequest()} gives the published {@link TransferRequest}.
 */
@Schema(name = "TransferRequest", description = "A cross-border transfer request (the exporting organisation comes from the token).")
record TransferRequestBody(Exporter exporter, Importer importer, String purpose, List<DataCategory> dataCategories,
        DataSubjects dataSubjects, Mechanism mechanism, Exemption exemption, List<Safeguard> safeguards,
        List<OnwardTransfer> onwardTransfers, Period period) {

    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final int MAX_TEXT = 500;
    static final int MAX_ITEMS = 50;
    static final Pattern FREE_TRADE_ZONE = Pattern.compile(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);

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

    List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (exporter == null) {
            errors.add(new FieldError("exporter", "is required"));
        } else {
            jurisdiction(errors, "exporter.jurisdiction", exporter.jurisdiction());
            freeTradeZone(errors, exporter);
        }
        if (importer == null) {
            errors.add(new FieldError("importer", "is required"));
        } else {
            text(errors, "importer.name", importer.name());
            jurisdiction(errors, "importer.jurisdiction", importer.jurisdiction());
            noNulls(errors, "importer.certifications", importer.certifications());
        }
        text(errors, "purpose", purpose);
        if (dataCategories == null || dataCategories.isEmpty()) {
            errors.add(new FieldError("dataCategories", "is required and must name at least one category"));
        } else {
            noNulls(errors, "dataCategories", dataCategories);
        }
        if (dataSubjects == null) {
            errors.add(new FieldError("dataSubjects", "is required"));
        } else {
            if (dataSubjects.count() == null) {
                errors.add(new FieldError("dataSubjects.count", "is required"));
            } else if (dataSubjects.count() < 0) {
                errors.add(new FieldError("dataSubjects.count", "must not be negative"));
            } else if (dataSubjects.count() > TransferRequest.DataSubjects.MAX_COUNT) {
                errors.add(new FieldError("dataSubjects.count", "must be at most "
                        + TransferRequest.DataSubjects.MAX_COUNT + ", was " + dataSubjects.count()));
            }
            if (dataSubjects.sensitiveCount() == null) {
                errors.add(new FieldError("dataSubjects.sensitiveCount", "is required"));
            } else if (dataSubjects.sensitiveCount() < 0) {
                errors.add(new FieldError("dataSubjects.sensitiveCount", "must not be negative"));
            } else if (dataSubjects.sensitiveCount() > TransferRequest.DataSubjects.MAX_COUNT) {
                errors.add(new FieldError("dataSubjects.sensitiveCount", "must be at most "
                        + TransferRequest.DataSubjects.MAX_COUNT + ", was " + dataSubjects.sensitiveCount()));
            } else if (dataSubjects.count() != null && dataSubjects.sensitiveCount() > dataSubjects.count()) {
                errors.add(new FieldError("dataSubjects.sensitiveCount",
                        "must not exceed dataSubjects.count (" + dataSubjects.count() + ")"));
            }
        }
        if (mechanism == null) {
            errors.add(new FieldError("mechanism", "is required"));
        }
        noNulls(errors, "safeguards", safeguards);
        if (onwardTransfers != null) {
            if (onwardTransfers.size() > MAX_ITEMS) {
                errors.add(new FieldError("onwardTransfers", "at most " + MAX_ITEMS + " entries"));
            }
            for (int i = 0; i < onwardTransfers.size() && i < MAX_ITEMS; i++) {
                OnwardTransfer onward = onwardTransfers.get(i);
                if (onward == null) {
                    errors.add(new FieldError("onwardTransfers[" + i + "]", "must not be null"));
                } else {
                    jurisdiction(errors, "onwardTransfers[" + i + "].jurisdiction", onward.jurisdiction());
                }
            }
        }
        if (period == null) {
            errors.add(new FieldError("period", "is required"));
        } else {
            if (period.start() == null) {
                errors.add(new FieldError("period.start", "is required"));
            }
            if (period.end() == null) {
                errors.add(new FieldError("period.end", "is required"));
            }
            if (period.start() != null && period.end() != null && period.end().isBefore(period.start())) {
                errors.add(new FieldError("period.end", "must not be before period.start (" + period.start() + ")"));
            }
        }
        return errors;
    }

    private static void jurisdiction(List<FieldError> errors, String field, String code) {
        if (code == null || code.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!COUNTRIES.contains(code)) {
            errors.add(new FieldError(field, "'" + abbreviate(code) + "' is not an ISO 3166-1 alpha-2 country code"));
        }
    }

    private static void freeTradeZone(List<FieldError> errors, Exporter exporter) {
        String zone = exporter.freeTradeZone();
        if (zone == null) {
            return;
        }
        if (!FREE_TRADE_ZONE.matcher(zone).matches()) {
            errors.add(new FieldError("exporter.freeTradeZone", "'" + abbreviate(zone)
                    + "' is not a free trade zone code like CN-SH or CN-SH-LINGANG"));
        } else if (exporter.jurisdiction() != null && !zone.startsWith(exporter.jurisdiction() + "-")) {
            errors.add(new FieldError("exporter.freeTradeZone", "'" + zone + "' is not a zone of the exporter's "
                    + "jurisdiction " + abbreviate(exporter.jurisdiction())));
        }
    }

    private static void text(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static void noNulls(List<FieldError> errors, String field, List<?> values) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_ITEMS) {
            errors.add(new FieldError(field, "at most " + MAX_ITEMS + " entries"));
        } else if (values.contains(null)) {
            errors.add(new FieldError(field, "must not contain null"));
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
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
