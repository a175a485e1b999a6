package org.cbdf.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.cbdf.policy.events.Outcome;
import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Exemption;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.Safeguard;
import org.cbdf.transfer.events.TransferRequest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every combination of the shipped packs keeps, each checked over a few hundred requests generated from a
 * fixed seed (plain JUnit 5, no property-testing library).
 *
 * <p>Every case is named after its property, index and seeds, and a failure message prints the case's inputs. The
 * same seed regenerates the same cases in the same order, so a failure reappears under the same name; run with
 * {@code -Dpolicy.properties.seed=<long>} to try another sample.
 */
class AssessmentPropertiesTests {

    /** Fixed so a run is reproducible; {@code -Dpolicy.properties.seed=...} tries another sample. */
    static final long SEED = Long.getLong("policy.properties.seed", 0x5EED_C0DE_2026L);
    static final String ALGORITHM = "L64X128MixRandom";

    static final AssessmentEngine engine = AssessmentEngine.fromClasspath();
    /** Loaded and compiled apart from {@link #engine}: nothing is shared between the two but the files. */
    static final AssessmentEngine loadedAgain = AssessmentEngine.fromClasspath();
    static final List<String> PLACES = List.of("CN", "DE", "FR", "NO", "GB", "SG", "IN", "BR", "US", "JP", "CA", "KR",
            "AU", "CH", "IL");

