package org.cbdf.policy.rules;

/**
 * What an exporter already exported this calendar year before the request being assessed (the volume
 * ledger): CAC 2024 counts individuals cumulatively per exporter since 1 January, so splitting a transfer
 * does not slip under a threshold.
 */
public record YearToDate(long individuals, long sensitiveIndividuals) {

    public static final YearToDate NONE = new YearToDate(0, 0);

    public YearToDate {
        if (individuals < 0 || sensitiveIndividuals < 0) {
            throw new IllegalArgumentException("year-to-date counts are never negative");
        }
    }
}
