package org.rightsflow.datamap;

/** The legal bases of PIPL Art. 13(1). */
public enum LegalBasis {
    /** Art. 13(1)(1): the individual's consent (separate consent for sensitive data, Art. 29). */
    CONSENT,
    /** Art. 13(1)(2): necessary to conclude or perform a contract with the individual. */
    CONTRACT,
    /** Art. 13(1)(3): necessary to perform a statutory duty or obligation. */
    LEGAL_OBLIGATION,
    /** Art. 13(1)(4): public health emergency, protection of life, health or property. */
    VITAL_INTERESTS,
    /** Art. 13(1)(5): news reporting and public-opinion supervision in the public interest. */
    PUBLIC_INTEREST_REPORTING,
    /** Art. 13(1)(6): information the individual disclosed or that was lawfully disclosed. */
    PUBLICLY_DISCLOSED,
    /** Art. 13(1)(7): other circumstances provided by laws and regulations. */
    OTHER_LAW
}
