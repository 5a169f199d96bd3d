package cutoff.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.office.OfficeKeys;
import cutoff.util.ApiKeys;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of editors and their keys, over generated ids and keys. */
class EditorTest {
    @Test
    void keysAndIds_areWellFormed_unique_andNeverTakenForAnOfficesOrTheOtherWayRound() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String key = ApiKeys.newKey(Editor.KEY_PREFIX);
            String id = Editor.newId();
            assertTrue(Editor.isKey(key) && Editor.wellFormedId(id), key + " " + id);
            assertFalse(OfficeKeys.wellFormed(key), "an editor's key is no office's: " + key);
            assertFalse(Editor.isKey(OfficeKeys.newKey()), "an office's key is no editor's");
            assertFalse(OfficeKeys.wellFormedOfficeId(id));
            assertTrue(seen.add(key) && seen.add(id));
            // One character off in length or alphabet: not a key.
            assertFalse(Editor.isKey(key.substring(0, key.length() - 1)));
            assertFalse(Editor.isKey(key + "A"));
            assertFalse(Editor.isKey(key.substring(0, 20) + "+" + key.substring(21)));
        }
    }

    @Test
    void anEditor_hasANameWithoutInvisibles_andAnAddressOrNone() {
        assertEquals("编辑部", new Editor(Editor.newId(), " \u200b编辑部\u202e ", null).name());
        assertThrows(IllegalArgumentException.class, () -> new Editor(Editor.newId(), "\u200b", null));
        assertThrows(IllegalArgumentException.class, () -> new Editor(Editor.newId(), "x", "no-at-sign"));
        assertThrows(IllegalArgumentException.class, () -> new Editor("org_0123456789abcdef0123", "x", null));
        assertEquals("a@b.cn", new Editor(Editor.newId(), "x", "a@b.cn").email());
    }
}
