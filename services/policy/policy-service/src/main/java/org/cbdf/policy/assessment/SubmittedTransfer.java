package org.cbdf.policy.assessment;

import java.time.Instant;

import org.cbdf.transfer.events.TransferRequest;

/**
 * A transfer submitted for assessment, as the messaging adapter reads it from the transfer service's submission: the
 * request is the engine's input as the producer wrote it (transfer-events' {@link TransferRequest}, the contract both
 * services share); the rest is the submission's envelope in the policy service's words.
 *
 * @param submittedAt when it was submitted; null when the submission does not say (the assessment's time is used)
 */
public record SubmittedTransfer(String transferId, String organization, Instant submittedAt, TransferRequest request) {
}
