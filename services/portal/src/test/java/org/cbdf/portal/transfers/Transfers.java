package org.cbdf.portal.transfers;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Transfers as the transfer API shows them (its TransferView): a CN → DE transfer of 2.5 million
 * individuals' data that China's CAC must approve, and variations of it.
 */
public final class Transfers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode transfer = JSON.createObjectNode();

    private Transfers(String id) {
        transfer.put("id", id);
        transfer.put("organization", "acme-cn");
        transfer.put("submittedBy", "enterprise-cn");
        transfer.put("status", "AWAITING_APPROVAL");
        transfer.putNull("statusReason");
        ObjectNode request = transfer.putObject("request");
        request.putObject("exporter").put("jurisdiction", "CN").put("ciio", false);
        request.putObject("importer").put("name", "Acme GmbH").put("jurisdiction", "DE");
        request.put("purpose", "Customer service");
        request.putArray("dataCategories").add("PERSONAL");
        request.putObject("dataSubjects").put("count", 2_500_000).put("sensitiveCount", 0);
        request.put("mechanism", "SECURITY_ASSESSMENT");
        request.putObject("period").put("start", "2026-12-01").put("end", "2027-11-30");
        ObjectNode assessment = transfer.putObject("assessment");
        assessment.put("outcome", "REVIEW_REQUIRED");
        assessment.putArray("requiredApprovals").addObject().put("jurisdiction", "CN").put("procedure", "SECURITY_ASSESSMENT");
        assessment.putArray("obligations");
        assessment.put("validUntil", "2029-12-01");
        assessment.putArray("trace").addObject().put("rule", "cn.pipl.volume-1m").put("jurisdiction", "CN")
                .put("matched", true).put("citation", "CAC Provisions 2024, Art. 7")
                .put("explanation", "2,500,000 individuals this year ≥ 1,000,000");
        assessment.put("policyVersion", "sha256:abc");
        transfer.putArray("requiredApprovals").add("CN");
        transfer.putArray("decisions");
        transfer.putArray("obligations");
        transfer.putNull("appeal");
        transfer.put("expiresAt", "2027-12-01T00:00:00Z");
        transfer.put("submittedAt", "2026-11-20T09:00:00Z");
        transfer.put("updatedAt", "2026-11-20T09:00:05Z");
        transfer.put("version", 3);
    }

    /** Awaiting the approval of China's regulator alone. */
    public static Transfers awaitingChina() {
        return new Transfers(UUID.randomUUID().toString());
    }

    public Transfers approvers(String... jurisdictions) {
        ArrayNode approvers = transfer.putArray("requiredApprovals");
        ArrayNode required = ((ObjectNode) transfer.get("assessment")).putArray("requiredApprovals");
        for (String jurisdiction : jurisdictions) {
            approvers.add(jurisdiction);
            required.addObject().put("jurisdiction", jurisdiction).put("procedure", "SECURITY_ASSESSMENT");
        }
        return this;
    }

    /** Submitted, its assessment not in yet: no approvals known. */
    public Transfers notAssessed() {
        transfer.put("status", "SUBMITTED");
        transfer.putNull("assessment");
        transfer.putArray("requiredApprovals");
        transfer.putNull("expiresAt");
        return this;
    }

    public Transfers status(String status) {
        transfer.put("status", status);
        return this;
    }

    public Transfers version(long version) {
        transfer.put("version", version);
        return this;
    }

    public Transfers destination(String jurisdiction) {
        ((ObjectNode) transfer.get("request").get("importer")).put("jurisdiction", jurisdiction);
        return this;
    }

    public Transfers submittedAt(Instant when) {
        transfer.put("submittedAt", when.toString());
        return this;
    }

    public Transfers expiresAt(Instant when) {
        if (when == null) {
            transfer.putNull("expiresAt");
        } else {
            transfer.put("expiresAt", when.toString());
        }
        return this;
    }

    public Transfers decided(String jurisdiction, String decision, String reasons, List<String> conditions) {
        ObjectNode recorded = ((ArrayNode) transfer.get("decisions")).addObject();
        recorded.put("jurisdiction", jurisdiction).put("decision", decision).put("reasons", reasons);
        conditions.forEach(recorded.putArray("conditions")::add);
        recorded.put("decidedBy", "regulator-" + jurisdiction.toLowerCase(java.util.Locale.ROOT))
                .put("decidedAt", "2026-11-28T10:00:00Z");
        return this;
    }

    public String id() {
        return transfer.get("id").asString();
    }

    public ObjectNode json() {
        return transfer.deepCopy();
    }
}
