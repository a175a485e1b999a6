package org.cbdf.portal.apis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.cbdf.portal.PortalProperties;
import org.cbdf.portal.session.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The transfer service's event streams, opened with the user's own token: a transfer's
 * ({@code GET /api/v1/transfers/{id}/events}) and every transfer the user may see ({@code GET /api/v1/transfers/stream},
 * which the service filters: an enterprise its organisation's, a regulator those involving its jurisdiction, an
 * auditor all). Opening goes through the transfer service's circuit breaker ({@link ServiceCircuits}) and may take
 * the read timeout until the first answer; a stream once open lasts as long as the service keeps it (30 minutes).
 */
@Component
public class TransferStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransferStreams.class);

    /** Why no stream was opened though the transfer service answered. */
    public enum Refusal {
        /** 401: the token ran out */
        UNAUTHORIZED,
        /** 429: as many streams open as one user or the service may hold */
        TOO_MANY,
        /** anything else (404: not, or no longer, the user's to see; 403: a role the stream does not serve) */
        NOTHING_VISIBLE
    }

    /** How opening went: streams, a refusal, or a service that cannot be had (with how long to wait). */
    public sealed interface Opening {
        record Open(List<Upstream> streams) implements Opening {
        }

        record Refused(Refusal refusal) implements Opening {
        }

        /** @param retryAfter how long the circuit stays open, or the timeout waited */
        record Unavailable(ServiceUnavailable.Reason reason, Duration retryAfter) implements Opening {

            Unavailable(ServiceUnavailable unavailable) {
                this(unavailable.reason(), unavailable.waited());
            }
        }
    }

    /** An open stream: {@code position} is where its transfer was among those asked for. */
    public static final class Upstream {

        private final int position;
        private final HttpResponse<InputStream> response;

        Upstream(int position, HttpResponse<InputStream> response) {
            this.position = position;
            this.response = response;
        }

        public int position() {
            return position;
        }

        /** Hands the data of each event named {@code name} to {@code data} until the stream ends or is closed. */
        public void read(String name, Consumer<String> data) throws IOException {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                ServerSentEvents.read(reader, event -> {
                    if (name.equals(event.name())) {
                        data.accept(event.data());
                    }
                });
            }
        }

        public void close() {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // closing a stream nobody reads any more
            }
        }
    }

    private final URI transferService;
    private final ServiceCircuits circuits;
    /** How long opening the streams may take, until their first answer. */
    private final Duration openTimeout;
    private final Duration connectTimeout;
    private volatile HttpClient http;
    private volatile boolean running;
    private boolean stopped;

    TransferStreams(PortalProperties properties, ServiceCircuits circuits) {
        this.transferService = properties.transferService();
        this.circuits = circuits;
        this.openTimeout = properties.calls().readTimeout();
        this.connectTimeout = properties.calls().connectTimeout();
        this.http = client();
    }

    private HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /**
     * Opens the streams of these transfers, all at once; opening them counts as one call to the transfer service for
     * its circuit breaker: it worked if any of them was answered (a refusal too), it failed if none was — no
     * connection, no answer within the read timeout, or only server errors. Any 401 refuses them all.
     */
    public Opening transfers(PortalUser user, List<String> transferIds) {
        try {
            circuits.permit(Downstream.TRANSFER);
        } catch (ServiceUnavailable open) {
            return new Opening.Unavailable(open);
        }
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<InputStream>>> pending = transferIds.stream()
                .map(id -> http.sendAsync(request("/api/v1/transfers/" + id + "/events", user),
                        HttpResponse.BodyHandlers.ofInputStream()))
                .toList();
        List<Upstream> open = new ArrayList<>();
        boolean unauthorized = false;
        boolean busy = false;
        boolean answered = false;
        Throwable failure = null;
        for (int i = 0; i < transferIds.size(); i++) {
            try {
                HttpResponse<InputStream> response = pending.get(i).join();
                if (response.statusCode() >= 500) {
                    failure = new IOException("the transfer service answered " + response.statusCode());
                } else {
                    answered = true;
                }
                if (response.statusCode() == 200 && eventStream(response)) {
                    open.add(new Upstream(i, response));
                } else {
                    unauthorized |= response.statusCode() == 401;
                    busy |= response.statusCode() == 429;
                    response.body().close();
                }
            } catch (CompletionException | IOException failed) {
                failure = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
                log.debug("Could not follow transfer {}: {}", transferIds.get(i), failed.toString());
            }
        }
        if (answered || failure == null) {
            circuits.succeeded(Downstream.TRANSFER, started);
        } else {
            circuits.failed(Downstream.TRANSFER, started, failure);
            return new Opening.Unavailable(ServiceCircuits.unavailable(Downstream.TRANSFER, openTimeout, false, failure));
        }
        if (unauthorized || open.isEmpty()) {
            open.forEach(Upstream::close);
            return new Opening.Refused(unauthorized ? Refusal.UNAUTHORIZED
                    : busy ? Refusal.TOO_MANY : Refusal.NOTHING_VISIBLE);
        }
        return new Opening.Open(List.copyOf(open));
    }

    /**
     * Opens the stream of every transfer the user may see. It is one call to the transfer service for its circuit
     * breaker: no connection, no answer within the read timeout, a server error or an answer that is not an event
     * stream count as failed; a refusal as working.
     */
    public Opening visible(PortalUser user) {
        CircuitBreaker breaker;
        try {
            breaker = circuits.permit(Downstream.TRANSFER);
        } catch (ServiceUnavailable open) {
            return new Opening.Unavailable(open);
        }
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request("/api/v1/transfers/stream", user), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException failed) {
            ServiceUnavailable unavailable = ServiceCircuits.unavailable(Downstream.TRANSFER, openTimeout, false, failed);
            circuits.failed(Downstream.TRANSFER, started, unavailable);
            log.debug("Could not follow the transfers of {}: {}", user.username(), failed.toString());
            return new Opening.Unavailable(unavailable);
        } catch (InterruptedException interrupted) {
            // the portal is shutting down: nothing the transfer service did
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            return new Opening.Unavailable(ServiceUnavailable.Reason.UNREACHABLE, openTimeout);
        }
        int status = response.statusCode();
        Upstream upstream = new Upstream(0, response);
        if (status >= 500 || (status == 200 && !eventStream(response))) {
            upstream.close();
            ServiceUnavailable.Reason reason = status >= 500 ? ServiceUnavailable.Reason.SERVER_ERROR
                    : ServiceUnavailable.Reason.BAD_ANSWER;
            circuits.failed(Downstream.TRANSFER, started, new IOException(status >= 500
                    ? "the transfer service's stream answered " + status
                    : "the transfer service's stream answered without an event stream"));
            return new Opening.Unavailable(reason, openTimeout);
        }
        circuits.succeeded(Downstream.TRANSFER, started);
        if (status != 200) {
            upstream.close();
            log.debug("The transfer service refused {} its stream: {}", user.username(), status);
            return new Opening.Refused(status == 401 ? Refusal.UNAUTHORIZED
                    : status == 429 ? Refusal.TOO_MANY : Refusal.NOTHING_VISIBLE);
        }
        return new Opening.Open(List.of(upstream));
    }

    private HttpRequest request(String path, PortalUser user) {
        return HttpRequest.newBuilder(transferService.resolve(path)).header("Authorization", "Bearer " + user.token())
                .header("Accept", "text/event-stream").timeout(openTimeout).GET().build();
    }

    private static boolean eventStream(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").filter(type -> type.startsWith("text/event-stream"))
                .isPresent();
    }

    /** Also after a {@link #stop()} (a test framework pauses and resumes contexts it keeps). */
    @Override
    public synchronized void start() {
        if (stopped) {
            http = client();
            stopped = false;
        }
        running = true;
    }

    /** Ends every open stream (the relays have let their browsers go by then). */
    @Override
    public synchronized void stop() {
        running = false;
        stopped = true;
        http.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
