package org.cbdf.systemtests.endtoend;

/** Transfer requests whose outcome under the shipped policy rules the end-to-end tests rely on. */
final class SampleTransfers {

    /**
     * HR data of 1.2 million individuals from China to Germany: the CAC security assessment makes it wait for the
     * Chinese regulator's approval ({@code AWAITING_APPROVAL}).
     */
    static final String NEEDS_CN_APPROVAL = """
            {
              "exporter":  { "jurisdiction": "CN", "ciio": false },
              "importer":  { "name": "Acme GmbH", "jurisdiction": "DE", "certifications": [], "dpfCertified": false },
              "purpose": "Global HR administration",
              "dataCategories": ["PERSONAL"],
              "dataSubjects": { "count": 1200000, "sensitiveCount": 0 },
              "mechanism": "SECURITY_ASSESSMENT",
              "safeguards": ["ENCRYPTION_IN_TRANSIT"],
              "onwardTransfers": [],
              "period": { "start": "2026-12-01", "end": "2027-11-30" }
            }
            """;

    /** Customer data from Germany to a DPF-certified US importer: the EU–US adequacy decision permits it. */
    static final String DE_US_PERMITTED = """
            {
              "exporter":  { "jurisdiction": "DE", "ciio": false },
              "importer":  { "name": "Acme Inc.", "jurisdiction": "US", "certifications": [], "dpfCertified": true },
              "purpose": "Customer support",
              "dataCategories": ["PERSONAL"],
              "dataSubjects": { "count": 50000, "sensitiveCount": 0 },
              "mechanism": "ADEQUACY",
              "safeguards": ["ENCRYPTION_IN_TRANSIT"],
              "onwardTransfers": [],
              "period": { "start": "2026-12-01", "end": "2027-11-30" }
            }
            """;

    private SampleTransfers() {
    }
}
