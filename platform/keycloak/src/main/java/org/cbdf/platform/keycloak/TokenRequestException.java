package org.cbdf.platform.keycloak;

/**
 * The token endpoint refused a request: its HTTP status and the OAuth 2.0 error it named
 * ({@code invalid_grant}, {@code unauthorized_client}, {@code invalid_client} …).
 */
public final class TokenRequestException extends RuntimeException {

    private final int statusCode;
    private final String error;
    private final String errorDescription;

    TokenRequestException(int statusCode, String error, String errorDescription, String body) {
        super("Token request refused with HTTP " + statusCode + ": " + (error.isEmpty() ? body : error
                + (errorDescription.isEmpty() ? "" : " (" + errorDescription + ")")));
        this.statusCode = statusCode;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The OAuth 2.0 {@code error} code, or empty. */
    public String error() {
        return error;
    }

    public String errorDescription() {
        return errorDescription;
    }
}
