package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.document.TestDocuments;
import cutoff.notice.NoticeJson;
import cutoff.notice.NoticeParser;
import cutoff.testing.Guidelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eval_printsALinePerNoticeAndTheTotal_exit0_andAFolderWithoutLabelsExit1(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        assertEquals(0, run("eval", Guidelines.path("corpus").toString()));
        String[] lines = stdout().split("\n");
        assertTrue(lines[0].matches("\\S+\\.txt +cutoffs \\d+/\\d+ right, .*confident-wrong \\d+.*"), lines[0]);
        assertTrue(lines[lines.length - 1].startsWith("TOTAL (67 notices)"), lines[lines.length - 1]);
        assertEquals(1, run("eval", empty.toString()));
        assertTrue(stderr().contains("no labels.json"), stderr());
    }

    @Test
    void parse_printsTheNoticeAsJson_exit0() throws Exception {
        assertEquals(0, run("parse", Guidelines.path(Guidelines.STCSM_2026_8).toString()));
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertEquals("沪科指南〔2026〕8号", json.get("documentNumber").asText());
        assertEquals("2026-06-03T16:30:00+08:00", json.get("topics").get(0).get("window").get("closes").asText());
        assertEquals(0, json.get("missing").size());
    }

    @Test
    void parse_withYear_datesTheForeignDeadlines() throws Exception {
        assertEquals(0, run("parse", Guidelines.path(Guidelines.ZHEJIANG_BILATERAL).toString(), "--year", "2025"));
        JsonNode finland = new ObjectMapper().readTree(stdout()).get("topics").get(0).get("foreignDeadlines").get(0);
        assertEquals("2025-09-30", finland.get("date").asText());
        assertEquals("Europe/Helsinki", finland.get("zone").asText());
    }

    @Test
    void parse_ofAFileThatIsNotANotice_exitsNonZero_withOneLineOnStderr(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertEquals(1, run("parse", empty.toString()));
        assertEquals(empty + ": not a notice: the file is empty\n", stderr());
        assertEquals("", stdout());
        Path garbage = Files.write(dir.resolve("bytes.txt"), new byte[] {(byte) 0x80, 'a', (byte) 0xFF, 'b'});
        err.reset();
        assertEquals(1, run("parse", garbage.toString()));
        assertEquals(1, stderr().lines().count());
        assertTrue(stderr().contains("not UTF-8"), stderr());
    }

    @Test
    void parse_ofTextSavedAsGbk_printsTheSameJsonAsUtf8(@TempDir Path dir) throws Exception {
        String text = new String(Guidelines.bytes(Guidelines.MOST_2013_ISRAEL), StandardCharsets.UTF_8);
        assertEquals(0, run("parse", Guidelines.path(Guidelines.MOST_2013_ISRAEL).toString()));
        String utf8Json = stdout();
        out.reset();
        Path gbk = Files.write(dir.resolve("notice-gbk.txt"), text.getBytes("GB18030"));
        assertEquals(0, run("parse", gbk.toString()));
        assertEquals(utf8Json, stdout());
    }

    @Test
    void parse_ofAPdf_printsTheSameJsonAsItsText_exit0(@TempDir Path dir) throws Exception {
        byte[] text = Guidelines.bytes(Guidelines.STCSM_2023_4);
        Path pdf = Files.write(dir.resolve("notice.pdf"),
                TestDocuments.pdf(TestDocuments.lines(new String(text, StandardCharsets.UTF_8))));
        assertEquals(0, run("parse", pdf.toString()), stderr());
        // The same reading; only the lines the sources point at are the PDF's.
        String lines = "\"line\" : \\d+";
        assertEquals(NoticeJson.write(new NoticeParser().parse(text, null)).replaceAll(lines, "") + "\n", stdout().replaceAll(lines, ""));
        assertEquals("", stderr());
    }

    @Test
    void parse_readsWhatAFileIs_notItsName(@TempDir Path dir) throws Exception {
        java.util.List<String> lines = TestDocuments.lines(new String(Guidelines.bytes(Guidelines.STCSM_2023_4), StandardCharsets.UTF_8));
        Path pdfNamedTxt = Files.write(dir.resolve("notice.txt"), TestDocuments.pdf(lines));
        assertEquals(0, run("parse", pdfNamedTxt.toString()), stderr());
        assertEquals("沪科指南〔2023〕4号", new ObjectMapper().readTree(stdout()).get("documentNumber").asText());
        out.reset();
        Path htmlNamedPdf = Files.writeString(dir.resolve("notice.pdf"), TestDocuments.html(lines, 40, 48, "utf-8"));
        assertEquals(0, run("parse", htmlNamedPdf.toString()), stderr());
        assertEquals("沪科指南〔2023〕4号", new ObjectMapper().readTree(stdout()).get("documentNumber").asText());
    }

    @Test
    void parse_ofAScanOrUnknownBinary_exits1_withOneLineNamingTheFileAndWhatItIs(@TempDir Path dir) throws Exception {
        Path scan = Files.write(dir.resolve("scan.pdf"), TestDocuments.scannedPdf());
        assertEquals(1, run("parse", scan.toString()));
        assertTrue(stderr().startsWith(scan + ": a PDF of 1 page with no text layer (a scan?): it has no text to read and needs OCR"),
                stderr());
        assertEquals(1, stderr().lines().count(), stderr());
        assertEquals("", stdout());
        err.reset();
        byte[] noise = new byte[1000];
        new java.util.Random(1).nextBytes(noise);
        noise[0] = 0;
        Path binary = Files.write(dir.resolve("notice.docx"), noise);
        assertEquals(1, run("parse", binary.toString()));
        assertTrue(stderr().startsWith(binary + ": binary data of an unknown format (first bytes 00 "), stderr());
        assertEquals(1, stderr().lines().count(), stderr());
        assertEquals("", stdout());
    }

    @Test
    void feed_refusesANoticeWithoutCutoff_unlessClosesIsGiven() {
        String zj = Guidelines.path(Guidelines.ZHEJIANG_BILATERAL).toString();
        assertEquals(1, run("feed", zj, "--year", "2024"));
        assertTrue(stderr().contains("has no cutoff") && stderr().contains("--closes"), stderr());
        err.reset();
        assertEquals(0, run("feed", zj, "--year", "2024", "--closes", "2024-06-28T16:30"));
        String ics = stdout().replaceAll("\r\n[ \t]", "");
        assertTrue(ics.contains("DTSTART;TZID=Asia/Shanghai:20240628T163000\r\n"), ics);
        assertTrue(ics.contains("DTSTART;VALUE=DATE:20240930\r\n"), ics);
    }

    @Test
    void feed_acceptsADayAsTheSuppliedCutoff_asADateEvent() {
        String zj = Guidelines.path(Guidelines.ZHEJIANG_BILATERAL).toString();
        assertEquals(0, run("feed", zj, "--year", "2024", "--closes", "2024-06-28"));
        String ics = stdout().replaceAll("\r\n[ \t]", "");
        assertTrue(ics.contains("DTSTART;VALUE=DATE:20240628\r\n"), ics);
        err.reset();
        assertEquals(2, run("feed", zj, "--closes", "2024-02-30"));
        assertTrue(stderr().contains("--closes takes a date such as 2023-06-30"), stderr());
    }

    @Test
    void badOptions_areUsageErrors_exit2() {
        assertEquals(2, run("parse", "x.txt", "--year", "24"));
        assertTrue(stderr().contains("four-digit year"), stderr());
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run());
    }

    @Test
    void ingest_ofAFileWithoutCutoff_writesNothing_andSaysWhatToSupply() {
        assertEquals(1, run("ingest", Guidelines.path(Guidelines.ZHEJIANG_BILATERAL).toString(),
                "--table", "never-reached", "--endpoint", "http://127.0.0.1:9"));
        assertTrue(stderr().contains("refused") && stderr().contains("--closes"), stderr());
        assertTrue(stderr().contains("nothing was ingested"), stderr());
    }
}
