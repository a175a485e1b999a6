package org.cbdf.portal.session;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The addresses browsers reach the portal at, the preferred one first: those the realm's {@code portal} client
 * allows as redirect URIs. The portal hands browsers absolute URLs of its own (the login's {@code redirect_uri}, the
 * logout's {@code post_logout_redirect_uri}, the page to return to after logging in, all built by Spring Security
 * from the request); they are built from one of these, never from the {@code Host} a client sent, which is the
 * client's to choose. The scheme and port come from the address too, so a portal behind a TLS-terminating proxy
 * needs no forwarded header to know it is reached over https.
 */
@ConfigurationProperties("cbdf.portal.public")
record PublicAddresses(List<URI> urls) {

    PublicAddresses {
        urls = urls == null ? List.of() : List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalStateException("cbdf.portal.public.urls must name where browsers reach the portal "
                    + "(PORTAL_PUBLIC_URLS, e.g. https://portal.example.com)");
        }
        for (URI url : urls) {
            if (!url.isAbsolute() || url.getHost() == null || !(url.getScheme().equals("http")
                    || url.getScheme().equals("https")) || !(url.getRawPath() == null || url.getRawPath().isEmpty()
                    || url.getRawPath().equals("/"))) {
                throw new IllegalStateException("cbdf.portal.public.urls: '" + url
                        + "' is not an http(s) origin such as https://portal.example.com");
            }
        }
    }

    /** The address a request was made to, if it is one of them (by host name); else the preferred one. */
    URI of(HttpServletRequest request) {
        String host = request.getServerName();
        return urls.stream().filter(url -> url.getHost().equalsIgnoreCase(host)).findFirst().orElse(urls.getFirst());
    }

    /** Every request as if made to {@link #of its address}: whatever builds a URL from it builds one of these. */
    static final class Requests extends OncePerRequestFilter {

        private final PublicAddresses addresses;

        Requests(PublicAddresses addresses) {
            this.addresses = addresses;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(new AtAddress(request, addresses.of(request)), response);
        }
    }

    private static final class AtAddress extends HttpServletRequestWrapper {

        private final URI address;
        private final int port;

        AtAddress(HttpServletRequest request, URI address) {
            super(request);
            this.address = address;
            this.port = address.getPort() != -1 ? address.getPort() : address.getScheme().equals("https") ? 443 : 80;
        }

        @Override
        public String getScheme() {
            return address.getScheme();
        }

        @Override
        public boolean isSecure() {
            return address.getScheme().equals("https");
        }

        @Override
        public String getServerName() {
            return address.getHost();
        }

        @Override
        public int getServerPort() {
            return port;
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(address.getScheme()).append("://").append(host()).append(getRequestURI());
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.HOST.equalsIgnoreCase(name) ? host() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.HOST.equalsIgnoreCase(name) ? Collections.enumeration(List.of(host()))
                    : super.getHeaders(name);
        }

        private String host() {
            return address.getPort() == -1 ? address.getHost() : address.getHost() + ":" + address.getPort();
        }
    }
}
