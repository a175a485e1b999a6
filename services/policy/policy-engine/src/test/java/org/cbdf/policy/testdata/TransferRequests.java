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

/** Object Mother for transfer requests: docs/design.md §3's example, varied one aspect at a time. */
public final class TransferRequests {

    private String origin = "CN";
    private boolean ciio = false;
    private String freeTradeZone = null;
    private String destination = "DE";
    private boolean dpfCertified = false;
    private Set<DataCategory> categories = EnumSet.of(DataCategory.PERSONAL);
    private long count = 120_000;
    private long sensitiveCount = 0;
    private Mechanism mechanism = Mechanism.STANDARD_CONTRACT;
    private Exemption exemption = null;
    private List<String> onward = List.of();
    private Set<Certification> certifications = EnumSet.of(Certification.GLOBAL_CBPR);
    private LocalDate start = LocalDate.of(2026, 12, 1);

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

    /** The exporter exports from this pilot free trade zone ({@code CN-SH-LINGANG}). */
    public TransferRequests fromZone(String freeTradeZone) {
        this.freeTradeZone = freeTradeZone;
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

    /** The importer's certifications (by default GLOBAL_CBPR); none with no argument. */
    public TransferRequests certified(Certification... certifications) {
        this.certifications = certifications.length == 0 ? EnumSet.noneOf(Certification.class)
                : EnumSet.of(certifications[0], certifications);
        return this;
    }

    /** The transfer period starts on {@code start} and lasts a year. */
    public TransferRequests startingOn(LocalDate start) {
        this.start = start;
        return this;
    }

    public TransferRequests onwardTo(String... jurisdictions) {
        this.onward = List.of(jurisdictions);
        return this;
    }

    public TransferRequest build() {
        return new TransferRequest(new TransferRequest.Exporter(origin, ciio, freeTradeZone),
                new TransferRequest.Importer("Acme " + destination, destination, Set.copyOf(certifications),
                        dpfCertified),
                "HR administration", Set.copyOf(categories), new TransferRequest.DataSubjects(count, sensitiveCount),
                mechanism, exemption, Set.of(Safeguard.ENCRYPTION_IN_TRANSIT),
                onward.stream().map(TransferRequest.OnwardTransfer::new).toList(),
                new TransferRequest.Period(start, start.plusYears(1).minusDays(1)));
    }
}
