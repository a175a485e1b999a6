package org.cbdf.dispute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.Safeguard;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;

/** Object Mother of transfer submissions, shaped like the transfer service publishes them. */
public final class Transfers {

    private Transfers() {
    }

    public static String newTransferId() {
        return "tr-" + UUID.randomUUID();
    }

    /** The HR transfer of docs/design.md §3: CN → DE, then on to the given jurisdictions. */
    public static TransferSubmitted submitted(String transferId, String organization, String origin,
            String destination, String... onward) {
        var request = new TransferRequest(
                new TransferRequest.Exporter(origin, false),
                new TransferRequest.Importer("Acme GmbH", destination, Set.of(Certification.GLOBAL_CBPR), false),
                "HR administration",
                Set.of(DataCategory.PERSONAL, DataCategory.SENSITIVE_PERSONAL),
                new TransferRequest.DataSubjects(120_000, 0),
                Mechanism.STANDARD_CONTRACT,
                null,
                Set.of(Safeguard.ENCRYPTION_IN_TRANSIT, Safeguard.PSEUDONYMISATION),
                Arrays.stream(onward).map(TransferRequest.OnwardTransfer::new).toList(),
                new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30)));
        return new TransferSubmitted(transferId, organization, "alice", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                request);
    }

    public static TransferSubmitted submitted(String transferId, String organization) {
        return submitted(transferId, organization, "CN", "DE", "US");
    }
}
