package org.cbdf.portal.apis;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cbdf.portal.PortalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * One circuit breaker per service the portal calls (Resilience4j). A call that gets no connection, no answer in
 * time, an unreadable answer or a server error (5xx) counts as failed; once too many of the recent ones failed, the
 * service is not called at all for a while and pages say at once that it is unavailable, instead of each holding a
 * request thread for the whole timeout. Anything else the service answered — a refusal, an expired token — counts as
 * the service working. Each breaker's state is the gauge {@code portal.downstream.circuit} (0 closed, 1 open,
 * 2 half open), and every change of state is logged.
 */
@Component
public class ServiceCircuits {

    private static final Logger log = LoggerFactory.getLogger(ServiceCircuits.class);

    private final Map<Downstream, CircuitBreaker> breakers = new EnumMap<>(Downstream.class);
    private final Duration openFor;

    public ServiceCircuits(PortalProperties properties, ObjectProvider<MeterRegistry> meters) {
        PortalProperties.CircuitBreaker settings = properties.calls().circuitBreaker();
        this.openFor = settings.openFor();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .build());
        MeterRegistry meterRegistry = meters.getIfAvailable();
        for (Downstream service : Downstream.values()) {
            CircuitBreaker breaker = registry.circuitBreaker(service.breakerName());
            breaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit of the {}: {}",
                    service.breakerName(), event.getStateTransition()));
            breakers.put(service, breaker);
            if (meterRegistry != null) {
                Gauge.builder("portal.downstream.circuit", breaker, b -> switch (b.getState()) {
                    case OPEN, FORCED_OPEN -> 1;
                    case HALF_OPEN -> 2;
                    default -> 0;
                }).description("circuit breaker of a service the portal calls: 0 closed, 1 open, 2 half open")
                        .tag("service", service.breakerName()).register(meterRegistry);
            }
        }
    }

    /**
     * Makes {@code call} to {@code service} through its breaker. {@code failed} tells an answer that counts as a
     * failure (a server error the caller shows as a refusal). A failure to connect or to answer within
     * {@code timeout} becomes {@link ServiceUnavailable}; an open circuit fails at once the same way, without
     * calling.
     */
    <T> T call(Downstream service, Duration timeout, boolean change, Supplier<T> call, Predicate<? super T> failed) {
        CircuitBreaker breaker = permit(service);
        long started = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (ServiceUnavailable | DownloadAborted notTheService) {
            if (notTheService instanceof ServiceUnavailable unavailable) {
                breaker.onError(elapsed(started), TimeUnit.NANOSECONDS, unavailable);
            } else {
                breaker.releasePermission();
            }
            throw notTheService;
        } catch (ResponseStatusException answered) {
            if (answered.getStatusCode().is5xxServerError()) {
                breaker.onError(elapsed(started), TimeUnit.NANOSECONDS, answered);
            } else {
                breaker.onSuccess(elapsed(started), TimeUnit.NANOSECONDS);
            }
            throw answered;
        } catch (RestClientException | UncheckedIOException failure) {
            ServiceUnavailable unavailable = unavailable(service, timeout, change, failure);
            breaker.onError(elapsed(started), TimeUnit.NANOSECONDS, unavailable);
            throw unavailable;
        } catch (RuntimeException | Error other) {
            // e.g. SessionExpired: the service answered, and the answer is handled elsewhere
            breaker.onSuccess(elapsed(started), TimeUnit.NANOSECONDS);
            throw other;
        }
        if (failed.test(result)) {
            breaker.onError(elapsed(started), TimeUnit.NANOSECONDS, new IllegalStateException(
                    service.breakerName() + " answered with a server error"));
        } else {
            breaker.onSuccess(elapsed(started), TimeUnit.NANOSECONDS);
        }
        return result;
    }

    /**
     * For a call made some other way (an asynchronous status stream): the breaker's permission, or
     * {@link ServiceUnavailable} at once when the circuit is open. Report the call's end with {@link #succeeded}
     * or {@link #failed}.
     */
    public CircuitBreaker permit(Downstream service) {
        CircuitBreaker breaker = breakers.get(service);
        if (!breaker.tryAcquirePermission()) {
            throw new ServiceUnavailable(service, ServiceUnavailable.Reason.CIRCUIT_OPEN, openFor, false, null);
        }
        return breaker;
    }

    public void succeeded(Downstream service, long startedNanos) {
        breakers.get(service).onSuccess(elapsed(startedNanos), TimeUnit.NANOSECONDS);
    }

    public void failed(Downstream service, long startedNanos, Throwable failure) {
        breakers.get(service).onError(elapsed(startedNanos), TimeUnit.NANOSECONDS, failure);
    }

    public CircuitBreaker.State state(Downstream service) {
        return breakers.get(service).getState();
    }

    /** What a failed call means for the user: no connection, no answer in time, or an answer it cannot read. */
    public static ServiceUnavailable unavailable(Downstream service, Duration timeout, boolean change, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof InterruptedIOException) {
                // HttpConnectTimeoutException is one too; SocketTimeoutException is an InterruptedIOException
                return new ServiceUnavailable(service, ServiceUnavailable.Reason.TIMEOUT, timeout, change, failure);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return new ServiceUnavailable(service, ServiceUnavailable.Reason.UNREACHABLE, timeout, change, failure);
            }
        }
        return new ServiceUnavailable(service, ServiceUnavailable.Reason.BAD_ANSWER, timeout, change, failure);
    }

    private static long elapsed(long startedNanos) {
        return System.nanoTime() - startedNanos;
    }

    /** The browser went away while the portal passed a download on: nothing the service did wrong. */
    public static final class DownloadAborted extends RuntimeException {
        public DownloadAborted(IOException cause) {
            super("the browser stopped reading the download", cause);
        }
    }
}
