package org.cbdf.portal;

/**
 * An API no longer accepts the session's access token (it ran out and could not be refreshed, or Keycloak
 * ended the session): the user has to log in again. {@link SessionExpiry} turns it into a clear page.
 */
class SessionExpired extends RuntimeException {

    SessionExpired(String service) {
        super(service + " no longer accepts the session's access token");
    }
}
