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

    static String of(byte[] bytes) throws DocumentException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            StringBuilder out = new StringBuilder();
            for (IBodyElement element : docx.getBodyElements()) {
                append(element, out);
            }
            return out.toString();
        } catch (EncryptedDocumentException e) {
            throw new DocumentException("a password-protected DOCX: save a copy without the password", e);
        } catch (IOException | RuntimeException e) {
            // POI reports a broken package as POIXMLException / NotOfficeXmlFileException (runtime).
            throw new DocumentException("a DOCX that POI cannot read (damaged?): " + e.getMessage(), e);
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
