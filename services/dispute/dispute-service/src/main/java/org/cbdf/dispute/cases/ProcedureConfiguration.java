package org.cbdf.dispute.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcedureRules.class)
class ProcedureConfiguration {

    /**
     * The deadline poller. Deadlines are rows ({@code dispute_case.deadline}), not in-memory timers, so they survive
     * restarts; every replica polls, and {@code for update skip locked} lets only one handle each passed deadline.
     * Tests switch it off ({@code cbdf.dispute.procedure.poll-deadlines=false}) and call
     * {@link DisputeProcedure#fireDueDeadlines()} themselves, with a clock they control.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "cbdf.dispute.procedure.poll-deadlines", havingValue = "true", matchIfMissing = true)
    static class DeadlinePoller {

        private static final Logger log = LoggerFactory.getLogger(DeadlinePoller.class);

        private final DisputeProcedure procedure;

        DeadlinePoller(DisputeProcedure procedure) {
            this.procedure = procedure;
        }

        @Scheduled(fixedDelayString = "${cbdf.dispute.procedure.deadline-poll-interval:PT1M}",
                initialDelayString = "${cbdf.dispute.procedure.deadline-poll-interval:PT1M}")
        void poll() {
            int fired = procedure.fireDueDeadlines();
            if (fired > 0) {
                log.info("{} dispute deadline(s) fired", fired);
            }
        }
    }
}
