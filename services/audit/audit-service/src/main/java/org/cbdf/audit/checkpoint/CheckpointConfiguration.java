package org.cbdf.audit.checkpoint;

import java.time.Clock;
import java.time.Duration;

import org.cbdf.platform.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class CheckpointConfiguration {

    @Bean
    SigningKey signingKey(AuditProperties properties) {
        return SigningKey.load(properties.origin(), properties.signing());
    }

    @Bean
    Checkpoints checkpoints(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, SigningKey key,
            AuditProperties properties, Clock clock) {
        return new Checkpoints(jdbc, transactions, outbox, key, properties.origin(), clock);
    }

    /**
     * The checkpoint signer: signs the head every {@code cbdf.audit.checkpoints.interval} if it grew, the first time
     * at start-up; a failed round is retried the next time. Tests and deployments that sign on demand only switch it
     * off with an interval of {@code 0s}.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @Conditional(SignsPeriodically.class)
    static class CheckpointSigner {

        private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);

        private final Checkpoints checkpoints;
        private final Duration interval;

        CheckpointSigner(Checkpoints checkpoints, AuditProperties properties) {
            this.checkpoints = checkpoints;
            this.interval = properties.checkpoints().interval();
        }

        @Scheduled(fixedDelayString = "${cbdf.audit.checkpoints.interval:1m}")
        void sign() {
            try {
                checkpoints.signHead(false);
            } catch (RuntimeException e) {
                log.warn("Signing the ledger's head failed, retrying in {}: {}", interval, e.toString());
            }
        }
    }

    /** A positive {@code cbdf.audit.checkpoints.interval} (its default, {@code 1m}, is). */
    static class SignsPeriodically implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("cbdf.audit.checkpoints.interval", Duration.class)
                    .orElse(Duration.ofMinutes(1)).isPositive();
        }
    }
}
