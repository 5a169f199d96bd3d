package cutoff.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A PDF's text layer in reading order (PDFBox's {@link PDFTextStripper}, sorted by position, so a page
 * written out of order still reads top to bottom). Lines come out as the PDF wraps them; the parser
 * rejoins them and drops page-number lines.
 *
 * <p>An untrusted PDF is read within bounds: {@link #MAX_PAGES} pages, {@link PdfFilters#MAX_DECODED_BYTES}
 * decoded from any one stream, {@link #MAX_CONTENT_BYTES} of drawing instructions a page or form,
 * {@link #MAX_GLYPHS_PER_PAGE} characters a page (PDFBox holds a page's characters to sort them),
 * {@link #MAX_NESTING} saved graphics states, {@link NoticeDocuments#MAX_TEXT_CHARS} of text, and the
 * reading time ({@link ReadingTime}), checked per page and every {@link #OPERATORS_PER_CHECK} operators.
 */
final class PdfText {
    /**
     * 500 pages. A call for proposals with its guidelines runs to 10-80 pages; 500 leaves room for a notice
     * with every annex and stops a file of thousands of empty pages (a few hundred bytes each) early.
     */
    static final int MAX_PAGES = 500;
    /**
     * 4 MiB of decoded drawing instructions for one page or form. A page of notice text is 5-50 kB; PDFBox
     * keeps a content stream's operands while it parses an operator, so this bounds that too.
     */
    static final long MAX_CONTENT_BYTES = 4L * 1024 * 1024;
    /** 50,000 characters on one page: a dense A4 page of 8-point type holds under 10,000. */
    static final int MAX_GLYPHS_PER_PAGE = 50_000;
    /** 1,000 nested {@code q} (save graphics state) operators; real pages nest a handful, PDFBox sets no bound. */
    static final int MAX_NESTING = 1_000;
    static final int OPERATORS_PER_CHECK = 4096;
    /**
     * 16 MiB of main memory for streams PDFBox writes while reading ({@code MemoryUsageSetting}; text extraction
     * writes next to none: decoded streams go to their own buffers, bounded by {@link PdfFilters}).
     */
    static final long SCRATCH_BYTES = 16L * 1024 * 1024;

    private PdfText() {
    }

    static String of(byte[] bytes, ReadingTime time) throws DocumentException {
        PdfFilters.install();
        PdfFilters.resetTripped();
        try (PDDocument pdf = Loader.loadPDF(bytes, "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(SCRATCH_BYTES).streamCache)) {
            int pages = pdf.getNumberOfPages();
            if (pages == 0) {
                throw new DocumentException(DocumentException.Reason.NO_TEXT, "a PDF with no pages: there is nothing in it to read");
            }
            if (pages > MAX_PAGES) {
                throw tooManyPages(String.format(Locale.ROOT, "%,d", pages));
            }
            int walked = 0;
            for (PDPage page : pdf.getPages()) { // the tree itself, in case its /Count says less
                if (++walked > MAX_PAGES) {
                    throw tooManyPages("more than " + String.format(Locale.ROOT, "%,d", MAX_PAGES));
                }
            }
            time.check();
            Stripper stripper = new Stripper(time);
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            Bounded out = new Bounded();
            stripper.writeText(pdf, out);
            refuseIfTripped();
            String text = out.toString();
            if (text.codePoints().noneMatch(Character::isLetter)) {
                throw NoticeDocuments.unsupported("a PDF of " + pages + (pages == 1 ? " page" : " pages")
                        + " with no text layer (a scan?): it has no text to read and needs OCR first"
                        + " (e.g. ocrmypdf -l chi_sim in.pdf out.pdf), then give the result or its text");
            }
            return text;
        } catch (Refused e) {
            throw e.refusal;
        } catch (InvalidPasswordException e) {
            throw new DocumentException(DocumentException.Reason.UNREADABLE,
                    "a password-protected PDF: open it with its password and save a copy without one", e);
        } catch (PdfFilters.TooLarge e) {
            throw streamTooLarge(e.limit);
        } catch (IOException | RuntimeException e) {
            if (PdfFilters.tripped()) {
                throw streamTooLarge(PdfFilters.MAX_DECODED_BYTES);
            }
            throw new DocumentException(DocumentException.Reason.UNREADABLE,
                    "a PDF that cannot be read (damaged or truncated?): " + NoticeDocuments.damage(e) + ": save or print it to PDF again", e);
        } finally {
            PdfFilters.resetTripped();
        }
    }

    private static void refuseIfTripped() throws DocumentException {
        if (PdfFilters.tripped()) {
            throw streamTooLarge(PdfFilters.MAX_DECODED_BYTES);
        }
    }

    private static DocumentException tooManyPages(String pages) {
        return new DocumentException(DocumentException.Reason.TOO_LARGE, "a PDF of " + pages + " pages, over the "
                + MAX_PAGES + "-page limit for a notice: give the notice's own pages or its text");
    }

    private static DocumentException streamTooLarge(long limit) {
        return new DocumentException(DocumentException.Reason.TOO_LARGE, "a PDF with a stream that decodes to more than "
                + ZipParts.mib(limit) + " (a decompression bomb, or a page of huge drawings?): print it to PDF again,"
                + " or give its text");
    }


    /** PDFBox's stripper with the page, content, glyph, nesting and time bounds checked as it goes. */
    private static final class Stripper extends PDFTextStripper {
        private final ReadingTime time;
        private int pagesSeen;
        private int glyphsOnPage;
        private int operators;

        Stripper(ReadingTime time) {
            this.time = time;
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            // The page tree is walked here, so this also counts pages a lying /Count leaves out.
            if (++pagesSeen > MAX_PAGES) {
                throw new Refused(tooManyPages("more than " + MAX_PAGES));
            }
            Refused.check(time);
            glyphsOnPage = 0;
            long content = 0;
            for (Iterator<PDStream> it = page.getContentStreams(); it.hasNext(); ) {
                content += decodedLength(it.next().getCOSObject(), MAX_CONTENT_BYTES - content);
            }
            super.startPage(page);
        }

        @Override
        public void showForm(PDFormXObject form) throws IOException {
            decodedLength(form.getCOSObject(), MAX_CONTENT_BYTES);
            super.showForm(form);
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (++operators % OPERATORS_PER_CHECK == 0) {
                Refused.check(time);
            }
            super.processOperator(operator, operands);
        }

        @Override
        public void saveGraphicsState() {
            if (getGraphicsStackSize() > MAX_NESTING) {
                throw new Refused(new DocumentException(DocumentException.Reason.TOO_LARGE, "a PDF page that nests its"
                        + " graphics states more than " + MAX_NESTING + " deep, which no notice does: print it to PDF"
                        + " again, or give its text"));
            }
            super.saveGraphicsState();
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            if (++glyphsOnPage > MAX_GLYPHS_PER_PAGE) {
                throw new Refused(new DocumentException(DocumentException.Reason.TOO_LARGE, "a PDF page with more than "
                        + String.format(Locale.ROOT, "%,d", MAX_GLYPHS_PER_PAGE) + " characters, which no printed page holds:"
                        + " print it to PDF again, or give its text"));
            }
            super.processTextPosition(text);
        }

        /**
         * What a page's or form's content stream decodes to, counted (not kept) and refused past {@code limit}:
         * PDFBox streams a page's single Flate content stream through its own inflater, past the bounded filters.
         */
        private static long decodedLength(COSStream stream, long limit) throws IOException {
            COSBase filters = stream.getFilters();
            COSName single = filters instanceof COSName n ? n
                    : filters instanceof COSArray a && a.size() == 1 && a.getObject(0) instanceof COSName n ? n : null;
            PdfFilters.Counting sink = new PdfFilters.Counting(OutputStream.nullOutputStream(), limit);
            try {
                if (filters == null) {
                    try (InputStream raw = stream.createRawInputStream()) {
                        raw.transferTo(sink);
                    }
                } else if (single != null) {
                    try (InputStream raw = stream.createRawInputStream()) {
                        FilterFactory.INSTANCE.getFilter(single).decode(raw, sink, stream, 0);
                    }
                } else {
                    try (InputStream decoded = stream.createInputStream()) {
                        decoded.transferTo(sink);
                    }
                }
            } catch (PdfFilters.TooLarge e) {
                if (e.limit != limit) {
                    throw e;
                }
                PdfFilters.resetTripped();
                throw new Refused(new DocumentException(DocumentException.Reason.TOO_LARGE, "a PDF page or form whose"
                        + " drawing instructions decode to more than " + ZipParts.mib(MAX_CONTENT_BYTES) + " (a vector"
                        + " drawing or map?): print it to PDF again as an image, or give its text"));
            } catch (IOException damaged) {
                // PDFBox skips a content stream it cannot decode and reads the rest, as before these bounds.
                return sink.count();
            }
            return sink.count();
        }
    }

    /** The stripper's output, refused past {@link NoticeDocuments#MAX_TEXT_CHARS} (every write comes here). */
    private static final class Bounded extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] cbuf, int off, int len) {
            try {
                NoticeDocuments.checkText(text.length() + len, "a PDF");
            } catch (DocumentException e) {
                throw new Refused(e);
            }
            text.append(cbuf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
