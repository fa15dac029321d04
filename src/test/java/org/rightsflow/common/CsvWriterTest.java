package org.rightsflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void cellsASpreadsheetWouldRunAsFormulasStartWithAQuote() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.writeLine(out, new String[] {"=HYPERLINK(\"https://evil.example\")", "+1+1", "-2+3",
            "@SUM(A1:A9)", "\tcmd", "\rcmd", "-12.50", "42", "1.5", "plain", "a=b", ""});
        assertThat(out.toString()).isEqualTo("\"'=HYPERLINK(\"\"https://evil.example\"\")\",'+1+1,'-2+3,'@SUM(A1:A9),"
                + "'\tcmd,\"'\rcmd\",-12.50,42,1.5,plain,a=b,\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndQuotesDoubled() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.writeLine(out, new String[] {"comma, here", "say \"hi\"", "two\nlines", "cr\rhere", "张三", null});
        assertThat(out.toString())
                .isEqualTo("\"comma, here\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",张三,\r\n");
    }

    @Test
    void theHeaderStartsWithAByteOrderMarkSoSpreadsheetsReadUtf8() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.writeHeader(out, List.of("姓名", "email"));
        assertThat(out.toString()).isEqualTo("\uFEFF姓名,email\r\n");
    }

    @Test
    void aListLineIsWrittenLikeAnArrayLine() throws IOException {
        String[] fields = {"ACCESS", "3", "=1+2", ""};
        StringWriter array = new StringWriter();
        CsvWriter.writeLine(array, fields);
        StringWriter list = new StringWriter();
        CsvWriter.writeLine(list, Arrays.asList(fields));
        assertThat(list.toString()).isEqualTo(array.toString()).isEqualTo("ACCESS,3,'=1+2,\r\n");
    }
}
