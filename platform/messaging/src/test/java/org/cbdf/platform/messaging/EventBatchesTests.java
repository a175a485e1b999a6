package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class EventBatchesTests {

    /** Records what the transactions did: "begin", "commit", "rollback". */
    private final List<String> transactions = new ArrayList<>();
    private final EventBatches batches = new EventBatches(new TransactionTemplate(new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            transactions.add("begin");
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            transactions.add("commit");
        }

        @Override
        public void rollback(TransactionStatus status) {
            transactions.add("rollback");
        }
    }));
    private final List<String> handled = new ArrayList<>();

    @Test
    void aPollIsHandledInOrderInOneTransaction() {
        batches.handle(records("a", "b", "c"), handler(null));

        assertThat(handled).containsExactly("a", "b", "c");
        assertThat(transactions).containsExactly("begin", "commit");
    }

    @Test
    void aFailingRecordRollsThePollBackAndIsNamedAfterTheOnesBeforeItWereHandledOnTheirOwn() {
        assertThatThrownBy(() -> batches.handle(records("a", "b", "poison", "d"), handler("poison")))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(2);
                    assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class)
                            .hasMessage("cannot handle poison");
                });

        // the poll's transaction up to the poison, rolled back; then one record at a time (each handler call
        // opens its own transaction in real life: ProcessedEvents.handleOnce), stopping at the poison
        assertThat(transactions).containsExactly("begin", "rollback");
        assertThat(handled).containsExactly("a", "b", "poison", "a", "b", "poison");
    }

    @Test
    void aFailureThatDoesNotRecurOnItsOwnFailsNothing() {
        List<String> failures = new ArrayList<>(List.of("b"));
        batches.handle(records("a", "b", "c"), message -> {
            String value = new String((byte[]) message.getPayload());
            handled.add(value);
            if (failures.remove(value)) {
                throw new IllegalStateException("deadlock detected");
            }
        });

        assertThat(handled).containsExactly("a", "b", "a", "b", "c");
    }

    @Test
    void aSingleRecordNeedsNoTransactionOfThePoll() {
        batches.handle(records("a"), handler(null));
        assertThatThrownBy(() -> batches.handle(records("poison"), handler("poison")))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, f -> assertThat(f.getIndex()).isZero());

        assertThat(transactions).isEmpty();
    }

    private Consumer<Message<?>> handler(String poison) {
        return message -> {
            String value = new String((byte[]) message.getPayload());
            handled.add(value);
            if (value.equals(poison)) {
                throw new InvalidEventException("cannot handle " + value);
            }
        };
    }

    private static List<Message<?>> records(String... values) {
        List<Message<?>> records = new ArrayList<>();
        for (String value : values) {
            records.add(MessageBuilder.withPayload(value.getBytes()).build());
        }
        return records;
    }
}
