package org.cbdf.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits how fast each client may call the API: a token bucket (Bucket4j) per client, holding {@code burst}
 * requests and refilled at {@code requestsPerSecond}. A request finding the bucket empty is answered {@code 429}
 * with {@code Retry-After} (whole seconds until the next token) and a problem document, and goes no further.
 * <p>
 * A client is who the access token says: its {@code azp} (the OAuth2 client) and {@code sub} (the user), so a user's
 * CLI and portal sessions are limited apart and one noisy user does not slow another down. A caller without a token
 * (only public paths get that far) is its remote address. The filter runs after Spring Security's, where the token
 * has been verified: a forged token never gets a bucket of its own. CORS pre-flights ({@code OPTIONS}) and the
 * exempt paths (health probes, metrics scrapes) are not limited.
 * <p>
 * Buckets live in memory, per instance, and are forgotten once idle long enough to be full again (forgetting a full
 * bucket changes nothing); with several replicas a client's effective limit is the sum of theirs.
 */
public class RequestRateLimit extends OncePerRequestFilter {

    private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.oauth2.core.ClaimAccessor", RequestRateLimit.class.getClassLoader())
            && ClassUtils.isPresent("org.springframework.security.core.Authentication",
                    RequestRateLimit.class.getClassLoader());
    /** Bounds the memory a flood of distinct clients can take; an evicted client merely starts with a full bucket. */
    private static final long MAX_CLIENTS = 100_000;

    private final long requestsPerSecond;
    private final long burst;
    private final List<String> exemptPaths;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;
    private final AntPathMatcher paths = new AntPathMatcher();

    public RequestRateLimit(RateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    /** With the clock the buckets refill by, so that a test can move time on. */
    RequestRateLimit(RateLimitProperties properties, LongSupplier nanoTime) {
        this.requestsPerSecond = properties.requestsPerSecond();
        this.burst = properties.burst();
        this.exemptPaths = properties.exemptPaths();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        // time for an empty bucket to fill up again, rounded up: idle that long, a bucket is as good as new
        long refillNanos = Math.ceilDiv(burst * TimeUnit.SECONDS.toNanos(1), requestsPerSecond);
        this.buckets = Caffeine.newBuilder()
                .ticker(nanoTime::getAsLong)
                .expireAfterAccess(Duration.ofNanos(refillNanos))
                .maximumSize(MAX_CLIENTS)
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (HttpMethod.OPTIONS.matches(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return exemptPaths.stream().anyMatch(pattern -> paths.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = buckets.get(client(request), client -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), TimeUnit.SECONDS.toNanos(1)));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(problemJson(retryAfter).getBytes(StandardCharsets.UTF_8));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    private String problemJson(long retryAfter) {
        return "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\"This client sent more than " + requestsPerSecond + " requests per second (bursts of "
                + burst + "); retry in " + retryAfter + " s.\",\"retryAfterSeconds\":" + retryAfter + "}";
    }

    /** Whom a request counts against: the token's client and user, else the authenticated name, else the address. */
    static String client(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        String client = principal == null ? null
                : SECURITY_PRESENT ? TokenClient.of(principal) : "user " + principal.getName();
        return client != null ? client : "address " + request.getRemoteAddr();
    }

    /** Apart, so that the class loads where Spring Security is not on the classpath. */
    private static final class TokenClient {

        static String of(Principal principal) {
            if (principal instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
                return null;
            }
            if (principal instanceof org.springframework.security.core.Authentication authentication
                    && authentication.getPrincipal()
                            instanceof org.springframework.security.oauth2.core.ClaimAccessor claims
                    && claims.getClaimAsString("sub") != null) {
                return "token " + claims.getClaimAsString("azp") + " " + claims.getClaimAsString("sub");
            }
            return "user " + principal.getName();
        }
    }
}
