package org.cbdf.policy.rules;

import java.text.NumberFormat;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;

/**
 * One test a rule makes of a transfer leg, and how to say in plain words whether it holds. The vocabulary is
 * small on purpose: rule packs combine these; a later issue replaces them with CEL expressions.
 */
sealed interface Condition {

    boolean holds(Leg leg);

    /** What the request says about this test, true or not, with the request's values filled in. */
    String describe(Leg leg);

    static Condition parse(String ruleId, Map<?, ?> spec) {
        if (spec.size() != 1) {
            throw new PolicyDataException("rule " + ruleId + ": each condition has exactly one key, got " + spec.keySet());
        }
        var entry = spec.entrySet().iterator().next();
        String kind = String.valueOf(entry.getKey());
        Object value = entry.getValue();
        return switch (kind) {
            case "individualsAtLeast" -> new IndividualsAtLeast(number(ruleId, kind, value), false);
            case "individualsBelow" -> new IndividualsBelow(number(ruleId, kind, value), false);
            case "sensitiveIndividualsAtLeast" -> new IndividualsAtLeast(number(ruleId, kind, value), true);
            case "sensitiveIndividualsBelow" -> new IndividualsBelow(number(ruleId, kind, value), true);
            case "categoriesInclude" -> new CategoriesInclude(enums(ruleId, kind, value, DataCategory.class));
            case "categoriesOnly" -> new CategoriesOnly(enums(ruleId, kind, value, DataCategory.class));
            case "exporterCiio" -> new ExporterCiio(bool(ruleId, kind, value));
            case "exemptionIn" -> new ExemptionIn(enums(ruleId, kind, value, Exemption.class));
            case "mechanismIn" -> new MechanismIn(enums(ruleId, kind, value, Mechanism.class), true);
            case "mechanismNotIn" -> new MechanismIn(enums(ruleId, kind, value, Mechanism.class), false);
            case "destinationInBloc" -> new DestinationInBloc(String.valueOf(value));
            case "destinationAdequate" -> new DestinationAdequate(bool(ruleId, kind, value));
            default -> throw new PolicyDataException("rule " + ruleId + ": unknown condition '" + kind + "'");
        };
    }

    /** {@code count} (or {@code sensitiveCount}) ≥ threshold. */
    record IndividualsAtLeast(long threshold, boolean sensitive) implements Condition {
        public boolean holds(Leg leg) {
            return leg.individuals(sensitive) >= threshold;
        }

        public String describe(Leg leg) {
            return individuals(leg.individuals(sensitive), sensitive) + (holds(leg) ? " ≥ " : " < ") + format(threshold);
        }
    }

    /** {@code count} (or {@code sensitiveCount}) &lt; threshold. */
    record IndividualsBelow(long threshold, boolean sensitive) implements Condition {
        public boolean holds(Leg leg) {
            return leg.individuals(sensitive) < threshold;
        }

        public String describe(Leg leg) {
            return individuals(leg.individuals(sensitive), sensitive) + (holds(leg) ? " < " : " ≥ ") + format(threshold);
        }
    }

    record CategoriesInclude(Set<DataCategory> any) implements Condition {
        public boolean holds(Leg leg) {
            return leg.request().dataCategories().stream().anyMatch(any::contains);
        }

        public String describe(Leg leg) {
            return holds(leg) ? "the data includes " + names(leg.request().dataCategories().stream().filter(any::contains).toList())
                    : "the data (" + names(leg.request().dataCategories()) + ") includes no " + names(any);
        }
    }

    record CategoriesOnly(Set<DataCategory> allowed) implements Condition {
        public boolean holds(Leg leg) {
            return allowed.containsAll(leg.request().dataCategories());
        }

        public String describe(Leg leg) {
            return holds(leg) ? "the data is only " + names(leg.request().dataCategories())
                    : "the data includes " + names(leg.request().dataCategories().stream()
                            .filter(c -> !allowed.contains(c)).toList());
        }
    }

    record ExporterCiio(boolean expected) implements Condition {
        public boolean holds(Leg leg) {
            return leg.exporterCiio() == expected;
        }

        public String describe(Leg leg) {
            return leg.exporterCiio() ? "the exporter is a critical information infrastructure operator (CIIO)"
                    : "the exporter is not a critical information infrastructure operator (CIIO)";
        }
    }

    record ExemptionIn(Set<Exemption> exemptions) implements Condition {
        public boolean holds(Leg leg) {
            return leg.request().exemption() != null && exemptions.contains(leg.request().exemption());
        }

        public String describe(Leg leg) {
            Exemption claimed = leg.request().exemption();
            if (claimed == null) {
                return "no exemption is claimed";
            }
            return holds(leg) ? "the exporter relies on the " + claimed + " exemption"
                    : "the claimed exemption " + claimed + " is not " + names(exemptions);
        }
    }

    record MechanismIn(Set<Mechanism> mechanisms, boolean in) implements Condition {
        public boolean holds(Leg leg) {
            return mechanisms.contains(leg.request().mechanism()) == in;
        }

        public String describe(Leg leg) {
            boolean member = mechanisms.contains(leg.request().mechanism());
            return "the proposed mechanism " + leg.request().mechanism() + (member ? " is " : " is not ")
                    + (mechanisms.size() == 1 ? "" : "one of ") + names(mechanisms);
        }
    }

    record DestinationInBloc(String bloc) implements Condition {
        public boolean holds(Leg leg) {
            return leg.policy().jurisdictions().isIn(leg.destination(), bloc);
        }

        public String describe(Leg leg) {
            return leg.destination() + (holds(leg) ? " is in the " : " is outside the ") + bloc;
        }
    }

    /** Whether the pack's adequacy authority found the destination adequate, for this importer. */
    record DestinationAdequate(boolean expected) implements Condition {
        public boolean holds(Leg leg) {
            return leg.adequacy().adequate() == expected;
        }

        public String describe(Leg leg) {
            return leg.adequacy().explanation();
        }
    }

    private static String individuals(long count, boolean sensitive) {
        return sensitive ? "sensitive personal information of " + format(count) + " individuals"
                : format(count) + " individuals";
    }

    static String format(long number) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(number);
    }

    private static String names(Collection<?> values) {
        List<String> sorted = values.stream().map(String::valueOf).sorted().toList();
        if (sorted.size() <= 1) {
            return String.join("", sorted);
        }
        return String.join(", ", sorted.subList(0, sorted.size() - 1)) + " or " + sorted.getLast();
    }

    private static long number(String ruleId, String kind, Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new PolicyDataException("rule " + ruleId + ": " + kind + " needs a number, got " + value);
    }

    private static boolean bool(String ruleId, String kind, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new PolicyDataException("rule " + ruleId + ": " + kind + " needs true or false, got " + value);
    }

    private static <E extends Enum<E>> Set<E> enums(String ruleId, String kind, Object value, Class<E> type) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new PolicyDataException("rule " + ruleId + ": " + kind + " needs a non-empty list");
        }
        try {
            return list.stream().map(v -> Enum.valueOf(type, String.valueOf(v)))
                    .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(type)));
        } catch (IllegalArgumentException e) {
            throw new PolicyDataException("rule " + ruleId + ": " + kind + " has an unknown " + type.getSimpleName()
                    + " in " + list, e);
        }
    }
}
