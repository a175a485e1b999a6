package org.cbdf.audit.verifier;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code govctl audit …}: what an auditor runs offline on an export bundle. Mounted as a subcommand of the
 * platform CLI, and runnable on its own ({@link Main}).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Checks an exported audit ledger offline, with the ledger's public key alone.",
        subcommands = { AuditCommand.Verify.class, AuditCommand.Replay.class })
public class AuditCommand implements Callable<Integer> {

    /** Exit code when the bundle is not what the ledger signed. */
    public static final int DIVERGED = 1;
    /** Exit code when the bundle or the key cannot be read at all. */
    public static final int UNREADABLE = 2;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = { "Verifies an export bundle: every checkpoint's Ed25519 signature, every leaf against the "
                    + "signed roots, consistency between checkpoints, and the inclusion of chosen events.",
                    "Prints the FIRST divergence (leaf index and what) and exits with 1 if anything was altered, "
                            + "removed, reordered or truncated." })
    static class Verify implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "BUNDLE", description = "the zip from GET /api/v1/audit/export")
        Path bundle;

        @Option(names = { "-k", "--public-key" }, paramLabel = "FILE",
                description = "the ledger's public key (PEM, or the signed-note verifier key), as obtained from "
                        + "GET /api/v1/audit/public-key; without it the key inside the bundle is used, with a warning")
        Path publicKey;

        @Option(names = { "-e", "--event" }, paramLabel = "ID", description = "an event id whose inclusion to prove (repeatable)")
        List<String> events;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(bundle, publicKey, events == null ? java.util.Set.of() : new LinkedHashSet<>(events),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        static int run(Path bundle, Path publicKey, java.util.Set<String> events, PrintWriter out, PrintWriter err) {
            BundleVerifier.Report report;
            try {
                Optional<LogKey> key = Optional.empty();
                if (publicKey != null) {
                    String text = Files.readString(publicKey, StandardCharsets.UTF_8);
                    key = Optional.of(LogKey.parse(originOf(bundle), text.trim()));
                }
                report = new BundleVerifier().verify(bundle, key, events);
            } catch (IOException | IllegalArgumentException e) {
                err.println("cannot verify " + bundle + ": " + e.getMessage());
                err.flush();
                return UNREADABLE;
            }
            report.lines().forEach(out::println);
            if (report.verified()) {
                out.println("VERIFIED " + bundle);
                out.flush();
                return CommandLine.ExitCode.OK;
            }
            BundleVerifier.Divergence first = report.divergence().orElseThrow();
            out.println("NOT VERIFIED " + bundle + ": first divergence "
                    + (first.leafIndex() == null ? "" : "at leaf " + first.leafIndex() + ": ") + first.what());
            out.flush();
            return DIVERGED;
        }

        /** The key of a PEM file has no name of its own: it is the key of the log the bundle is from. */
        private static String originOf(Path bundle) throws IOException {
            try (var zip = new java.util.zip.ZipFile(bundle.toFile())) {
                var entry = zip.getEntry(BundleManifest.ENTRY);
                if (entry == null) {
                    throw new IOException("not an audit bundle: no " + BundleManifest.ENTRY);
                }
                try (var in = zip.getInputStream(entry)) {
                    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(in).path("origin")
                            .asString();
                }
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Prints a readable timeline of one transfer (or dispute) from an export bundle, after "
                    + "verifying the bundle; exits with 1 if the bundle does not verify.")
    static class Replay implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "BUNDLE")
        Path bundle;

        @Option(names = { "-t", "--transfer" }, paramLabel = "ID", description = "the transfer's id")
        String transfer;

        @Option(names = { "-d", "--dispute" }, paramLabel = "ID", description = "the dispute's id")
        String dispute;

        @Option(names = { "-k", "--public-key" }, paramLabel = "FILE", description = "the ledger's public key")
        Path publicKey;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String id = transfer != null ? transfer : dispute;
            if (id == null) {
                err.println("name the transfer (--transfer ID) or the dispute (--dispute ID)");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            java.io.StringWriter verification = new java.io.StringWriter();
            PrintWriter quiet = new PrintWriter(verification);
            int verified = Verify.run(bundle, publicKey, java.util.Set.of(), quiet, quiet);
            if (verified != CommandLine.ExitCode.OK) {
                err.print(verification);
                err.println("the bundle does not verify: no timeline from it");
                err.flush();
                return verified;
            }
            try {
                new Timeline().print(bundle, id, out);
            } catch (IOException e) {
                err.println("cannot read " + bundle + ": " + e.getMessage());
                err.flush();
                return UNREADABLE;
            }
            return CommandLine.ExitCode.OK;
        }
    }
}
