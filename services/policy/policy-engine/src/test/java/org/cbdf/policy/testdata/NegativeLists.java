package org.cbdf.policy.testdata;

import java.time.LocalDate;
import java.util.Arrays;

import org.cbdf.policy.rules.FreeTradeZones;
import org.cbdf.transfer.events.DataCategory;

/**
 * Object Mother for free-trade-zone negative lists. These are test fixtures, not any zone's real list: the shipped
 * policy loads none (what a zone lists is the zone's to publish), so tests load their own.
 */
public final class NegativeLists {

    /** The day the fixture lists take effect. */
    public static final LocalDate EFFECTIVE = LocalDate.of(2026, 6, 1);

    private NegativeLists() {
    }

    /** A fixture list, in force from {@link #EFFECTIVE}, listing {@code categories}, each with one made-up zone item. */
    public static FreeTradeZones.NegativeList listing(DataCategory... categories) {
        return new FreeTradeZones.NegativeList("Test fixture authority", "Test fixture negative list No. 1",
                EFFECTIVE, Arrays.stream(categories).map(c -> new FreeTradeZones.Entry(c.name(),
                        java.util.List.of("fixture item " + (c.ordinal() + 1) + " (" + c.name().toLowerCase() + ")")))
                        .toList());
    }
}
