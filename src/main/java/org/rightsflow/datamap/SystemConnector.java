package org.rightsflow.datamap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Every operation on one system of the data map goes through its connector: reading (count, stream rows, the
 * subject's record), erasing by the data map's erase rule, restricting and lifting a restriction, correcting a
 * field. Nothing else reads or writes a mapped system. The fulfilment services decide <em>what</em> happens per
 * category; the connector decides <em>how</em> for its system.
 *
 * <p>Three kinds of system (the {@code connector} of a data-map document):
 * <ul>
 *   <li>{@code jdbc}: {@link JdbcConnector}, built in, on the application's database or a connection of its own;</li>
 *   <li>{@code external-task}: the system's own worker does the work ({@link #execution()} is
 *       {@link Execution#WORKER}); the methods of this interface are not called for it;</li>
 *   <li>{@code manual}: a data operator does the work by hand ({@link Execution#PERSON});</li>
 * </ul>
 * or the id of a Spring bean implementing this interface (a system behind an API the application calls itself).
 * Such a bean implements what its system can do and leaves the rest to the defaults, which refuse loudly
 * ({@link UnsupportedConnectorOperationException}) and say so through {@link #supports}: the system's step is then
 * handed to a data operator, never skipped.
 *
 * <p>Rows are maps from the data-map column names (in data-map order) to plain values: {@code String},
 * {@code Long}/{@code Integer}, {@code BigDecimal}, {@code Boolean}, {@code java.time.Instant} (timestamps),
 * {@code java.time.LocalDate} (dates), {@code byte[]} or {@code null}. Restricted rows count as held (ACCESS shows
 * them) but are never streamed to a reader that would process them (copy, transfer).
 */
public interface SystemConnector {

    /** Who carries out an operation on the system. */
    enum Execution {
        /** The application, by calling this connector. */
        IN_PROCESS,
        /** The system's own worker, through Camunda external tasks and the worker API. */
        WORKER,
        /** A data operator, by hand, from a Tasklist task. */
        PERSON
    }

    /** The {@link DataSystem#id()} this connector serves. */
    String systemId();

    default Execution execution() {
        return Execution.IN_PROCESS;
    }

    /**
     * Whether the application can carry out the operation by calling this connector. False for every operation of a
     * worker or manual system, and for the operations a connector bean leaves to its defaults.
     */
    default boolean supports(ConnectorOperation operation) {
        return execution() == Execution.IN_PROCESS
                && (operation == ConnectorOperation.COUNT || operation == ConnectorOperation.READ);
    }

    /** How many rows of the category the system holds for the subject (0 when it does not map the category). */
    long count(DataCategory category, long subjectId);

    /**
     * How many rows of the category the selection holds (restricted rows included). The default handles a whole
     * subject; a connector that supports erasure handles every selection.
     */
    default long count(DataCategory category, RowSelection rows) {
        if (rows.subjectId() != null && rows.scope() == RowSelection.Scope.ALL && rows.limit() == 0
                && rows.exceptSubjects().isEmpty()) {
            return count(category, rows.subjectId());
        }
        throw unsupported(ConnectorOperation.ERASE);
    }

    /**
     * Streams the subject's unrestricted rows of the category to {@code visitor}, in a stable order, without loading
     * them all at once: memory must not grow with the number of rows. A category the system does not map yields no
     * rows. An exception thrown by the visitor stops the stream and is rethrown.
     */
    void forEachRow(DataCategory category, long subjectId, Consumer<Map<String, Object>> visitor);

    /**
     * How many of the subject's rows of the category are restricted (storage and security only). The default knows of
     * none: {@link #forEachRowWithRestricted} then streams the unrestricted rows only.
     */
    default long countRestricted(DataCategory category, long subjectId) {
        return 0;
    }

    /**
     * Streams every row of the subject's category, restricted ones included, each with whether it is restricted: for
     * the subject's own copy (a restriction stops processing, not the subject's right to see what we hold; docs/rights.md).
     * Never for a reader that processes the rows further (a transfer). The default streams the unrestricted rows of
     * {@link #forEachRow}, none flagged, so that a connector that cannot tell never shows a restricted row unflagged.
     */
    default void forEachRowWithRestricted(DataCategory category, long subjectId,
                                          java.util.function.BiConsumer<Map<String, Object>, Boolean> visitor) {
        forEachRow(category, subjectId, row -> visitor.accept(row, false));
    }

    /**
     * The subject's own record (the columns of {@link SubjectMapping#columns()}), for the one system that holds it;
     * empty for other systems and for unknown subjects.
     */
    default Optional<Map<String, Object>> subjectRecord(long subjectId) {
        return Optional.empty();
    }

    /**
     * When the subject's rows of the category that a retention rule still holds at {@code at} expire: empty when no
     * row is held (or the category has no retention rule).
     */
    default Optional<RetentionWindow> retentionWindow(DataCategory category, long subjectId, Instant at) {
        throw unsupported(ConnectorOperation.ERASE);
    }

    /**
     * Erases the selected rows by the data map's erase rule (delete the row, anonymise or null the listed columns).
     * Safe to repeat: a row already erased is not found again.
     *
     * @return the rows erased now
     */
    default long erase(DataCategory category, RowSelection rows) {
        throw unsupported(ConnectorOperation.ERASE);
    }

    /**
     * Erases what of the selected rows rests on consent to {@code purpose} alone, by the rule the data map gives for
     * it ({@link CategoryMapping#consentBased}): called for subjects whose consent to the purpose is withdrawn.
     * Safe to repeat. A category without such data for the purpose erases nothing.
     *
     * @return the rows erased now
     */
    default long eraseConsentBased(DataCategory category, String purpose, RowSelection rows) {
        throw unsupported(ConnectorOperation.ERASE);
    }

    /**
     * Flags the selected rows restricted (storage and security only: readers skip them). Safe to repeat.
     *
     * @return the rows restricted now (rows restricted already are not counted)
     */
    default long restrict(DataCategory category, RowSelection rows) {
        throw unsupported(ConnectorOperation.RESTRICT);
    }

    /** Clears the restriction of the selected rows. @return the rows whose restriction was lifted now */
    default long liftRestriction(DataCategory category, RowSelection rows) {
        throw unsupported(ConnectorOperation.LIFT_RESTRICTION);
    }

    /** Erases the subject's own record by the subject mapping's erase rule (an account cancellation's last step). */
    default void eraseSubjectRecord(long subjectId) {
        throw unsupported(ConnectorOperation.ERASE);
    }

    /**
     * Records the withdrawal of consent to each purpose in the system's consent register (the CONSENTS mapping's
     * {@code consentRegister}): granted becomes false, with the time; a purpose without a row gets one, so that no
     * later default can read as consent. Purposes the register does not hold are left alone. Safe to repeat.
     *
     * @return the rows changed or added now
     */
    default long withdrawConsent(long subjectId, java.util.Collection<String> purposes, Instant at) {
        throw unsupported(ConnectorOperation.WITHDRAW_CONSENT);
    }

    /**
     * How many of the subject's rows of the category block an account cancellation (the data map's
     * {@code blocksCancellation}); 0 when the category declares none.
     */
    default long countCancellationBlockers(DataCategory category, long subjectId) {
        throw unsupported(ConnectorOperation.COUNT);
    }

    /** The subject's current values of a correctable field, in a stable order (empty: nothing to correct). */
    default List<String> currentValues(CorrectableField field, long subjectId) {
        throw unsupported(ConnectorOperation.CORRECT);
    }

    /** The longest value the field can hold, when the system knows it. */
    default OptionalInt maxLength(CorrectableField field) {
        return OptionalInt.empty();
    }

    /** Writes the value into every row of the subject that holds the field. @return the rows written */
    default long correct(CorrectableField field, long subjectId, String value) {
        throw unsupported(ConnectorOperation.CORRECT);
    }

    /**
     * Whether {@link #supplement} can add the field for a subject whose system holds no row with it (a supplement,
     * 补充): false by default, and for a table whose other columns need values the requester cannot give.
     */
    default boolean canSupplement(CorrectableField field) {
        return false;
    }

    /**
     * Adds the field's value for a subject the system holds no row of it for (a supplement). Safe to repeat: when a row
     * exists by then, the value is written into it instead. @return the rows written
     */
    default long supplement(CorrectableField field, long subjectId, String value) {
        throw unsupported(ConnectorOperation.CORRECT);
    }

    /** The exception the defaults throw: the operation cannot be done by calling this connector. */
    default UnsupportedConnectorOperationException unsupported(ConnectorOperation operation) {
        return new UnsupportedConnectorOperationException(systemId(), operation, execution());
    }
}
