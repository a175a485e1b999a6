package org.cbdf.policy.benchmarks;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.YearToDate;
import org.cbdf.transfer.events.Certification;
import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.Mechanism;
import org.cbdf.transfer.events.Safeguard;
import org.cbdf.transfer.events.TransferRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One assessment with every shipped rule pack, adequacy decision and agreement loaded, one thread: a mix of the
 * requests the platform sees (CN export by volume, EEA to a DPF-certified US importer, CN → DE with an onward
 * transfer to the US, SG to a CBPR-certified importer), cycled so that no single branch is all that is measured.
 */
@State(Scope.Thread)
@Threads(1)
public class AssessmentBenchmark {

    private AssessmentEngine engine;
    private List<TransferRequest> requests;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        engine = AssessmentEngine.fromClasspath();
        requests = List.of(
                request("CN", "DE", 120_000, Mechanism.STANDARD_CONTRACT, false, Set.of(), List.of()),
                request("DE", "US", 50_000, Mechanism.ADEQUACY, true, Set.of(), List.of()),
                request("CN", "DE", 1_200_000, Mechanism.SCC, false, Set.of(Certification.GLOBAL_CBPR), List.of("US")),
                request("SG", "US", 10_000, Mechanism.NONE, false, Set.of(Certification.GLOBAL_CBPR), List.of()));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Assessment throughput() {
        return assessNext();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Assessment latency() {
        return assessNext();
    }

    private Assessment assessNext() {
        TransferRequest request = requests.get(next);
        next = (next + 1) % requests.size();
        return engine.assess(request, new YearToDate(300_000, 0));
    }

    private static TransferRequest request(String from, String to, long count, Mechanism mechanism, boolean dpf,
            Set<Certification> certifications, List<String> onward) {
        return new TransferRequest(new TransferRequest.Exporter(from, false),
                new TransferRequest.Importer("Acme", to, certifications, dpf), "HR administration",
                Set.of(DataCategory.PERSONAL), new TransferRequest.DataSubjects(count, 0), mechanism, null,
                Set.of(Safeguard.ENCRYPTION_IN_TRANSIT), onward.stream().map(TransferRequest.OnwardTransfer::new).toList(),
                new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30)));
    }
}
