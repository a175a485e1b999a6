package org.cbdf.tools.load;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.kafka.clients.CommonClientConfigs;
import org.cbdf.platform.eventbus.KafkaCredentials;
import org.cbdf.transfer.events.TransferEvents;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load harness (issue 9): realistic transfer traffic through the public API with real tokens, latency from the
 * due time of each request to its 201, to its assessment on the transfer service's topic and to its entries in the
 * audit ledger, then the raw Kafka round trip on the same broker for comparison. See docs/performance.md.
 */
@Command(name = "tools/load/run", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Drives transfer submissions through the public API at a fixed rate (open loop) or flat out, "
                + "follows each one to its assessment (Kafka) and its audit ledger entries (audit API), reports "
                + "throughput and latency percentiles, and measures the raw Kafka round trip on the same broker.",
                "Run it against the local stack started with CBDF_WEB_RATELIMIT_ENABLED=false tools/devstack/start "
                        + "(the per-client rate limit would refuse a load test)." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:every accepted request was assessed (and audited)",
                "1:requests were lost, or the run could not be made (login, broker, audit service)",
                "2:usage error" })
public final class LoadCommand implements Callable<Integer> {

    /** Never an option: a secret on the command line is readable by every user of the machine ({@code ps}). */
    static final String KAFKA_CLIENT_SECRET = "KAFKA_CLIENT_SECRET";

    static final JsonMapper REQUESTS = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .build();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--transfer-url", paramLabel = "URL", description = "The transfer service (default: ${DEFAULT-VALUE}).")
    URI transferUrl = URI.create("http://127.0.0.1:8081");

    @Option(names = "--audit-url", paramLabel = "URL", description = "The audit service (default: ${DEFAULT-VALUE}).")
    URI auditUrl = URI.create("http://127.0.0.1:8084");

    @Option(names = "--issuer", paramLabel = "URL", description = "The realm's issuer (default: ${DEFAULT-VALUE}).")
    String issuer = "http://127.0.0.1:8180/realms/governance";

