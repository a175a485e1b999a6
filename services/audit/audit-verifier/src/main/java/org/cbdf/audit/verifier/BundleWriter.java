package org.cbdf.audit.verifier;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an export bundle ({@link BundleManifest} describes the layout) as a stream: the manifest, the key and
 * the checkpoints first, then the events one by one, so that a bundle of millions of events never sits in memory.
 */
public final class BundleWriter implements AutoCloseable {

    private static final byte[] INDEX = "{\"leafIndex\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HASH = ",\"leafHash\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT = "\",\"event\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

    private final ZipOutputStream zip;
    private long next;

    /**
     * @param signedNotes the signed checkpoints, by tree size
     */
    public BundleWriter(OutputStream out, BundleManifest manifest, LogKey key, Map<Long, String> signedNotes,
            JsonMapper json) throws IOException {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.next = manifest.from();
        entry(BundleManifest.ENTRY, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        entry(BundleManifest.PUBLIC_KEY_PEM, key.pem().getBytes(StandardCharsets.US_ASCII));
        entry(BundleManifest.VERIFIER_KEY, (key.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<Long, String> note : signedNotes.entrySet()) {
            entry(BundleManifest.CHECKPOINTS + note.getKey() + ".txt", note.getValue().getBytes(StandardCharsets.UTF_8));
        }
        zip.putNextEntry(new ZipEntry(BundleManifest.EVENTS));
    }

    /** The next leaf: its index (which must follow on), its hash and its bytes, the canonical event itself. */
    public void event(long leafIndex, byte[] leafHash, byte[] leaf) throws IOException {
        if (leafIndex != next) {
            throw new IllegalStateException("leaf " + leafIndex + " written where leaf " + next + " belongs");
        }
        zip.write(INDEX);
        zip.write(Long.toString(leafIndex).getBytes(StandardCharsets.US_ASCII));
        zip.write(HASH);
        zip.write(Base64.getEncoder().encode(leafHash));
        zip.write(EVENT);
        zip.write(leaf);
        zip.write(END);
        next++;
    }

    private void entry(String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.closeEntry();
        zip.finish();
    }
}
