package org.cbdf.portal.disputes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dispute cases as the dispute API shows them (DisputeCaseDetails, and DisputeCaseView in its list): by default
 * acme-cn's appeal of China's rejection of a CN → DE transfer, opened a day ago, negotiated until a deadline four
 * weeks on; and the steps that make it what a test needs.
 */
public final class Disputes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode dispute = JSON.createObjectNode();

    private Disputes(String id) {
        Instant opened = Instant.now().minusSeconds(86_400);
        dispute.put("id", id);
        dispute.put("transferId", UUID.randomUUID().toString());
        dispute.put("trigger", "APPEAL");
        dispute.put("status", "OPEN");
        dispute.putArray("parties").add("CN").add("DE");
        dispute.put("organization", "acme-cn");
        dispute.put("grounds", "The CAC notice covers all processing at the importer.");
        dispute.putArray("rules");
        dispute.put("openedBy", "enterprise-cn");
        dispute.put("openedAt", opened.toString());
        dispute.put("deadline", opened.plusSeconds(28 * 86_400).toString());
        dispute.put("deadlineKind", "NEGOTIATION");
        dispute.putNull("panel");
        dispute.putArray("statements");
        dispute.putNull("proposal");
        dispute.putArray("votes");
        dispute.putNull("outcome");
        dispute.putArray("timeline").addObject().put("at", opened.toString()).put("step", "OPENED")
                .put("by", "enterprise-cn").put("detail", "APPEAL between CN, DE and acme-cn");
        dispute.put("version", 1);
    }

    /** acme-cn's appeal, the regulators of CN and DE its parties. */
    public static Disputes appeal() {
        return new Disputes(UUID.randomUUID().toString());
    }

    public Disputes parties(String... jurisdictions) {
        ArrayNode parties = dispute.putArray("parties");
        for (String jurisdiction : jurisdictions) {
            parties.add(jurisdiction);
        }
        return this;
    }

    public Disputes status(String status) {
        dispute.put("status", status);
        return this;
    }

    public Disputes deadline(Instant deadline, String kind) {
        dispute.put("deadline", deadline.toString());
        dispute.put("deadlineKind", kind);
        return this;
    }

    public Disputes rules(String... rules) {
        ArrayNode list = dispute.putArray("rules");
        for (String rule : rules) {
            list.add(rule);
        }
        return this;
    }

    public Disputes statement(String party, String filedBy, String text, String attachmentName, String sha256) {
        ArrayNode statements = (ArrayNode) dispute.get("statements");
        ObjectNode statement = statements.addObject().put("number", statements.size()).put("party", party)
                .put("filedBy", filedBy).put("text", text).put("filedAt", Instant.now().toString());
        ArrayNode attachments = statement.putArray("attachments");
        if (attachmentName != null) {
            attachments.addObject().put("name", attachmentName).put("sha256", sha256);
        }
        step("STATEMENT_FILED", filedBy + " (" + party + ")", "statement " + statements.size());
        return status("NEGOTIATION");
    }

    public Disputes proposal(int number, String resolution, List<String> conditions, String proposedBy, String... acceptedBy) {
        ObjectNode proposal = dispute.putObject("proposal").put("number", number).put("resolution", resolution)
                .put("proposedBy", proposedBy).put("proposedAt", Instant.now().toString());
        conditions.forEach(proposal.putArray("conditions")::add);
        ArrayNode accepted = proposal.putArray("acceptedBy");
        for (String jurisdiction : acceptedBy) {
            accepted.add(jurisdiction);
        }
        step("AGREEMENT_PROPOSED", "regulator-" + proposedBy.toLowerCase(java.util.Locale.ROOT) + " (" + proposedBy + ")",
                "proposal " + number);
        return status("NEGOTIATION");
    }

    /** Before a panel (chair first), its two-thirds deadline running. */
    public Disputes escalatedTo(String... panel) {
        ObjectNode node = dispute.putObject("panel");
        ArrayNode members = node.putArray("members");
        for (String member : panel) {
            members.add(member);
        }
        node.put("rule", "candidates = roster minus parties; rank by SHA-256(disputeId|jurisdiction); first 3; "
                + "the first chairs");
        node.put("extended", false);
        deadline(Instant.now().plusSeconds(30L * 86_400), "PANEL_QUALIFIED_MAJORITY");
        step("ESCALATED", "procedure", "to the panel " + String.join(", ", panel));
        return status("ESCALATED");
    }

    public Disputes extended() {
        ((ObjectNode) dispute.get("panel")).put("extended", true);
        return this;
    }

    public Disputes vote(String jurisdiction, String resolution) {
        ((ArrayNode) dispute.get("votes")).addObject().put("jurisdiction", jurisdiction)
                .put("votedBy", "regulator-" + jurisdiction.toLowerCase(java.util.Locale.ROOT))
                .put("resolution", resolution).put("castAt", Instant.now().toString()).putArray("conditions");
        step("VOTE_CAST", "regulator-" + jurisdiction.toLowerCase(java.util.Locale.ROOT), resolution);
        return this;
    }

    public Disputes resolvedByAgreement(String resolution, List<String> conditions) {
        ObjectNode outcome = dispute.putObject("outcome").put("resolution", resolution).put("decidedBy", "AGREEMENT")
                .put("basis", "proposal 1 accepted by every regulator party (CN, DE)")
                .put("resolvedAt", Instant.now().toString());
        conditions.forEach(outcome.putArray("conditions")::add);
        dispute.putNull("deadline");
        dispute.putNull("deadlineKind");
        step("RESOLVED_BY_AGREEMENT", "parties", resolution);
        return status("RESOLVED_BY_AGREEMENT");
    }

    public Disputes step(String step, String by, String detail) {
        ((ArrayNode) dispute.get("timeline")).addObject().put("at", Instant.now().toString()).put("step", step)
                .put("by", by).put("detail", detail);
        return this;
    }

    public String id() {
        return dispute.get("id").asString();
    }

    public String transferId() {
        return dispute.get("transferId").asString();
    }

    public ObjectNode json() {
        return dispute.deepCopy();
    }

    /** The case as the API's list shows it (DisputeCaseView). */
    public ObjectNode listEntry() {
        ObjectNode entry = JSON.createObjectNode();
        for (String field : List.of("id", "transferId", "trigger", "status", "parties", "organization", "grounds",
                "openedAt", "deadline", "deadlineKind", "version")) {
            entry.set(field, dispute.get(field));
        }
        JsonNode panel = dispute.get("panel");
        entry.set("panel", panel.isNull() ? JSON.createArrayNode() : panel.get("members"));
        JsonNode outcome = dispute.get("outcome");
        entry.set("resolution", outcome.isNull() ? outcome : outcome.get("resolution"));
        return entry;
    }

    /** The API's list: its last page, these cases, {@code total} in all. */
    public static String page(long total, Disputes... cases) {
        return page(null, total, cases);
    }

    /** The API's list: one page of these cases, {@code total} in all, then the one {@code nextCursor} leads to. */
    public static String page(String nextCursor, long total, Disputes... cases) {
        ArrayNode content = JSON.createArrayNode();
        for (Disputes c : cases) {
            content.add(c.listEntry());
        }
        ObjectNode page = JSON.createObjectNode();
        page.set("content", content);
        page.put("size", 20).put("totalElements", total).put("nextCursor", nextCursor);
        return page.toString();
    }
}
