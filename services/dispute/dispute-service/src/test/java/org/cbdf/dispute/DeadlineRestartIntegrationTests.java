package org.cbdf.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cbdf.platform.testing.MutableClock;
import org.cbdf.dispute.cases.CaseStatus;
import org.cbdf.dispute.cases.DisputeCase;
import org.cbdf.dispute.cases.DisputeCases;
import org.cbdf.dispute.cases.DisputeId;
import org.cbdf.dispute.cases.DisputeProcedure;
import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.Trigger;
import org.cbdf.platform.testing.TestKafka;
import org.cbdf.platform.testing.TestPostgres;
import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deadlines are rows, not timers in memory: a case opened before a restart times out after it, and with several
 * replicas polling at once its deadline fires exactly once. The service is started by hand (close and start again
 * on the same database), its clock moved by the test.
 */
class DeadlineRestartIntegrationTests {

    private static final MutableClock CLOCK = MutableClock.startingNow();

    @Test
    void aDeadlineRunningAcrossARestartFiresOnceWithTwoReplicasPolling() throws Exception {
        DisputeId disputeId;
        try (ConfigurableApplicationContext first = start()) {
            DisputeProcedure procedure = first.getBean(DisputeProcedure.class);
            disputeId = procedure.open(new DisputeCase.Opening(Trigger.APPEAL, "appeal:restart:" + UUID.randomUUID(),
                    Transfers.newTransferId(), "acme-" + UUID.randomUUID(), List.of("CN", "DE"),
                    "The rejection ignored the signed standard contract.", List.of(), "alice")).orElseThrow().id();
            CLOCK.advance(Period.ofWeeks(3));
            procedure.fireDueDeadlines();
            assertThat(status(first, disputeId)).as("three of four weeks").isEqualTo(CaseStatus.OPEN);
        }

        // down for longer than the rest of the deadline
        CLOCK.advance(Period.ofWeeks(1).plusDays(2));

        try (ConfigurableApplicationContext replicaA = start(); ConfigurableApplicationContext replicaB = start()) {
            DisputeProcedure pollerA = replicaA.getBean(DisputeProcedure.class);
            DisputeProcedure pollerB = replicaB.getBean(DisputeProcedure.class);

            // while replica A holds the case (a step in progress), replica B's poller passes it by
            new TransactionTemplate(replicaA.getBean(TransactionTemplate.class).getTransactionManager())
                    .executeWithoutResult(tx -> {
                        replicaA.getBean(JdbcClient.class).sql("select id from dispute_case where id = :id for update")
                                .param("id", disputeId.value()).query(UUID.class).single();
                        pollerB.fireDueDeadlines();
                        assertThat(status(replicaB, disputeId)).as("skipped while locked").isEqualTo(CaseStatus.OPEN);
                    });

            // both poll at the same moment
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                var a = CompletableFuture.supplyAsync(() -> awaitThen(go, pollerA), threads);
                var b = CompletableFuture.supplyAsync(() -> awaitThen(go, pollerB), threads);
                go.countDown();
                CompletableFuture.allOf(a, b).get(60, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }

            assertThat(status(replicaA, disputeId)).isEqualTo(CaseStatus.ESCALATED);
            List<String> published = replicaA.getBean(JdbcClient.class).sql("""
                    select type || ' v' || aggregate_version from outbox_event
                     where aggregate_type = 'dispute' and aggregate_id = :id order by aggregate_version
                    """).param("id", disputeId.toString()).query(String.class).list();
            assertThat(published).containsExactly(DisputeEvents.OPENED_V1 + " v1",
                    DisputeEvents.DEADLINE_MISSED_V1 + " v2", DisputeEvents.ESCALATED_V1 + " v3");
            DisputeCase.Snapshot escalated = replicaB.getBean(DisputeCases.class).find(disputeId).orElseThrow();
            assertThat(escalated.timeline()).extracting(DisputeCase.TimelineEntry::step)
                    .containsExactly("OPENED", "DEADLINE_MISSED", "ESCALATED");
            assertThat(escalated.timeline().get(1).detail()).contains("NEGOTIATION deadline");
            assertThat(escalated.deadline()).as("one month after the missed deadline, however late it was noticed")
                    .isEqualTo(escalated.openedAt().atOffset(java.time.ZoneOffset.UTC).plusWeeks(4).plusMonths(1)
                            .toInstant());
        }
    }

    private static int awaitThen(CountDownLatch go, DisputeProcedure poller) {
        try {
            if (!go.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the start signal never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return poller.fireDueDeadlines();
    }

    private static CaseStatus status(ConfigurableApplicationContext context, DisputeId disputeId) {
        return context.getBean(DisputeCases.class).find(disputeId).orElseThrow().status();
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DisputeServiceApplication.class, RestartClock.class)
                // command-line arguments: they win over application.yml, as the environment does in production
                .run("--server.port=0",
                        "--management.server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=" + TestPostgres.jdbcUrl("dispute"),
                        "--spring.datasource.username=" + TestPostgres.runtimeUsername("dispute"),
                        "--spring.datasource.password=" + TestPostgres.runtimePassword("dispute"),
                        "--spring.flyway.user=" + TestPostgres.ownerUsername("dispute"),
                        "--spring.flyway.password=" + TestPostgres.ownerPassword("dispute"),
                        "--spring.cloud.stream.kafka.binder.brokers=" + TestKafka.bootstrapServers(),
                        "--cbdf.kafka.token-endpoint=" + TestKafka.tokenEndpoint(),
                        "--cbdf.kafka.client-id=dispute-service",
                        "--cbdf.kafka.client-secret=" + TestKafka.clientSecret("dispute-service"),
                        "--cbdf.security.issuer-uri=" + TestTokens.ISSUER,
                        "--cbdf.security.public-key-location=" + TestTokens.publicKeyLocation(),
                        "--cbdf.dispute.procedure.poll-deadlines=false",
                        "--spring.lifecycle.timeout-per-shutdown-phase=10s");
    }

    /** The moved clock, for contexts started by hand (a plain class: the component scan must not find it). */
    static class RestartClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }
}
