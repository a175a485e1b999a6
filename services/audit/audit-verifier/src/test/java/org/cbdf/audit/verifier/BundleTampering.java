package org.cbdf.audit.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** What someone with write access to an exported bundle might do to it: rewrite one of its entries. */
final class BundleTampering {

    private BundleTampering() {
    }

    /** A copy of {@code bundle} whose events file has its lines rewritten by {@code change}. */
    static Path events(Path bundle, UnaryOperator<List<String>> change) throws IOException {
        return entry(bundle, BundleManifest.EVENTS, text -> {
            List<String> lines = new ArrayList<>(text.lines().toList());
            return String.join("\n", change.apply(lines)) + "\n";
        });
    }

    static Path entry(Path bundle, String name, UnaryOperator<String> change) throws IOException {
        Path copy = Files.createTempFile(bundle.getParent(), "tampered-", ".zip");
        try (ZipFile in = new ZipFile(bundle.toFile()); OutputStream file = Files.newOutputStream(copy);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream stream = in.getInputStream(entry)) {
                    content = stream.readAllBytes();
                }
                if (entry.getName().equals(name)) {
                    content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }
}
