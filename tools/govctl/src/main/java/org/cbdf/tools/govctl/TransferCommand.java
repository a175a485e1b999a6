package org.cbdf.tools.govctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Submit, follow and act on transfers.",
        subcommands = { TransferCommand.Submit.class, TransferCommand.Status.class, TransferCommand.ListTransfers.class,
                TransferCommand.Watch.class, TransferCommand.Withdraw.class, TransferCommand.Appeal.class,
                TransferCommand.Fulfil.class })
class TransferCommand {

    static final String PATH = "/api/v1/transfers";

    /** Statuses that are a decision: {@code watch} stops at them. */
    static final Set<String> DECIDED = Set.of("PERMITTED", "CONDITIONAL", "PROHIBITED", "APPROVED", "REJECTED",
            "EXPIRED", "WITHDRAWN");

    @ParentCommand
    Govctl govctl;

    static String path(String id, String... rest) {
        StringBuilder path = new StringBuilder(PATH).append('/').append(encode(id));
        for (String part : rest) {
            path.append('/').append(part);
        }
        return path.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Prints a transfer: as the API's JSON, or as a summary for people. */
    static void print(Govctl govctl, JsonNode transfer) {
        PrintWriter out = govctl.out();
        if (govctl.output == Output.json) {
            out.println(Api.JSON.writeValueAsString(transfer));
            return;
        }
        JsonNode request = transfer.path("request");
        line(out, "Transfer", transfer.path("id").asString());
        line(out, "Status", transfer.path("status").asString());
        if (transfer.hasNonNull("statusReason")) {
            line(out, "Reason", transfer.get("statusReason").asString());
        }
        List<String> onward = new ArrayList<>();
        request.path("onwardTransfers").forEach(o -> onward.add(o.path("jurisdiction").asString()));
        line(out, "Route", request.path("exporter").path("jurisdiction").asString() + " → "
                + request.path("importer").path("jurisdiction").asString() + " ("
                + request.path("importer").path("name").asString() + ")"
                + (onward.isEmpty() ? "" : ", onward " + String.join(", ", onward)));
        line(out, "Purpose", request.path("purpose").asString());
        line(out, "Period", request.path("period").path("start").asString() + " … "
                + request.path("period").path("end").asString());
        JsonNode approvals = transfer.path("requiredApprovals");
        if (approvals.isArray() && !approvals.isEmpty()) {
            List<String> states = new ArrayList<>();
            approvals.forEach(jurisdiction -> {
                String decided = "pending";
                for (JsonNode decision : transfer.path("decisions")) {
                    if (decision.path("jurisdiction").asString().equals(jurisdiction.asString())) {
                        decided = decision.path("decision").asString() + " by " + decision.path("decidedBy").asString()
                                + " (" + decision.path("reasons").asString() + ")";
                    }
                }
                states.add(jurisdiction.asString() + ": " + decided);
            });
            line(out, "Approvals", String.join("; ", states));
        }
        JsonNode obligations = transfer.path("obligations");
        if (obligations.isArray() && !obligations.isEmpty()) {
            List<String> states = new ArrayList<>();
            obligations.forEach(o -> states.add(o.path("code").asString() + ": " + (o.path("fulfilled").asBoolean()
                    ? "fulfilled (" + o.path("reference").asString() + ")" : "open — " + o.path("text").asString())));
            line(out, "Obligations", String.join("; ", states));
        }
        if (transfer.hasNonNull("appeal")) {
            JsonNode appeal = transfer.get("appeal");
            line(out, "Appeal", appeal.path("grounds").asString() + (appeal.hasNonNull("resolution")
                    ? " → " + appeal.get("resolution").asString() : " (dispute pending)"));
        }
        if (transfer.hasNonNull("expiresAt")) {
            line(out, "Expires", transfer.get("expiresAt").asString());
        }
        line(out, "Updated", transfer.path("updatedAt").asString() + " (version " + transfer.path("version").asLong()
                + ")");
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("%-12s %s%n", label, value);
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = { "Submit the transfer request in FILE (YAML or JSON).",
            "A retry with the same file returns the first result: the Idempotency-Key is the file's SHA-256." })
    static class Submit implements Callable<Integer> {

        @ParentCommand
        TransferCommand parent;

        @Parameters(paramLabel = "FILE", description = "request.yaml or request.json (docs/design.md §3)")
        Path file;

        @Override
        public Integer call() {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw GovctlException.usage("no such file: " + file);
            } catch (IOException e) {
                throw GovctlException.usage("cannot read " + file + ": " + e.getMessage());
            }
            Object request = RequestFiles.read(file.getFileName().toString(), content);
            Govctl govctl = parent.govctl;
            Api.Response response = govctl.client().post(PATH, request,
                    Map.of("Idempotency-Key", "govctl-" + sha256(content)));
            if (govctl.output == Output.json) {
                print(govctl, response.body());
            } else {
                govctl.out().printf("%s %s (status %s)%n",
                        response.status() == 201 ? "Submitted transfer" : "Already submitted: transfer",
                        response.body().path("id").asString(), response.body().path("status").asString());
                govctl.out().printf("Follow it: govctl transfer watch %s%n", response.body().path("id").asString());
            }
            return ExitCodes.OK;
        }

        static String sha256(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show a transfer: status, approvals, obligations, appeal.")
    static class Status implements Callable<Integer> {

        @ParentCommand
        TransferCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            print(parent.govctl, parent.govctl.client().get(path(id)).body());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List your transfers, newest first.")
    static class ListTransfers implements Callable<Integer> {

        @ParentCommand
        TransferCommand parent;

        @Option(names = "--status", description = "Only this status, e.g. AWAITING_APPROVAL.")
        String status;

        @Option(names = "--destination", paramLabel = "CC", description = "Only to this jurisdiction (ISO code).")
        String destination;

        @Option(names = "--from", paramLabel = "DATE", description = "Only transfers whose period reaches this date.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "Only transfers whose period starts by this date.")
        LocalDate to;

        @Option(names = "--awaiting-me", description = "Regulators: the transfers awaiting your decision.")
        boolean awaitingMe;

        @Option(names = "--cursor", paramLabel = "CURSOR",
                description = "The page after this one: the cursor the previous page printed (default: the newest).")
        String cursor;

        @Option(names = "--size", defaultValue = "20")
        int size;

        @Override
        public Integer call() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status == null ? null : status.toUpperCase(java.util.Locale.ROOT));
            query.put("destination", destination == null ? null : destination.toUpperCase(java.util.Locale.ROOT));
            query.put("from", from);
            query.put("to", to);
            query.put("awaiting", awaitingMe ? "me" : null);
            query.put("cursor", cursor);
            query.put("size", size);
            StringBuilder path = new StringBuilder(PATH).append('?');
            query.forEach((name, value) -> {
                if (value != null) {
                    path.append(name).append('=').append(encode(value.toString())).append('&');
                }
            });
            JsonNode body = parent.govctl.client().get(path.substring(0, path.length() - 1)).body();
            Govctl govctl = parent.govctl;
            if (govctl.output == Output.json) {
                govctl.out().println(Api.JSON.writeValueAsString(body));
                return ExitCodes.OK;
            }
            PrintWriter out = govctl.out();
            out.printf("%-36s  %-17s  %-7s  %-23s  %s%n", "ID", "STATUS", "ROUTE", "PERIOD", "SUBMITTED");
            body.path("content").forEach(t -> out.printf("%-36s  %-17s  %-7s  %-23s  %s%n", t.path("id").asString(),
                    t.path("status").asString(),
                    t.path("request").path("exporter").path("jurisdiction").asString() + "→"
                            + t.path("request").path("importer").path("jurisdiction").asString(),
                    t.path("request").path("period").path("start").asString() + "…"
                            + t.path("request").path("period").path("end").asString(),
                    t.path("submittedAt").asString()));
            long total = body.path("totalElements").asLong();
            JsonNode next = body.path("nextCursor");
            out.printf("%d of %d%s%n", body.path("content").size(), total,
                    next.isString() ? "; the next page: --cursor " + next.asString() : "");
            return ExitCodes.OK;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = { "Follow a transfer live until it reaches a decision.",
            "Exits 0 at PERMITTED, CONDITIONAL, PROHIBITED, APPROVED, REJECTED, EXPIRED or WITHDRAWN." })
    static class Watch implements Callable<Integer> {

        @ParentCommand
        TransferCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--timeout", defaultValue = "PT1H", description = "Give up after (ISO-8601, default ${DEFAULT-VALUE}); exit 3.")
        Duration timeout;

        @Override
        public Integer call() {
            Govctl govctl = parent.govctl;
            PrintWriter out = govctl.out();
            boolean live = System.console() != null && govctl.output == Output.text;
            Instant started = govctl.clock.instant();
            Instant deadline = started.plus(timeout);
            String[] last = { null };
            while (govctl.clock.instant().isBefore(deadline)) {
                boolean decided = govctl.client().follow(path(id, "events"), event -> {
                    JsonNode change = Api.JSON.readTree(event.data());
                    String status = change.path("status").asString();
                    if (govctl.output == Output.json) {
                        out.println(Api.JSON.writeValueAsString(change));
                    } else if (!status.equals(last[0]) || live) {
                        long seconds = Duration.between(started, govctl.clock.instant()).toSeconds();
                        String progress = String.format("%s  %-17s  v%d  %s  (%ds)", id, status,
                                change.path("version").asLong(), change.path("type").asString(), seconds);
                        if (live) {
                            out.print("\r\u001b[2K" + progress);
                        } else {
                            out.println(progress);
                        }
                    }
                    out.flush();
                    last[0] = status;
                    return !DECIDED.contains(status);
                });
                if (decided) {
                    if (live) {
                        out.println();
                    }
                    if (govctl.output == Output.text) {
                        out.printf("Decided: %s%n", last[0]);
                    }
                    return ExitCodes.OK;
                }
                // the server closed the stream (timeout, redeploy): reconnect, the current status comes first
            }
            throw new GovctlException(ExitCodes.REFUSED, "no decision on " + id + " within " + timeout
                    + " (last status " + last[0] + ")");
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Withdraw a transfer that is not decided for good.")
    static class Withdraw implements Callable<Integer> {

        @ParentCommand
        TransferCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return done(parent.govctl, parent.govctl.client().post(path(id, "withdrawal"), null, Map.of()).body());
        }
    }

    @Command(name = "appeal", mixinStandardHelpOptions = true,
            description = "Appeal a rejection; the dispute service takes it from there.")
    static class Appeal implements Callable<Integer> {

        @ParentCommand
        TransferCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--grounds", required = true, description = "Why the rejection is wrong.")
        String grounds;

        @Override
        public Integer call() {
            return done(parent.govctl, parent.govctl.client().post(path(id, "appeal"), Map.of("grounds", grounds),
                    Map.of()).body());
        }
    }

    @Command(name = "fulfil", mixinStandardHelpOptions = true,
            description = "Record that an obligation of a CONDITIONAL transfer is met.")
    static class Fulfil implements Callable<Integer> {

        @ParentCommand
        TransferCommand parent;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "CODE", description = "The obligation's code, as `status` shows it.")
        String code;

        @Option(names = "--reference", required = true, description = "E.g. the filing number of the contract.")
        String reference;

        @Override
        public Integer call() {
            return done(parent.govctl, parent.govctl.client().post(path(id, "obligations", encode(code), "fulfilment"),
                    Map.of("reference", reference), Map.of()).body());
        }
    }

    private static int done(Govctl govctl, JsonNode transfer) {
        if (govctl.output == Output.json) {
            print(govctl, transfer);
        } else {
            govctl.out().printf("Transfer %s is now %s%n", transfer.path("id").asString(),
                    transfer.path("status").asString());
        }
        return ExitCodes.OK;
    }
}
