package org.cbdf.tools.govctl;

/** A failure govctl explains to its user and turns into an exit code ({@link ExitCodes}). */
class GovctlException extends RuntimeException {

    private final int exitCode;

    GovctlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    GovctlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static GovctlException usage(String message) {
        return new GovctlException(ExitCodes.USAGE, message);
    }

    static GovctlException auth(String message) {
        return new GovctlException(ExitCodes.AUTH, message);
    }

    static GovctlException unreachable(String what, Throwable cause) {
        return new GovctlException(ExitCodes.UNREACHABLE, "cannot reach " + what + ": "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    }
}
