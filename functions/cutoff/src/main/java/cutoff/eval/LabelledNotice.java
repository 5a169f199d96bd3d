package cutoff.eval;

import com.fasterxml.jackson.databind.JsonNode;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.NoticeJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A notice of a labelled corpus: its file and the dates a person wrote down for it before any parser ran.
 * The corpus is a folder of notices with a {@code labels.json} keyed by file name (format:
 * {@code ../shared/guidelines/corpus/README.md}).
 *
 * @param file     the notice's text
 * @param complete false when the text is cut short
 * @param language {@code zh} or {@code en}
 * @param labels   every labelled date, in the file's order
 */
public record LabelledNotice(Path file, boolean complete, String language, List<Label> labels) {

    /**
     * Every labelled notice of a corpus folder, by file name.
     *
     * @throws IOException when {@code labels.json} is missing or malformed, or a label's {@code at} is not
     *                     an ISO date or date-time with offset (the message names the file and the label)
     */
    public static List<LabelledNotice> read(Path folder) throws IOException {
        Path labelsFile = folder.resolve("labels.json");
        if (!Files.isRegularFile(labelsFile)) {
            throw new IOException(folder + ": no labels.json (a corpus folder holds the notices and their labels)");
        }
        JsonNode root = NoticeJson.mapper().readTree(labelsFile.toFile());
        List<LabelledNotice> notices = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            List<Label> labels = new ArrayList<>();
            int i = 0;
            for (JsonNode d : value.path("deadlines")) {
                try {
                    labels.add(new Label(d.path("kind").asText(), DateOrDateTime.parse(d.path("at").asText(null)),
                            text(d, "topic"), text(d, "partner"), text(d, "asWritten"), text(d, "yearFrom")));
                } catch (IllegalArgumentException e) {
                    throw new IOException(labelsFile + ": " + entry.getKey() + " deadlines[" + i + "]: " + e.getMessage());
                }
                i++;
            }
            notices.add(new LabelledNotice(folder.resolve(entry.getKey()), value.path("complete").asBoolean(true),
                    value.path("language").asText("zh"), labels));
        }
        notices.sort(java.util.Comparator.comparing(n -> n.file().getFileName().toString()));
        return notices;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The file's name, as the labels key it. */
    public String name() {
        return file.getFileName().toString();
    }
}