    @Option(names = "--client-id", paramLabel = "ID", description = "Public client for the password grant (default: ${DEFAULT-VALUE}).")
    String clientId = "govctl";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "The platform's Kafka broker (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--kafka-client-id", paramLabel = "ID",
            description = "The harness's Kafka principal: an OAuth client of the realm (client credentials) allowed to "
                    + "read transfer.events and to own the scratch topics load.raw.*; its secret comes from $"
                    + LoadCommand.KAFKA_CLIENT_SECRET + " (default: ${DEFAULT-VALUE}).")
    String kafkaClientId = "load-harness";

    @Option(names = "--kafka-token-endpoint", paramLabel = "URL",
            description = "Where the Kafka client gets its tokens (default: the --issuer's "
                    + "/protocol/openid-connect/token, the local stack's).")
    String kafkaTokenEndpoint;

    @Option(names = "--user", paramLabel = "USER[:PASSWORD]", split = ",",
            description = "Enterprise users submitting, one organisation each (default: enterprise-cn,enterprise-de).")
    List<String> users = List.of("enterprise-cn", "enterprise-de");

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password of users given without one (default: ${DEFAULT-VALUE}, the local stack's).")
    String password = "demo";

    @Option(names = "--auditor", paramLabel = "USER[:PASSWORD]",
            description = "Who reads the audit ledger (default: ${DEFAULT-VALUE}).")
    String auditor = "auditor";

    @Option(names = "--skip-audit", description = "Do not follow the audit ledger (a request is finished when assessed).")
    boolean skipAudit;

    @Option(names = "--rate", paramLabel = "N|max", converter = Rate.Converter.class,
            description = "Requests per second, scheduled open loop, or max: as fast as --concurrency requests in "
                    + "flight allow (default: 200).")
    Rate rate = new Rate(200);

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight with --rate max (default: ${DEFAULT-VALUE}).")
    int concurrency = 32;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "At a fixed rate, unanswered requests held before the schedule waits; the wait counts as "
                    + "latency (default: ${DEFAULT-VALUE}).")
    int maxInFlight = 10_000;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Length length = new Length();

    static final class Length {
        @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.Converter.class,
                description = "How long to send after the warm-up, e.g. 60s, 5m (default: 60s).")
        Duration duration;

        @Option(names = "--count", paramLabel = "N", description = "How many requests to send after the warm-up.")
        Long count;
    }

    @Option(names = "--warmup", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Sent first and left out of the figures (default: 10s).")
    Duration warmup = Duration.ofSeconds(10);

    @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "After sending, how long to wait for every accepted request to be assessed and audited; "
                    + "what is still missing then is reported lost (default: 2m).")
    Duration drainTimeout = Duration.ofMinutes(2);

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Per HTTP request (default: 30s).")
    Duration requestTimeout = Duration.ofSeconds(30);

    @Option(names = "--audit-poll", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Pause between ledger polls that found less than a page (default: 100ms).")
    Duration auditPoll = Duration.ofMillis(100);

    @Option(names = "--audit-clock", paramLabel = "server|observed",
            description = "When an event counts as appended: the ledger's appendedAt (server, default; needs the "
                    + "harness and the audit service on one clock) or when the harness saw it (observed).")
    LedgerWatch.AuditClock auditClock = LedgerWatch.AuditClock.server;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the request generator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--skip-raw", description = "Do not measure the raw Kafka round trip.")
    boolean skipRaw;

    @Option(names = "--raw-records", paramLabel = "N",
            description = "Records of the raw round trip, one at a time (default: ${DEFAULT-VALUE}).")
    long rawRecords = 10_000;

    @Option(names = "--raw-produce-records", paramLabel = "N",
            description = "Records the raw producer sends flat out (default: ${DEFAULT-VALUE}).")
    long rawProduceRecords = 500_000;

    @Option(names = "--raw-record-size", paramLabel = "BYTES",
            description = "Raw record size, about a transfer event's (default: ${DEFAULT-VALUE}).")
    int rawRecordSize = 1_024;

    @Option(names = "--raw-timeout", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Per raw Kafka tool (default: 5m).")
    Duration rawTimeout = Duration.ofMinutes(5);

    @Option(names = "--sample", paramLabel = "N",
            description = "Print N generated requests per exporter jurisdiction as JSON lines and exit (needs no stack).")
    int sample;

    private final Ticker ticker;
    private final PrintStream err;
    private final Map<String, String> environment;

    public LoadCommand() {
        this(Ticker.SYSTEM, System.err, System.getenv());
    }

    LoadCommand(Ticker ticker, PrintStream err, Map<String, String> environment) {
        this.ticker = ticker;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new LoadCommand(), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args));
    }

    static CommandLine commandLine(LoadCommand command, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            PrintWriter writer = ex.getCommandLine().getErr();
            writer.println("error: " + ex.getMessage());
            writer.println("usage: tools/load/run --help");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter writer = cmd.getErr();
            writer.println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ex instanceof CommandLine.ParameterException ? 2 : 1;
        });
        return commandLine;
    }

    /** The run as the options describe it; checked before anything is sent. */
    TrafficDriver.Plan plan() {
        Duration duration = length.count == null ? (length.duration == null ? Duration.ofSeconds(60) : length.duration)
                : null;
        long count = length.count == null ? 0 : length.count;
        if (length.count != null && length.count < 1) {
            throw usage("--count must be at least 1");
        }
        if (duration != null && duration.isZero()) {
            throw usage("--duration must be longer than 0");
        }
        if (concurrency < 1 || maxInFlight < 1) {
            throw usage("--concurrency and --max-in-flight must be at least 1");
        }
        return new TrafficDriver.Plan(rate, warmup, duration, count, concurrency, maxInFlight);
    }

    /**
     * The settings of the harness's Kafka client (the events watch, the raw tools): OAuth client credentials, as the
     * services log in. Checked before anything is sent.
     */
    Map<String, Object> kafkaClient() {
        String secret = environment.get(KAFKA_CLIENT_SECRET);
        if (secret == null || secret.isBlank()) {
            throw usage("no secret for the Kafka client " + kafkaClientId + ": set " + KAFKA_CLIENT_SECRET
                    + " (tools/load/run reads the local stack's from .local/secrets.properties when it exists)");
        }
        Map<String, Object> settings = new LinkedHashMap<>(KafkaCredentials.oauthClient(
                KafkaCredentials.DEFAULT_SECURITY_PROTOCOL, kafkaTokenEndpoint(), kafkaClientId, secret));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return settings;
    }

    String kafkaTokenEndpoint() {
        return kafkaTokenEndpoint != null ? kafkaTokenEndpoint : issuer + "/protocol/openid-connect/token";
    }

    /** Kafka 4 refuses token endpoints that the JVM does not allow-list; keeps what the JVM was started with. */
    static void allowInThisJvm(String tokenEndpoint) {
        String allowed = System.getProperty(KafkaCredentials.ALLOWED_URLS_PROPERTY, "");
        if (!List.of(allowed.split(",")).contains(tokenEndpoint)) {
            System.setProperty(KafkaCredentials.ALLOWED_URLS_PROPERTY,
                    allowed.isBlank() ? tokenEndpoint : allowed + "," + tokenEndpoint);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (sample > 0) {
            printSample(out);
            return 0;
        }
        TrafficDriver.Plan plan = plan();
        Map<String, Object> kafka = kafkaClient();
        allowInThisJvm(kafkaTokenEndpoint());
        boolean followAudit = !skipAudit;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<Login> enterprises = new ArrayList<>();
        Map<Login, TrafficMix> mixes = new LinkedHashMap<>();
        for (String user : users) {
            Login login = login(user);
            if (login.organization().isEmpty()) {
                throw usage("user " + login.username() + " belongs to no organisation: not an enterprise");
            }
            TrafficMix mix;
            try {
                mix = TrafficMix.forExporter(login.jurisdiction());
            } catch (IllegalArgumentException e) {
                throw usage("user " + login.username() + ": " + e.getMessage());
            }
            enterprises.add(login);
            mixes.put(login, mix);
        }
        Login auditorLogin = followAudit ? login(auditor) : null;

        ClockAnchor anchor = ClockAnchor.now(ticker);
        Journeys journeys = new Journeys(followAudit, ticker);
        List<AutoCloseable> observers = new ArrayList<>();
        TransferEventsWatch events = TransferEventsWatch.onTransferEvents(kafka, journeys::assessed, ticker);
        observers.add(events);
        events.start(Duration.ofSeconds(30));
        LedgerWatch submissions = null;
        LedgerWatch assessments = null;
        if (followAudit) {
            long treeSize = LedgerWatch.treeSize(auditUrl, http, auditorLogin.accessToken());
            submissions = new LedgerWatch(auditUrl, http, auditorLogin::accessToken, TransferEvents.SUBMITTED_V1,
                    auditPoll, auditClock, anchor, ticker, journeys::submissionAudited);
            assessments = new LedgerWatch(auditUrl, http, auditorLogin::accessToken, TransferEvents.ASSESSED_V1,
                    auditPoll, auditClock, anchor, ticker, journeys::audited);
            observers.add(submissions);
            observers.add(assessments);
            submissions.start(treeSize);
            assessments.start(treeSize);
        }

        long start = ticker.nanoTime();
        ProgressLine progress = new ProgressLine(journeys, ticker, start, start + warmup.toNanos(), followAudit);
        Thread progressThread = Thread.ofPlatform().name("load-progress").daemon().start(() -> {
            long next = ticker.nanoTime() + 1_000_000_000L;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    ticker.parkUntil(next);
                    next += 1_000_000_000L;
                    progress.print(err);
                    journeys.forgetStrangers(Duration.ofMinutes(2).toNanos());
                }
            } catch (InterruptedException e) {
                // run over
            }
        });

        TransferApi api = new TransferApi(transferUrl, http, requestTimeout);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AtomicLong sequence = new AtomicLong();
        TrafficDriver driver = new TrafficDriver(ticker, TrafficDriver.VIRTUAL_THREADS);
        TrafficDriver.Sent sent = driver.run(plan, (due, isWarmup) -> {
            long n = sequence.getAndIncrement();
            Login login = enterprises.get((int) (n % enterprises.size()));
            // one generator per request, seeded by its number: the same seed gives the same traffic, whatever the threads
            TrafficMix.Planned planned = mixes.get(login).next(new SplittableRandom(seed * 1_000_003L + n), today);
            byte[] body = REQUESTS.writeValueAsBytes(planned.request());
            journeys.sent(isWarmup);
            TransferApi.Answer answer = api.submit(login.accessToken(), body);
            long answered = ticker.nanoTime();
            switch (answer) {
                case TransferApi.Accepted accepted -> journeys.accepted(accepted.transferId(), planned.scenario().name(),
                        due, isWarmup, answered);
                case TransferApi.Refused refused -> journeys.refused(isWarmup, refused.kind());
            }
        });

        progress.draining();
        long drainDeadline = ticker.nanoTime() + drainTimeout.toNanos();
        while (journeys.outstanding() > 0 && ticker.nanoTime() < drainDeadline) {
            ticker.parkUntil(Math.min(drainDeadline, ticker.nanoTime() + 50_000_000L));
        }
        boolean drainTimedOut = journeys.outstanding() > 0;
        progressThread.interrupt();
        progressThread.join();
        progress.print(err);
        for (AutoCloseable observer : observers) {
            observer.close();
        }

        Journeys.Unfinished unfinished = journeys.unfinished();
        RawKafka.Result raw = null;
        String rawSkipped = null;
        if (skipRaw) {
            rawSkipped = "skipped (--skip-raw)";
        } else {
            err.printf("measuring raw Kafka on %s as %s: %d round trips, then %d records flat out …%n",
                    bootstrapServers, kafkaClientId, rawRecords, rawProduceRecords);
            try {
                raw = new RawKafka(RawKafka.JavaLauncher.ofThisJvm()).measure(new RawKafka.Settings(kafka, rawRecords,
                        rawProduceRecords, rawRecordSize, 3, rawTimeout));
            } catch (RuntimeException e) {
                rawSkipped = "failed: " + e.getMessage();
            }
        }

        Report.Throughput throughput = Report.throughput(sent, journeys.measured);
        Map<String, Latency.Summary> latency = Report.latencies(journeys, followAudit);
        double endToEnd = followAudit ? throughput.auditedPerSecond() : throughput.assessedPerSecond();
        Map<String, Long> pollFailures = new LinkedHashMap<>();
        if (followAudit) {
            pollFailures.putAll(submissions.failures().errorsByKind());
            assessments.failures().errorsByKind().forEach((kind, count) -> pollFailures.merge(kind, count, Long::sum));
        }
        long renewals = enterprises.stream().mapToLong(Login::renewals).sum()
                + (auditorLogin == null ? 0 : auditorLogin.renewals());
        Report result = new Report(
                new Report.Setup(anchor.wall(), transferUrl.toString(), followAudit ? auditUrl.toString() : null, issuer,
                        bootstrapServers, kafkaClientId, enterprises.stream().map(Login::organization).distinct().toList(),
                        rate.toString(), concurrency, Durations.format(warmup),
                        plan.duration() == null ? null : Durations.format(plan.duration()), plan.count(),
                        followAudit ? auditClock.name() : null, Runtime.getRuntime().availableProcessors(),
                        Runtime.version().toString()),
                throughput, latency, journeys.measured.errorsByKind(),
                journeys.all.errors.sum() - journeys.measured.errors.sum(),
                new Report.Lost(unfinished.lost(), Report.firstIds(unfinished.notAssessed()),
                        Report.firstIds(unfinished.submissionNotAudited()),
                        Report.firstIds(unfinished.assessmentNotAudited()), drainTimedOut),
                journeys.outcomes(), new Report.Observers(events.unreadable(), pollFailures, renewals), raw, rawSkipped,
                Report.ratio(endToEnd, latency.get(Report.TO_ASSESSED).p99(), raw));
        result.print(out);
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(report, result.json(), StandardCharsets.UTF_8);
            out.printf("report written to %s%n", report);
        }
        return unfinished.lost() > 0 ? 1 : 0;
    }

    private Login login(String user) {
        int colon = user.indexOf(':');
        String name = colon < 0 ? user : user.substring(0, colon);
        String secret = colon < 0 ? password : user.substring(colon + 1);
        try {
            return Login.of(issuer, clientId, name, secret);
        } catch (RuntimeException e) {
            throw new IllegalStateException("login of " + name + " at " + issuer + " failed: " + e.getMessage(), e);
        }
    }

    private void printSample(PrintWriter out) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long n = 0;
        for (String jurisdiction : new TreeSet<>(TrafficMix.jurisdictions())) {
            TrafficMix mix = TrafficMix.forExporter(jurisdiction);
            for (int i = 0; i < sample; i++, n++) {
                TrafficMix.Planned planned = mix.next(new SplittableRandom(seed * 1_000_003L + n), today);
                out.printf("{\"scenario\":\"%s\",\"expected\":\"%s\",\"request\":%s}%n", planned.scenario().name(),
                        planned.expected(), REQUESTS.writeValueAsString(planned.request()));
            }
        }
        out.flush();
    }
}
