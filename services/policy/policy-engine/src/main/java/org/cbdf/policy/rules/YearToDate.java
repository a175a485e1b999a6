package org.cbdf.policy.rules;

import org.cbdf.transfer.events.TransferRequest;

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

    /**
     * The year so far with a request's data subjects added. An overflow is refused, not wrapped into a negative total
     * that no threshold would catch; within the request's bound on counts it takes more than a year at the API's
     * rate limit ({@link TransferRequest.DataSubjects#MAX_COUNT}).
     */
    YearToDate adding(TransferRequest.DataSubjects subjects) {
        try {
            return new YearToDate(Math.addExact(individuals, subjects.count()),
                    Math.addExact(sensitiveIndividuals, subjects.sensitiveCount()));
        } catch (ArithmeticException e) {
            throw new ArithmeticException("the exporter's yearly total (" + individuals + " individuals, "
                    + sensitiveIndividuals + " sensitive) plus " + subjects.count() + " (" + subjects.sensitiveCount()
                    + " sensitive) exceeds " + Long.MAX_VALUE);
        }
    }
}
