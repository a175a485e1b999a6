package org.cbdf.tools.load;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.AppInfoParser;
import org.cbdf.platform.eventbus.KafkaCredentials;

/**
 * The broker's own limits, measured with Kafka's own tools from the {@code kafka-tools} jar of the version the
 * platform uses, each in a JVM of its own (so that neither shares a heap or JIT with the harness):
 * <ul>
 * <li>{@code org.apache.kafka.tools.EndToEndLatency}: one record at a time, produced with {@code acks=all} and
 * consumed back; the produce→consume round trip (percentiles in whole milliseconds, the tool's resolution; the mean
 * to a microsecond);</li>
 * <li>{@code org.apache.kafka.tools.ProducerPerformance}: records produced flat out ({@code --throughput -1},
 * {@code acks=all}, idempotent, like the services' producers): the broker's sustained intake.</li>
 * </ul>
 * Both on scratch topics created for the run and deleted after it ({@code load.raw.*}, which the harness's principal
 * owns). Both log in as the harness does: its client settings go to the tools in a properties file of their own
 * options (EndToEndLatency's sixth argument, ProducerPerformance's {@code --producer.config}), readable by this user
 * only and deleted after the run, and the child JVMs allow-list the token endpoint as Kafka 4 demands.
 */
final class RawKafka {

    static final String END_TO_END_LATENCY = "org.apache.kafka.tools.EndToEndLatency";
    static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";

    /** The scratch topics' prefix: the load harness's principal may create, use and delete topics under it. */
    static final String SCRATCH_PREFIX = "load.raw.";

    /**
     * @param client the settings of an authenticated Kafka client, {@code bootstrap.servers} included
     */
    record Settings(Map<String, Object> client, long roundTripRecords, long produceRecords, int recordSize,
            int partitions, Duration timeout) {

        Settings {
            client = Map.copyOf(client);
            if (!(client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) instanceof String bootstrap)
                    || bootstrap.isBlank()) {
                throw new IllegalArgumentException("the Kafka client settings name no bootstrap.servers");
            }
        }

