package org.cbdf.transfer.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires transfers whose period or approval validity has ended. The due date is stored with the transfer
 * ({@code expires_at}), so the timer survives restarts: every run looks for what is due by now. Replicas
 * run it concurrently without doing anything twice: each locks its batch with {@code for update skip locked}.
 * The poller of {@link ExpiryConfiguration} runs it every {@code cbdf.transfer.expiry-check}.
 */
@Component
public class TransferExpiry {

    static final int BATCH = 100;

    private final Transfers transfers;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TransferExpiry(Transfers transfers, TransactionTemplate transactions, Clock clock) {
        this.transfers = transfers;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Expires everything due by the clock's now; the number expired. */
    public int expireDue() {
        int total = 0;
        while (true) {
            Instant now = Instant.now(clock);
            Integer expired = transactions.execute(status -> {
                List<TransferId> due = transfers.lockDueForExpiry(now, BATCH);
                for (TransferId id : due) {
                    Transfer transfer = transfers.find(id).orElseThrow();
                    transfer.expire(now);
                    transfers.save(transfer);
                }
                return due.size();
            });
            total += expired;
            if (expired < BATCH) {
                return total;
            }
        }
    }
}
