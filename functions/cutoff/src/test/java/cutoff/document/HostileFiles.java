package cutoff.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.LittleEndian;

/**
 * Hostile files, generated (never checked in): zip bombs, PDFs of thousands of pages or with streams that
 * decode to gigabytes, deep markup, images, encrypted documents. Each is small to write and to hold; what it
 * expands to is what the readers must refuse.
 */
final class HostileFiles {
    static final String CONTENT_TYPES = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\""
            + " ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    static final String RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
            + " Target=\"word/document.xml\"/></Relationships>";
    private static final String BODY_START = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
    private static final String PARAGRAPH = "<w:p><w:r><w:t>申报截止时间为2031年5月13日。</w:t></w:r></w:p>";

    private HostileFiles() {
    }

    /**
     * A DOCX whose {@code word/document.xml} inflates to {@code inflated} bytes (one paragraph of 申 repeated),
     * about 1,000 times its compressed size (a 3 GiB part is 3 MB), well-formed XML with a correct CRC:
     * {@code unzip -t} passes it.
     *
     * <p>The ZIP is written record by record (APPNOTE.TXT 4.3.7 local header, 4.3.9 data descriptor, 4.3.12
     * central directory, 4.3.16 end record) around one deflated 1 MiB block of the pattern, ended by a full
     * flush (RFC 1951 §3.2.3: a byte-aligned block that needs no earlier history), so the same compressed bytes
     * repeat: compressing a gigabyte with {@link ZipOutputStream} takes 6-15 s on the test machine, this takes
     * the CRC's time (a third of a second a GiB). Nothing of the inflated size is ever held.
     *
     * @param first a part written before the document, inflating to {@code inflated} bytes of zeros, or
     *              {@code null} to make {@code word/document.xml} itself the bomb
     */
    static byte[] docxBomb(long inflated, String first) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RawZip zip = new RawZip(out);
            zip.add("[Content_Types].xml", CONTENT_TYPES.getBytes(StandardCharsets.UTF_8));
            zip.add("_rels/.rels", RELS.getBytes(StandardCharsets.UTF_8));
            byte[] none = new byte[0];
            if (first != null) {
                zip.addRepeated(first, none, new byte[1 << 20], inflated >> 20, none);
                zip.add("word/document.xml", (BODY_START + PARAGRAPH + "</w:body></w:document>").getBytes(StandardCharsets.UTF_8));
            } else {
                // A run of one 3-byte character: deflate's distance 3 needs no extra bits, so it packs tightest.
                byte[] chunk = "申".repeat((1 << 20) / 3).getBytes(StandardCharsets.UTF_8);
                zip.addRepeated("word/document.xml", (BODY_START + "<w:p><w:r><w:t>").getBytes(StandardCharsets.UTF_8),
                        chunk, inflated / chunk.length, "</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ZIP with {@code parts} small parts besides a DOCX's own (java.util.zip: no part is large). */
    static byte[] docxOfManyParts(int parts) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, "[Content_Types].xml", CONTENT_TYPES);
                put(zip, "_rels/.rels", RELS);
                put(zip, "word/document.xml", BODY_START + PARAGRAPH + "</w:body></w:document>");
                for (int i = 0; i < parts; i++) {
                    put(zip, "word/media/image" + i + ".png", "x");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /**
     * A Word 97 file whose piece table ([MS-DOC] 2.9.38 Clx, 2.9.177 PlcPcd) is replaced by one that repeats the
     * first piece, each copy pointing at the same bytes of the WordDocument stream, until the pieces claim
     * {@code chars} characters: HWPF would copy every piece's bytes. The new Clx goes at the end of the table
     * stream and the FIB's {@code fcClx}/{@code lcbClx} (FibRgFcLcb97, bytes 418 and 422 of the stream) point at it.
     *
     * <p>POI refuses a piece table over 100,000 bytes (8,000 pieces) as damaged; within that, pieces that each
     * span a WordDocument stream of some megabytes claim gigabytes.
     *
     * @param doc   a DOC whose Clx holds no Prc (LibreOffice writes none), such as {@code sample-notice.doc}
     * @param chars what the pieces claim together; 20,000,000 from {@code sample-notice.doc} is 6,000 pieces
     */
    static byte[] docOfRepeatedPieces(byte[] doc, long chars) {
        try (POIFSFileSystem ole = new POIFSFileSystem(new ByteArrayInputStream(doc))) {
            byte[] main = stream(ole, "WordDocument");
            String tableName = (LittleEndian.getShort(main, 0x0A) & 0x0200) != 0 ? "1Table" : "0Table"; // fWhichTblStm
            byte[] table = stream(ole, tableName);
            int plcPcd = LittleEndian.getInt(main, 418) + 5; // after clxt 0x02 and lcb
            int pieceChars = LittleEndian.getInt(table, plcPcd + 4);
            byte[] pcd = Arrays.copyOfRange(table, plcPcd + 8, plcPcd + 16);
            int pieces = (int) Math.min(Integer.MAX_VALUE / 16, chars / pieceChars + 1);
            ByteArrayOutputStream clx = new ByteArrayOutputStream();
            clx.write(2);
            clx.writeBytes(RawZip.le((pieces + 1) * 4L + pieces * 8L, 4));
            for (long i = 0; i <= pieces; i++) {
                clx.writeBytes(RawZip.le(i * pieceChars, 4));
            }
            for (int i = 0; i < pieces; i++) {
                clx.writeBytes(pcd);
            }
            LittleEndian.putInt(main, 418, table.length);
            LittleEndian.putInt(main, 422, clx.size());
            ByteArrayOutputStream newTable = new ByteArrayOutputStream();
            newTable.writeBytes(table);
            newTable.writeBytes(clx.toByteArray());
            ole.getRoot().createOrUpdateDocument("WordDocument", new ByteArrayInputStream(main));
            ole.getRoot().createOrUpdateDocument(tableName, new ByteArrayInputStream(newTable.toByteArray()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ole.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] stream(POIFSFileSystem ole, String name) throws IOException {
        try (InputStream in = ole.createDocumentInputStream(name)) {
            return in.readAllBytes();
        }
    }

    /** A PDF of {@code pages} pages, each with one line of text in Helvetica (not embedded: a few hundred bytes a page). */
    static byte[] pdfOfPages(int pages, boolean countSaysOne) {
        try (PDDocument pdf = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText("Page " + i + " of a call for proposals, closing on 13 May 2031.");
                    cs.endText();
                }
            }
            if (countSaysOne) {
                pdf.getPages().getCOSObject().setInt(COSName.COUNT, 1); // a page tree whose /Count lies
            }
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A one-page PDF whose content stream is {@code inflated} bytes of drawing instructions ({@code 0 0 m}, a
     * move-to), stored FlateDecode: the file is about a thousandth of that.
     */
    static byte[] pdfWithHugeContent(long inflated) {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            byte[] op = "0 0 m\n".getBytes(StandardCharsets.US_ASCII);
            page.setContents(new PDStream(pdf, repeated(op, inflated / op.length), COSName.FLATE_DECODE));
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF of some pages of text that opens only with the password {@code user}. */
    static byte[] encryptedPdf() {
        try (PDDocument pdf = load(pdfOfPages(2, false))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDDocument load(byte[] bytes) throws IOException {
        return org.apache.pdfbox.Loader.loadPDF(bytes);
    }

    private static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }

    /** {@code depth} nested {@code <div class="content">}, the innermost holding a sentence: a page that nests without end. */
    static byte[] nestedHtml(int depth) {
        StringBuilder page = new StringBuilder("<html><body>");
        page.append("<div class=\"content\">".repeat(depth)).append("<p>申报截止时间为2031年5月13日。</p>")
                .append("</div>".repeat(depth)).append("</body></html>");
        return page.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An image as a scanner or a phone writes it ({@code png}, {@code jpeg}), of a white page. */
    static byte[] image(String format) {
        BufferedImage page = new BufferedImage(210, 297, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                page.setRGB(x, y, 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(page, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code times} copies of {@code unit}, read as a stream: never held whole. */
    static InputStream repeated(byte[] unit, long times) {
        return new InputStream() {
            private long left = times * unit.length;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                return unit[(int) ((times * unit.length - left--) % unit.length)] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                long at = times * unit.length - left;
                for (int i = 0; i < n; i++) {
                    b[off + i] = unit[(int) ((at + i) % unit.length)];
                }
                left -= n;
                return n;
            }
        };
    }

    /** A ZIP written record by record (PKWARE APPNOTE.TXT 6.3), its parts deflated, each followed by a data descriptor. */
    private static final class RawZip {
        private final OutputStream out;
        private final List<byte[]> central = new ArrayList<>();
        private long offset;

        RawZip(OutputStream out) {
            this.out = out;
        }

        void add(String name, byte[] content) throws IOException {
            addRepeated(name, content, new byte[0], 0, new byte[0]);
        }

        /**
         * A part of {@code head}, {@code times} copies of {@code chunk} and {@code tail}; the chunk is deflated
         * once after a full flush, and its compressed bytes repeated.
         */
        void addRepeated(String name, byte[] head, byte[] chunk, long times, byte[] tail) throws IOException {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(head);
            byte[] headBlock = deflate(deflater, Deflater.FULL_FLUSH);
            deflater.setInput(chunk);
            byte[] block = deflate(deflater, Deflater.FULL_FLUSH);
            deflater.setInput(tail);
            deflater.finish();
            byte[] end = deflate(deflater, Deflater.NO_FLUSH);
            deflater.end();
            CRC32 crc = new CRC32();
            long start = offset;
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            write(header(0x04034b50, nameBytes, 0, 0, 0, -1));
            write(headBlock);
            crc.update(head);
            for (long i = 0; i < times; i++) {
                write(block);
                crc.update(chunk);
            }
            write(end);
            crc.update(tail);
            long compressed = headBlock.length + times * block.length + end.length;
            long size = head.length + times * chunk.length + tail.length;
            if (size > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("a part of 4 GiB or more needs ZIP64, which this does not write");
            }
            write(le(0x08074b50, 4), le(crc.getValue(), 4), le(compressed, 4), le(size, 4));
            central.add(header(0x02014b50, nameBytes, crc.getValue(), compressed, size, start));
        }

        void finish() throws IOException {
            long start = offset;
            for (byte[] entry : central) {
                write(entry);
            }
            write(le(0x06054b50, 4), le(0, 2), le(0, 2), le(central.size(), 2), le(central.size(), 2),
                    le(offset - start, 4), le(start, 4), le(0, 2));
        }

        /** A local header ({@code at < 0}) or a central directory entry for a part at {@code at}. */
        private static byte[] header(int signature, byte[] name, long crc, long compressed, long size, long at) {
            ByteArrayOutputStream h = new ByteArrayOutputStream();
            boolean central = at >= 0;
            h.writeBytes(le(signature, 4));
            if (central) {
                h.writeBytes(le(20, 2)); // made by: 2.0
            }
            h.writeBytes(le(20, 2)); // needed: 2.0 (deflate)
            h.writeBytes(le(0x0808, 2)); // bit 3: sizes in the data descriptor; bit 11: UTF-8 names
            h.writeBytes(le(8, 2)); // deflated
            h.writeBytes(le(0, 2)); // time
            h.writeBytes(le(0x21, 2)); // date: 1980-01-01
            h.writeBytes(le(crc, 4));
            h.writeBytes(le(compressed, 4));
            h.writeBytes(le(size, 4));
            h.writeBytes(le(name.length, 2));
            h.writeBytes(le(0, 2)); // extra field
            if (central) {
                h.writeBytes(le(0, 2)); // comment
                h.writeBytes(le(0, 2)); // disk
                h.writeBytes(le(0, 2)); // internal attributes
                h.writeBytes(le(0, 4)); // external attributes
                h.writeBytes(le(at, 4));
            }
            h.writeBytes(name);
            return h.toByteArray();
        }

        private static byte[] deflate(Deflater deflater, int flush) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, flush);
                out.write(buffer, 0, n);
            } while (n == buffer.length || flush == Deflater.NO_FLUSH && !deflater.finished());
            return out.toByteArray();
        }

        private void write(byte[]... parts) throws IOException {
            for (byte[] p : parts) {
                out.write(p);
                offset += p.length;
            }
        }

        static byte[] le(long value, int bytes) {
            byte[] b = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                b[i] = (byte) (value >>> (8 * i));
            }
            return b;
        }
    }
}
