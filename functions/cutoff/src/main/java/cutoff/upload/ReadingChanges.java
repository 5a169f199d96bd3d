package cutoff.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a person changed in a reading: the JSON Pointers (RFC 6901) of every value of the corrected reading's JSON
 * that differs from the reader's, or that one of them has and the other not. A changed value inside an array or
 * object is named, not the array or object; a topic added or removed is named whole.
 */
final class ReadingChanges {
    private ReadingChanges() {
    }

    /** The pointers, in document order of the corrected reading (then what only the old one had). */
    static List<String> between(JsonNode before, JsonNode after) {
        List<String> changes = new ArrayList<>();
        walk("", before, after, changes);
        return changes;
    }

    private static void walk(String at, JsonNode before, JsonNode after, List<String> changes) {
        if (before == null || after == null || before.isNull() != after.isNull() || before.getNodeType() != after.getNodeType()) {
            if (!(isAbsent(before) && isAbsent(after))) {
                changes.add(at.isEmpty() ? "/" : at);
            }
            return;
        }
        if (after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            after.fieldNames().forEachRemaining(names::add);
            before.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(at + "/" + name.replace("~", "~0").replace("/", "~1"), before.get(name), after.get(name), changes);
            }
        } else if (after.isArray()) {
            int n = Math.max(before.size(), after.size());
            for (int i = 0; i < n; i++) {
                walk(at + "/" + i, before.get(i), after.get(i), changes);
            }
        } else if (!before.equals(after)) {
            changes.add(at);
        }
    }

    /** Missing, null, or an empty list: what the notice JSON omits or writes as empty alike. */
    private static boolean isAbsent(JsonNode node) {
        if (node == null || node.isNull()) {
            return true;
        }
        Iterator<JsonNode> elements = node.elements();
        return node.isContainerNode() && !elements.hasNext();
    }
}
