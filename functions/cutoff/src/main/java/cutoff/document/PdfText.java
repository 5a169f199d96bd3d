package cutoff.document;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF's text layer in reading order (PDFBox's {@link PDFTextStripper}, sorted by position, so a page
 * written out of order still reads top to bottom). Lines come out as the PDF wraps them; the parser
 * rejoins them and drops page-number lines.
 */
final class PdfText {
    private PdfText() {
    }

    static String of(byte[] bytes) throws DocumentException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            String text = stripper.getText(pdf);
            if (text.codePoints().noneMatch(Character::isLetter)) {
                int pages = pdf.getNumberOfPages();
                throw new DocumentException("a PDF of " + pages + (pages == 1 ? " page" : " pages")
                        + " with no text layer (a scan?): it has no text to read and needs OCR first"
                        + " (e.g. ocrmypdf -l chi_sim in.pdf out.pdf), then give the result or its text");
            }
            return text;
        } catch (InvalidPasswordException e) {
            throw new DocumentException("a password-protected PDF: open it with its password and save a copy without one", e);
        } catch (IOException e) {
            throw new DocumentException("a PDF that PDFBox cannot read (damaged or truncated?): " + e.getMessage(), e);
        }
    }
}
