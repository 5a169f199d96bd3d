package cutoff.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * The parts of a ZIP (a DOCX is one, ECMA-376 Part 2), every one inflated once and counted before POI reads
 * it, so an archive that inflates to gigabytes is refused after at most {@link #MAX_TOTAL_BYTES} of
 * inflating, in a few hundred milliseconds and a 64 kB buffer. The same limits are set in POI's
 * {@link ZipSecureFile} as a second line.
 */
final class ZipParts {
    /** Parts in one archive. A Word notice has 10-30 (XML parts, relationships, a few images); POI's default is 1,000. */
    static final int MAX_ENTRIES = 1000;
    /**
     * 16 MiB inflated for one XML part. A hundred-page notice's {@code word/document.xml} is 1-4 MB; POI
     * holds a part as an XMLBeans tree several times its size, so this keeps one part's tree near 100-200 MB.
     */
    static final long MAX_XML_PART_BYTES = 16L * 1024 * 1024;
    /** 64 MiB inflated for all parts together: the XML parts plus images, which barely compress. */
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    /**
     * 100: the most a part may inflate (inflated ÷ compressed) past {@link #RATIO_GRACE_BYTES}. Word's XML
     * compresses 5-20 times; repeated markup made to inflate compresses about 1,000 times. POI's default
     * ({@link ZipSecureFile#setMinInflateRatio}, 0.01).
     */
    static final int MAX_RATIO = 100;
    /** 1 MiB: parts smaller than this are not held to {@link #MAX_RATIO} (a short, regular part compresses well). */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private ZipParts() {
    }

    /**
     * Sets POI's own zip-bomb limits to these, before POI opens a package. They are static fields of
     * {@link ZipSecureFile}: they hold for every OOXML file this JVM opens, not only notices (POI 5.4.1:
     * {@code OPCPackage.open(InputStream)} reads each part through {@code ZipArchiveThresholdInputStream},
     * which checks the entry count, each part's inflated size and its ratio; {@code setMaxTextSize} binds
     * only POI's text extractors, which are not used here, so {@link NoticeDocuments#MAX_TEXT_CHARS} is ours).
     */
    static void guardPoi() {
        ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
        ZipSecureFile.setMaxEntrySize(MAX_TOTAL_BYTES);
        ZipSecureFile.setMinInflateRatio(1.0 / MAX_RATIO);
        ZipSecureFile.setGraceEntrySize(RATIO_GRACE_BYTES);
    }

    /**
     * The archive's part names, in order, after inflating every part within the limits.
     *
     * @param bytes a ZIP archive
     * @param time  checked after each part and every 16 MB inflated
     * @throws DocumentException {@code TOO_LARGE} past a limit (the message names it); {@code UNREADABLE} for a
     *                           damaged or truncated archive
     */
    static Set<String> names(byte[] bytes, ReadingTime time) throws DocumentException {
        Set<String> names = new LinkedHashSet<>();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (names.size() == MAX_ENTRIES) {
                    throw tooLarge("more than " + MAX_ENTRIES + " parts");
                }
                String name = e.getName();
                names.add(name);
                boolean xml = isXml(name);
                long part = 0;
                long sinceCheck = 0;
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    part += n;
                    total += n;
                    sinceCheck += n;
                    if (xml && part > MAX_XML_PART_BYTES) {
                        throw tooLarge("a part (" + name + ") that inflates past " + mib(MAX_XML_PART_BYTES));
                    }
                    if (total > MAX_TOTAL_BYTES) {
                        throw tooLarge("parts that inflate past " + mib(MAX_TOTAL_BYTES) + " together");
                    }
                    if (sinceCheck > 16 * 1024 * 1024) {
                        time.check();
                        sinceCheck = 0;
                    }
                }
                long compressed = e.getCompressedSize();
                if (part > RATIO_GRACE_BYTES && compressed > 0 && part / compressed > MAX_RATIO) {
                    throw tooLarge("a part (" + name + ") that inflates " + part / compressed + " times (the limit is "
                            + MAX_RATIO + ")");
                }
                time.check();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new DocumentException(DocumentException.Reason.UNREADABLE,
                    "a damaged ZIP archive (DOCX files are ZIP): " + NoticeDocuments.damage(e) + ": save the document again", e);
        }
        return names;
    }

    private static boolean isXml(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".xml") || n.endsWith(".rels") || n.endsWith(".vml");
    }

    private static DocumentException tooLarge(String what) {
        return new DocumentException(DocumentException.Reason.TOO_LARGE, "a ZIP archive with " + what
                + ", more than a notice holds (a zip bomb?): save the document again from Word, or give its text");
    }

    static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
