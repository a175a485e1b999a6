package org.cbdf.dispute.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.cbdf.dispute.events.DisputeEvents;
import org.cbdf.dispute.events.Trigger;
import org.cbdf.dispute.parties.RecordedDecision;
import org.cbdf.dispute.parties.RegulatorParty;
import org.cbdf.dispute.parties.TransferParties;
import org.cbdf.dispute.parties.TransferParty;
import org.cbdf.platform.messaging.CloudEventExtensions;
import org.cbdf.platform.messaging.Outbox;
import org.cbdf.platform.messaging.OutgoingEvent;
import org.cbdf.platform.security.Caller;
import org.cbdf.platform.web.Refusal;
import org.cbdf.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps of the dispute procedure: each loads its case under the row lock, lets the case take the step
 * (the case holds the rules), stores it and appends the events it registered to the outbox, in one transaction.
 */
@Service
public class DisputeProcedure {

    /** The output binding the outbox relays dispute events through. */
    public static final String BINDING = "dispute-events";

    private static final Logger log = LoggerFactory.getLogger(DisputeProcedure.class);

    private final DisputeCases cases;
    private final TransferParties transfers;
    private final Outbox outbox;
    private final Clock clock;
    private final ProcedureRules rules;
    private final TransactionTemplate transactions;

    DisputeProcedure(DisputeCases cases, TransferParties transfers, Outbox outbox, Clock clock, ProcedureRules rules,
            TransactionTemplate transactions) {
        this.cases = cases;
        this.transfers = transfers;
        this.outbox = outbox;
        this.clock = clock;
        this.rules = rules;
        this.transactions = transactions;
    }

    /**
     * Opens a case unless its trigger already opened one (one case per trigger). Must run in the caller's
     * transaction (the idempotent consumer's) or opens its own.
     *
     * @return the new case, or empty if the trigger had opened one before
     */
    public Optional<DisputeCase.Snapshot> open(DisputeCase.Opening opening) {
        return transactions.execute(status -> {
            var disputeCase = DisputeCase.open(DisputeId.generate(), opening, rules, now());
            if (!cases.insertIfAbsent(disputeCase)) {
                log.info("A dispute for trigger {} exists already; nothing opened", opening.triggerKey());
                return Optional.empty();
            }
            publish(disputeCase);
            return Optional.of(disputeCase.snapshot());
        });
    }

    /**
     * A regulator's reasoned objection to another regulator's decision on a transfer both are party to (docs/design.md §4
     * (b)), within the objection window after that decision.
     */
    public DisputeCase.Snapshot object(Caller caller, String transferId, String objectsTo, String grounds,
            List<String> rulesInConflict) {
        if (!caller.has(Role.REGULATOR)) {
            throw ProcedureException.notAllowed("Only regulators raise objections; an enterprise appeals a rejection "
                    + "through the transfer service.");
        }
        String objector = caller.requiredJurisdiction();
        TransferParty transfer = transfers.find(transferId)
                .filter(party -> party.partiesKnown() && party.visibleTo(caller))
                .orElseThrow(() -> new UnknownTransferException(transferId));
        List<String> regulators = transfer.regulators().stream().map(RegulatorParty::jurisdiction).toList();
        if (objectsTo.equals(objector)) {
            throw ProcedureException.invalid("objectsTo", "a regulator does not object to its own decision");
        }
        if (!regulators.contains(objectsTo)) {
            throw ProcedureException.invalid("objectsTo", objectsTo + " is not party to transfer " + transferId);
        }
        RecordedDecision decision = transfers.decision(transferId, objectsTo)
                .orElseThrow(() -> ProcedureException.conflict("No decision of " + objectsTo + " on transfer "
                        + transferId + " is known to object to."));
        Instant now = now();
        Instant windowEnd = ProcedureRules.after(decision.decidedAt(), rules.objectionWindow());
        if (now.isAfter(windowEnd)) {
            throw ProcedureException.conflict("The objection window for " + objectsTo + "'s decision of "
                    + decision.decidedAt() + " closed at " + windowEnd + ".");
        }
        String triggerKey = "objection:" + transferId + ":" + objector + ":" + objectsTo + ":" + decision.decidedAt();
        var opening = new DisputeCase.Opening(Trigger.OBJECTION, triggerKey, transferId, transfer.organization(),
                regulators, objector + " objects to " + objectsTo + "'s decision " + decision.decision() + ": "
                + grounds, rulesInConflict, caller.username() + " (" + objector + ")");
        return open(opening).orElseThrow(() -> ProcedureException.conflict(objector + " has already objected to "
                + objectsTo + "'s decision: dispute " + cases.findByTriggerKey(triggerKey)
                .map(c -> c.id().toString()).orElse("?") + "."));
    }

