package org.rightsflow.datamap;

/**
 * One column that erasure overwrites.
 *
 * @param column      the column name
 * @param replacement the value written instead ({@code null}: NULL); the text {@code {id}} stands
 *                    for the row's id so that unique columns stay unique
 */
public record ColumnErasure(String column, String replacement) {

    public static final String ID_PLACEHOLDER = "{id}";

    /** The replacement for the row with the given id ({@code null} stays {@code null}). */
    public String replacementFor(Object rowId) {
        return replacement == null ? null : replacement.replace(ID_PLACEHOLDER, String.valueOf(rowId));
    }
}
