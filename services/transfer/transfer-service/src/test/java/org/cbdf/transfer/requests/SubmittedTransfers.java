package org.cbdf.transfer.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.TransferRequest;

/** Object Mother of transfers as the domain holds them, for the tests of the domain and of its adapters. */
public final class SubmittedTransfers {

    public static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private SubmittedTransfers() {
    }

    /** HR data from China to Germany, onward to the United States. */
    public static TransferRequest request() {
        return new TransferRequest(new TransferRequest.Exporter("CN", false),
                new TransferRequest.Importer("Acme GmbH", "DE", Set.of(), false), "HR administration",
                Set.of(DataCategory.PERSONAL), new TransferRequest.DataSubjects(120_000, 0), Mechanism.STANDARD_CONTRACT,
                null, Set.of(), List.of(new TransferRequest.OnwardTransfer("US")),
                new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30)));
    }

    /** Just submitted by acme-cn. */
    public static Transfer submitted() {
        return Transfer.submit("acme-cn", "enterprise-cn", request(), NOW);
    }
}
