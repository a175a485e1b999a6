package org.cbdf.tools.govctl;

/** What govctl's exit status means; scripts rely on these, so they never change. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The command line was wrong: unknown command or option, missing argument, unreadable file. */
    public static final int USAGE = 1;
    /** The transfer (or other resource) does not exist or is not the caller's to see. */
    public static final int NOT_FOUND = 2;
    /** The platform refused the request (a problem document: invalid input, impossible transition, forbidden). */
    public static final int REFUSED = 3;
    /** Not logged in, the session expired, or the credentials were refused. */
    public static final int AUTH = 4;
    /** The API or the identity provider could not be reached. */
    public static final int UNREACHABLE = 5;

    private ExitCodes() {
    }
}
