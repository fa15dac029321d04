package org.rightsflow.datamap;

/** The legal basis of a category's processing: the code and the statement shown to people. */
public record LegalBasisRef(LegalBasis code, LocalizedText label) {
}