    /** Takes one step on a case the caller may see; anyone else learns nothing about the case. */
    public DisputeCase.Snapshot step(DisputeId disputeId, Caller caller, Consumer<DisputeCase> step) {
        return transactions.execute(status -> {
            DisputeCase disputeCase = cases.lock(disputeId).filter(c -> c.visibleTo(caller))
                    .orElseThrow(() -> new UnknownCaseException(disputeId));
            step.accept(disputeCase);
            cases.update(disputeCase);
            publish(disputeCase);
            return disputeCase.snapshot();
        });
    }

    public Optional<DisputeCase.Snapshot> read(DisputeId disputeId, Caller caller) {
        return cases.find(disputeId).filter(s -> DisputeCase.restore(s).visibleTo(caller));
    }

    /**
     * Now, to the millisecond: the database keeps microseconds and the case's JSON record would keep nanoseconds,
     * so both get the same instant and a case reads back exactly as it was written.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public ProcedureRules rules() {
        return rules;
    }

    /**
     * Advances every case whose deadline passed, one case per transaction. Replicas running this at the same time
     * skip each other's locked cases, so each passed deadline fires once.
     *
     * @return how many deadlines fired
     */
    public int fireDueDeadlines() {
        int fired = 0;
        Set<DisputeId> failed = new HashSet<>();
        while (true) {
            Instant now = now();
            DisputeId[] current = new DisputeId[1];
            Boolean advanced;
            try {
                advanced = transactions.execute(status -> cases.lockNextDue(now, failed).map(disputeCase -> {
                    current[0] = disputeCase.id();
                    if (!disputeCase.deadlinePassed(now, rules)) {
                        throw new IllegalStateException("case " + disputeCase.id() + " was due but did not advance");
                    }
                    cases.update(disputeCase);
                    publish(disputeCase);
                    log.info("Deadline of dispute {} passed; the case is now {}", disputeCase.id(),
                            disputeCase.status());
                    return true;
                }).orElse(false));
            } catch (RuntimeException e) {
                if (current[0] == null) {
                    throw e; // the database, not a case: nothing to pass over
                }
                // this case cannot advance now (e.g. no uninvolved jurisdiction on the roster): it stays due and is
                // retried next round; the cases due after it must not wait behind it
                log.error("Deadline of dispute {} passed but the case could not advance; retrying next round",
                        current[0], e);
                failed.add(current[0]);
                continue;
            }
            if (!Boolean.TRUE.equals(advanced)) {
                return fired;
            }
            fired++;
        }
    }

    private void publish(DisputeCase disputeCase) {
        var s = disputeCase.snapshot();
        for (DisputeCase.Registered event : disputeCase.registered()) {
            outbox.append(OutgoingEvent.to(BINDING)
                    .type(event.type())
                    .aggregate(DisputeEvents.AGGREGATE_TYPE, s.id().toString(), event.version())
                    .data(event.payload())
                    .extension(CloudEventExtensions.ORGANIZATION, s.organization())
                    .extension(CloudEventExtensions.JURISDICTIONS, String.join(",", s.parties()))
                    .build());
        }
    }

    /** No case with this id that the caller may see: a 404 naming the id, the same for absent and not yours. */
    public static final class UnknownCaseException extends Refusal {
        public UnknownCaseException(DisputeId disputeId) {
            super(Kind.NOT_FOUND, null, "Dispute not found", "No dispute " + disputeId + " that you may see.",
                    Map.of("disputeId", disputeId.toString()));
        }
    }

    /** No transfer with this id that the caller is party to. */
    public static final class UnknownTransferException extends Refusal {
        UnknownTransferException(String transferId) {
            super(Kind.NOT_FOUND, null, "Transfer not found", "No transfer '" + transferId
                    + "' that you are party to is known to the dispute service.", Map.of("transferId", transferId));
        }
    }
}
