package org.cbdf.policy.review;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.rules.AdequacyDecisions;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.transfer.events.Certification;

/**
 * What callers send to the procedure, read and checked: choices among an enum's names, conditions, evidence, the
 * subject of a review, jurisdictions and review ids. Each bad field is added to {@code errors} with its name and
 * reason (or refused at once where nothing else can be read); the review and the procedure then hold the rules.
 */
final class ReviewInput {

    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());
    private static final List<String> CERTIFICATIONS = java.util.Arrays.stream(Certification.values())
            .map(Enum::name).toList();

    private ReviewInput() {
    }

    static AdequacyReview.Evidence evidence(AdequacyReview.Evidence evidence, List<FieldError> errors) {
        if (evidence == null) {
            return AdequacyReview.Evidence.NONE;
        }
        for (int i = 0; i < evidence.links().size(); i++) {
            String link = evidence.links().get(i);
            if (!isWebLink(link)) {
                errors.add(new FieldError("evidence.links[" + i + "]", "must be an absolute http(s) URL, was " + link));
            }
        }
        for (int i = 0; i < evidence.documents().size(); i++) {
            AdequacyReview.Document d = evidence.documents().get(i);
            if (d == null || d.name() == null || d.name().isBlank()) {
                errors.add(new FieldError("evidence.documents[" + i + "].name", "must not be blank"));
            }
            if (d == null || d.sha256() == null || !d.sha256().matches("[0-9a-f]{64}")) {
                errors.add(new FieldError("evidence.documents[" + i + "].sha256",
                        "must be the lower-case hex SHA-256 of the document"));
            }
        }
        String text = evidence.text() == null || evidence.text().isBlank() ? null : evidence.text().strip();
        return new AdequacyReview.Evidence(text, evidence.links(), evidence.documents());
    }

    private static boolean isWebLink(String link) {
        if (link == null) {
            return false;
        }
        try {
            URI uri = new URI(link);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static List<String> conditions(List<String> conditions, List<FieldError> errors) {
        if (conditions == null) {
            return List.of();
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            String c = conditions.get(i);
            if (c == null || c.isBlank()) {
                errors.add(new FieldError("conditions[" + i + "]", "must not be blank"));
            } else {
                checked.add(c.strip());
            }
        }
        return List.copyOf(checked);
    }

    static <E extends Enum<E>> E choice(Class<E> type, String value, String field, List<FieldError> errors) {
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (value == null) {
            errors.add(new FieldError(field, "is required: one of " + String.join(", ", allowed)));
            return null;
        }
        if (!allowed.contains(value)) {
            errors.add(new FieldError(field, "unknown value '" + value + "'; allowed: " + String.join(", ", allowed)));
            return null;
        }
        return Enum.valueOf(type, value);
    }

    /** The subject a review is opened of, as asked for: each bad field named. */
    static Subject subject(ReviewProcedure.SubjectRequest s, String authority, AssessmentEngine engine) {
        List<FieldError> errors = new ArrayList<>();
        if (s == null) {
            throw ReviewException.invalid("subject", "is required: {kind: JURISDICTION | CERTIFICATION | MODEL_CLAUSES, "
                    + "…}, or name the review to recognise in 'recognises'");
        }
        SubjectKind kind = choice(SubjectKind.class, s.kind(), "subject.kind", errors);
        ReviewException.throwIfAny(errors);
        String jurisdiction = blankToNull(s.jurisdiction());
        if (jurisdiction != null && !known(jurisdiction, engine)) {
            errors.add(new FieldError("subject.jurisdiction", "'" + jurisdiction + "' is not a known jurisdiction or bloc"));
        }
        String sector = blankToNull(s.sector());
        List<String> certifications = s.certifications() == null ? List.of() : s.certifications();
        String modelClauses = blankToNull(s.modelClauses());
        switch (kind) {
            case JURISDICTION -> {
                if (jurisdiction == null) {
                    errors.add(new FieldError("subject.jurisdiction", "is required: the jurisdiction reviewed"));
                } else if (known(jurisdiction, engine) && selfOrMember(engine, authority, jurisdiction)) {
                    errors.add(new FieldError("subject.jurisdiction", authority + " does not review itself"));
                }
                if (sector != null && !AdequacyDecisions.SCOPES.contains(sector)) {
                    errors.add(new FieldError("subject.sector", "must be one of "
                            + AdequacyDecisions.SCOPES.stream().sorted().toList() + ", was " + sector));
                }
                if (!certifications.isEmpty() || modelClauses != null) {
                    errors.add(new FieldError("subject", "a review of a jurisdiction names no certifications or model "
                            + "clauses"));
                }
            }
            case CERTIFICATION -> {
                if (certifications.isEmpty()) {
                    errors.add(new FieldError("subject.certifications", "must name at least one of " + CERTIFICATIONS));
                }
                for (int i = 0; i < certifications.size(); i++) {
                    if (!CERTIFICATIONS.contains(certifications.get(i))) {
                        errors.add(new FieldError("subject.certifications[" + i + "]", "must be one of "
                                + CERTIFICATIONS + ", was " + certifications.get(i)));
                    }
                }
                standardWithout(sector, modelClauses != null, "modelClauses", errors);
            }
            case MODEL_CLAUSES -> {
                if (modelClauses == null) {
                    errors.add(new FieldError("subject.modelClauses", "is required: the clauses' name and reference"));
                }
                standardWithout(sector, !certifications.isEmpty(), "certifications", errors);
            }
        }
        ReviewException.throwIfAny(errors);
        return new Subject(kind, jurisdiction, sector, certifications, modelClauses, blankToNull(s.description()));
    }

    private static void standardWithout(String sector, boolean other, String otherField, List<FieldError> errors) {
        if (sector != null) {
            errors.add(new FieldError("subject.sector", "a standard has no sector"));
        }
        if (other) {
            errors.add(new FieldError("subject." + otherField, "does not go with this kind of subject"));
        }
    }

    /** An ISO 3166-1 alpha-2 code, or a bloc of the policy in force (EU, EEA, ASEAN, APEC). */
    static boolean known(String jurisdiction, AssessmentEngine engine) {
        return jurisdiction != null && (ISO_CODES.contains(jurisdiction) || engine.blocs().isBloc(jurisdiction));
    }

    /** Whether {@code authority} is {@code jurisdiction}, a member of it, or a bloc inside it. */
    static boolean selfOrMember(AssessmentEngine engine, String authority, String jurisdiction) {
        return authority.equals(jurisdiction) || PolicyInstruments.covers(engine, List.of(jurisdiction), authority);
    }

    static UUID uuid(String value, String field, List<FieldError> errors) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a review id (a UUID), was " + value));
            return null;
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
