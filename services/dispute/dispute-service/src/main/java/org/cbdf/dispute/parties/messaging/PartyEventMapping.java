package org.cbdf.dispute.parties.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.Nulls;
import org.cbdf.dispute.parties.AssessmentOutcome;
import org.cbdf.dispute.parties.AssessmentResult;
import org.cbdf.dispute.parties.RecordedDecision;
import org.cbdf.dispute.parties.Submission;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.policy.events.Assessment;
import org.cbdf.policy.events.AssessmentCompleted;
import org.cbdf.transfer.events.DecisionRecorded;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferRequestRules;
import org.cbdf.transfer.events.TransferSubmitted;

import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the transfer and policy events into what the read model keeps, refusing payloads that lack what a
 * dispute needs. A refusal is an {@link InvalidEventException}: no retry can mend it, so it is dead-lettered.
 */
final class PartyEventMapping {

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");

    private final JsonMapper json;

    PartyEventMapping(JsonMapper json) {
        // A producer may add enum values (a new data category, a new certification) to fields the dispute
        // service does not use; reading those as null (and leaving them out of sets and lists) keeps it
        // forward compatible. Where a value matters (the outcome) the checks below refuse the null.
        this.json = json.rebuild()
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.SKIP))
                .build();
    }

    Submission submission(IncomingEvent event) {
        TransferSubmitted submitted = event.data(json, TransferSubmitted.class);
        var problems = new Problems(event);
        problems.requireText("transferId", submitted.transferId());
        problems.requireText("organization", submitted.organization());
        problems.requireEnvelopeOrganization(submitted.organization());
        problems.requireNonNull("submittedAt", submitted.submittedAt());
        if (submitted.transferId() != null && !submitted.transferId().equals(event.aggregateId())) {
            problems.add("transferId '" + submitted.transferId() + "' is not the event's aggregateid '"
                    + event.aggregateId() + "'");
        }
        TransferRequest request = submitted.request();
        if (request == null) {
            problems.add("request is missing");
        } else {
            // the producer's rules for the route, the only part of the request a dispute reads: a value added to
            // another field (a new data category) does not make this consumer refuse the submission
            TransferRequestRules.routeViolations(request).stream().map(violation -> violation.under("request."))
                    .forEach(violation -> problems.add(violation.field() + " " + violation.reason()));
        }
        problems.throwIfAny();
        List<String> onward = request.onwardTransfers() == null ? List.of()
                : request.onwardTransfers().stream().map(TransferRequest.OnwardTransfer::jurisdiction).distinct().toList();
        return new Submission(submitted.transferId(), submitted.organization(), request.exporter().jurisdiction(),
                request.importer().jurisdiction(), onward, submitted.submittedAt());
    }

    RecordedDecision decision(IncomingEvent event) {
        DecisionRecorded recorded = event.data(json, DecisionRecorded.class);
        var problems = new Problems(event);
        problems.requireText("transferId", recorded.transferId());
        problems.requireText("organization", recorded.organization());
        problems.requireEnvelopeOrganization(recorded.organization());
        problems.requireJurisdiction("jurisdiction", recorded.jurisdiction());
        problems.requireNonNull("decision", recorded.decision());
        problems.requireText("reasons", recorded.reasons());
        problems.requireText("decidedBy", recorded.decidedBy());
        problems.requireNonNull("decidedAt", recorded.decidedAt());
        if (recorded.transferId() != null && !recorded.transferId().equals(event.aggregateId())) {
            problems.add("transferId '" + recorded.transferId() + "' is not the event's aggregateid '"
                    + event.aggregateId() + "'");
        }
        problems.throwIfAny();
        return new RecordedDecision(recorded.transferId(), recorded.organization(), recorded.jurisdiction(),
                recorded.decision().name(), recorded.reasons(), recorded.decidedBy(), recorded.decidedAt());
    }

    AssessmentResult assessment(IncomingEvent event) {
        AssessmentCompleted completed = event.data(json, AssessmentCompleted.class);
        var problems = new Problems(event);
        problems.requireText("transferId", completed.transferId());
        problems.requireText("organization", completed.organization());
        problems.requireEnvelopeOrganization(completed.organization());
        problems.requireNonNull("assessedAt", completed.assessedAt());
        Assessment assessment = completed.assessment();
        List<String> approvals = new ArrayList<>();
        if (assessment == null) {
            problems.add("assessment is missing");
        } else {
            problems.requireNonNull("assessment.outcome", assessment.outcome());
            problems.requireText("assessment.policyVersion", assessment.policyVersion());
            if (assessment.requiredApprovals() == null) {
                problems.add("assessment.requiredApprovals is missing");
            } else {
                for (int i = 0; i < assessment.requiredApprovals().size(); i++) {
                    Assessment.RequiredApproval approval = assessment.requiredApprovals().get(i);
                    String jurisdiction = approval == null ? null : approval.jurisdiction();
                    problems.requireJurisdiction("assessment.requiredApprovals[" + i + "].jurisdiction", jurisdiction);
                    approvals.add(jurisdiction);
                }
            }
        }
        problems.throwIfAny();
        return new AssessmentResult(completed.transferId(), completed.organization(),
                AssessmentOutcome.valueOf(assessment.outcome().name()),
                approvals.stream().distinct().toList(), assessment.policyVersion(), completed.assessedAt());
    }

    /** Collects every problem of one payload, so that the dead letter names them all. */
    private static final class Problems {
        private final IncomingEvent event;
        private final List<String> problems = new ArrayList<>();

        Problems(IncomingEvent event) {
            this.event = event;
        }

        void add(String problem) {
            problems.add(problem);
        }

        void requireText(String field, String value) {
            if (value == null || value.isBlank()) {
                problems.add(field + " is missing");
            }
        }

        /** A forged or confused event: one organisation in its envelope, another in its payload. */
        void requireEnvelopeOrganization(String organization) {
            String claimed = event.extension(CloudEventExtensions.ORGANIZATION);
            if (claimed != null && organization != null && !claimed.equals(organization)) {
                problems.add("organization '" + organization + "' is not the envelope's organization '" + claimed
                        + "'");
            }
        }

        void requireNonNull(String field, Object value) {
            if (value == null) {
                problems.add(field + " is missing or not a known value");
            }
        }

        void requireJurisdiction(String field, String value) {
            if (value == null) {
                problems.add(field + " is missing");
            } else if (!JURISDICTION.matcher(value).matches()) {
                problems.add(field + " '" + value + "' is not an ISO 3166-1 alpha-2 code");
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidEventException("payload of " + event.type() + " event " + event.id()
                        + " is not valid: " + String.join("; ", problems));
            }
        }
    }
}
