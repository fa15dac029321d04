package org.rightsflow.datamap;

/**
 * The part of a category that rests on the subject's consent to one purpose alone (PIPL Art. 13(1)(1); separate
 * consent for sensitive personal information, Art. 29), for example the face data of a real-name verification by
 * face: once the subject's consent to that purpose is withdrawn, the data has no basis left and is erased by
 * {@code erase} (the nightly sweep does it, docs/data-map.md). Rows that a retention rule still holds are kept.
 *
 * @param purpose a consent purpose of the consent register, for example {@code FACE_RECOGNITION}
 * @param erase   what is erased: the rows ({@code DELETE_ROW}) or only the columns that rest on the consent
 */
public record ConsentBasedData(String purpose, EraseRule erase) {
}
