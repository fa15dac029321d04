package org.rightsflow.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one CSV writer of the application (a package's files, the statistics report): RFC 4180, every field quoted
 * where needed, CRLF line ends, UTF-8 by the caller's writer. A field a spreadsheet would run as a formula (it starts
 * with {@code = + - @}, a tab or a carriage return: the text may come from anyone, and a recipient opens the file in a
 * spreadsheet) is neutralised with a leading {@code '}, which spreadsheets show as text; a plain number stays a
 * number. Hand-rolled rather than a library because of that rule and because a package writes millions of lines: one
 * {@code String[]} per line, no objects per field.
 */
public final class CsvWriter {

    /** A byte order mark, so that spreadsheet programs read Chinese text as UTF-8. */
    public static final char BYTE_ORDER_MARK = '\uFEFF';

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private CsvWriter() {
    }

    /** The byte order mark and then the header line. */
    public static void writeHeader(Writer csv, List<String> columns) throws IOException {
        csv.write(BYTE_ORDER_MARK);
        writeLine(csv, columns.toArray(String[]::new));
    }

    /** One line of fields (a null field is empty). */
    public static void writeLine(Writer csv, String[] fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.write(',');
            }
            String field = neutralised(fields[i] == null ? "" : fields[i]);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0) {
                csv.write('"');
                csv.write(field.replace("\"", "\"\""));
                csv.write('"');
            } else {
                csv.write(field);
            }
        }
        csv.write("\r\n");
    }

    /** {@link #writeLine(Writer, String[])} for callers that cannot throw {@link IOException}. */
    public static void writeLine(Writer csv, List<String> fields) {
        try {
            writeLine(csv, fields.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell as text a spreadsheet shows and never evaluates (a JSON file beside it keeps the value as it is). */
    public static String neutralised(String field) {
        if (field.isEmpty()) {
            return field;
        }
        char first = field.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula && !PLAIN_NUMBER.matcher(field).matches() ? "'" + field : field;
    }
}
