package cutoff.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.document.DocumentException.Reason;
import cutoff.notice.NotANoticeException;
import cutoff.notice.NoticeParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken files, generated ({@link HostileFiles}), are refused with the {@link Reason} an upload
 * answers with and a one-line message that says what the file is and what to do; the bombs within a memory
 * bound (a JVM of 64 MB, forked) and the slow ones within the reading time (an injected clock, no sleeping).
 */
class HostileFilesTest {
    private static final long GIB = 1L << 30;
    private static final String ZIP_ADVICE = ", more than a notice holds (a zip bomb?): save the document again from Word, or give its text";

    private static DocumentException refused(byte[] bytes) {
        return assertThrows(DocumentException.class, () -> NoticeDocuments.text(NoticeDocuments.detect(bytes), bytes));
    }

    private static void assertRefused(Reason reason, String message, DocumentException e) {
        assertEquals(message, e.getMessage());
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().lines().count() == 1, "one line: " + e.getMessage());
    }

    @Test
    void aFileOverTenMegabytes_isRefusedBeforeParsing_413() {
        byte[] big = new byte[(int) ReadLimits.NOTICE_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        assertRefused(Reason.TOO_LARGE, "a file of 10.0 MB, over the 10 MB limit for a notice: give the notice without"
                + " its attachments, or its text", refused(big));
        assertEquals(413, Reason.TOO_LARGE.httpStatus());
        assertRefused(Reason.TOO_LARGE, "a file of 64 MB, over the 10 MB limit for a notice: give the notice without"
                + " its attachments, or its text", assertThrows(DocumentException.class,
                () -> NoticeDocuments.checkSize(64L << 20, ReadLimits.notice())));
    }

    @Test
    void aDocxWhoseDocumentInflatesToGigabytes_isRefusedAfterSixteenMegabytes() {
        byte[] bomb = HostileFiles.docxBomb(3 * GIB, null);
        assertTrue(bomb.length < 4_000_000, "the bomb is " + bomb.length + " bytes");
        assertRefused(Reason.TOO_LARGE, "a ZIP archive with a part (word/document.xml) that inflates past 16 MB"
                + ZIP_ADVICE, refused(bomb));
        DocumentException direct = assertThrows(DocumentException.class, () -> DocxText.of(bomb, time()));
        assertEquals(Reason.TOO_LARGE, direct.reason(), "the reader checks again, not only detection");
    }

    @Test
    void aDocxWithAGigabytePartBeforeItsDocument_isRefusedAtSixtyFourMegabytesInAll() {
        byte[] bomb = HostileFiles.docxBomb(2 * GIB, "word/media/image1.png");
        assertRefused(Reason.TOO_LARGE, "a ZIP archive with parts that inflate past 64 MB together" + ZIP_ADVICE, refused(bomb));
    }

    @Test
    void aDocxOfThousandsOfParts_isRefused() {
        assertRefused(Reason.TOO_LARGE, "a ZIP archive with more than 1000 parts" + ZIP_ADVICE,
                refused(HostileFiles.docxOfManyParts(2000)));
    }

    @Test
    void poiIsHeldToTheSameLimits_whenItOpensAPackage() throws Exception {
        ZipParts.guardPoi();
        assertEquals(1000L, ZipSecureFile.getMaxFileCount());
        assertEquals(64L << 20, ZipSecureFile.getMaxEntrySize());
        assertEquals(0.01, ZipSecureFile.getMinInflateRatio(), 1e-9);
        byte[] bomb = HostileFiles.docxBomb(3 * GIB, null);
        IOException e = assertThrows(IOException.class,
                () -> new org.apache.poi.xwpf.usermodel.XWPFDocument(new ByteArrayInputStream(bomb)).close());
        assertTrue(e.getMessage().startsWith("Zip bomb detected!"), e.getMessage());
    }

    @Test
    void aDocWhosePiecesRepeatTheSameText_isRefusedBeforeHwpfCopiesThem() throws Exception {
        byte[] doc;
        try (InputStream in = getClass().getResourceAsStream("/documents/sample-notice.doc")) {
            doc = in.readAllBytes();
        }
        byte[] twice = HostileFiles.docOfRepeatedPieces(doc, 1);
        assertTrue(new String(NoticeDocuments.text(Format.DOC, twice), StandardCharsets.UTF_8).startsWith("示例市科学技术局\n"),
                "a repeated piece table as such is read");
        byte[] bomb = HostileFiles.docOfRepeatedPieces(doc, 20_000_000L);
        assertTrue(bomb.length < ReadLimits.NOTICE_BYTES, "the file is " + bomb.length + " bytes");
        assertRefused(Reason.TOO_LARGE, "a DOC with more than 2,000,000 characters of text, far more than a notice: give"
                + " the notice's own pages or its text", refused(bomb));
    }

    @Test
    void aPdfOfFiveThousandPages_isRefusedByItsPageCount() {
        assertRefused(Reason.TOO_LARGE, "a PDF of 5,000 pages, over the 500-page limit for a notice: give the notice's"
                + " own pages or its text", refused(HostileFiles.pdfOfPages(5000, false)));
    }

    @Test
    void aPdfOfNoPages_isANoticeWithNothingInIt_notAScan() {
        assertRefused(Reason.NO_TEXT, "a PDF with no pages: there is nothing in it to read",
                refused(HostileFiles.pdfOfPages(0, false)));
    }

    /** What an unreadable file's refusal may say of the damage: {@link NoticeDocuments#damage}'s phrases, nothing else. */
    private static final List<String> DAMAGE = List.of(
            "one of its parts declares a DOCTYPE, which Word never writes (refused, for safety)",
            "it is cut short, or its compressed contents are damaged (a download cut off?)",
            "one of its parts is not well-formed XML",
            "a part an Office document needs is missing",
            NoticeDocuments.DAMAGED);

    /**
     * A library's reason never reaches the person: a DOCX, a PDF and a DOC, each damaged 400 ways (bytes changed at
     * random places, cut at a random length), and a DOCX whose XML declares a DOCTYPE, are refused in one line, with
     * one of {@link #DAMAGE}'s phrases when unreadable, and never a library's words (a class, a URL, a checksum, a
     * "Rule:").
     */
    @Test
    void damagedFiles_areToldInPlainWords_neverInALibrarysTerms() throws Exception {
        byte[] doc;
        try (InputStream in = getClass().getResourceAsStream("/documents/sample-notice.doc")) {
            doc = in.readAllBytes();
        }
        byte[] docx = TestDocuments.docx(List.of("申报截止时间为2031年5月13日16:30。".repeat(20)), 1, 1);
        java.util.Random random = new java.util.Random(20261207);
        java.util.regex.Pattern library = java.util.regex.Pattern.compile(
                "(?i)org\\.|java\\.|exception|http|crc|zlib|blocksize|rule:|feature|0x[0-9a-f]|\\[m\\.|!");
        int unreadable = 0;
        java.util.Set<String> phrases = new java.util.TreeSet<>();
        List<byte[]> damaged = new java.util.ArrayList<>();
        damaged.add(TestDocuments.rezip(docx, "word/document.xml",
                xml -> xml.replaceFirst("\\?>", "?><!DOCTYPE w [<!ENTITY x \"y\">]>")));
        for (byte[] file : List.of(docx, HostileFiles.pdfOfPages(2, false), doc)) {
            for (int i = 0; i < 200; i++) {
                byte[] b = file.clone();
                for (int k = 1 + random.nextInt(6); k > 0; k--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                damaged.add(b);
                damaged.add(Arrays.copyOf(file, 8 + random.nextInt(file.length - 8)));
            }
        }
        for (byte[] b : damaged) {
            DocumentException e;
            try {
                NoticeDocuments.text(NoticeDocuments.detect(b), b);
                continue; // damage where it changes nothing that is read
            } catch (DocumentException refusal) {
                e = refusal;
            }
            String m = e.getMessage();
            assertEquals(1, m.lines().count(), m);
            assertFalse(library.matcher(m).find(), m);
            if (e.reason() == Reason.UNREADABLE && !m.contains("password")) {
                unreadable++;
                String phrase = DAMAGE.stream().filter(m::contains).findFirst().orElseThrow(() -> new AssertionError(m));
                phrases.add(phrase);
            }
        }
        assertTrue(unreadable > 200, "most damage is unreadable: " + unreadable);
        assertTrue(phrases.contains(DAMAGE.get(0)) && phrases.contains(DAMAGE.get(1)), "the DOCTYPE and cut files: " + phrases);
    }

    @Test
    void aPdfWhosePageCountLies_isRefusedByItsPages() {
        assertRefused(Reason.TOO_LARGE, "a PDF of more than 500 pages, over the 500-page limit for a notice: give the"
                + " notice's own pages or its text", refused(HostileFiles.pdfOfPages(600, true)));
    }

    @Test
    void aPdfPageWhoseDrawingDecodesToGigabytes_isRefusedAtFourMegabytes() {
        assertRefused(Reason.TOO_LARGE, "a PDF page or form whose drawing instructions decode to more than 4 MB (a vector"
                + " drawing or map?): print it to PDF again as an image, or give its text",
                refused(HostileFiles.pdfWithHugeContent(64L << 20)));
    }

    @Test
    void everyPdfStreamIsBounded_byTheFiltersInstalledInPdfBox() throws Exception {
        PdfFilters.install();
        assertTrue(PdfFilters.isBounded(COSName.FLATE_DECODE), "PDFBox's FilterFactory still has its 'filters' map");
        assertTrue(PdfFilters.isBounded(COSName.LZW_DECODE) && PdfFilters.isBounded(COSName.RUN_LENGTH_DECODE));
        InputStream zeros = new DeflaterInputStream(HostileFiles.repeated(new byte[1 << 20], 64), new Deflater(9));
        PdfFilters.TooLarge e = assertThrows(PdfFilters.TooLarge.class, () -> FilterFactory.INSTANCE.getFilter(COSName.FLATE_DECODE)
                .decode(zeros, java.io.OutputStream.nullOutputStream(), new COSDictionary(), 0));
        assertEquals("a stream decodes to more than 32 MB", e.getMessage());
        PdfFilters.resetTripped();
    }

    @Test
    void aPasswordProtectedPdf_isUnreadable_422() {
        assertRefused(Reason.UNREADABLE, "a password-protected PDF: open it with its password and save a copy without one",
                refused(HostileFiles.encryptedPdf()));
        assertEquals(422, Reason.UNREADABLE.httpStatus());
    }

    @Test
    void images_areAnUnsupportedFormat_thatNeedsOcr_415() {
        DocumentException png = refused(HostileFiles.image("png"));
        assertEquals(Reason.UNSUPPORTED_FORMAT, png.reason());
        assertTrue(png.getMessage().startsWith("a PNG image (a scan needs OCR first) (first bytes 89 50 4E 47 0D 0A 1A 0A): "
                + NoticeDocuments.READS), png.getMessage());
        DocumentException jpeg = refused(HostileFiles.image("jpeg"));
        assertEquals(Reason.UNSUPPORTED_FORMAT, jpeg.reason());
        assertTrue(jpeg.getMessage().startsWith("a JPEG image (a scan needs OCR first)"), jpeg.getMessage());
        assertEquals(415, Reason.UNSUPPORTED_FORMAT.httpStatus());
        DocumentException scan = refused(TestDocuments.scannedPdf());
        assertEquals(Reason.UNSUPPORTED_FORMAT, scan.reason());
        assertTrue(scan.getMessage().contains("needs OCR first"), scan.getMessage());
    }

    @Test
    void truncatedFiles_areUnreadable() throws Exception {
        byte[] pdf = HostileFiles.pdfOfPages(3, false);
        DocumentException cutPdf = refused(Arrays.copyOf(pdf, pdf.length / 2));
        assertEquals(Reason.UNREADABLE, cutPdf.reason());
        assertTrue(cutPdf.getMessage().startsWith("a PDF that cannot be read (damaged or truncated?): "), cutPdf.getMessage());
        assertTrue(cutPdf.getMessage().endsWith(": save or print it to PDF again"), cutPdf.getMessage());

        byte[] docx = TestDocuments.docx(List.of("申报截止时间为2031年5月13日。".repeat(2000)), 1, 1);
        DocumentException cutDocx = refused(Arrays.copyOf(docx, docx.length / 2));
        assertEquals(Reason.UNREADABLE, cutDocx.reason());
        assertTrue(cutDocx.getMessage().startsWith("a damaged ZIP archive (DOCX files are ZIP): "), cutDocx.getMessage());

        byte[] doc;
        try (InputStream in = getClass().getResourceAsStream("/documents/sample-notice.doc")) {
            doc = in.readAllBytes();
        }
        DocumentException cutDoc = refused(Arrays.copyOf(doc, doc.length / 2));
        assertEquals(Reason.UNREADABLE, cutDoc.reason());
        assertTrue(cutDoc.getMessage().startsWith("a DOC that cannot be read (damaged, or older than Word 97?): "),
                cutDoc.getMessage());
        for (DocumentException e : List.of(cutPdf, cutDocx, cutDoc)) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void anEmptyFile_isText_thatTheParserSaysIsEmpty() throws Exception {
        byte[] empty = new byte[0];
        assertEquals(Format.TEXT, NoticeDocuments.detect(empty));
        byte[] text = NoticeDocuments.text(Format.TEXT, empty);
        assertEquals("the file is empty",
                assertThrows(NotANoticeException.class, () -> new NoticeParser().parse(text, null)).getMessage());
    }

    @Test
    void documentsThatOpenButHoldNoText_areNoText_422() {
        assertRefused(Reason.NO_TEXT, "a DOCX with no text in it: check that it is the notice, or give its text",
                refused(TestDocuments.docx(List.of(""), 1, 1)));
        assertRefused(Reason.NO_TEXT, "a web page with no text in it: check that it is the notice, or give its text",
                refused(TestDocuments.utf8("<html><body><img src=\"notice.png\"><script>var t = '申报';</script></body></html>")));
        assertEquals(422, Reason.NO_TEXT.httpStatus());
    }

    @Test
    void textPastTwoMillionCharacters_isRefused_notCut() {
        byte[] page = TestDocuments.utf8("<html><body><p>" + "申报截止时间。".repeat(300_000) + "</p></body></html>");
        assertRefused(Reason.TOO_LARGE, "a web page with more than 2,000,000 characters of text, far more than a notice:"
                + " give the notice's own pages or its text", refused(page));
        byte[] text = "截止时间。\n".repeat(400_000).getBytes(StandardCharsets.UTF_8);
        assertRefused(Reason.TOO_LARGE, "a text file with more than 2,000,000 characters of text, far more than a notice:"
                + " give the notice's own pages or its text", refused(text));
    }

    @Test
    void deeplyNestedHtml_isRefusedPastWhereBrowsersStopNesting() throws Exception {
        assertRefused(Reason.TOO_LARGE, "a web page that nests its elements more than 512 deep, which no notice does"
                + " (browsers stop nesting there): save the notice as PDF from a browser, or give its text",
                refused(HostileFiles.nestedHtml(100_000)));
        byte[] deep = HostileFiles.nestedHtml(500);
        assertEquals("申报截止时间为2031年5月13日。\n", new String(NoticeDocuments.text(Format.HTML, deep), StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentThatTakesLongerThanTheReadingTime_isRefused_onAnInjectedClock() throws Exception {
        byte[] pdf = HostileFiles.pdfOfPages(30, false);
        assertTrue(NoticeDocuments.text(Format.PDF, pdf).length > 0, "read on the real clock");
        ReadLimits slow = ReadLimits.notice().withTime(Duration.ofSeconds(20), new SteppingClock(Duration.ofSeconds(1)));
        assertRefused(Reason.TOO_LARGE, "a document that takes longer than 20 s to read (too many pages, objects or"
                + " drawing instructions): give the notice's own pages or its text",
                assertThrows(DocumentException.class, () -> NoticeDocuments.text(Format.PDF, pdf, slow)));
    }

    /**
     * The DOCX bombs, the 5,000-page PDF, the PDF content bomb and the DOC of repeated pieces in a JVM of 64 MB: all
     * refused, no {@link OutOfMemoryError}. The
     * child's class path is this test's ({@code java.class.path}: surefire's manifest jar names every jar).
     */
    @Test
    void bombs_areRefusedInASixtyFourMegabyteHeap(@TempDir Path dir) throws Exception {
        Path docx = Files.write(dir.resolve("bomb.docx"), HostileFiles.docxBomb(3 * GIB, null));
        Path media = Files.write(dir.resolve("media.docx"), HostileFiles.docxBomb(2 * GIB, "word/media/image1.png"));
        Path pdf = Files.write(dir.resolve("pages.pdf"), HostileFiles.pdfOfPages(5000, false));
        Path content = Files.write(dir.resolve("content.pdf"), HostileFiles.pdfWithHugeContent(64L << 20));
        Path doc;
        try (InputStream in = getClass().getResourceAsStream("/documents/sample-notice.doc")) {
            doc = Files.write(dir.resolve("pieces.doc"), HostileFiles.docOfRepeatedPieces(in.readAllBytes(), 20_000_000L));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ForkedReader.class.getName(), docx.toString(), media.toString(), pdf.toString(), content.toString(),
                doc.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = child.getInputStream()) {
            in.transferTo(output);
        }
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ends");
        String out = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains(docx + ": TOO_LARGE: a ZIP archive with a part (word/document.xml) that inflates past 16 MB"), out);
        assertTrue(out.contains(media + ": TOO_LARGE: a ZIP archive with parts that inflate past 64 MB together"), out);
        assertTrue(out.contains(pdf + ": TOO_LARGE: a PDF of 5,000 pages, over the 500-page limit"), out);
        assertTrue(out.contains(content + ": TOO_LARGE: a PDF page or form whose drawing instructions decode to more than 4 MB"), out);
        assertTrue(out.contains(doc + ": TOO_LARGE: a DOC with more than 2,000,000 characters of text"), out);
    }

    private static ReadingTime time() {
        return new ReadingTime(ReadLimits.notice());
    }
}
