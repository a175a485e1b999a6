package org.cbdf.transfer.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Object Mother of transfer requests: a valid one, and the same one with one thing changed. */
final class TransferRequests {

    private TransferRequests() {
    }

    /** HR data from China to Germany, onward to the United States: valid. */
    static TransferRequest hrDataToGermany() {
        return new TransferRequest(new TransferRequest.Exporter("CN", false),
                new TransferRequest.Importer("Acme GmbH", "DE", Set.of(Certification.GLOBAL_CBPR), false),
                "HR administration", Set.of(DataCategory.PERSONAL), new TransferRequest.DataSubjects(120_000, 0),
                Mechanism.STANDARD_CONTRACT, null, Set.of(Safeguard.ENCRYPTION_IN_TRANSIT),
                List.of(new TransferRequest.OnwardTransfer("US")),
                new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30)));
    }

    static TransferRequest withExporter(TransferRequest.Exporter exporter) {
        var r = hrDataToGermany();
        return new TransferRequest(exporter, r.importer(), r.purpose(), r.dataCategories(), r.dataSubjects(),
                r.mechanism(), r.exemption(), r.safeguards(), r.onwardTransfers(), r.period());
    }

    static TransferRequest withImporter(TransferRequest.Importer importer) {
        var r = hrDataToGermany();
        return new TransferRequest(r.exporter(), importer, r.purpose(), r.dataCategories(), r.dataSubjects(),
                r.mechanism(), r.exemption(), r.safeguards(), r.onwardTransfers(), r.period());
    }

    static TransferRequest withPurpose(String purpose) {
        var r = hrDataToGermany();
        return new TransferRequest(r.exporter(), r.importer(), purpose, r.dataCategories(), r.dataSubjects(),
                r.mechanism(), r.exemption(), r.safeguards(), r.onwardTransfers(), r.period());
    }

    static TransferRequest withDataSubjects(long count, long sensitiveCount) {
        var r = hrDataToGermany();
        return new TransferRequest(r.exporter(), r.importer(), r.purpose(), r.dataCategories(),
                new TransferRequest.DataSubjects(count, sensitiveCount), r.mechanism(), r.exemption(), r.safeguards(),
                r.onwardTransfers(), r.period());
    }

    static TransferRequest withOnward(List<TransferRequest.OnwardTransfer> onward) {
        var r = hrDataToGermany();
        return new TransferRequest(r.exporter(), r.importer(), r.purpose(), r.dataCategories(), r.dataSubjects(),
                r.mechanism(), r.exemption(), r.safeguards(), onward, r.period());
    }

    static TransferRequest onwardTo(String... jurisdictions) {
        return withOnward(java.util.Arrays.stream(jurisdictions).map(TransferRequest.OnwardTransfer::new).toList());
    }

    static TransferRequest withPeriod(TransferRequest.Period period) {
        var r = hrDataToGermany();
        return new TransferRequest(r.exporter(), r.importer(), r.purpose(), r.dataCategories(), r.dataSubjects(),
                r.mechanism(), r.exemption(), r.safeguards(), r.onwardTransfers(), period);
    }

    /** Nothing but nulls: every required member missing. */
    static TransferRequest empty() {
        return new TransferRequest(null, null, null, null, null, null, null, null, null, null);
    }
}
