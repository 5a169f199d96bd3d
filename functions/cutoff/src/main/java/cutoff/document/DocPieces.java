package cutoff.document;

import java.io.IOException;
import java.io.InputStream;
import org.apache.poi.hwpf.model.FileInformationBlock;
import org.apache.poi.hwpf.model.GenericPropertyNode;
import org.apache.poi.hwpf.model.PieceDescriptor;
import org.apache.poi.hwpf.model.PlexOfCps;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.LittleEndian;

/**
 * The text a Word 97-2003 file's piece table ([MS-DOC] 2.9.38 Clx, 2.9.177 PlcPcd) makes POI's HWPF build,
 * counted before HWPF builds it. HWPF copies every piece's bytes out of the WordDocument stream (POI 5.4.1
 * {@code TextPieceTable}), so a few kilobytes of pieces that each point at the same megabytes make gigabytes
 * of text from a file within the size limit; this refuses a table that adds up past
 * {@link NoticeDocuments#MAX_TEXT_CHARS}.
 */
final class DocPieces {
    private static final int GRPPRL = 1;
    private static final int PIECE_TABLE = 2;

    private DocPieces() {
    }

    /**
     * @param ole a compound file holding a {@code WordDocument} stream
     * @throws DocumentException {@code TOO_LARGE} when the pieces add up past {@link NoticeDocuments#MAX_TEXT_CHARS}
     * @throws IOException       a stream that cannot be read (HWPF then says the file is damaged)
     */
    static void check(POIFSFileSystem ole) throws DocumentException, IOException {
        byte[] main = bytes(ole, "WordDocument");
        FileInformationBlock fib = new FileInformationBlock(main);
        String tableName = fib.getFibBase().isFWhichTblStm() ? "1Table" : "0Table";
        if (!ole.getRoot().hasEntry(tableName)) {
            return; // HWPF refuses it as damaged or older than Word 97
        }
        byte[] table = bytes(ole, tableName);
        fib.fillVariableFields(main, table); // the FibRgFcLcb, where fcClx is
        int offset = fib.getFcClx();
        if (offset < 0 || offset >= table.length) {
            return;
        }
        while (offset + 3 <= table.length && table[offset] == GRPPRL) {
            offset += 3 + Math.max(0, LittleEndian.getShort(table, offset + 1));
        }
        if (offset + 5 > table.length || table[offset] != PIECE_TABLE) {
            return;
        }
        int size = LittleEndian.getInt(table, offset + 1);
        if (size < 4 || size > table.length - offset - 5) {
            return;
        }
        PlexOfCps pieces = new PlexOfCps(table, offset + 5, size, PieceDescriptor.getSizeInBytes());
        long chars = 0;
        for (int i = 0; i < pieces.length(); i++) {
            GenericPropertyNode node = pieces.getProperty(i);
            PieceDescriptor piece = new PieceDescriptor(node.getBytes(), 0);
            int perChar = piece.isUnicode() ? 2 : 1;
            long claimed = Math.max(0L, (long) node.getEnd() - node.getStart());
            long available = Math.max(0L, main.length - (long) piece.getFilePosition()) / perChar;
            chars += Math.min(claimed, available);
            if (chars > NoticeDocuments.MAX_TEXT_CHARS) {
                NoticeDocuments.checkText(Integer.MAX_VALUE, "a DOC");
            }
        }
    }

    private static byte[] bytes(POIFSFileSystem ole, String name) throws IOException {
        try (InputStream in = ole.createDocumentInputStream(name)) {
            return in.readAllBytes();
        }
    }
}
