package org.cbdf.transfer.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.cbdf.platform.security.Caller;
import org.cbdf.transfer.events.Decision;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the commands of enterprises and regulators on one transfer: load, let the aggregate decide, save.
 * Two commands racing on one transfer are serialised by the version check on save; the loser is run again
 * on the fresh state, so neither is lost (a second decision of the same jurisdiction then gets its 409).
 */
@Service
public class TransferCommands {

    static final int ATTEMPTS = 5;

    private final Transfers transfers;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TransferCommands(Transfers transfers, TransactionTemplate transactions, Clock clock) {
        this.transfers = transfers;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Transfer decide(Caller caller, String id, Decision decision, String reasons, List<String> conditions) {
        String jurisdiction = caller.requiredJurisdiction();
        return run(id, transfer -> TransferVisibility.canSee(caller, transfer),
                (transfer, now) -> transfer.decide(jurisdiction, caller.username(), decision, reasons, conditions, now));
    }

    public Transfer withdraw(Caller caller, String id) {
        return run(id, exporter(caller), (transfer, now) -> transfer.withdraw(caller.username(), now));
    }

    public Transfer appeal(Caller caller, String id, String grounds) {
        return run(id, exporter(caller), (transfer, now) -> transfer.appeal(caller.username(), grounds, now));
    }

    public Transfer fulfil(Caller caller, String id, String code, String reference) {
        return run(id, exporter(caller), (transfer, now) -> transfer.fulfil(code, reference, caller.username(), now));
    }

    /** Only the exporting organisation acts on its transfer; to everyone else it does not exist. */
    private static Predicate<Transfer> exporter(Caller caller) {
        String organization = caller.requiredOrganization();
        return transfer -> transfer.organization().equals(organization);
    }

    private Transfer run(String id, Predicate<Transfer> mayAct, BiConsumer<Transfer, Instant> command) {
        for (int attempt = 1;; attempt++) {
            try {
                return transactions.execute(status -> {
                    Transfer transfer = TransferId.parse(id).flatMap(transfers::find).filter(mayAct)
                            .orElseThrow(() -> TransferRefusals.notFound(id));
                    command.accept(transfer, Instant.now(clock));
                    transfers.save(transfer);
                    return transfer;
                });
            } catch (OptimisticLockingFailureException concurrentChange) {
                if (attempt == ATTEMPTS) {
                    throw concurrentChange;
                }
            }
        }
    }
}
