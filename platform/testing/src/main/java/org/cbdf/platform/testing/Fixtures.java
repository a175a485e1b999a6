package org.cbdf.platform.testing;

/** Where the test infrastructure comes from: Maven artifacts here and in CI, Testcontainers on request. */
final class Fixtures {

    private Fixtures() {
    }

    static boolean useContainers() {
        return "containers".equals(System.getProperty("cbdf.fixtures", System.getenv("CBDF_FIXTURES")));
    }
}
