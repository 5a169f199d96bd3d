package cutoff.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.notice.NotANoticeException;
import cutoff.notice.NoticeJson;
import cutoff.notice.NoticeParser;
import cutoff.testing.Guidelines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Guideline 000 (沪科指南〔2023〕4号) written as a PDF, a DOCX and a web page reads as the same notice as its
 * text; files are told apart by content; what cannot be read says what it is.
 */
class NoticeDocumentsTest {
    private static String text;

    /** Guideline 000's text, read on first use (a lone copy of the module, without ../shared, skips the test). */
    private static String text() {
        if (text == null) {
            text = new String(Guidelines.bytes(Guidelines.STCSM_2023_4), StandardCharsets.UTF_8);
        }
        return text;
    }

    private static List<String> lines() {
        return TestDocuments.lines(text());
    }
    /** Lines 40-47 (专题一's 限项规则 to 专题二's 合作方向) go in a table in the DOCX and the page. */
    private static final int TABLE_FROM = 40;
    private static final int TABLE_TO = 48;

    /** The upload's reading time, from now. */
    private static ReadingTime readingTime() {
        return new ReadingTime(ReadLimits.notice());
    }

    private static String json(byte[] text) throws NotANoticeException {
        return NoticeJson.write(new NoticeParser().parse(text, null));
    }

    private static String jsonOf(byte[] document, Format expected) throws Exception {
        Format format = NoticeDocuments.detect(document);
        assertEquals(expected, format);
        return json(NoticeDocuments.text(format, document));
    }

    @Test
    void pdf_ofGuideline000_wrappedAtPageWidth_parsesToTheSameJsonAsItsText() throws Exception {
        byte[] pdf = TestDocuments.pdf(lines());
        String extracted = PdfText.of(pdf, readingTime());
        assertTrue(extracted.contains("— 2 —"), "the PDF has page numbers: " + extracted.substring(0, 200));
        // The same reading; only the lines the dates' sources point at are the PDF's (page numbers, wrapped lines).
        String lines = "\"line\" : \\d+";
        assertEquals(json(Guidelines.bytes(Guidelines.STCSM_2023_4)).replaceAll(lines, ""), jsonOf(pdf, Format.PDF).replaceAll(lines, ""));
    }

    @Test
    void docx_ofGuideline000_withATable_parsesToTheSameJsonAsItsText() throws Exception {
        byte[] docx = TestDocuments.docx(lines(), TABLE_FROM, TABLE_TO);
        String[] row = TestDocuments.cells(lines().get(TABLE_FROM));
        assertTrue(DocxText.of(docx, readingTime()).contains(row[0] + "\t" + row[1] + "\n"), "a table row is one line, cells tab-joined");
        assertEquals(json(Guidelines.bytes(Guidelines.STCSM_2023_4)), jsonOf(docx, Format.DOCX));
    }

    @Test
    void html_ofGuideline000_withNavScriptAndTable_parsesToTheSameJsonAsItsText() throws Exception {
        byte[] page = TestDocuments.utf8(TestDocuments.html(lines(), TABLE_FROM, TABLE_TO, "utf-8"));
        String text = HtmlText.of(page, readingTime());
        assertFalse(text.contains("首页") || text.contains("2099") || text.contains("官方网站") || text.contains("版权所有"),
                "navigation, scripts, the site's header and footer are not the notice: " + text);
        String[] row = TestDocuments.cells(lines().get(TABLE_FROM));
        assertTrue(text.contains(row[0] + "\t" + row[1] + "\n"), "a table row is one line, cells tab-joined: " + text);
        assertEquals(json(Guidelines.bytes(Guidelines.STCSM_2023_4)), jsonOf(page, Format.HTML));
    }

    @Test
    void html_inGbkDeclaredAsGb2312_isDecodedAsDeclared() throws Exception {
        String page = TestDocuments.html(lines(), TABLE_FROM, TABLE_TO, "gb2312");
        assertTrue(Charset.forName("GBK").newEncoder().canEncode(page));
        byte[] gbk = page.getBytes("GBK");
        assertEquals(json(Guidelines.bytes(Guidelines.STCSM_2023_4)), jsonOf(gbk, Format.HTML));
    }

    @Test
    void html_inGbkWithoutACharset_isReadAsGb18030() throws Exception {
        byte[] page = "<html><body><p>关于发布申报指南的通知</p><p>截止时间：2023年4月28日16:30</p></body></html>".getBytes("GBK");
        assertEquals(Format.HTML, NoticeDocuments.detect(page));
        assertEquals("关于发布申报指南的通知\n截止时间：2023年4月28日16:30\n",
                new String(NoticeDocuments.text(Format.HTML, page), StandardCharsets.UTF_8));
    }

    @Test
    void html_withoutAnArticleContainer_keepsTheBody_butNeverScriptsOrNavigation() throws Exception {
        byte[] page = TestDocuments.utf8("\uFEFF  <!-- saved page -->\n<html><head><title>标题</title><script>x()</script></head>"
                + "<body><nav>首页</nav><h1>关于发布申报指南的通知</h1><div>各有关单位：</div>"
                + "<ul><li>一、征集范围</li><li>二、申报方式</li></ul><table><tr><th>专题</th><th>截止时间</th></tr>"
                + "<tr><td>专题一</td><td>2023年4月28日<br>16:30</td></tr></table></body></html>");
        assertEquals(Format.HTML, NoticeDocuments.detect(page));
        assertEquals("关于发布申报指南的通知\n各有关单位：\n一、征集范围\n二、申报方式\n专题\t截止时间\n专题一\t2023年4月28日 16:30\n",
                HtmlText.of(page, readingTime()));
    }

