package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

class ConsumerErrorHandlingTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsumerErrorHandling handling = new ConsumerErrorHandling("127.0.0.1:1", Map.of(), meters);

    @AfterEach
    void close() {
        handling.destroy();
    }

    @Test
    void aDatabaseThatIsDownRefusingOrDeadlockedIsTransientWhereverItIsWrapped() {
        var refused = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms"));
        assertThat(TransientFailures.isTransient(refused)).isTrue();
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed",
                new MessageHandlingException(new GenericMessage<>("x"), refused)))).isTrue();
        assertThat(TransientFailures.isTransient(new BatchListenerFailedException("batch", refused, 3))).isTrue();
        assertThat(TransientFailures.isTransient(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("terminating connection due "
                + "to administrator command", "57P01")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("connection refused", "08001"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new ConnectException("Connection refused"))).isTrue();
    }

    @Test
    void aRefusedEventABugOrAConstraintIsNotTransient() {
        assertThat(TransientFailures.isTransient(new InvalidEventException("not a CloudEvent"))).isFalse();
        // an event refused for a reason found while the database was failing is still refused
        assertThat(TransientFailures.isTransient(new InvalidEventException("unknown transfer",
                new CannotGetJdbcConnectionException("no connection")))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }

    @Test
    void anInfrastructureFailureBacksOffUpToTenSecondsAndNeverGivesUp() {
        BackOffExecution execution = ConsumerErrorHandling.untilItWorks().start();
        List<Long> intervals = new ArrayList<>();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            intervals.add(execution.nextBackOff());
        }
        assertThat(intervals.getFirst()).isEqualTo(250L);
        assertThat(intervals).doesNotContain(BackOffExecution.STOP)
                .allSatisfy(interval -> assertThat(interval).isBetween(250L, 10_000L));
        assertThat(intervals.getLast()).isEqualTo(10_000L);
    }

    @Test
    void theReasonOfADeadLetterIsTheRefusalNotTheFrameworksWrappers() {
        var refusal = new InvalidEventException("payload of transfer.submitted.v1 event 42 is not valid");
        var wrapped = new ListenerExecutionFailedException("Listener failed",
                new MessageHandlingException(new GenericMessage<>("x"), refusal));
        assertThat(ConsumerErrorHandling.reason(wrapped)).isSameAs(refusal);
        assertThat(ConsumerErrorHandling.reason(new BatchListenerFailedException("at 3", refusal, 3)))
                .isSameAs(refusal);
        var plain = new IllegalStateException("no cause");
        assertThat(ConsumerErrorHandling.reason(plain)).isSameAs(plain);
    }

    @Test
    void withoutADeadLetterTopicAGivenUpRecordIsCountedAndLogged() {
        var errors = handling.errorHandler("transfer-service", null, null, null);
        var record = new ConsumerRecord<Object, Object>("policy.events", 0, 7L, "key", new byte[] { 1 });
        assertThat(errors.isAckAfterHandle()).isTrue();
        errors.handleOne(new ListenerExecutionFailedException("failed", new InvalidEventException("refused")), record,
                null, null);
        assertThat(meters.get("cbdf.events.dead.lettered").tag("group", "transfer-service")
                .tag("reason", "InvalidEventException").counter().count()).isEqualTo(1.0);
    }
}
