package cutoff.local.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A notice as an office prints it, for the browser tests to upload: A4 with a text layer, each line of the text set in
 * WenQuanYi Micro Hei at 16 pt (GB/T 9704's type area, 28 characters a line), a line longer than that continuing on
 * the next, as the cutoff module's {@code cutoff.document.TestDocuments#pdf} sets one (that class is not in the test
 * jar this module gets).
 */
final class NoticePdf {
    /** Debian's fonts-wqy-microhei, which the browser tests need anyway. */
    static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final float SIZE = 16;
    private static final float LEFT = 73.5f;
    private static final float WIDTH = 28 * SIZE;
    private static final float TOP = 842 - 100;
    private static final float LEADING = 28.9f;
    private static final int LINES_PER_PAGE = 22;

    private NoticePdf() {
    }

    /** The PDF's bytes: one page per 22 set lines, the lines wrapped at the type area's width, character by character. */
    static byte[] of(List<String> lines) throws IOException {
        if (!Files.isReadable(CJK_FONT)) {
            throw new AssertionError("no CJK font for the test PDF (" + CJK_FONT + "): sudo apt-get install fonts-wqy-microhei");
        }
        try (PDDocument doc = new PDDocument(); TrueTypeCollection ttc = new TrueTypeCollection(CJK_FONT.toFile())) {
            TrueTypeFont ttf = ttc.getFontByName("WenQuanYiMicroHei");
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            List<String> set = new ArrayList<>();
            for (String line : lines) {
                StringBuilder current = new StringBuilder();
                for (int i = 0; i < line.length(); ) {
                    String ch = new String(Character.toChars(line.codePointAt(i)));
                    if (font.getStringWidth(current + ch) / 1000 * SIZE > WIDTH && current.length() > 0) {
                        set.add(current.toString());
                        current.setLength(0);
                    }
                    current.append(ch);
                    i += ch.length();
                }
                set.add(current.toString());
            }
            for (int from = 0; from < set.size(); from += LINES_PER_PAGE) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    List<String> onPage = set.subList(from, Math.min(set.size(), from + LINES_PER_PAGE));
                    for (int i = 0; i < onPage.size(); i++) {
                        cs.beginText();
                        cs.setFont(font, SIZE);
                        cs.newLineAtOffset(LEFT, TOP - i * LEADING);
                        cs.showText(onPage.get(i));
                        cs.endText();
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