    @Test
    void html_withANamedWrapperAroundTheArticle_readsTheArticleOnly() throws Exception {
        StringBuilder body = new StringBuilder();
        for (String line : lines().subList(0, 30)) {
            body.append("<p>").append(line).append("</p>");
        }
        byte[] page = TestDocuments.utf8("<html><body><div class=\"main-content\"><div class=\"crumbs\">当前位置：首页 &gt; 通知公告</div>"
                + "<div class=\"TRS_Editor\">" + body + "</div><div class=\"share\">分享到：微信 微博</div></div>"
                + "<div class=\"footer\">主办单位：某某网站</div></body></html>");
        String text = HtmlText.of(page, readingTime());
        assertTrue(text.startsWith(lines().get(0) + "\n"), text);
        assertTrue(text.endsWith(lines().get(29) + "\n"), text);
    }

    @Test
    void detection_readsTheContent_notTheName() throws Exception {
        assertEquals(Format.PDF, NoticeDocuments.detect(TestDocuments.pdf(lines().subList(0, 10))));
        assertEquals(Format.DOCX, NoticeDocuments.detect(TestDocuments.docx(lines().subList(0, 3), 1, 2)));
        assertEquals(Format.TEXT, NoticeDocuments.detect(Guidelines.bytes(Guidelines.STCSM_2023_4)));
        assertEquals(Format.JSON, NoticeDocuments.detect(TestDocuments.utf8("\n  {\"id\": \"x\"}")));
        assertEquals(Format.HTML, NoticeDocuments.detect(TestDocuments.utf8("<!doctype HTML><p>x")));
        assertEquals(Format.TEXT, NoticeDocuments.detect(new byte[0]));
        assertEquals(Format.TEXT, NoticeDocuments.detect("申报指南".getBytes("GBK")), "the parser says it is not UTF-8");
    }

    @Test
    void scannedPdf_withNoTextLayer_isRefused_sayingItNeedsOcr() {
        byte[] scan = TestDocuments.scannedPdf();
        DocumentException e = assertThrows(DocumentException.class, () -> NoticeDocuments.text(NoticeDocuments.detect(scan), scan));
        assertEquals("a PDF of 1 page with no text layer (a scan?): it has no text to read and needs OCR first"
                + " (e.g. ocrmypdf -l chi_sim in.pdf out.pdf), then give the result or its text", e.getMessage());
    }

    @Test
    void randomBytes_areRefused_namingWhatWasFound() {
        byte[] noise = new byte[4096];
        new Random(8).nextBytes(noise);
        noise[0] = 0x13;
        DocumentException e = assertThrows(DocumentException.class, () -> NoticeDocuments.detect(noise));
        assertTrue(e.getMessage().startsWith("binary data of an unknown format (first bytes 13 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("reads notice text (UTF-8), HTML, PDF, DOCX, DOC and JSON notice records"), e.getMessage());
    }

    @Test
    void otherKnownFormats_areRefused_byName() throws Exception {
        assertTrue(assertThrows(DocumentException.class, () -> NoticeDocuments.detect(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0})).getMessage().startsWith("a PNG image"));
        assertTrue(assertThrows(DocumentException.class, () -> NoticeDocuments.detect(TestDocuments.utf8("{\\rtf1\\ansi 申报")))
                .getMessage().startsWith("RTF"));
        assertTrue(assertThrows(DocumentException.class, () -> NoticeDocuments.detect(TestDocuments.utf8("<?xml version=\"1.0\"?><feed/>")))
                .getMessage().startsWith("markup that is not HTML"));
        byte[] truncated = java.util.Arrays.copyOf(TestDocuments.pdf(lines().subList(0, 3)), 400);
        assertTrue(assertThrows(DocumentException.class, () -> NoticeDocuments.text(Format.PDF, truncated))
                .getMessage().startsWith("a PDF that cannot be read"));
    }

    /**
     * {@code sample-notice.doc}: a short made-up notice (not a real call) with a table, written as DOCX and
     * saved as Word 97-2003 by LibreOffice ({@code soffice --headless --convert-to doc sample-notice.docx}).
     */
    @Test
    void doc_fromWord97_readsParagraphsAndTableRowsAsLines() throws Exception {
        byte[] doc;
        try (InputStream in = getClass().getResourceAsStream("/documents/sample-notice.doc")) {
            doc = in.readAllBytes();
        }
        assertEquals(Format.DOC, NoticeDocuments.detect(doc));
        String text = new String(NoticeDocuments.text(Format.DOC, doc), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("示例市科学技术局\n示科〔2025〕7号\n关于发布示例市2025年度国际科技合作项目申报指南的通知\n各有关单位：\n"), text);
        assertTrue(text.contains("类别\t截止时间\n示例合作\t2025年6月30日16:30\n"), text);
        JsonNode json = new ObjectMapper().readTree(json(NoticeDocuments.text(Format.DOC, doc)));
        assertEquals("示科〔2025〕7号", json.get("documentNumber").asText());
        assertEquals("2025-06-30T16:30:00+08:00", json.get("topics").get(0).get("window").get("closes").asText());
    }

    @Test
    void ole2_thatIsNotWord_isRefused() throws IOException {
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), "Workbook");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            fs.writeFilesystem(out);
            byte[] xls = out.toByteArray();
            DocumentException e = assertThrows(DocumentException.class, () -> NoticeDocuments.text(NoticeDocuments.detect(xls), xls));
            assertEquals(DocumentException.Reason.UNSUPPORTED_FORMAT, e.reason());
            assertTrue(e.getMessage().startsWith("a spreadsheet (XLS), not a .doc: reads notice text"), e.getMessage());
        }
    }
}
