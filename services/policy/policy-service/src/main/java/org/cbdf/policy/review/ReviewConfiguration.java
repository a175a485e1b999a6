package org.cbdf.policy.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReviewRules.class)
class ReviewConfiguration {

    /**
     * The review scheduler. Deadlines and review dates are rows ({@code adequacy_review.deadline},
     * {@code entry_into_force}, {@code review_date}), not in-memory timers, so they survive restarts; every replica
     * polls, and {@code for update skip locked} lets only one handle each due step (as the dispute service's deadline
     * poller; ShedLock is not needed for that). Tests switch it off ({@code cbdf.policy.reviews.poll=false}) and call
     * {@link ReviewProcedure#runDueSteps()} themselves, with a clock they control.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "cbdf.policy.reviews.poll", havingValue = "true", matchIfMissing = true)
    static class ReviewScheduler {

        private static final Logger log = LoggerFactory.getLogger(ReviewScheduler.class);

        private final ReviewProcedure procedure;

        ReviewScheduler(ReviewProcedure procedure) {
            this.procedure = procedure;
        }

        @Scheduled(fixedDelayString = "${cbdf.policy.reviews.poll-interval:PT1H}",
                initialDelayString = "${cbdf.policy.reviews.poll-interval:PT1H}")
        void poll() {
            ReviewProcedure.DueSteps steps = procedure.runDueSteps();
            if (steps.opinionDeadlines() + steps.enteredIntoForce() + steps.periodicReviewsOpened() > 0) {
                log.info("Adequacy reviews: {} opinion deadline(s) passed, {} entered into force, {} periodic review(s) "
                        + "opened", steps.opinionDeadlines(), steps.enteredIntoForce(), steps.periodicReviewsOpened());
            }
        }
    }
}
