package org.cbdf.transfer.requests;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.cbdf.platform.security.Caller;
import org.cbdf.transfer.events.TransferRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits transfer requests. With an {@code Idempotency-Key} a retried submit returns the transfer the first
 * one created; the same key with a different body is refused.
 */
@Service
public class TransferSubmission {

    private final Transfers transfers;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper canonical;
    private final Clock clock;

    TransferSubmission(Transfers transfers, JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json,
            Clock clock) {
        this.transfers = transfers;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.canonical = json.rebuild().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .addMixIn(TransferRequest.Exporter.class, AbsentZoneLeftOut.class).build();
        this.clock = clock;
    }

    public record Result(Transfer transfer, boolean created) {
    }

    /**
     * The exporter's free-trade zone came later: left out of the hash when absent, a request without one hashes as it
     * did before, so a retry across that upgrade still finds its first result.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface AbsentZoneLeftOut {
    }

    public Result submit(Caller caller, TransferRequest request, String idempotencyKey) {
        String organization = caller.requiredOrganization();
        if (idempotencyKey == null) {
            return transactions.execute(status -> create(caller, organization, request, null, null));
        }
        String hash = hash(request);
        try {
            return transactions.execute(status -> previous(organization, idempotencyKey, hash)
                    .map(transfer -> new Result(transfer, false))
                    .orElseGet(() -> create(caller, organization, request, idempotencyKey, hash)));
        } catch (DuplicateKeyException concurrentRetry) {
            // the same key was used by a request committing at the same moment: answer with its transfer
            return previous(organization, idempotencyKey, hash).map(transfer -> new Result(transfer, false))
                    .orElseThrow(() -> concurrentRetry);
        }
    }

    private Result create(Caller caller, String organization, TransferRequest request, String key, String hash) {
        Transfer transfer = Transfer.submit(organization, caller.username(), request, Instant.now(clock));
        transfers.save(transfer);
        if (key != null) {
            jdbc.sql("""
                    insert into idempotency_key (organization, key, request_hash, transfer_id)
                    values (:organization, :key, :hash, :transferId)
                    """).param("organization", organization).param("key", key).param("hash", hash)
                    .param("transferId", transfer.id().value()).update();
        }
        return new Result(transfer, true);
    }

    private Optional<Transfer> previous(String organization, String key, String hash) {
        record Previous(String hash, UUID transferId) {
        }
        return jdbc.sql("select request_hash, transfer_id from idempotency_key where organization = :organization and key = :key")
                .param("organization", organization).param("key", key)
                .query((rs, row) -> new Previous(rs.getString(1), rs.getObject(2, UUID.class))).optional()
                .map(previous -> {
                    if (!previous.hash().equals(hash)) {
                        throw new IdempotencyKeyReused(key);
                    }
                    return transfers.find(new TransferId(previous.transferId())).orElseThrow();
                });
    }

    String hash(TransferRequest request) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(request)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An idempotency key used before with another request body. No {@link org.cbdf.platform.web.Refusal} kind fits
     * (the API answers 422, its own title), so the web adapter answers it.
     */
    public static final class IdempotencyKeyReused extends RuntimeException {

        private final String key;

        IdempotencyKeyReused(String key) {
            super("Idempotency-Key '" + key + "' was already used with a different request body.", null, false, false);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
