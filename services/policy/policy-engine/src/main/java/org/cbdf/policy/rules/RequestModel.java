package org.cbdf.policy.rules;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelVariableResolver;
import org.cbdf.transfer.events.TransferRequest;

/**
 * The variables a rule's {@code when:} CEL expression may use, with their types, and their values for one
 * leg. Expressions are type-checked against {@link #DECLARATIONS} when a pack is loaded; explanation templates
 * use the same names in braces ({@code {year.individuals}}), numbers written with thousands separators and
 * lists joined with commas.
 */
final class RequestModel {

    /** Name → CEL type, in the order the README documents them. */
    static final Map<String, CelType> DECLARATIONS;

    static {
        Map<String, CelType> d = new LinkedHashMap<>();
        CelType strings = ListType.create(SimpleType.STRING);
        d.put("leg.origin", SimpleType.STRING);
        d.put("leg.destination", SimpleType.STRING);
        d.put("leg.onward", SimpleType.BOOL);
        d.put("leg.destinationBlocs", strings);
        d.put("exporter.jurisdiction", SimpleType.STRING);
        d.put("exporter.ciio", SimpleType.BOOL);
        d.put("exporter.freeTradeZone", SimpleType.STRING);
        d.put("importer.jurisdiction", SimpleType.STRING);
        d.put("importer.certifications", strings);
        d.put("importer.dpfCertified", SimpleType.BOOL);
        d.put("request.purpose", SimpleType.STRING);
        d.put("request.dataCategories", strings);
        d.put("request.dataSubjects.count", SimpleType.INT);
        d.put("request.dataSubjects.sensitiveCount", SimpleType.INT);
        d.put("request.mechanism", SimpleType.STRING);
        d.put("request.exemption", SimpleType.STRING);
        d.put("request.safeguards", strings);
        d.put("year.individuals", SimpleType.INT);
        d.put("year.sensitiveIndividuals", SimpleType.INT);
        d.put("adequacy.adequate", SimpleType.BOOL);
        d.put("adequacy.decision", SimpleType.STRING);
        d.put("recognition.accepted", SimpleType.BOOL);
        d.put("recognition.certifications", strings);
        d.put("freeTradeZone.listLoaded", SimpleType.BOOL);
        d.put("freeTradeZone.listed", strings);
        d.put("freeTradeZone.outsideList", SimpleType.BOOL);
        d.put("freeTradeZone.exempt", SimpleType.BOOL);
        DECLARATIONS = Map.copyOf(d);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z.]+)}");

    private RequestModel() {
    }

    /**
     * The values of one leg: every declared variable, plus text-only entries for templates
     * ({@code adequacy.explanation}, {@code recognition.explanation}, {@code freeTradeZone.explanation}).
     */
    static Values values(Leg leg) {
        var request = leg.request();
        RequestValues facts = leg.requestValues();
        Map<String, Object> v = new HashMap<>(48);
        v.put("leg.origin", leg.origin());
        v.put("leg.destination", leg.destination());
        v.put("leg.onward", leg.onward());
        v.put("leg.destinationBlocs", leg.destinationBlocs());
        v.put("exporter.jurisdiction", request.exporter().jurisdiction());
        v.put("exporter.ciio", leg.exporterCiio());
        v.put("exporter.freeTradeZone", nullToEmpty(leg.freeTradeZone()));
        v.put("importer.jurisdiction", request.importer().jurisdiction());
        v.put("importer.certifications", leg.recipientCertifications());
        v.put("importer.dpfCertified", leg.recipientDpfCertified());
        v.put("request.purpose", facts.purpose());
        v.put("request.dataCategories", facts.dataCategories());
        v.put("request.dataSubjects.count", request.dataSubjects().count());
        v.put("request.dataSubjects.sensitiveCount", request.dataSubjects().sensitiveCount());
        v.put("request.mechanism", facts.mechanism());
        v.put("request.exemption", facts.exemption());
        v.put("request.safeguards", facts.safeguards());
        YearToDate year = leg.yearToDate().adding(request.dataSubjects());
        v.put("year.individuals", year.individuals());
        v.put("year.sensitiveIndividuals", year.sensitiveIndividuals());
        AdequacyDecisions.Finding adequacy = leg.adequacy();
        v.put("adequacy.adequate", adequacy.adequate());
        v.put("adequacy.decision", adequacy.decisionId());
        v.put("adequacy.explanation", adequacy.explanation());
        RecognitionAgreements.Finding recognition = leg.recognition();
        v.put("recognition.accepted", recognition.accepted());
        v.put("recognition.certifications", recognition.certifications());
        v.put("recognition.explanation", recognition.explanation());
        v.put("recognition.agreement", recognition.agreementId());
        FreeTradeZones.Finding zone = leg.freeTradeZoneFinding();
        v.put("freeTradeZone.listLoaded", zone.listLoaded());
        v.put("freeTradeZone.listed", zone.listed());
        v.put("freeTradeZone.outsideList", zone.outsideList());
        v.put("freeTradeZone.exempt", zone.exempt());
        v.put("freeTradeZone.explanation", zone.explanation());
        return new Values(v);
    }

    /**
     * What the request itself contributes to every leg's values, worked out once per assessment rather than once per
     * leg: enum sets as sorted lists of names, absent texts as "".
     */
    record RequestValues(String purpose, List<String> dataCategories, String mechanism, String exemption,
            List<String> safeguards) {

        static RequestValues of(TransferRequest request) {
            return new RequestValues(nullToEmpty(request.purpose()), names(request.dataCategories()),
                    request.mechanism() == null ? "" : request.mechanism().name(),
                    request.exemption() == null ? "" : request.exemption().name(), names(request.safeguards()));
        }
    }

    /**
     * One leg's values, built once per leg: the CEL conditions of every rule read them through this resolver (handing
     * CEL a map instead makes it copy the map for every rule), and templates read their text, each value written out
     * at most once per leg.
     */
    static final class Values implements CelVariableResolver {

        private final Map<String, Object> values;
        private Map<String, String> texts;

        Values(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public Optional<Object> find(String name) {
            return Optional.ofNullable(values.get(name));
        }

        Object get(String name) {
            return values.get(name);
        }

        String text(String name) {
            if (texts == null) {
                texts = new HashMap<>();
            }
            String text = texts.get(name);
            if (text == null) {
                text = RequestModel.text(values.get(name));
                texts.put(name, text);
            }
            return text;
        }
    }

    /** Fills {@code {name}} placeholders; an unknown name is refused when the pack is loaded, see {@link #unknownPlaceholders}. */
    static String fill(String template, Map<String, Object> values) {
        return Template.of(template).fill(values);
    }

    /** An explanation template split once into literal text and value names, so filling it is a plain loop. */
    record Template(List<String> literals, List<String> names) {

        static Template of(String template) {
            java.util.ArrayList<String> literals = new java.util.ArrayList<>();
            java.util.ArrayList<String> names = new java.util.ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            int at = 0;
            while (m.find()) {
                literals.add(template.substring(at, m.start()));
                names.add(m.group(1));
                at = m.end();
            }
            literals.add(template.substring(at));
            return new Template(List.copyOf(literals), List.copyOf(names));
        }

        String fill(Map<String, Object> values) {
            StringBuilder out = new StringBuilder(128);
            for (int i = 0; i < names.size(); i++) {
                out.append(literals.get(i)).append(text(values.get(names.get(i))));
            }
            return out.append(literals.getLast()).toString();
        }

        /** Appends the filled template to {@code out}. */
        void fill(Values values, StringBuilder out) {
            for (int i = 0; i < names.size(); i++) {
                out.append(literals.get(i)).append(values.text(names.get(i)));
            }
            out.append(literals.getLast());
        }
    }

    static List<String> unknownPlaceholders(String template) {
        return PLACEHOLDER.matcher(template).results().map(r -> r.group(1))
                .filter(name -> !DECLARATIONS.containsKey(name) && !name.endsWith(".explanation")).toList();
    }

    static String text(Object value) {
        return switch (value) {
            case null -> "none";
            case Long l -> format(l);
            case Integer i -> format(i);
            case Collection<?> c -> c.isEmpty() ? "none" : joined(c);
            case String s -> s.isEmpty() ? "none" : s;
            default -> String.valueOf(value);
        };
    }

    /** 1200000 → "1,200,000" (English grouping), without a NumberFormat per call: this runs for every rule. */
    static String format(long number) {
        String digits = Long.toString(Math.abs(number));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (number < 0) {
            out.append('-');
        }
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    private static String joined(Collection<?> values) {
        StringBuilder out = new StringBuilder(16 * values.size());
        for (Object value : values) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(value);
        }
        return out.toString();
    }

    /** The names of {@code values}, sorted. */
    static List<String> names(Collection<? extends Enum<?>> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        String[] names = new String[values.size()];
        int i = 0;
        for (Enum<?> value : values) {
            names[i++] = value.name();
        }
        Arrays.sort(names);
        return List.of(names);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
