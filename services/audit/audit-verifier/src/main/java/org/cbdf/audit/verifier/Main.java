package org.cbdf.audit.verifier;

import picocli.CommandLine;

/** {@code java -jar audit-verifier.jar verify bundle.zip}: the audit commands without the rest of govctl. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AuditCommand()).execute(args));
    }
}
