package cutoff.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * A Word 97-2003 document's main text (POI HWPF, from poi-scratchpad): a paragraph a line, a table row
 * a line with its cells joined by a tab; field codes removed, their results kept.
 */
final class DocText {
    private DocText() {
    }

    /**
     * The main text.
     *
     * @param bytes an OLE2 compound file (the whole file is in memory already, within the size limit)
     * @param time  checked every 256 paragraphs
     */
    static String of(byte[] bytes, ReadingTime time) throws DocumentException {
        try (POIFSFileSystem ole = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
            if (ole.getRoot().hasEntry("EncryptionInfo")) {
                throw new DocumentException(DocumentException.Reason.UNREADABLE,
                        "an encrypted Office document: save a copy without the password");
            }
            if (!ole.getRoot().hasEntry("WordDocument")) {
                throw NoticeDocuments.unsupported(notWord(ole) + ": " + NoticeDocuments.READS);
            }
            DocPieces.check(ole);
            time.check();
            try (HWPFDocument doc = new HWPFDocument(ole)) {
                return NoticeDocuments.requireLetters(lines(doc.getRange(), time), "a DOC");
            }
        } catch (EncryptedDocumentException e) {
            throw new DocumentException(DocumentException.Reason.UNREADABLE,
                    "a password-protected DOC: save a copy without the password", e);
        } catch (IOException | RuntimeException e) {
            throw new DocumentException(DocumentException.Reason.UNREADABLE, "a DOC that cannot be read (damaged,"
                    + " or older than Word 97?): " + NoticeDocuments.damage(e)
                    + ": save it as .docx", e);
        }
    }

    /** What an OLE2 file without a Word stream is, by the streams Office writes. */
    private static String notWord(POIFSFileSystem ole) {
        if (ole.getRoot().hasEntry("Workbook") || ole.getRoot().hasEntry("Book")) {
            return "a spreadsheet (XLS), not a .doc";
        }
        if (ole.getRoot().hasEntry("PowerPoint Document")) {
            return "a presentation (PPT), not a .doc";
        }
        return "an OLE2 file without a WordDocument stream, so not a .doc";
    }

    private static String lines(Range range, ReadingTime time) throws DocumentException {
        StringBuilder out = new StringBuilder();
        StringBuilder row = new StringBuilder();
        boolean cellEnded = false;
        for (int i = 0; i < range.numParagraphs(); i++) {
            if (i % 256 == 0) {
                time.check();
                NoticeDocuments.checkText(out.length() + row.length(), "a DOC");
            }
            Paragraph p = range.getParagraph(i);
            if (p.isInTable() && p.isTableRowEnd()) {
                out.append(row.toString().strip()).append('\n');
                row.setLength(0);
                cellEnded = false;
                continue;
            }
            String raw = p.text();
            boolean endsCell = raw.endsWith("\u0007");
            String text = clean(raw);
            if (p.isInTable()) {
                if (!row.isEmpty()) {
                    row.append(cellEnded ? '\t' : ' ');
                }
                row.append(text.strip());
                cellEnded = endsCell;
            } else {
                out.append(text).append('\n');
            }
        }
        if (!row.isEmpty()) {
            out.append(row.toString().strip()).append('\n');
        }
        return out.toString();
    }

    /** Word's control characters: field codes out, manual line and page breaks as line breaks, marks dropped. */
    private static String clean(String raw) {
        String text = Range.stripFields(raw);
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u000b' || c == '\u000c') {
                sb.append('\n');
            } else if (c == '\r' || c == '\u0007') {
                // paragraph and cell marks: the line ends anyway
            } else if (c == '\u001e') {
                sb.append('-'); // non-breaking hyphen
            } else if (c >= ' ' || c == '\t') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
