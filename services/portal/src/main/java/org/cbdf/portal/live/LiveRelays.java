package org.cbdf.portal.live;

import java.time.Duration;
import java.util.List;

import org.cbdf.portal.PortalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The three kinds of live stream a browser may open, each a {@link LiveRelay} of what it follows. */
@Configuration(proxyBeanMethods = false)
class LiveRelays {

    /** How often a relayed stream is kept alive, which also notices a browser gone. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    /** Cases followed at once per portal instance. */
    static final int MAX_DISPUTES = 500;

    /** A page's transfers (a transfer's page: its one), as many as browsers ask for. */
    @Bean
    LiveRelay<List<TransferFeeds.Followed>> transferPageRelay(TransferFeeds feeds) {
        return new LiveRelay<>("transfer-relay", feeds::page, Integer.MAX_VALUE, KEEP_ALIVE);
    }

    /** Lists of transfers, each one upstream stream: at most {@code cbdf.portal.live.max-transfer-streams}. */
    @Bean
    LiveRelay<TransferFeeds.Visible> transferListRelay(TransferFeeds feeds, PortalProperties properties) {
        return new LiveRelay<>("list-relay", feeds::list, properties.live().maxTransferStreams(), KEEP_ALIVE);
    }

    /** Dispute pages: each poll ends with its own keep-alive. */
    @Bean
    LiveRelay<DisputePolls.Followed> disputePageRelay(DisputePolls polls) {
        return new LiveRelay<>("dispute-relay", polls::open, MAX_DISPUTES, null);
    }
}
