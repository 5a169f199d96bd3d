package cutoff.document;

/** What a notice file holds, as {@link NoticeDocuments#detect} reads it from the content. */
public enum Format {
    /** Plain text; the parser requires UTF-8 (a byte-order mark is allowed). */
    TEXT("text"),
    /** A notice record as {@code ./cutoff parse} prints it (a leading {@code {}). */
    JSON("a JSON notice record"),
    /** A web page ({@code <!doctype html}, {@code <html>} or another HTML tag first). */
    HTML("HTML"),
    /** {@code %PDF-}. */
    PDF("PDF"),
    /** A ZIP ({@code PK\3\4}) holding {@code word/document.xml}: Word 2007 and later. */
    DOCX("DOCX"),
    /** An OLE2 compound file ({@code D0 CF 11 E0}) holding a {@code WordDocument} stream: Word 97-2003. */
    DOC("DOC (Word 97-2003)");

    private final String label;

    Format(String label) {
        this.label = label;
    }

    /** How messages name the format. */
    public String label() {
        return label;
    }
}
