package org.cbdf.tools.load;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.Safeguard;
import org.cbdf.transfer.events.TransferRequest;

/**
 * The transfers an exporter of each jurisdiction submits, weighted so that every outcome of the assessment occurs:
 * permitted at once, conditional, awaiting a regulator's approval, prohibited. The routes follow the policy engine's
 * {@code JurisdictionScenarioTests}; what each request is expected to get is not written here but asked of the engine
 * under the shipped rule packs ({@link ExpectedOutcomes}), request by request.
 * <p>
 * Expected outcomes are what a fresh organisation gets. The CAC thresholds count an organisation's individuals since
 * 1 January (the policy service's volume ledger), so after the first few large Chinese transfers of a year every
 * personal-data transfer from China without an exemption needs the CAC's security assessment: the report shows the
 * outcomes observed per scenario.
 */
final class TrafficMix {

    /** The assessed statuses of the transfer service; {@code REVIEW_REQUIRED} shows as {@code AWAITING_APPROVAL}. */
    enum Expected {
        PERMITTED, CONDITIONAL, AWAITING_APPROVAL, PROHIBITED
    }

    /** One kind of transfer: a route, a legal basis and a range of data subjects. */
    record Scenario(String name, int weight, Shape shape) {
    }

    /** What varies per request: the size (individuals, text, safeguards) and the dates. */
    @FunctionalInterface
    interface Shape {
        TransferRequest request(RandomGenerator random, LocalDate today);
    }

    /** A generated request and the scenario it came from. */
    record Planned(Scenario scenario, TransferRequest request) {

        /** What the shipped rules decide for it (worked out when asked: the load itself never asks). */
        Expected expected() {
            return ExpectedOutcomes.shipped().of(request);
        }
    }

