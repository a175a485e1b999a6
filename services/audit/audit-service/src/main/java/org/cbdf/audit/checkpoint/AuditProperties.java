package org.cbdf.audit.checkpoint;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param origin      the log's name: first line of every checkpoint and name of its key (C2SP: a schema-less
 *                    URL, unique to this log)
 * @param signing     where the checkpoint key comes from
 * @param checkpoints how often the head is signed
 */
@ConfigurationProperties("cbdf.audit")
public record AuditProperties(@DefaultValue("audit.cbdf.local/ledger") String origin,
        @DefaultValue Signing signing, @DefaultValue Checkpoints checkpoints) {

    /**
     * @param key              PKCS#8 PEM file of the Ed25519 private key ({@code AUDIT_SIGNING_KEY})
     * @param keystore         a PKCS#12 keystore instead ({@code AUDIT_SIGNING_KEYSTORE})
     * @param keystorePassword its password ({@code AUDIT_SIGNING_KEYSTORE_PASSWORD})
     * @param keyAlias         the key's alias in it ({@code AUDIT_SIGNING_KEY_ALIAS})
     * @param devMode          with neither configured, sign with a key generated at start-up (logged as a
     *                         warning; checkpoints then verify only until the next restart). Development only:
     *                         production sets it to false, and the service refuses to start without a key.
     */
    public record Signing(String key, String keystore, String keystorePassword,
            @DefaultValue("audit-checkpoints") String keyAlias, @DefaultValue("false") boolean devMode) {
    }

    /**
     * @param interval how often the head is signed when it grew; zero or negative: only on demand
     */
    public record Checkpoints(@DefaultValue("1m") Duration interval) {
    }
}
