package org.cbdf.transfer.requests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class ExpiryConfiguration {

    /**
     * The expiry poller. Due dates are rows ({@code transfer.expires_at}), not in-memory timers, so they survive
     * restarts; every replica polls, and {@code for update skip locked} lets only one expire each due transfer (as the
     * dispute service's deadline poller; ShedLock is not needed for that). Tests switch it off
     * ({@code cbdf.transfer.poll-expiry=false}) and call {@link TransferExpiry#expireDue()} themselves, with a clock
     * they control.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "cbdf.transfer.poll-expiry", havingValue = "true", matchIfMissing = true)
    static class ExpiryPoller {

        private static final Logger log = LoggerFactory.getLogger(ExpiryPoller.class);

        private final TransferExpiry expiry;

        ExpiryPoller(TransferExpiry expiry) {
            this.expiry = expiry;
        }

        @Scheduled(fixedDelayString = "${cbdf.transfer.expiry-check:PT1M}",
                initialDelayString = "${cbdf.transfer.expiry-check:PT1M}")
        void poll() {
            int expired = expiry.expireDue();
            if (expired > 0) {
                log.info("Expired {} transfer(s)", expired);
            }
        }
    }
}