        String bootstrapServers() {
            return (String) client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        }
    }

    record RoundTrip(long records, int recordSize, double meanMs, long p50Ms, long p99Ms, long p999Ms) {
    }

    record Produce(long records, int recordSize, double recordsPerSecond, double megabytesPerSecond, double meanMs,
            double maxMs, long p50Ms, long p95Ms, long p99Ms, long p999Ms) {
    }

    record Result(String kafkaVersion, String bootstrapServers, RoundTrip roundTrip, Produce produce) {
    }

    private static final Pattern MEAN = Pattern.compile("Avg latency: ([0-9.]+) ms");
    private static final Pattern PERCENTILES = Pattern
            .compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");
    private static final Pattern PRODUCED = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), "
            + "([0-9.]+) ms avg latency, ([0-9.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, "
            + "(\\d+) ms 99\\.9th\\.");

    private final JavaLauncher jvm;

    RawKafka(JavaLauncher jvm) {
        this.jvm = jvm;
    }

    Result measure(Settings settings) throws IOException, InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String roundTripTopic = SCRATCH_PREFIX + "round-trip." + suffix;
        String produceTopic = SCRATCH_PREFIX + "produce." + suffix;
        JavaLauncher tools = allowingTokenEndpoint(jvm, settings.client());
        Path clientConfig = writeClientConfig(settings.client());
        try (Admin admin = Admin.create(settings.client())) {
            create(admin, new NewTopic(roundTripTopic, 1, (short) 1), new NewTopic(produceTopic, settings.partitions(),
                    (short) 1));
            try {
                String roundTripOutput = tools.run(END_TO_END_LATENCY, List.of(settings.bootstrapServers(),
                        roundTripTopic, String.valueOf(settings.roundTripRecords()), "all",
                        String.valueOf(settings.recordSize()), clientConfig.toString()), settings.timeout());
                RoundTrip roundTrip = parseRoundTrip(roundTripOutput, settings.roundTripRecords(), settings.recordSize());
                String produceOutput = tools.run(PRODUCER_PERFORMANCE, List.of("--topic", produceTopic, "--num-records",
                        String.valueOf(settings.produceRecords()), "--record-size", String.valueOf(settings.recordSize()),
                        "--throughput", "-1", "--producer.config", clientConfig.toString(), "--producer-props",
                        "acks=all", "enable.idempotence=true"), settings.timeout());
                Produce produce = parseProduce(produceOutput, settings.recordSize());
                return new Result(AppInfoParser.getVersion(), settings.bootstrapServers(), roundTrip, produce);
            } finally {
                delete(admin, List.of(roundTripTopic, produceTopic));
            }
        } finally {
            Files.deleteIfExists(clientConfig);
        }
    }

    /**
     * The client settings as a properties file the tools read: it holds the client secret, so only this user may read
     * it, from its creation on (no window in which the default umask applies).
     */
    static Path writeClientConfig(Map<String, Object> client) throws IOException {
        Path file = Files.createTempFile("cbdf-load-kafka", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        client.forEach((name, value) -> properties.setProperty(name, String.valueOf(value)));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "the load harness's Kafka client, for Kafka's tools: deleted after the run");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** Kafka 4 calls only token endpoints allow-listed in a system property, in the tools' JVMs as in this one. */
    static JavaLauncher allowingTokenEndpoint(JavaLauncher jvm, Map<String, Object> client) {
        Object tokenEndpoint = client.get(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL);
        return tokenEndpoint == null ? jvm
                : jvm.withSystemProperty(KafkaCredentials.ALLOWED_URLS_PROPERTY, String.valueOf(tokenEndpoint));
    }

    static RoundTrip parseRoundTrip(String output, long records, int recordSize) {
        Matcher mean = MEAN.matcher(output);
        Matcher percentiles = PERCENTILES.matcher(output);
        if (!mean.find() || !percentiles.find()) {
            throw new IllegalStateException("EndToEndLatency printed no result:\n" + tail(output));
        }
        return new RoundTrip(records, recordSize, Double.parseDouble(mean.group(1)),
                Long.parseLong(percentiles.group(1)), Long.parseLong(percentiles.group(2)),
                Long.parseLong(percentiles.group(3)));
    }

    /** The last summary line (ProducerPerformance prints a window line every few seconds before it). */
    static Produce parseProduce(String output, int recordSize) {
        Matcher matcher = PRODUCED.matcher(output);
        Produce last = null;
        while (matcher.find()) {
            last = new Produce(Long.parseLong(matcher.group(1)), recordSize, Double.parseDouble(matcher.group(2)),
                    Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                    Double.parseDouble(matcher.group(5)), Long.parseLong(matcher.group(6)),
                    Long.parseLong(matcher.group(7)), Long.parseLong(matcher.group(8)), Long.parseLong(matcher.group(9)));
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no result:\n" + tail(output));
        }
        return last;
    }

    private static void create(Admin admin, NewTopic... topics) throws InterruptedException {
        try {
            admin.createTopics(List.of(topics)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the scratch topics: " + e.getMessage(), e);
        }
    }

    private static void delete(Admin admin, List<String> topics) {
        try {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            // a scratch topic left behind is harmless; say so rather than fail the report
            System.err.println("note: could not delete the scratch topics " + topics + ": " + e.getMessage());
        }
    }

    static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 20), lines.length));
    }

    /**
     * Starts a main class of this harness's class path in a child JVM: from the executable jar through Spring Boot's
     * {@code PropertiesLauncher} ({@code -Dloader.main}), or from a plain class path (tests).
     */
    static final class JavaLauncher {

        private final List<String> prefix;

        private JavaLauncher(List<String> prefix) {
            this.prefix = prefix;
        }

        /** The same, with {@code -Dname=value} on the child JVM's command line. */
        JavaLauncher withSystemProperty(String name, String value) {
            List<String> options = new ArrayList<>(prefix);
            options.add(prefix.size() - 2, "-D" + name + "=" + value);
            return new JavaLauncher(List.copyOf(options));
        }

        /** The child JVM's command line up to the main class (tests). */
        List<String> command() {
            return prefix;
        }

        static JavaLauncher ofThisJvm() {
            String executable = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("java.class.path");
            boolean executableJar = ClassLoader.getSystemClassLoader()
                    .getResource("org/springframework/boot/loader/launch/PropertiesLauncher.class") != null
                    && classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator);
            List<String> prefix = new ArrayList<>(List.of(executable, "-Xshare:auto"));
            if (executableJar) {
                prefix.addAll(List.of("-jar", classPath));
            } else {
                prefix.addAll(List.of("-cp", classPath));
            }
            return new JavaLauncher(List.copyOf(prefix));
        }

        /** Runs {@code mainClass} to its end and returns what it printed on standard output. */
        String run(String mainClass, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            boolean jar = prefix.contains("-jar");
            command.addAll(prefix.subList(0, prefix.size() - 2));
            if (jar) {
                command.add("-Dloader.main=" + mainClass);
                command.addAll(prefix.subList(prefix.size() - 2, prefix.size()));
            } else {
                command.addAll(prefix.subList(prefix.size() - 2, prefix.size()));
                command.add(mainClass);
            }
            command.addAll(arguments);
            Path output = Files.createTempFile("cbdf-load-raw", ".out");
            Path errors = Files.createTempFile("cbdf-load-raw", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(errors.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(simpleName(mainClass) + " did not finish within "
                            + Durations.format(timeout));
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(simpleName(mainClass) + " failed (exit " + process.exitValue()
                            + "):\n" + tail(printed + "\n" + Files.readString(errors, StandardCharsets.UTF_8)));
                }
                return printed;
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        }

        private static String simpleName(String className) {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }
}
