package org.cbdf.transfer.events;

/** Certifications an importer can hold that some jurisdictions recognise. */
public enum Certification {
    GLOBAL_CBPR, GLOBAL_PRP, APEC_CBPR, APEC_PRP, PIPL_CERTIFICATION, ISO_27701, EUROPRIVACY
}
