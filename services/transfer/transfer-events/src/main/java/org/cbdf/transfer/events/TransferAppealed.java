package org.cbdf.transfer.events;

import java.time.Instant;
import java.util.List;

/**
 * The exporter appealed a rejection ({@value TransferEvents#APPEALED_V1}); the dispute service opens a case.
 * {@code rejectingJurisdictions} are those whose regulator rejected, {@code jurisdictions} every involved one.
 */
public record TransferAppealed(String transferId, String organization, String appealedBy, String grounds,
        List<String> rejectingJurisdictions, List<String> jurisdictions, Instant appealedAt) {
}
