package org.cbdf.transfer.requests;

import java.util.Map;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;
import org.cbdf.transfer.visibility.TransferReaders;

/**
 * What a caller may see (docs/design.md §1): an enterprise its own organisation's transfers; a regulator those where
 * its jurisdiction is origin, destination, onward or a required approver ({@link TransferReaders}, whose rule the
 * SQL condition states over the stored {@code jurisdictions} and {@code approvers}); an auditor everything.
 */
public record TransferVisibility(String sqlCondition, Map<String, Object> parameters) {

    public static TransferVisibility of(Caller caller) {
        if (caller.has(Role.AUDITOR)) {
            return new TransferVisibility("true", Map.of());
        }
        if (caller.has(Role.REGULATOR)) {
            return new TransferVisibility("(:jurisdiction = any(jurisdictions) or :jurisdiction = any(approvers))",
                    Map.of("jurisdiction", caller.requiredJurisdiction()));
        }
        if (caller.has(Role.ENTERPRISE)) {
            return new TransferVisibility("organization = :organization",
                    Map.of("organization", caller.requiredOrganization()));
        }
        return new TransferVisibility("false", Map.of());
    }

    public static boolean canSee(Caller caller, Transfer transfer) {
        if (caller.has(Role.AUDITOR)) {
            return true;
        }
        if (caller.has(Role.REGULATOR) && caller.jurisdiction().isPresent()) {
            if (TransferReaders.regulatorReads(caller.jurisdiction().get(), transfer.jurisdictions(),
                    transfer.approvers())) {
                return true;
            }
        }
        return caller.has(Role.ENTERPRISE) && caller.organization().filter(transfer.organization()::equals).isPresent();
    }
}