    private static final Map<String, List<Scenario>> BY_EXPORTER = Map.of(
            "CN", List.of(
                    new Scenario("cn-non-personal", 12,
                            (r, d) -> base(r, d, "CN", pick(r, "JP", "DE", "SG")).categories(DataCategory.NON_PERSONAL)
                                    .individuals(0).mechanism(Mechanism.NONE).build()),
                    new Scenario("cn-contract-necessity", 10,
                            (r, d) -> base(r, d, "CN", pick(r, "DE", "FR", "US")).individuals(logUniform(r, 50_000, 5_000_000))
                                    .exemption(Exemption.CONTRACT_NECESSITY).mechanism(Mechanism.NONE).build()),
                    new Scenario("cn-hr-management", 6,
                            (r, d) -> base(r, d, "CN", pick(r, "DE", "JP")).individuals(logUniform(r, 1_000, 2_000_000))
                                    .exemption(Exemption.HR_MANAGEMENT).mechanism(Mechanism.NONE).build()),
                    new Scenario("cn-standard-contract", 10,
                            (r, d) -> base(r, d, "CN", pick(r, "DE", "JP", "SG")).individuals(logUniform(r, 100_000, 999_999))
                                    .mechanism(Mechanism.STANDARD_CONTRACT).build()),
                    new Scenario("cn-sensitive-few", 5,
                            (r, d) -> base(r, d, "CN", pick(r, "DE", "JP")).individuals(logUniform(r, 500, 20_000))
                                    .sensitive(logUniform(r, 1, 400)).mechanism(Mechanism.STANDARD_CONTRACT).build()),
                    new Scenario("cn-important-data", 6,
                            (r, d) -> base(r, d, "CN", pick(r, "DE", "US")).categories(DataCategory.PERSONAL,
                                    DataCategory.IMPORTANT_DATA).individuals(logUniform(r, 10, 50_000))
                                    .mechanism(Mechanism.SECURITY_ASSESSMENT).build()),
                    new Scenario("cn-ciio", 4,
                            (r, d) -> base(r, d, "CN", pick(r, "DE", "JP")).ciio().individuals(logUniform(r, 1, 10_000))
                                    .mechanism(Mechanism.SECURITY_ASSESSMENT).build()),
                    new Scenario("cn-volume-onward", 5,
                            (r, d) -> base(r, d, "CN", "DE").individuals(logUniform(r, 1_000_000, 8_000_000))
                                    .mechanism(Mechanism.SCC).onward("US").build())),
            "DE", List.of(
                    new Scenario("de-jp-adequacy", 10,
                            (r, d) -> base(r, d, "DE", "JP").mechanism(Mechanism.ADEQUACY).build()),
                    new Scenario("de-us-dpf", 8,
                            (r, d) -> base(r, d, "DE", "US").dpfCertified().mechanism(Mechanism.ADEQUACY).build()),
                    new Scenario("de-inside-eu", 8,
                            (r, d) -> base(r, d, "DE", pick(r, "FR", "NL", "IS")).mechanism(Mechanism.NONE).build()),
                    new Scenario("de-us-scc", 10,
                            (r, d) -> base(r, d, "DE", "US").mechanism(Mechanism.SCC).build()),
                    new Scenario("de-in-bcr", 6,
                            (r, d) -> base(r, d, "DE", "IN").mechanism(Mechanism.BCR).build()),
                    new Scenario("de-in-derogation", 3,
                            (r, d) -> base(r, d, "DE", "IN").individuals(logUniform(r, 1, 500))
                                    .exemption(Exemption.EXPLICIT_CONSENT).mechanism(Mechanism.DEROGATION).build()),
                    new Scenario("de-us-uncertified-adequacy", 5,
                            (r, d) -> base(r, d, "DE", "US").mechanism(Mechanism.ADEQUACY).build()),
                    new Scenario("de-in-nothing", 5,
                            (r, d) -> base(r, d, "DE", "IN").mechanism(Mechanism.NONE).build())),
            "SG", List.of(
                    new Scenario("sg-us-cbpr", 5,
                            (r, d) -> base(r, d, "SG", "US").certified(Certification.GLOBAL_CBPR).mechanism(Mechanism.NONE).build()),
                    new Scenario("sg-us-contract", 4,
                            (r, d) -> base(r, d, "SG", "US").certified().mechanism(Mechanism.SCC).build()),
                    new Scenario("sg-us-nothing", 2,
                            (r, d) -> base(r, d, "SG", "US").certified().mechanism(Mechanism.NONE).build())),
            "GB", List.of(
                    new Scenario("gb-us-dpf", 5,
                            (r, d) -> base(r, d, "GB", "US").dpfCertified().mechanism(Mechanism.ADEQUACY).build()),
                    new Scenario("gb-us-idta", 4,
                            (r, d) -> base(r, d, "GB", "US").mechanism(Mechanism.SCC).build()),
                    new Scenario("gb-in-nothing", 2,
                            (r, d) -> base(r, d, "GB", "IN").mechanism(Mechanism.NONE).build())),
            "BR", List.of(
                    new Scenario("br-us-clauses", 5,
                            (r, d) -> base(r, d, "BR", "US").mechanism(Mechanism.SCC).build()),
                    new Scenario("br-us-bcr", 3,
                            (r, d) -> base(r, d, "BR", "US").mechanism(Mechanism.BCR).build()),
                    new Scenario("br-us-nothing", 2,
                            (r, d) -> base(r, d, "BR", "US").mechanism(Mechanism.NONE).build())),
            "IN", List.of(
                    new Scenario("in-anywhere", 1,
                            (r, d) -> base(r, d, "IN", pick(r, "US", "CN", "DE")).mechanism(Mechanism.NONE).build())),
            "US", List.of(
                    new Scenario("us-anywhere", 1,
                            (r, d) -> base(r, d, "US", pick(r, "CN", "DE", "JP")).mechanism(Mechanism.NONE).build())),
            "JP", List.of(
                    new Scenario("jp-de-mutual-adequacy", 3,
                            (r, d) -> base(r, d, "JP", "DE").mechanism(Mechanism.NONE).build()),
                    new Scenario("jp-us-unencoded", 2,
                            (r, d) -> base(r, d, "JP", "US").mechanism(Mechanism.NONE).build())));

    private static final String[] PURPOSES = {
        "Customer relationship management in the group's shared CRM",
        "Payroll and HR administration by the parent company",
        "Order fulfilment and after-sales service",
        "Fraud detection across the group's payment platforms",
        "Clinical trial data exchange with the sponsor",
        "Product telemetry for reliability engineering",
        "Marketing analytics on aggregated campaign results",
        "Joint research on manufacturing quality data" };

    private final List<Scenario> scenarios;
    private final int totalWeight;

    private TrafficMix(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
        this.totalWeight = scenarios.stream().mapToInt(Scenario::weight).sum();
    }

    /** The mix of an exporter in {@code jurisdiction}. */
    static TrafficMix forExporter(String jurisdiction) {
        List<Scenario> scenarios = BY_EXPORTER.get(jurisdiction);
        if (scenarios == null) {
            throw new IllegalArgumentException("no traffic mix for an exporter in " + jurisdiction
                    + " (there is one for " + String.join(", ", BY_EXPORTER.keySet().stream().sorted().toList()) + ")");
        }
        return new TrafficMix(scenarios);
    }

    static Set<String> jurisdictions() {
        return BY_EXPORTER.keySet();
    }

    List<Scenario> scenarios() {
        return scenarios;
    }

