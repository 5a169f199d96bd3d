package cutoff.document;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * A bound on what one PDF stream decodes to. PDFBox 3.0.5 decodes a stream ({@code Filter.decode}) into a
 * memory buffer with no limit, whatever {@code MemoryUsageSetting} says (that setting is for streams PDFBox
 * writes), so a few kilobytes of {@code /FlateDecode} can fill the heap, even while the file loads (a
 * cross-reference or object stream). PDFBox offers no option for this, so the expanding filters in
 * {@link FilterFactory#INSTANCE}'s table (Flate, LZW, RunLength, and their abbreviations) are replaced, once,
 * by wrappers that count what they write and fail past {@link #MAX_DECODED_BYTES}. The table is PDFBox's
 * private field: {@code HostileFilesTest} fails if an upgrade renames it, rather than the bound silently going.
 *
 * <p>Like POI's limits, this is global to the JVM: every PDF any code here decodes is held to it.
 */
final class PdfFilters {
    /**
     * 32 MiB decoded from one stream (per filter of a chain). The largest streams a notice's PDF holds are
     * fonts embedded whole (a CJK font is 10-20 MB); a page's drawing instructions are far smaller and are held
     * to {@link PdfText#MAX_CONTENT_BYTES}.
     */
    static final long MAX_DECODED_BYTES = 32L * 1024 * 1024;
    private static final String[] EXPANDING = {"FlateDecode", "Fl", "LZWDecode", "LZW", "RunLengthDecode", "RL"};
    private static boolean installed;

    private PdfFilters() {
    }

    /** Wraps the expanding filters, the first time it is called. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Field field = FilterFactory.class.getDeclaredField("filters");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<COSName, Filter> filters = (Map<COSName, Filter>) field.get(FilterFactory.INSTANCE);
            for (String name : EXPANDING) {
                COSName key = COSName.getPDFName(name);
                Filter filter = filters.get(key);
                if (filter != null && !(filter instanceof Bounded)) {
                    filters.put(key, new Bounded(filter));
                }
            }
            installed = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("PDFBox's FilterFactory has changed (no private Map 'filters'):"
                    + " PDF streams cannot be bounded; see PdfFilters", e);
        }
    }

    /** Whether {@code name}'s filter is bounded now. */
    static boolean isBounded(COSName name) throws IOException {
        return FilterFactory.INSTANCE.getFilter(name) instanceof Bounded;
    }

    /**
     * Whether a bounded filter refused a stream on this thread since the last {@link #resetTripped()}: PDFBox
     * skips some streams that fail to decode (and goes on without them), so the reader asks afterwards.
     */
    static boolean tripped() {
        return TRIPPED.get();
    }

    static void resetTripped() {
        TRIPPED.set(false);
    }

    private static final ThreadLocal<Boolean> TRIPPED = ThreadLocal.withInitial(() -> false);

    /** Thrown, as PDFBox's own decoding errors are, when a stream decodes past a limit. */
    static final class TooLarge extends IOException {
        final long limit;

        TooLarge(long limit) {
            super("a stream decodes to more than " + ZipParts.mib(limit));
            this.limit = limit;
        }
    }

    /** A filter that decodes as its delegate does, failing once it has written {@link #MAX_DECODED_BYTES}. */
    private static final class Bounded extends Filter {
        private final Filter delegate;

        Bounded(Filter delegate) {
            this.delegate = delegate;
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index)
                throws IOException {
            return delegate.decode(encoded, new Counting(decoded, MAX_DECODED_BYTES), parameters, index);
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index,
                DecodeOptions options) throws IOException {
            return delegate.decode(encoded, new Counting(decoded, MAX_DECODED_BYTES), parameters, index, options);
        }

        /** Writing (saving a PDF, as the tests do) is the delegate's own, unbounded. */
        @Override
        protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters) throws IOException {
            try {
                Method encode = delegate.getClass().getDeclaredMethod("encode", InputStream.class, OutputStream.class,
                        COSDictionary.class);
                encode.setAccessible(true);
                encode.invoke(delegate, input, encoded, parameters);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot encode with " + delegate.getClass().getName(), e);
            }
        }
    }

    /** Passes bytes on, failing with {@link TooLarge} past a count. */
    static final class Counting extends FilterOutputStream {
        private final long limit;
        private long count;

        Counting(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
            out.write(b, off, len);
        }

        private void add(long n) throws TooLarge {
            count += n;
            if (count > limit) {
                TRIPPED.set(true);
                throw new TooLarge(limit);
            }
        }

        long count() {
            return count;
        }
    }
}