    /** A request without its counts and certifications, which the properties vary. */
    record Shape(String origin, String destination, boolean ciio, boolean dpf, Set<DataCategory> categories,
            Mechanism mechanism, Exemption exemption, List<String> onward) {

        TransferRequest with(long count, long sensitive, Set<Certification> certifications) {
            return new TransferRequest(new TransferRequest.Exporter(origin, ciio),
                    new TransferRequest.Importer("Acme", destination, certifications, dpf), "HR administration",
                    categories, new TransferRequest.DataSubjects(count, sensitive), mechanism, exemption,
                    Set.of(Safeguard.ENCRYPTION_IN_TRANSIT), onward.stream().map(TransferRequest.OnwardTransfer::new).toList(),
                    new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30)));
        }
    }

    /** Where a generated case came from, enough to regenerate it; {@code index} counts from 1, like JUnit's [n]. */
    record Origin(String property, long baseSeed, int index, long caseSeed) {

        /** The case's display name; the property is already in the test's name. */
        String label() {
            return "case #%d (seed %d, case seed %d)".formatted(index, baseSeed, caseSeed);
        }
    }

    // ---------------------------------------------------------------- generation

    /**
     * {@code tries} cases of one property, each from its own {@value #ALGORITHM} generator whose seed is drawn from
     * {@link #SEED} and the property's name (so the properties do not all see the same shapes). The case is named
     * after its {@link Origin}; its inputs are in the failure message.
     */
    static <T> Stream<Named<T>> cases(String property, int tries, BiFunction<RandomGenerator, Origin, T> generate) {
        long[] caseSeeds = new SplittableRandom(SEED ^ property.hashCode()).longs(tries).toArray();
        return IntStream.range(0, tries).mapToObj(i -> {
            Origin origin = new Origin(property, SEED, i + 1, caseSeeds[i]);
            return Named.of(origin.label(),
                    generate.apply(RandomGeneratorFactory.of(ALGORITHM).create(caseSeeds[i]), origin));
        });
    }

    static <T> T oneOf(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static <E extends Enum<E>> E oneOf(RandomGenerator random, Class<E> type) {
        E[] values = type.getEnumConstants();
        return values[random.nextInt(values.length)];
    }

    static Shape shape(RandomGenerator random) {
        int size = 1 + random.nextInt(3);
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        while (categories.size() < Math.min(size, DataCategory.values().length)) {
            categories.add(oneOf(random, DataCategory.class));
        }
        Exemption exemption = random.nextBoolean() ? null : oneOf(random, Exemption.class);
        List<String> onward = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            onward.add(oneOf(random, PLACES));
        }
        return new Shape(oneOf(random, PLACES), oneOf(random, PLACES), random.nextBoolean(), random.nextBoolean(),
                categories, oneOf(random, Mechanism.class), exemption, List.copyOf(onward));
    }

    /**
     * A count in {@code [0, max]}: the ends, values next to a power of ten (where statutory thresholds sit), small
     * and mid-sized magnitudes on a log scale, and uniform draws over the whole range.
     */
    static long count(RandomGenerator random, long max) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return oneOf(random, List.of(0L, 1L, max));
        }
        if (pick <= 2) {
            long power = 1;
            for (int k = random.nextInt(1, 1 + (int) Math.floor(Math.log10(max))); k > 0; k--) {
                power *= 10;
            }
            return Math.clamp(power + random.nextLong(-1, 2), 0, max);
        }
        if (pick <= 5) {
            long bound = (long) Math.pow(10, random.nextDouble(0, Math.log10(max + 1.0)));
            return Math.min(max, random.nextLong(0, Math.max(1, bound) + 1));
        }
        return random.nextLong(0, max + 1);
    }

    // ---------------------------------------------------------------- more individuals never less strict

    record MoreIndividuals(Origin origin, Shape shape, long fewer, long more, long sensitive) {}

    static Stream<Named<MoreIndividuals>> moreIndividuals() {
        return cases("more individuals", 300, (random, origin) -> new MoreIndividuals(origin, shape(random), count(random, 3_000_000),
                count(random, 3_000_000), count(random, 20_000)));
    }

    @ParameterizedTest(name = "more individuals never give a less strict outcome: {0}")
    @MethodSource("moreIndividuals")
    void moreIndividualsNeverGiveALessStrictOutcome(MoreIndividuals sample) {
        long low = Math.min(sample.fewer(), sample.more()) + sample.sensitive();
        long high = Math.max(sample.fewer(), sample.more()) + sample.sensitive();

        Outcome lowOutcome = engine.assess(sample.shape().with(low, sample.sensitive(), Set.of())).outcome();
        Outcome highOutcome = engine.assess(sample.shape().with(high, sample.sensitive(), Set.of())).outcome();

        assertThat(highOutcome.ordinal())
                .as("%s individuals: %s, %s individuals: %s — %s", low, lowOutcome, high, highOutcome, sample)
                .isGreaterThanOrEqualTo(lowOutcome.ordinal());
    }

    // ---------------------------------------------------------------- more earlier volume never less strict

    record EarlierVolume(Origin origin, Shape shape, long count, long earlier, long earlierSensitive) {}

    static Stream<Named<EarlierVolume>> earlierVolumes() {
        return cases("more earlier volume", 300, (random, origin) -> new EarlierVolume(origin, shape(random), count(random, 2_000_000),
                count(random, 2_000_000), count(random, 20_000)));
    }

    @ParameterizedTest(name = "more exported earlier this year never gives a less strict outcome: {0}")
    @MethodSource("earlierVolumes")
    void moreExportedEarlierThisYearNeverGivesALessStrictOutcome(EarlierVolume sample) {
        TransferRequest request = sample.shape().with(sample.count(), 0, Set.of());
        YearToDate before = new YearToDate(sample.earlier() + sample.earlierSensitive(), sample.earlierSensitive());

        Outcome alone = engine.assess(request, YearToDate.NONE).outcome();
        Outcome afterOthers = engine.assess(request, before).outcome();

        assertThat(afterOthers.ordinal())
                .as("alone: %s, after %s: %s — %s", alone, before, afterOthers, sample)
                .isGreaterThanOrEqualTo(alone.ordinal());
    }

    // ---------------------------------------------------------------- a certification never makes it stricter

    record AddedCertification(Origin origin, Shape shape, long count, Certification added) {}

    static Stream<Named<AddedCertification>> addedCertifications() {
        return cases("added certification", 300, (random, origin) -> new AddedCertification(origin, shape(random), count(random, 2_000_000),
                oneOf(random, Certification.class)));
    }

    @ParameterizedTest(name = "adding a recognised certification never makes it stricter: {0}")
    @MethodSource("addedCertifications")
    void addingARecognisedCertificationNeverMakesItStricter(AddedCertification sample) {
        Outcome without = engine.assess(sample.shape().with(sample.count(), 0, Set.of())).outcome();
        Outcome with = engine.assess(sample.shape().with(sample.count(), 0, Set.of(sample.added()))).outcome();

        assertThat(with.ordinal())
                .as("without: %s, adding %s: %s — %s", without, sample.added(), with, sample)
                .isLessThanOrEqualTo(without.ordinal());
    }

    // ---------------------------------------------------------------- determinism

    record SameRequest(Origin origin, Shape shape, long count) {}

    static Stream<Named<SameRequest>> sameRequests() {
        return cases("determinism", 200, (random, origin) -> new SameRequest(origin, shape(random), count(random, 2_000_000)));
    }

    @ParameterizedTest(name = "the same request under the same version yields the same assessment: {0}")
    @MethodSource("sameRequests")
    void theSameRequestUnderTheSameVersionYieldsTheSameAssessment(SameRequest sample) {
        TransferRequest request = sample.shape().with(sample.count(), 0, Set.of(Certification.GLOBAL_CBPR));

        assertThat(loadedAgain.assess(request)).as("%s", sample).isEqualTo(engine.assess(request));
    }
}
