package org.cbdf.policy.assessment.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.assessment.AssessTransfers;
import org.cbdf.policy.assessment.SubmittedTransfer;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequestRules;
import org.cbdf.transfer.events.TransferSubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Reacts to the transfer service's events: every submitted transfer is assessed, once. */
@Component
class TransferEventHandler {

    static final String CONSUMER = "policy.transferEvents";

    private static final Logger log = LoggerFactory.getLogger(TransferEventHandler.class);

    private final ProcessedEvents processedEvents;
    private final AssessTransfers assessTransfers;
    private final JsonMapper json;

    TransferEventHandler(ProcessedEvents processedEvents, AssessTransfers assessTransfers, JsonMapper json) {
        this.processedEvents = processedEvents;
        this.assessTransfers = assessTransfers;
        this.json = json;
    }

    void handle(IncomingEvent event) {
        switch (event.type()) {
            case TransferEvents.SUBMITTED_V1 -> submitted(event);
            default -> log.debug("Ignoring {} event {}: the policy service does not act on it", event.type(), event.id());
        }
    }

    private void submitted(IncomingEvent event) {
        TransferSubmitted submitted = event.data(json, TransferSubmitted.class);
        List<FieldError> problems = new ArrayList<>(problemsOf(submitted));
        String claimed = event.extension(CloudEventExtensions.ORGANIZATION);
        if (claimed != null && submitted.organization() != null && !claimed.equals(submitted.organization())) {
            // a forged or confused event: one organisation in its envelope, another in its payload
            problems.add(new FieldError("organization", "'" + submitted.organization()
                    + "' is not the envelope's organization '" + claimed + "'"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("payload of " + event.type() + " event " + event.id() + " is not valid: "
                    + problems.stream().map(p -> p.field() + " " + p.reason()).collect(Collectors.joining("; ")));
        }
        boolean handled = processedEvents.handleOnce(CONSUMER, event,
                e -> assessTransfers.assess(new SubmittedTransfer(submitted.transferId(), submitted.organization(),
                        submitted.submittedAt(), submitted.request()), e.id()));
        if (!handled) {
            log.info("Event {} (transfer {}) was handled before; redelivery changes nothing", event.id(),
                    submitted.transferId());
        }
    }

    /** The producer's rules for a submission ({@link TransferRequestRules}), each naming its field in the payload. */
    private static List<FieldError> problemsOf(TransferSubmitted submitted) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(submitted.transferId())) {
            errors.add(new FieldError("transferId", "is required"));
        }
        if (blank(submitted.organization())) {
            errors.add(new FieldError("organization", "is required"));
        }
        if (submitted.request() == null) {
            errors.add(new FieldError("request", "is required"));
        } else {
            TransferRequestRules.violations(submitted.request()).stream().map(violation -> violation.under("request."))
                    .forEach(violation -> errors.add(new FieldError(violation.field(), violation.reason())));
        }
        return errors;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
