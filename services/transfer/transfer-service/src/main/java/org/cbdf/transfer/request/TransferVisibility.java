package org.cbdf.transfer.request;

import java.util.Map;

import org.cbdf.platform.security.Caller;
import org.cbdf.platform.security.Role;

/**
 * What a caller may see (DESIGN §1): an enterprise its own organisation's transfers; a regulator those where
 * its jurisdiction is origin, destination, onward or a required approver; an auditor everything.
 */
record TransferVisibility(String sqlCondition, Map<String, Object> parameters) {

    static TransferVisibility of(Caller caller) {
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

    static boolean canSee(Caller caller, Transfer transfer) {
        if (caller.has(Role.AUDITOR)) {
            return true;
        }
        if (caller.has(Role.REGULATOR) && caller.jurisdiction().isPresent()) {
            String jurisdiction = caller.jurisdiction().get();
            if (transfer.jurisdictions().contains(jurisdiction) || transfer.approvers().contains(jurisdiction)) {
                return true;
            }
        }
        return caller.has(Role.ENTERPRISE) && caller.organization().filter(transfer.organization()::equals).isPresent();
    }
}
