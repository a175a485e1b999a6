package org.cbdf.policy.testdata;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.Safeguard;
import org.cbdf.transfer.events.TransferRequest;

/** Object Mother for transfer requests: DESIGN §3's example, varied one aspect at a time. */
public final class TransferRequests {

    private String origin = "CN";
    private boolean ciio = false;
    private String destination = "DE";
    private boolean dpfCertified = false;
    private Set<DataCategory> categories = EnumSet.of(DataCategory.PERSONAL);
    private long count = 120_000;
    private long sensitiveCount = 0;
    private Mechanism mechanism = Mechanism.STANDARD_CONTRACT;
    private Exemption exemption = null;
    private List<String> onward = List.of();

    private TransferRequests() {
    }

    /** CN → DE, 120,000 individuals' non-sensitive personal information, standard contract. */
    public static TransferRequests aTransfer() {
        return new TransferRequests();
    }

    public TransferRequests from(String jurisdiction) {
        this.origin = jurisdiction;
        return this;
    }

    public TransferRequests to(String jurisdiction) {
        this.destination = jurisdiction;
        return this;
    }

    public TransferRequests byCiio() {
        this.ciio = true;
        return this;
    }

    public TransferRequests dpfCertifiedImporter() {
        this.dpfCertified = true;
        return this;
    }

    public TransferRequests of(DataCategory... categories) {
        this.categories = EnumSet.of(categories[0], categories);
        return this;
    }

    public TransferRequests individuals(long count) {
        this.count = count;
        return this;
    }

    public TransferRequests sensitive(long sensitiveCount) {
        this.sensitiveCount = sensitiveCount;
        if (sensitiveCount > 0) {
            categories.add(DataCategory.SENSITIVE_PERSONAL);
        }
        return this;
    }

    public TransferRequests relyingOn(Mechanism mechanism) {
        this.mechanism = mechanism;
        return this;
    }

    public TransferRequests exempt(Exemption exemption) {
        this.exemption = exemption;
        return this;
    }

    public TransferRequests onwardTo(String... jurisdictions) {
        this.onward = List.of(jurisdictions);
        return this;
    }

    public TransferRequest build() {
        return new TransferRequest(new TransferRequest.Exporter(origin, ciio),
                new TransferRequest.Importer("Acme " + destination, destination, Set.of(Certification.GLOBAL_CBPR),
                        dpfCertified),
                "HR administration", Set.copyOf(categories), new TransferRequest.DataSubjects(count, sensitiveCount),
                mechanism, exemption, Set.of(Safeguard.ENCRYPTION_IN_TRANSIT),
                onward.stream().map(TransferRequest.OnwardTransfer::new).toList(),
                new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30)));
    }
}
