package cutoff.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A Word 2007+ document's body (POI XWPF): paragraphs and tables in body order, a paragraph a line, a
 * table row a line with its cells joined by a tab. Headers, footers (page numbers) and footnotes are
 * left out. Numbers that Word generates for a list ({@code 一、} typed by a numbering definition) are not
 * in the text and are not recreated.
 */
final class DocxText {
    private DocxText() {
    }

    /**
     * The body's text.
     *
     * @param bytes a DOCX; its parts are inflated and counted first ({@link ZipParts}), then POI reads it
     *              with the same limits set ({@link ZipParts#guardPoi})
     * @param time  checked per body element
     */
    static String of(byte[] bytes, ReadingTime time) throws DocumentException {
        ZipParts.names(bytes, time);
        ZipParts.guardPoi();
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            StringBuilder out = new StringBuilder();
            for (IBodyElement element : docx.getBodyElements()) {
                append(element, out);
                NoticeDocuments.checkText(out.length(), "a DOCX");
                time.check();
            }
            return NoticeDocuments.requireLetters(out.toString(), "a DOCX");
        } catch (EncryptedDocumentException e) {
            throw new DocumentException(DocumentException.Reason.UNREADABLE,
                    "a password-protected DOCX: save a copy without the password", e);
        } catch (IOException | RuntimeException e) {
            // POI reports a broken package as POIXMLException / NotOfficeXmlFileException (runtime), and its own
            // zip-bomb limits as an IOException ("Zip bomb detected!", "…more internal file entries than expected").
            String m = String.valueOf(e.getMessage());
            if (m.startsWith("Zip bomb detected") || m.contains("more internal file entries than expected")) {
                throw new DocumentException(DocumentException.Reason.TOO_LARGE, "a DOCX whose parts inflate past the reader's"
                        + " limits (" + ZipParts.MAX_RATIO + " times, " + ZipParts.mib(ZipParts.MAX_TOTAL_BYTES) + ", "
                        + ZipParts.MAX_ENTRIES + " parts): save the document again from Word, or give its text", e);
            }
            throw new DocumentException(DocumentException.Reason.UNREADABLE, "a DOCX that cannot be read (damaged?): "
                    + NoticeDocuments.damage(e) + ": save the document again", e);
        }
    }

    private static void append(IBodyElement element, StringBuilder out) {
        if (element instanceof XWPFParagraph p) {
            out.append(p.getText()).append('\n');
        } else if (element instanceof XWPFTable table) {
            for (XWPFTableRow row : table.getRows()) {
                List<String> cells = new ArrayList<>();
                for (XWPFTableCell cell : row.getTableCells()) {
                    StringBuilder text = new StringBuilder();
                    for (IBodyElement inCell : cell.getBodyElements()) {
                        append(inCell, text);
                    }
                    cells.add(text.toString().strip().replaceAll("\\s*\\n\\s*", " "));
                }
                out.append(String.join("\t", cells)).append('\n');
            }
        } else if (element instanceof XWPFSDT sdt) {
            out.append(sdt.getContent().getText()).append('\n');
        }
    }
}
