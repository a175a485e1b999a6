package org.cbdf.transfer.events;

/** Grounds that exempt a transfer from a mechanism (PIPL/CAC 2024 Art. 5, GDPR Art. 49). */
public enum Exemption {
    CONTRACT_NECESSITY, HR_MANAGEMENT, EMERGENCY, EXPLICIT_CONSENT, IMPORTANT_PUBLIC_INTEREST, LEGAL_CLAIMS,
    VITAL_INTERESTS, PUBLIC_REGISTER
}
