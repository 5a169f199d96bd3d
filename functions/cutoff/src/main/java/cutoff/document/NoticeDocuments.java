package cutoff.document;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the files people have (text, web pages, PDF, DOCX, DOC) into the notice text that
 * {@code cutoff.notice.NoticeParser} reads: UTF-8, one line per line of the document, a table row per line.
 *
 * <p>The format comes from the content, never the file name: a {@code .pdf} that is a saved web page is
 * read as HTML. The readers ({@link PdfText}, {@link HtmlText}, {@link DocxText}, {@link DocText}) load
 * PDFBox, jsoup and POI, which only the command line uses; no Lambda handler reaches this package
 * ({@code PackageGraphTest} holds that).
 *
 * <p>Files are untrusted: each is read within {@link ReadLimits} (size, reading time) and the readers' own
 * bounds (inflated ZIP parts, PDF pages and decoded streams, nesting, {@link #MAX_TEXT_CHARS}), and refused
 * with a {@link DocumentException.Reason}; {@code docs/notice-files.md} lists them and why.
 */
public final class NoticeDocuments {
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** An HTML tag near the start: what makes markup a web page rather than other XML. */
    private static final Pattern HTML_TAG = Pattern.compile(
            "<(?:!doctype\\s+html|html|head|body|meta|title|div|p|table|article|section|main|span|br|center|font|h[1-6])[\\s>/]");
    private static final int SNIFF = 4096;

    private NoticeDocuments() {
    }

    /**
     * 2,000,000 characters of text, about 3,000 pages of a notice set as GB/T 9704 sets one (22 lines of 28):
     * no notice comes near, and the parser reads it in well under a second. Text past it is refused, not cut.
     */
    public static final int MAX_TEXT_CHARS = 2_000_000;

    /** What the bytes are, within the {@link ReadLimits#notice() notice limits}: {@link #detect(byte[], ReadLimits)}. */
    public static Format detect(byte[] bytes) throws DocumentException {
        return detect(bytes, ReadLimits.notice());
    }

    /**
     * What the bytes are.
     *
     * @param bytes  a whole file
     * @param limits its size is checked first; a ZIP's parts are inflated within {@link ZipParts}' limits
     * @return its format; {@link Format#TEXT} for anything that looks like text, including an empty file and
     *         text that is not UTF-8 (the parser says which byte is wrong)
     * @throws DocumentException {@code TOO_LARGE} over {@code limits.maxBytes()} or a ZIP past its limits;
     *                           {@code UNSUPPORTED_FORMAT} for binary data of no format read here (an image, a
     *                           spreadsheet, an archive, RTF…), the message naming what was recognised;
     *                           {@code UNREADABLE} for a damaged ZIP
     */
    public static Format detect(byte[] bytes, ReadLimits limits) throws DocumentException {
        checkSize(bytes.length, limits);
        if (startsWith(bytes, 0, OLE2_MAGIC)) {
            return Format.DOC; // DocText tells an .xls or an encrypted document from a Word file
        }
        if (startsWith(bytes, 0, ZIP_MAGIC)) {
            return zip(bytes, new ReadingTime(limits));
        }
        int start = skipBomAndSpace(bytes);
        if (startsWith(bytes, start, PDF_MAGIC)) {
            return Format.PDF;
        }
        String head = new String(bytes, start, Math.min(SNIFF, bytes.length - start), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("{\\rtf")) {
            throw unsupported("RTF (Rich Text Format), which is not read here: save it as .docx, .pdf or UTF-8 text");
        }
        if (head.startsWith("{")) {
            return Format.JSON;
        }
        if (head.startsWith("<")) {
            if (HTML_TAG.matcher(head).find()) {
                return Format.HTML;
            }
            throw unsupported("markup that is not HTML (no <html>, <body> or other HTML tag in its first "
                    + SNIFF + " bytes): " + READS);
        }
        if (isUtf16Bom(bytes)) {
            return Format.TEXT;
        }
        String binary = binaryKind(bytes);
        if (binary != null) {
            throw unsupported(binary + " (first bytes " + hex(bytes, 8) + "): " + READS);
        }
        return Format.TEXT;
    }

    /**
     * Refuses a file over the size limit, before anything reads it.
     *
     * @param bytes the file's size
     * @throws DocumentException {@code TOO_LARGE}, naming the size and the limit
     */
    public static void checkSize(long bytes, ReadLimits limits) throws DocumentException {
        if (bytes > limits.maxBytes()) {
            throw new DocumentException(DocumentException.Reason.TOO_LARGE, "a file of " + ZipParts.mib(bytes)
                    + ", over the " + ZipParts.mib(limits.maxBytes()) + " limit for a notice: give the notice without"
                    + " its attachments, or its text");
        }
    }

    /** The notice text of a document, within the {@link ReadLimits#notice() notice limits}: {@link #text(Format, byte[], ReadLimits)}. */
    public static byte[] text(Format format, byte[] bytes) throws DocumentException {
        return text(format, bytes, ReadLimits.notice());
    }

    /**
     * The notice text of a document.
     *
     * @param format what {@link #detect} said; not {@link Format#JSON} (a record is not text)
     * @param bytes  the whole file
     * @param limits its size, checked first, and the time extraction may take
     * @return UTF-8 text, lines separated by {@code \n}; text files unchanged (UTF-16 ones re-encoded); text in
     *         traditional script transliterated to simplified ({@link SimplifiedScript})
     * @throws DocumentException {@code TOO_LARGE} past a limit (size, inflated parts, pages, decoded streams,
     *                           {@link #MAX_TEXT_CHARS}, time); {@code UNSUPPORTED_FORMAT} for a scan (a PDF
     *                           without text: needs OCR) or an OLE2 file that is not Word; {@code UNREADABLE}
     *                           when damaged or encrypted; {@code NO_TEXT} when it opens but holds no text
     */
    public static byte[] text(Format format, byte[] bytes, ReadLimits limits) throws DocumentException {
        checkSize(bytes.length, limits);
        ReadingTime time = new ReadingTime(limits);
        return SimplifiedScript.of(extract(format, bytes, time));
    }

    private static byte[] extract(Format format, byte[] bytes, ReadingTime time) throws DocumentException {
        return switch (format) {
            case TEXT -> plainText(bytes);
            case HTML -> HtmlText.of(bytes, time).getBytes(StandardCharsets.UTF_8);
            case PDF -> PdfText.of(bytes, time).getBytes(StandardCharsets.UTF_8);
            case DOCX -> DocxText.of(bytes, time).getBytes(StandardCharsets.UTF_8);
            case DOC -> DocText.of(bytes, time).getBytes(StandardCharsets.UTF_8);
            case JSON -> throw new IllegalArgumentException("a JSON record is not notice text");
        };
    }

    /**
     * Refuses text past {@link #MAX_TEXT_CHARS}; the readers call it as their text grows.
     *
     * @param chars the text's length so far
     * @param what  the document, as messages name it ("a PDF")
     */
    static void checkText(int chars, String what) throws DocumentException {
        if (chars > MAX_TEXT_CHARS) {
            throw new DocumentException(DocumentException.Reason.TOO_LARGE, what + " with more than "
                    + String.format(Locale.ROOT, "%,d", MAX_TEXT_CHARS) + " characters of text, far more than a notice:"
                    + " give the notice's own pages or its text");
        }
    }

    /** {@code NO_TEXT}: a document that opens but holds no letter. */
    static String requireLetters(String text, String what) throws DocumentException {
        if (text.codePoints().noneMatch(Character::isLetter)) {
            throw new DocumentException(DocumentException.Reason.NO_TEXT, what + " with no text in it: check that it"
                    + " is the notice, or give its text");
        }
        return text;
    }

    /** What {@link #damage} says when nothing more particular is known. */
    static final String DAMAGED = "its structure is damaged";

    /**
     * What is wrong with a file a library could not read, in a person's words, from the library's exception and its
     * causes: one of a few fixed phrases (the library's own message, in its terms, stays in the exception's cause for
     * the logs, never in the answer). Ordered by what a person can do about it:
     * <ul>
     *   <li>a DOCTYPE in one of a DOCX's XML parts (Word never writes one; refused as XML external entities could
     *       otherwise read the server's files);
     *   <li>compressed contents that end early or fail their check (a download cut off): "cut short or damaged";
     *   <li>XML that is not well formed;
     *   <li>a part an Office document needs, missing;
     *   <li>anything else: {@value #DAMAGED}.
     * </ul>
     */
    static String damage(Throwable e) {
        StringBuilder said = new StringBuilder();
        boolean zip = false;
        boolean xml = false;
        for (Throwable t = e; t != null && said.length() < 4_000; t = t.getCause() == t ? null : t.getCause()) {
            said.append(' ').append(t.getClass().getName()).append(' ').append(t.getMessage());
            zip |= t instanceof java.util.zip.ZipException || t instanceof java.io.EOFException;
            xml |= t instanceof org.xml.sax.SAXException || t instanceof javax.xml.stream.XMLStreamException;
        }
        String m = said.toString().toLowerCase(Locale.ROOT);
        if (m.contains("doctype")) {
            return "one of its parts declares a DOCTYPE, which Word never writes (refused, for safety)";
        }
        if (zip || m.contains("zlib") || m.contains(" crc") || m.contains("truncated") || m.contains("end of file")
                || m.contains("unexpected end") || m.contains("premature end")) {
            return "it is cut short, or its compressed contents are damaged (a download cut off?)";
        }
        if (xml || m.contains("xml document") || m.contains("xmlexception") || m.contains("sax")) {
            return "one of its parts is not well-formed XML";
        }
        if (m.contains("content type") || m.contains("no valid entries") || m.contains("ooxml") || m.contains("relationship")) {
            return "a part an Office document needs is missing";
        }
        return DAMAGED;
    }

    static DocumentException unsupported(String message) {
        return new DocumentException(DocumentException.Reason.UNSUPPORTED_FORMAT, message);
    }

    /** A text file as UTF-8 ({@link #chineseText}, or UTF-16 re-encoded), refused past {@link #MAX_TEXT_CHARS}. */
    private static byte[] plainText(byte[] bytes) throws DocumentException {
        byte[] text = isUtf16Bom(bytes)
                ? new String(bytes, StandardCharsets.UTF_16).getBytes(StandardCharsets.UTF_8) : chineseText(bytes);
        if (text.length > MAX_TEXT_CHARS) { // no fewer bytes than characters: count only what may be over
            checkText(new String(text, StandardCharsets.UTF_8).length(), "a text file");
        }
        return text;
    }

    /**
     * Text as Chinese notices are saved: UTF-8, or else GB18030 (which covers GBK and GB2312), re-encoded
     * as UTF-8 when it decodes cleanly and holds Chinese; anything else is left for the parser to refuse.
     */
    private static byte[] chineseText(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return bytes;
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            try {
                String text = java.nio.charset.Charset.forName("GB18030").newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                boolean chinese = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
                return chinese ? text.getBytes(StandardCharsets.UTF_8) : bytes;
            } catch (java.nio.charset.CharacterCodingException notGb) {
                return bytes;
            }
        }
    }

    static final String READS = "reads notice text (UTF-8), HTML, PDF, DOCX, DOC and JSON notice records";

    private static Format zip(byte[] bytes, ReadingTime time) throws DocumentException {
        java.util.Set<String> names = ZipParts.names(bytes, time);
        if (names.contains("word/document.xml")) {
            return Format.DOCX;
        }
        if (names.contains("content.xml")) {
            throw unsupported("an OpenDocument file (.odt, .ods), which is not read here: save it as .docx, .pdf or UTF-8 text");
        }
        if (names.contains("xl/workbook.xml")) {
            throw unsupported("a spreadsheet (XLSX), not a notice: " + READS);
        }
        if (names.contains("ppt/presentation.xml")) {
            throw unsupported("a presentation (PPTX), not a notice: " + READS);
        }
        throw unsupported("a ZIP archive without word/document.xml, so not a Word document: unpack it and give the notice"
                + " itself; " + READS);
    }

    /** Names binary data, or {@code null} when the bytes look like text (no NUL, few control characters). */
    private static String binaryKind(byte[] b) {
        if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return "a PNG image (a scan needs OCR first)";
        }
        if (startsWith(b, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "a JPEG image (a scan needs OCR first)";
        }
        if (startsWith(b, 0, new byte[] {'G', 'I', 'F', '8'})) {
            return "a GIF image";
        }
        if (startsWith(b, 0, new byte[] {'I', 'I', '*', 0}) || startsWith(b, 0, new byte[] {'M', 'M', 0, '*'})) {
            return "a TIFF image (a scan needs OCR first)";
        }
        if (startsWith(b, 0, new byte[] {0x1F, (byte) 0x8B})) {
            return "gzip-compressed data";
        }
        if (startsWith(b, 0, new byte[] {'R', 'a', 'r', '!'}) || startsWith(b, 0, new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF})) {
            return "an archive (RAR or 7z)";
        }
        int n = Math.min(b.length, 8192);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == 0) {
                return "binary data of an unknown format";
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) {
                control++;
            }
        }
        return n > 0 && control * 20 > n ? "binary data of an unknown format" : null;
    }

    private static boolean isUtf16Bom(byte[] b) {
        return b.length >= 2 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF));
    }

    private static int skipBomAndSpace(byte[] b) {
        int i = startsWith(b, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == '\f')) {
            i++;
        }
        return i;
    }

    static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (b.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
