package cutoff.office;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading an office's staff list as CSV (RFC 4180 as Jackson's CSV module reads it: quoted fields with
 * commas, quotes ({@code ""}) and line breaks in them; CRLF or LF; a UTF-8 byte order mark is dropped).
 * The first record is the header, naming the columns {@value #COLUMNS_TEXT} in any order ({@code email}
 * required, names compared without case); empty lines are skipped. {@code topics} and {@code leadTimes}
 * hold several values separated by {@code ;}.
 */
public final class StaffCsv {
    /** The columns, in the order the export writes them. */
    public static final List<String> COLUMNS = List.of("email", "name", "department", "topics", "language", "leadTimes");
    static final String COLUMNS_TEXT = "email,name,department,topics,language,leadTimes";
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private StaffCsv() {
    }

    /**
     * One record of the file.
     *
     * @param line   the line of the file it starts on, from 1 (the header is line 1)
     * @param values column name (as in {@link #COLUMNS}) → value, stripped; absent columns are absent
     */
    public record Row(int line, Map<String, String> values) {
        public String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v;
        }
    }

    /** A file that cannot be read as a staff list at all (no header, an unknown column, broken quoting). */
    public static final class BadFileException extends Exception {
        private final String column;

        BadFileException(String column, String message) {
            super(message);
            this.column = column;
        }

        /** The column at fault, or {@code null} when it is the file as a whole. */
        public String column() {
            return column;
        }
    }

    /**
     * The records of a CSV text, after its header.
     *
     * @throws BadFileException when there is no header, the header lacks {@code email}, names a column
     *                          twice or a column that is not one of {@link #COLUMNS}, or the CSV is broken
     *                          (an unclosed quote)
     */
    public static List<Row> read(String text) throws BadFileException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        try (CsvParser p = (CsvParser) CSV.getFactory().createParser(body)) {
            List<String> header = null;
            JsonToken t = p.nextToken();
            // WRAP_AS_ARRAY: the document is one array, each record an array in it.
            while (t != null && (t = p.nextToken()) == JsonToken.START_ARRAY) {
                int line = -1;
                List<String> cells = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    if (line < 0) {
                        // The record's first cell is where it starts (the array token's own location lags).
                        line = p.currentTokenLocation().getLineNr();
                    }
                    cells.add(p.getText() == null ? "" : p.getText());
                }
                if (cells.isEmpty()) {
                    continue;
                }
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = header(cells);
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    if (i >= header.size()) {
                        if (!cells.get(i).isBlank()) {
                            values.put("", "");
                        }
                        continue;
                    }
                    values.put(header.get(i), cells.get(i).strip());
                }
                rows.add(new Row(line, values));
            }
            if (header == null) {
                throw new BadFileException(null, "the file is empty: its first line is the header " + COLUMNS_TEXT);
            }
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new BadFileException(null, "the file is not readable as CSV: " + m);
        }
        return rows;
    }

    private static List<String> header(List<String> cells) throws BadFileException {
        List<String> names = new ArrayList<>();
        for (String c : cells) {
            String typed = c.strip();
            String name = COLUMNS.stream().filter(k -> k.equalsIgnoreCase(typed)).findFirst().orElse(null);
            if (name == null) {
                // The office API turns orgId and role into 404 (see OfficeRoutes); others are named.
                throw new BadFileException(typed, "unknown column " + (typed.length() > 40 ? typed.substring(0, 40) + "…" : typed)
                        + " in the header; the columns are " + COLUMNS_TEXT);
            }
            if (names.contains(name)) {
                throw new BadFileException(name, "the header names " + name + " twice");
            }
            names.add(name);
        }
        if (!names.contains("email")) {
            throw new BadFileException("email", "the header has no email column; the columns are " + COLUMNS_TEXT);
        }
        return names;
    }

    /** The values of a cell that holds several, separated by {@code ;}: stripped, empty ones dropped. */
    public static List<String> list(String cell) {
        List<String> result = new ArrayList<>();
        for (String v : cell.split(";")) {
            if (!v.isBlank()) {
                result.add(v.strip());
            }
        }
        return result;
    }

    /**
     * A cell for export, neutralised against CSV formula injection (OWASP): a value starting with
     * {@code = + - @}, a tab or a carriage return gets a leading {@code '}, so that a spreadsheet shows
     * it as text instead of running it; then quoted as RFC 4180 asks when it holds a comma, quote or line
     * break.
     */
    public static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** One exported line (CRLF-terminated, RFC 4180), each cell through {@link #cell}. */
    public static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    /** The language of a cell, lower case; {@code zh} when empty. */
    static String language(String cell) {
        return cell == null || cell.isBlank() ? "zh" : cell.strip().toLowerCase(Locale.ROOT);
    }
}
