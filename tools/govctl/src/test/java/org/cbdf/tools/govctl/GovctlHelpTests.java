package org.cbdf.tools.govctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import picocli.CommandLine;

/**
 * Every command of govctl answers {@code --help} and {@code -h} with its usage and exit code 0, the whole tree, walked
 * from the root: a command added tomorrow without {@code mixinStandardHelpOptions} fails here.
 */
class GovctlHelpTests {

    /** Every command's names from the root ({@code [transfer, submit]}); the root itself is the empty list. */
    static List<List<String>> commands(CommandLine command, List<String> names) {
        List<List<String>> all = new ArrayList<>();
        all.add(names);
        command.getSubcommands().forEach((name, subcommand) -> {
            if (name.equals(subcommand.getCommandName())) { // each command once, not once per alias
                List<String> path = new ArrayList<>(names);
                path.add(name);
                all.addAll(commands(subcommand, path));
            }
        });
        return all;
    }

    static List<List<String>> everyCommand() {
        return commands(Govctl.commandLine(new Govctl(), System.out, System.err), List.of());
    }

    @Test
    void theTreeIsWalkedWhole() {
        assertThat(everyCommand().stream().map(names -> String.join(" ", names)))
                .contains("", "login", "logout", "transfer", "transfer submit", "transfer status", "transfer list",
                        "transfer watch", "transfer withdraw", "transfer appeal", "transfer fulfil", "audit",
                        "audit verify", "audit replay", "help")
                .hasSizeGreaterThanOrEqualTo(15);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        return everyCommand().stream().flatMap(names -> Stream.of("--help", "-h").map(option -> DynamicTest.dynamicTest(
                ("govctl " + String.join(" ", names)).strip() + " " + option, () -> {
                    var out = new ByteArrayOutputStream();
                    var err = new ByteArrayOutputStream();
                    List<String> args = new ArrayList<>(names);
                    args.add(option);
                    int exit = Govctl.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
                    String usage = out.toString(StandardCharsets.UTF_8);
                    assertThat(exit).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
                    assertThat(usage).contains("Usage: " + String.join(" ", Stream.concat(Stream.of("govctl"),
                            names.stream()).toList()) + " ");
                    assertThat(usage).contains("-h, --help");
                    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
                })));
    }
}
