package cutoff.document;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Writes notice text as the documents people have: a PDF as an office prints one, a DOCX, a web page. */
public final class TestDocuments {
    /** Debian's fonts-wqy-microhei; .ci/run installs it when missing. */
    public static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final Pattern PAGE_NUMBER = Pattern.compile("^\\s*[—\\-－–]+\\s*\\d+\\s*[—\\-－–]+\\s*$");

    /** A4 as GB/T 9704 (党政机关公文格式) sets a notice: 16 pt type, 28 characters a line, 22 lines a page. */
    private static final float FONT_SIZE = 16;
    private static final float LEFT = 73.5f;
    private static final float LINE_WIDTH = 28 * FONT_SIZE;
    private static final float TOP = 842 - 100;
    private static final float LEADING = 28.9f;
    private static final int LINES_PER_PAGE = 22;

    private TestDocuments() {
    }

    /** The text's lines without blank and page-number lines (a document sets its own page numbers). */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank() && !PAGE_NUMBER.matcher(line).matches()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /**
     * A PDF with a text layer: each line of the text set in WenQuanYi Micro Hei, wrapped where it passes the
     * type area's width (a long line continues on the next), 22 lines a page, {@code — N —} at each page's foot.
     */
    public static byte[] pdf(List<String> lines) {
        if (!Files.isReadable(CJK_FONT)) {
            fail("no CJK font for the test PDF: " + CJK_FONT + " is missing; install Debian's fonts-wqy-microhei "
                    + "(apt-get install fonts-wqy-microhei; .ci/run does this)");
        }
        try (PDDocument doc = new PDDocument(); TrueTypeCollection ttc = new TrueTypeCollection(CJK_FONT.toFile())) {
            TrueTypeFont ttf = ttc.getFontByName("WenQuanYiMicroHei");
            if (ttf == null) {
                fail(CJK_FONT + " holds no font named WenQuanYiMicroHei");
            }
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            List<String> setLines = new ArrayList<>();
            for (String line : lines) {
                setLines.addAll(wrap(font, line));
            }
            int pageNo = 0;
            for (int from = 0; from < setLines.size(); from += LINES_PER_PAGE) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                pageNo++;
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    List<String> onPage = setLines.subList(from, Math.min(setLines.size(), from + LINES_PER_PAGE));
                    for (int i = 0; i < onPage.size(); i++) {
                        show(cs, font, onPage.get(i), LEFT, TOP - i * LEADING);
                    }
                    String folio = "— " + pageNo + " —";
                    show(cs, font, folio, (595 - width(font, folio)) / 2, 60);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF as a scanner makes it: one page holding only an image, no text. */
    public static byte[] scannedPdf() {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            BufferedImage scan = new BufferedImage(200, 280, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 40; y < 240; y += 12) {
                for (int x = 20; x < 180; x++) {
                    scan.getRaster().setSample(x, y, 0, 255);
                }
            }
            PDImageXObject image = LosslessFactory.createFromImage(doc, scan);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(image, 0, 0, 595, 842);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Breaks a line where it passes the type area, at the line-break opportunities a typesetter uses (Unicode
     * line breaking, {@link BreakIterator}): between Chinese characters and after punctuation, never inside a
     * Latin word, number, e-mail address or URL unless it is longer than a whole line.
     */
    private static List<String> wrap(PDType0Font font, String line) throws IOException {
        List<String> out = new ArrayList<>();
        BreakIterator breaks = BreakIterator.getLineInstance(Locale.CHINA);
        breaks.setText(line);
        StringBuilder current = new StringBuilder();
        for (int start = breaks.first(), end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String piece = line.substring(start, end);
            if (width(font, current + piece.stripTrailing()) > LINE_WIDTH && current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
            for (int i = 0; i < piece.length(); ) {
                int cp = piece.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (width(font, current + ch) > LINE_WIDTH && current.length() > 0) {
                    out.add(current.toString()); // a piece longer than a line is cut where the line ends
                    current.setLength(0);
                }
                current.append(ch);
                i += ch.length();
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    private static float width(PDType0Font font, String s) throws IOException {
        try {
            return font.getStringWidth(s) / 1000 * FONT_SIZE;
        } catch (IllegalArgumentException noGlyph) {
            throw new AssertionError("WenQuanYi Micro Hei cannot set \"" + s + "\": " + noGlyph.getMessage(), noGlyph);
        }
    }

    private static void show(PDPageContentStream cs, PDType0Font font, String s, float x, float y) throws IOException {
        cs.beginText();
        cs.setFont(font, FONT_SIZE);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    /** A DOCX: a paragraph a line, lines {@code [tableFrom, tableTo)} as a two-column table (see {@link #cells}). */
    public static byte[] docx(List<String> lines, int tableFrom, int tableTo) {
        try (XWPFDocument doc = new XWPFDocument()) {
            for (int i = 0; i < lines.size(); i++) {
                if (i == tableFrom) {
                    XWPFTable table = doc.createTable(tableTo - tableFrom, 2);
                    for (int r = 0; r < tableTo - tableFrom; r++) {
                        String[] cells = cells(lines.get(i + r));
                        XWPFTableRow row = table.getRow(r);
                        row.getCell(0).setText(cells[0]);
                        row.getCell(1).setText(cells[1]);
                    }
                    i = tableTo - 1;
                    continue;
                }
                doc.createParagraph().createRun().setText(lines.get(i));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A page as a government site serves it: a header with the site's name, a navigation bar, scripts, the
     * article in a {@code div.article-content} (a paragraph a line; lines {@code [tableFrom, tableTo)} in a
     * table of two cells a row; one pair of lines joined by {@code <br>}), and a footer.
     */
    public static String html(List<String> lines, int tableFrom, int tableTo, String charset) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n");
        sb.append(charset.equalsIgnoreCase("utf-8") ? "<meta charset=\"utf-8\">\n"
                : "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset + "\">\n");
        sb.append("<title>").append(escape(lines.get(3))).append(" - 通知公告</title>\n");
        sb.append("<style>p { text-indent: 2em; } .nav a { margin: 0 1em; }</style>\n");
        sb.append("<script>var notice = '专题九、不存在的专题 申报时间：2099年1月1日9:00至2099年2月1日16:30';</script>\n");
        sb.append("</head>\n<body>\n");
        sb.append("<header><div class=\"logo\">上海市科学技术委员会 官方网站</div></header>\n");
        sb.append("<nav class=\"nav\"><a href=\"/\">首页</a><a href=\"/tzgg\">通知公告</a><a href=\"/zcfg\">政策法规</a></nav>\n");
        sb.append("<div class=\"article-content\" id=\"zoom\">\n");
        for (int i = 0; i < lines.size(); i++) {
            if (i == tableFrom) {
                sb.append("<table border=\"1\">\n<tbody>\n");
                for (int r = tableFrom; r < tableTo; r++) {
                    String[] cells = cells(lines.get(r));
                    sb.append("  <tr><td><p>").append(escape(cells[0])).append("</p></td>\n      <td>")
                            .append(escape(cells[1])).append("</td></tr>\n");
                }
                sb.append("</tbody>\n</table>\n");
                i = tableTo - 1;
                continue;
            }
            if (i == 8) {
                sb.append("<p>").append(escape(lines.get(i))).append("<br>\n").append(escape(lines.get(i + 1))).append("</p>\n");
                i++;
                continue;
            }
            sb.append("<p>").append(escape(lines.get(i))).append("</p>\n");
            if (i == 20) {
                sb.append("<script type=\"text/javascript\">document.write('<p>截止时间：2099年1月1日</p>');</script>\n");
            }
        }
        sb.append("</div>\n<footer>版权所有 上海市科学技术委员会 2023年3月21日 沪ICP备00000000号</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    /**
     * A line cut into two table cells next to a Chinese character, where the parser's cleaning takes out the
     * space that stands for the cell boundary (between two Latin characters it would stay: no table cuts a
     * word in two).
     */
    static String[] cells(String line) {
        for (int cut = line.length() / 2; cut > 0; cut--) {
            if (Character.UnicodeScript.of(line.charAt(cut)) == Character.UnicodeScript.HAN
                    && Character.UnicodeScript.of(line.charAt(cut - 1)) == Character.UnicodeScript.HAN) {
                return new String[] {line.substring(0, cut), line.substring(cut)};
            }
        }
        return new String[] {line, ""};
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A ZIP (a DOCX) with one entry's text changed by {@code change}, every other entry as it was. */
    public static byte[] rezip(byte[] zip, String entry, java.util.function.UnaryOperator<String> change) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
             java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    bytes = utf8(change.apply(new String(bytes, StandardCharsets.UTF_8)));
                }
                z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                z.write(bytes);
                z.closeEntry();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
