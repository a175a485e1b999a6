package org.cbdf.platform.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Keycloak server distribution zip: where the build put it, and its unpacked home.
 */
final class KeycloakDistribution {

    static final String ZIP_ENVIRONMENT_VARIABLE = "KEYCLOAK_DIST_ZIP";

    private static final String GROUP_PATH = "org/keycloak/keycloak-quarkus-dist";
    private static final String ARTIFACT = "keycloak-quarkus-dist";

    private KeycloakDistribution() {
    }

    /** The version this module's pom declares (and so the build downloaded). */
    static String version() {
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream("keycloak-distribution.properties")) {
            if (in == null) {
                throw new IllegalStateException("keycloak-distribution.properties missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.contains("@")) {
                throw new IllegalStateException("keycloak-distribution.properties was not filtered by the build: version=" + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The zip named by {@code KEYCLOAK_DIST_ZIP}, else the one in the local Maven repository
     * ({@code maven.repo.local}, else {@code ~/.m2/repository}).
     */
    static Path locateZip(String version) {
        String fromEnvironment = System.getenv(ZIP_ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            Path zip = Path.of(fromEnvironment);
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(ZIP_ENVIRONMENT_VARIABLE + " points to " + zip + ", which is not a file");
            }
            return zip;
        }
        Path zip = localRepository()
                .resolve(GROUP_PATH)
                .resolve(version)
                .resolve(ARTIFACT + "-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak distribution not found at " + zip
                    + ". Build the platform/keycloak module once (it downloads org.keycloak:" + ARTIFACT + ":" + version
                    + ":zip), or set " + ZIP_ENVIRONMENT_VARIABLE + " to a keycloak zip.");
        }
        return zip;
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Unpacks the zip into {@code parent} unless it is there already, and returns the Keycloak home.
     * The tree is extracted into a temporary directory and renamed into place, so a home that
     * exists is always complete, even when two processes race or one was killed while unpacking.
     */
    static Path unpackOnce(Path zip, Path parent) {
        try {
            Files.createDirectories(parent);
            try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
                Path root = archive.getRootDirectories().iterator().next();
                String topDirectory = topDirectory(root, zip);
                Path home = parent.resolve(topDirectory);
                if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
                    return home;
                }
                Path staging = Files.createTempDirectory(parent, "." + topDirectory + ".unpacking-");
                try {
                    extract(root, staging);
                    try {
                        Files.move(staging.resolve(topDirectory), home, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException | DirectoryNotEmptyException alreadyThere) {
                        // another process finished first: its home is as good as ours
                    }
                } finally {
                    deleteRecursively(staging);
                }
                makeScriptsExecutable(home);
                return home;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + zip + " into " + parent, e);
        }
    }

    private static String topDirectory(Path root, Path zip) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            List<Path> top = entries.toList();
            if (top.size() != 1 || !Files.isDirectory(top.getFirst())) {
                throw new IllegalStateException(zip + " is not a Keycloak distribution (expected one top-level directory)");
            }
            return top.getFirst().getFileName().toString().replace("/", "");
        }
    }

    private static void extract(Path root, Path target) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path destination = target.resolve(root.relativize(entry).toString());
                if (!destination.normalize().startsWith(target)) {
                    throw new IOException("Zip entry escapes the target directory: " + entry);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(entry, destination, StandardCopyOption.REPLACE_EXISTING);
                    copyPermissions(entry, destination);
                }
            }
        }
    }

    private static void copyPermissions(Path entry, Path destination) {
        try {
            Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(entry));
            permissions.add(PosixFilePermission.OWNER_READ);
            permissions.add(PosixFilePermission.OWNER_WRITE);
            Files.setPosixFilePermissions(destination, permissions);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException noPosixPermissions) {
            // entries without stored permissions keep the defaults; scripts are fixed afterwards
        }
    }

    private static void makeScriptsExecutable(Path home) throws IOException {
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            for (Path script : (Iterable<Path>) scripts::iterator) {
                if (script.getFileName().toString().endsWith(".sh")) {
                    try {
                        Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(script));
                        permissions.add(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(script, permissions);
                    } catch (UnsupportedOperationException notPosix) {
                        return;
                    }
                }
            }
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
