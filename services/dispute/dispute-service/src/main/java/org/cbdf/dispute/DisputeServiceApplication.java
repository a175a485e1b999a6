package org.cbdf.dispute;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The dispute service (docs/design.md §2, §4): dispute cases on cross-border transfers between the regulators of the
 * jurisdictions involved and the exporting enterprise. It keeps its own read model of who would be party to a
 * dispute on each transfer, fed by the transfer and policy services' events.
 */
@SpringBootApplication
public class DisputeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DisputeServiceApplication.class, args);
    }
}
