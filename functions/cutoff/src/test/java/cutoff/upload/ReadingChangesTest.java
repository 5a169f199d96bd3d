package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import cutoff.testing.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a person changed, over every value of the shipped notices' readings changed one at a time. */
class ReadingChangesTest {
    private static final ObjectMapper MAPPER = NoticeJson.mapper();

    /** Every value's pointer in a tree (leaves: text, numbers, booleans). */
    private static void leaves(String at, JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> leaves(at + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), f.getValue(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(at + "/" + i, node.get(i), into);
            }
        } else if (!node.isNull()) {
            into.add(at);
        }
    }

    @Test
    void eachValueChanged_isNamedAlone_andNothingElse() {
        Random random = new Random(19);
        int checked = 0;
        for (Notice notice : Project.shippedNotices()) {
            JsonNode before = MAPPER.valueToTree(notice);
            List<String> all = new ArrayList<>();
            leaves("", before, all);
            for (String pointer : all) {
                JsonNode after = before.deepCopy();
                int cut = pointer.lastIndexOf('/');
                JsonNode parent = after.at(pointer.substring(0, cut));
                String last = pointer.substring(cut + 1);
                JsonNode old = after.at(pointer);
                JsonNode changed = old.isTextual() ? MAPPER.getNodeFactory().textNode(old.asText() + "x")
                        : old.isNumber() ? MAPPER.getNodeFactory().numberNode(old.asLong() + 1 + random.nextInt(9))
                        : MAPPER.getNodeFactory().booleanNode(!old.asBoolean());
                if (parent.isArray()) {
                    ((ArrayNode) parent).set(Integer.parseInt(last), changed);
                } else {
                    ((ObjectNode) parent).set(last.replace("~1", "/").replace("~0", "~"), changed);
                }
                assertEquals(List.of(pointer), ReadingChanges.between(before, after), notice.id());
                checked++;
            }
            assertEquals(List.of(), ReadingChanges.between(before, before.deepCopy()), "no change, nothing named");
        }
        assertEquals(true, checked > 200, "values checked: " + checked);
    }

    @Test
    void aTopicAddedOrRemoved_isNamedWhole_andAnEmptyListIsNoList() throws Exception {
        JsonNode before = MAPPER.readTree("{\"topics\":[{\"id\":\"a\",\"deadlines\":[]}],\"fields\":[]}");
        JsonNode added = MAPPER.readTree("{\"topics\":[{\"id\":\"a\",\"deadlines\":[]},{\"id\":\"b\"}]}");
        assertEquals(List.of("/topics/1"), ReadingChanges.between(before, added));
        assertEquals(List.of("/topics/1"), ReadingChanges.between(added, before));
        assertEquals(List.of(), ReadingChanges.between(before, MAPPER.readTree("{\"topics\":[{\"id\":\"a\"}]}")));
        assertEquals(List.of("/topics/0/reasons"), ReadingChanges.between(before,
                MAPPER.readTree("{\"topics\":[{\"id\":\"a\",\"reasons\":[\"x\"]}]}")));
    }
}
