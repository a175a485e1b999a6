package org.cbdf.audit.checkpoint;

import java.time.Clock;

import org.cbdf.platform.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AuditProperties.class)
class CheckpointConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CheckpointConfiguration.class);

    @Bean
    SigningKey signingKey(AuditProperties properties) {
        return SigningKey.load(properties.origin(), properties.signing());
    }

    @Bean
    Checkpoints checkpoints(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, SigningKey key,
            AuditProperties properties, Clock clock) {
        return new Checkpoints(jdbc, transactions, outbox, key, properties.origin(), clock);
    }

    /** Signs the head every {@code cbdf.audit.checkpoints.interval} if it grew; a failed round is retried next time. */
    @Bean
    SchedulingConfigurer checkpointSchedule(Checkpoints checkpoints, AuditProperties properties) {
        return registrar -> {
            if (properties.checkpoints().interval().isPositive()) {
                registrar.addFixedDelayTask(() -> {
                    try {
                        checkpoints.signHead(false);
                    } catch (RuntimeException e) {
                        log.warn("Signing the ledger's head failed, retrying in {}: {}",
                                properties.checkpoints().interval(), e.toString());
                    }
                }, properties.checkpoints().interval());
            }
        };
    }
}
