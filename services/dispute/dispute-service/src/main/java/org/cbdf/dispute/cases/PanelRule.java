package org.cbdf.dispute.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * How a panel is chosen: deterministic, so that anyone holding the dispute id, the roster and the parties can
 * recompute it and check that nobody picked the panel by hand.
 * <ol>
 * <li>Candidates: the configured roster minus every jurisdiction party to the dispute.</li>
 * <li>Rank each candidate by the lower-case hex SHA-256 of the UTF-8 string {@code <disputeId>|<jurisdiction>}
 * (the dispute id in its canonical lower-case UUID form), ascending.</li>
 * <li>Take the first N, N being the configured size, or, with fewer candidates, the largest odd number of them.</li>
 * <li>The first chairs.</li>
 * </ol>
 */
public final class PanelRule {

    public static final String DESCRIPTION = "roster minus parties, ranked by hex SHA-256(\"<disputeId>|<jurisdiction>\") "
            + "ascending, first N (N odd), first chairs";

    private PanelRule() {
    }

    /** The panel, chair first; empty if the roster has no uninvolved jurisdiction. */
    public static List<String> select(UUID disputeId, List<String> roster, Collection<String> parties, int size) {
        List<String> ranked = roster.stream()
                .filter(jurisdiction -> !parties.contains(jurisdiction))
                .sorted(Comparator.comparing((String jurisdiction) -> rank(disputeId, jurisdiction))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        int n = Math.min(size, ranked.size());
        if (n % 2 == 0 && n > 0) {
            n--;
        }
        return ranked.subList(0, n);
    }

    static String rank(UUID disputeId, String jurisdiction) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((disputeId + "|" + jurisdiction).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
