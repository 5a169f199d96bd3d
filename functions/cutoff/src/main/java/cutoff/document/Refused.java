package cutoff.document;

/**
 * A {@link DocumentException} carried out of a library's callback that declares none (jsoup's node visitor,
 * PDFBox's stripper); the reader that installed the callback catches it and throws {@link #refusal}.
 */
final class Refused extends RuntimeException {
    final DocumentException refusal;

    Refused(DocumentException refusal) {
        super(refusal.getMessage(), null, false, false);
        this.refusal = refusal;
    }

    /** {@link ReadingTime#check()}, its refusal carried out as a {@code Refused}. */
    static void check(ReadingTime time) {
        try {
            time.check();
        } catch (DocumentException e) {
            throw new Refused(e);
        }
    }
}
