package org.cbdf.transfer.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The expiry poller's switch and interval: on by default, every minute; off with
 * {@code cbdf.transfer.poll-expiry=false}, what the integration tests set to call {@link TransferExpiry#expireDue()}
 * themselves.
 */
class ExpiryConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(TransferExpiry.class, () -> mock(TransferExpiry.class))
            .withUserConfiguration(ExpiryConfiguration.class);

    @Test
    void aServiceExpiresDueTransfersEveryMinuteUnlessConfiguredOtherwise() {
        context.run(started -> {
            assertThat(started).hasSingleBean(ExpiryConfiguration.ExpiryPoller.class);
            assertThat(fixedDelays(started)).containsExactly(Duration.ofMinutes(1));
        });
        context.withPropertyValues("cbdf.transfer.poll-expiry=true", "cbdf.transfer.expiry-check=PT5M")
                .run(started -> assertThat(fixedDelays(started)).containsExactly(Duration.ofMinutes(5)));
    }

    @Test
    void switchedOffNothingIsScheduled() {
        context.withPropertyValues("cbdf.transfer.poll-expiry=false").run(started -> {
            assertThat(started).doesNotHaveBean(ExpiryConfiguration.ExpiryPoller.class);
            assertThat(started).doesNotHaveBean(ScheduledTaskHolder.class);
        });
    }

    private static List<Duration> fixedDelays(AssertableApplicationContext started) {
        return started.getBean(ScheduledTaskHolder.class).getScheduledTasks().stream()
                .map(ScheduledTask::getTask)
                .filter(FixedDelayTask.class::isInstance)
                .map(task -> ((FixedDelayTask) task).getIntervalDuration())
                .toList();
    }
}
