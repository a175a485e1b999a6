package org.cbdf.portal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.cbdf.portal.PortalWebTests;
import org.cbdf.portal.session.PortalUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The transfer service's caps on status streams as the browser meets them, and the relays' keep-alive, which one
 * browser that stopped reading must not hold up for the others.
 */
class StreamCapsTests extends PortalWebTests {

    @Autowired
    TransferFeeds feeds;
    @Autowired
    LiveRelay<TransferFeeds.Visible> lists;

    @AfterEach
    void browsersGone() {
        services.reset();
        await().atMost(Duration.ofSeconds(10)).until(() -> feeds.openUpstreams() == 0 && lists.following() == 0);
    }

    @Test
    void aListOverTheTransferServicesCapIsToldToComeBackLaterNotThatThereIsNothingToFollow() throws Exception {
        services.transferStream().refuseWith(429);

        mvc.perform(get("/live/transfers").accept(MediaType.TEXT_EVENT_STREAM)
                        .with(PortalUsers.regulator("CN").session()))
                .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "60"));
        assertThat(lists.following()).as("the slot given back").isZero();
    }

    @Test
    @Timeout(30)
    void aBrowserThatStoppedReadingHoldsUpNobodyElsesKeepAlive() {
        StalledBrowser stalled = new StalledBrowser();
        List<String> received = new CopyOnWriteArrayList<>();
        BrowserStream stuck = new Stream(stalled);
        BrowserStream reading = new Stream(new SseEmitter() {
            @Override
            public void send(SseEventBuilder event) {
                received.add(event.build().iterator().next().getData().toString());
            }
        });
        try {
            // what the keep-alive does for every browser in turn, twice: the stalled one's write never returns
            for (int round = 0; round < 2; round++) {
                stuck.keepAlive(SseEmitter.event().comment("keep-alive"));
                reading.keepAlive(SseEmitter.event().comment("keep-alive"));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(received).as("the reading browser's keep-alive").isNotEmpty();
                assertThat(stalled.writes).as("the second keep-alive skipped, not queued behind the first")
                        .hasValue(1);
            });
        } finally {
            stalled.reads.countDown();
        }
    }

    private static final class Stream extends BrowserStream {

        Stream(SseEmitter emitter) {
            super(emitter);
        }

        @Override
        void release() {
        }
    }

    /** A browser whose socket is full: a write waits until it reads again. */
    private static final class StalledBrowser extends SseEmitter {

        final CountDownLatch reads = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public void send(SseEventBuilder event) throws IOException {
            writes.incrementAndGet();
            try {
                reads.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException(interrupted);
            }
        }
    }
}
