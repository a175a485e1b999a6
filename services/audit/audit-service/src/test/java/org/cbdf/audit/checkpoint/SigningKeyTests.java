package org.cbdf.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.cbdf.audit.verifier.Checkpoint;
import org.cbdf.audit.verifier.LogKey;
import org.cbdf.audit.verifier.MerkleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint key comes from configuration; it is generated only in development mode. */
class SigningKeyTests {

    private static final String ORIGIN = "audit.test/ledger";

    @TempDir
    Path directory;

    @Test
    void aPkcs8PemKeySignsCheckpointsItsPublicKeyVerifies() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(directory.resolve("audit-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);

        SigningKey key = SigningKey.load(ORIGIN, signing(pem.toString(), null, false));

        assertThat(key.publicKey().keyId()).isEqualTo(new LogKey(ORIGIN, pair.getPublic()).keyId());
        assertSignsVerifiably(key, new LogKey(ORIGIN, pair.getPublic()));
    }

    @Test
    void aPkcs12KeystoreMadeByKeytoolWorksToo() throws Exception {
        Path keystore = directory.resolve("audit.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keyalg", "Ed25519", "-alias",
                "audit-checkpoints", "-dname", "CN=audit", "-validity", "30", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        SigningKey key = SigningKey.load(ORIGIN, new AuditProperties.Signing(null, keystore.toString(), "changeit",
                "audit-checkpoints", false));

        assertSignsVerifiably(key, key.publicKey());
        assertThat(SigningKey.publicKeyOf(privateKeyOf(keystore)).getEncoded())
                .as("the public key derived from the private one is the certificate's")
                .isEqualTo(key.publicKey().publicKey().getEncoded());
    }

    @Test
    void withoutAKeyOutsideDevelopmentModeTheServiceRefusesToStart() {
        assertThatThrownBy(() -> SigningKey.load(ORIGIN, signing(null, null, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AUDIT_SIGNING_KEY");
    }

    @Test
    void inDevelopmentModeAKeyIsGenerated() {
        SigningKey key = SigningKey.load(ORIGIN, signing("", "", true));

        assertSignsVerifiably(key, key.publicKey());
    }

    @Test
    void aFileThatIsNoPrivateKeyIsRefusedByName() throws Exception {
        Path notAKey = Files.writeString(directory.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> SigningKey.load(ORIGIN, signing(notAKey.toString(), null, true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("notes.txt");
    }

    private static void assertSignsVerifiably(SigningKey key, LogKey publicKey) {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 1, MerkleTree.leafHash(new byte[0]), Instant.now());
        String note = checkpoint.signedNote(key.publicKey(), key.sign(checkpoint.textBytes()));
        assertThat(Checkpoint.open(note, publicKey)).isEqualTo(checkpoint);
    }

    private static java.security.PrivateKey privateKeyOf(Path keystore) throws Exception {
        var store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        return (java.security.PrivateKey) store.getKey("audit-checkpoints", "changeit".toCharArray());
    }

    private static AuditProperties.Signing signing(String key, String keystore, boolean devMode) {
        return new AuditProperties.Signing(key, keystore, null, "audit-checkpoints", devMode);
    }
}
