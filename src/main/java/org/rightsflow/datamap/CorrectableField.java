package org.rightsflow.datamap;

/**
 * A field a requester may ask to correct (docs/rights.md, CORRECT), resolved against the data map.
 *
 * @param field      the stable public name used in {@code details.corrections[].field}, for example {@code realName}
 * @param systemId   the system holding the column (its connector reads and writes it)
 * @param category   the data category the column belongs to
 * @param table      the table holding the column (the subject table or the category's table)
 * @param column     the column written by a correction
 * @param subjectKey the column of {@code table} holding the account id
 * @param sensitive  sensitive personal information (from the data map): stronger verification, masked everywhere
 * @param mask       how a value is shown to staff
 * @param label      the column's label from the data map
 * @param input      what kind of value a requester types for it (how the Privacy Center asks and checks it)
 */
public record CorrectableField(String field, String systemId, DataCategory category, String table, String column, String subjectKey,
                               boolean sensitive, Mask mask, LocalizedText label, Input input) {

    /** How a value of the field is masked for people who must not see it in clear. */
    public enum Mask { NAME, ID_NUMBER, EMAIL, PHONE, TEXT }

    /** The kind of value asked for: plain text, a postal address, a calendar date, a phone number or an email. */
    public enum Input { TEXT, ADDRESS, DATE, PHONE, EMAIL }
}
