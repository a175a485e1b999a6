package org.cbdf.dispute.events;

import java.time.Instant;
import java.util.List;

/**
 * A party filed a statement, with its evidence, in a dispute ({@value DisputeEvents#STATEMENT_FILED_V1}).
 *
 * @param party       the jurisdiction of the filing regulator, or the organisation of the filing enterprise
 * @param filedBy     the user who filed it
 * @param attachments the evidence: each attachment's name and the SHA-256 of its bytes (the bytes stay with the
 *                    parties; the hash lets anyone check later that a copy is the one filed)
 */
public record StatementFiled(String disputeId, String transferId, int number, String party, String filedBy,
        String text, List<Attachment> attachments, Instant filedAt) {

    public StatementFiled {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** @param sha256 lower-case hex SHA-256 of the attachment's bytes */
    public record Attachment(String name, String sha256) {
    }
}
