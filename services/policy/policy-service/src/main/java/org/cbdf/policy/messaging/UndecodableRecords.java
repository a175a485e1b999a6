package org.cbdf.policy.messaging;

import java.util.function.Function;

import io.cloudevents.CloudEvent;
import org.springframework.kafka.support.serializer.FailedDeserializationInfo;

/**
 * The {@code ErrorHandlingDeserializer}'s fallback ({@code spring.deserializer.value.function}): a record the
 * CloudEvents deserializer refuses becomes an {@link UndecodableRecord} carrying its bytes and the reason.
 */
public class UndecodableRecords implements Function<FailedDeserializationInfo, CloudEvent> {

    @Override
    public CloudEvent apply(FailedDeserializationInfo failure) {
        Throwable cause = failure.getException();
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new UndecodableRecord(failure.getData(), reason);
    }
}
