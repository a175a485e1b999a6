package org.cbdf.policy.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Blocs as groups of ISO 3166-1 alpha-2 codes, and the other jurisdictions the platform deals with. */
public record Jurisdictions(Map<String, Set<String>> blocs, Set<String> others) {

    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

    public Jurisdictions {
        blocs = Map.copyOf(blocs);
        others = Set.copyOf(others);
        blocs.forEach((bloc, members) -> members.forEach(code -> requireIso(code, "bloc " + bloc)));
        others.forEach(code -> requireIso(code, "others"));
    }

    static void requireIso(String code, String where) {
        if (!ISO_CODES.contains(code)) {
            throw new PolicyDataException(where + ": '" + code + "' is not an ISO 3166-1 alpha-2 code");
        }
    }

    public boolean isBloc(String name) {
        return blocs.containsKey(name);
    }

    public boolean isIn(String code, String bloc) {
        Set<String> members = blocs.get(bloc);
        if (members == null) {
            throw new PolicyDataException("unknown bloc " + bloc);
        }
        return members.contains(code);
    }

    public List<String> blocsOf(String code) {
        return blocs.entrySet().stream().filter(e -> e.getValue().contains(code)).map(Map.Entry::getKey).sorted()
                .toList();
    }

    Set<String> allCodes() {
        Set<String> all = new TreeSet<>(others);
        blocs.values().forEach(all::addAll);
        return all;
    }

    static String name(String code) {
        return Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
    }
}
