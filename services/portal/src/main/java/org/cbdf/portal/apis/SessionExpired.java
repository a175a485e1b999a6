package org.cbdf.portal.apis;

/**
 * An API no longer accepts the session's access token (it ran out and could not be refreshed, or Keycloak
 * ended the session): the user has to log in again. {@link SessionExpiry} turns it into a clear page.
 */
public class SessionExpired extends RuntimeException {

    public SessionExpired(String service) {
        super(service + " no longer accepts the session's access token");
    }
}
