package cutoff.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaffCsvTest {
    @Test
    void aFileWithBomCrlfAndQuotedFields_readsEveryRow_withTheLineItStartsOn() throws Exception {
        String csv = "\uFEFFemail,name,department,topics,language,leadTimes\r\n"
                + "a@example.edu.cn,\"Zhang, San\",科研处,t1;t2,zh,P7D;P1D\r\n"
                + "\r\n"
                + "b@example.edu.cn,\"Li \"\"Si\"\"\nsecond line\",,all,en,\r\n"
                + "c@example.edu.cn,=1+2,,issuer:上海市科学技术委员会,,\n";
        List<StaffCsv.Row> rows = StaffCsv.read(csv);
        assertEquals(3, rows.size());
        assertEquals(2, rows.get(0).line());
        assertEquals("Zhang, San", rows.get(0).get("name"));
        assertEquals(List.of("t1", "t2"), StaffCsv.list(rows.get(0).get("topics")));
        assertEquals(4, rows.get(1).line(), "the empty line 3 is skipped, the record starts on line 4");
        assertEquals("Li \"Si\"\nsecond line", rows.get(1).get("name"));
        assertEquals(6, rows.get(2).line(), "a quoted line break moves the next record's line");
        assertEquals("=1+2", rows.get(2).get("name"));
    }

    @Test
    void columnsMayComeInAnyOrderAndCase_butUnknownOrMissingEmailIsRefused() throws Exception {
        assertEquals("x@example.edu.cn", StaffCsv.read("Topics,EMAIL\nall,x@example.edu.cn\n").get(0).get("email"));
        assertEquals("orgId", assertThrows(StaffCsv.BadFileException.class,
                () -> StaffCsv.read("email,orgId\nx@example.edu.cn,org_1\n")).column());
        assertEquals("email", assertThrows(StaffCsv.BadFileException.class, () -> StaffCsv.read("name\nx\n")).column());
        assertThrows(StaffCsv.BadFileException.class, () -> StaffCsv.read(""));
        assertThrows(StaffCsv.BadFileException.class, () -> StaffCsv.read("email\n\"x@example.edu.cn\n"));
    }

    @Test
    void exportedCells_startingWithAFormulaCharacter_getAQuote_andAreQuotedWhenNeeded() {
        assertEquals("'=HYPERLINK(\"\"x\"\")", StaffCsv.cell("=HYPERLINK(\"x\")").replace("\"'", "'").replaceFirst("^\"", "").replaceFirst("\"$", ""));
        for (String s : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            String c = StaffCsv.cell(s);
            assertTrue(c.startsWith("'") || c.startsWith("\"'"), s + " → " + c);
        }
        assertEquals("\"Zhang, San\"", StaffCsv.cell("Zhang, San"));
        assertEquals("plain", StaffCsv.cell("plain"));
        assertEquals("a,\"b,c\",'=d\r\n", StaffCsv.line(List.of("a", "b,c", "=d")));
    }
}
