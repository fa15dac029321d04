package org.rightsflow.datamap;

/** How the rows of a category are erased once erasure is due. */
public enum EraseStrategy {
    /** Delete the subject's rows. */
    DELETE_ROW,
    /**
     * Overwrite the listed columns with their replacement ({@code null} = set NULL; the text
     * {@code {id}} in a replacement is replaced by the row's id, for unique columns).
     */
    ANONYMISE_COLUMNS,
    /** Set the listed (nullable) columns to NULL and keep the row. */
    NULL_COLUMNS
}