    /** The next request, a weighted choice of scenario. */
    Planned next(RandomGenerator random, LocalDate today) {
        int ticket = random.nextInt(totalWeight);
        for (Scenario scenario : scenarios) {
            ticket -= scenario.weight();
            if (ticket < 0) {
                return new Planned(scenario, scenario.shape().request(random, today));
            }
        }
        throw new IllegalStateException("weights changed under the mix");
    }

    /** A uniform choice on a logarithmic scale: as many requests of 1,000-10,000 individuals as of 100,000-1,000,000. */
    static long logUniform(RandomGenerator random, long from, long to) {
        if (from >= to) {
            return from;
        }
        double low = Math.log(Math.max(1, from));
        double high = Math.log(to);
        long value = Math.round(Math.exp(low + random.nextDouble() * (high - low)));
        return Math.clamp(value, from, to);
    }

    private static String pick(RandomGenerator random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static Draft base(RandomGenerator random, LocalDate today, String from, String to) {
        return new Draft(random, today, from, to);
    }

    /** Object-Mother-style builder of one request with random but valid sizes and dates. */
    private static final class Draft {
        private final RandomGenerator random;
        private final String origin;
        private final String destination;
        private final LocalDate start;
        private final LocalDate end;
        private final String purpose;
        private final Set<Safeguard> safeguards;
        private boolean ciio;
        private boolean dpfCertified;
        private Set<Certification> certifications = EnumSet.noneOf(Certification.class);
        private Set<DataCategory> categories = EnumSet.of(DataCategory.PERSONAL);
        private long count;
        private long sensitive;
        private Mechanism mechanism = Mechanism.SCC;
        private Exemption exemption;
        private final List<TransferRequest.OnwardTransfer> onward = new ArrayList<>();

        Draft(RandomGenerator random, LocalDate today, String origin, String destination) {
            this.random = random;
            this.origin = origin;
            this.destination = destination;
            this.start = today.plusDays(1 + random.nextInt(90));
            this.end = start.plusDays(30 + random.nextInt(700));
            this.count = logUniform(random, 10, 90_000);
            StringBuilder text = new StringBuilder(PURPOSES[random.nextInt(PURPOSES.length)]);
            // a few hundred bytes more in some requests, so that body sizes vary like real submissions
            int notes = random.nextInt(4);
            for (int i = 0; i < notes; i++) {
                text.append("; ").append(PURPOSES[random.nextInt(PURPOSES.length)].toLowerCase(java.util.Locale.ROOT));
            }
            this.purpose = text.length() > 500 ? text.substring(0, 500) : text.toString();
            this.safeguards = EnumSet.noneOf(Safeguard.class);
            for (Safeguard safeguard : Safeguard.values()) {
                if (random.nextInt(3) > 0) {
                    safeguards.add(safeguard);
                }
            }
            // children's data: personal data under GDPR, but sensitive under PIPL (under 14), so not from China here
            if (!origin.equals("CN") && random.nextInt(4) == 0) {
                categories.add(DataCategory.CHILDREN);
            }
        }

        Draft categories(DataCategory first, DataCategory... more) {
            this.categories = EnumSet.of(first, more);
            return this;
        }

        Draft individuals(long count) {
            this.count = count;
            this.sensitive = Math.min(sensitive, count);
            return this;
        }

        Draft sensitive(long sensitive) {
            this.sensitive = Math.min(sensitive, count);
            if (this.sensitive > 0) {
                categories.add(DataCategory.SENSITIVE_PERSONAL);
            }
            return this;
        }

        Draft ciio() {
            this.ciio = true;
            return this;
        }

        Draft dpfCertified() {
            this.dpfCertified = true;
            return this;
        }

        Draft certified(Certification... certifications) {
            this.certifications = certifications.length == 0 ? EnumSet.noneOf(Certification.class)
                    : EnumSet.of(certifications[0], certifications);
            return this;
        }

        Draft mechanism(Mechanism mechanism) {
            this.mechanism = mechanism;
            return this;
        }

        Draft exemption(Exemption exemption) {
            this.exemption = exemption;
            return this;
        }

        Draft onward(String jurisdiction) {
            onward.add(new TransferRequest.OnwardTransfer(jurisdiction));
            return this;
        }

        TransferRequest build() {
            String importer = "Importer " + destination + "-" + (1 + random.nextInt(40));
            return new TransferRequest(new TransferRequest.Exporter(origin, ciio),
                    new TransferRequest.Importer(importer, destination, certifications, dpfCertified), purpose,
                    categories, new TransferRequest.DataSubjects(count, sensitive), mechanism, exemption, safeguards,
                    List.copyOf(onward), new TransferRequest.Period(start, end));
        }
    }
}
