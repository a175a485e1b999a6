package org.cbdf.dispute.events;

import java.time.Instant;

/**
 * A step of the procedure timed out and the case advanced by itself ({@value DisputeEvents#DEADLINE_MISSED_V1}).
 *
 * @param step        what timed out: {@code NEGOTIATION}, {@code PANEL_QUALIFIED_MAJORITY} or
 *                    {@code PANEL_SIMPLE_MAJORITY}
 * @param deadline    when it was due
 * @param consequence what the procedure did about it, in words
 * @param detectedAt  when the deadline poller noticed (at or after {@code deadline})
 */
public record DeadlineMissed(String disputeId, String transferId, String step, Instant deadline, String consequence,
        Instant detectedAt) {
}
