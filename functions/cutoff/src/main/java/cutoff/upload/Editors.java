package cutoff.upload;

import cutoff.editor.Editor;
import cutoff.util.ApiKeys;
import cutoff.store.EditorStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The operator's work on editors (issue 19; {@code ./cutoff editor}): make one with its first key, rotate its key,
 * revoke it. A key is shown once, when made, and stored only as its hash.
 */
public final class Editors {
    private final EditorStore store;
    private final Clock clock;

    public Editors(EditorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new editor and the key to hand over (shown this once). */
    public record Created(Editor editor, String key) {
    }

    /**
     * Makes an editor.
     *
     * @param email where to reach them, or {@code null}
     * @throws IllegalArgumentException an empty name or an address that is none, naming which
     */
    public Created create(String name, String email) {
        Editor editor = new Editor(Editor.newId(), name, email);
        String key = ApiKeys.newKey(Editor.KEY_PREFIX);
        store.create(editor, ApiKeys.hash(key), clock.instant());
        return new Created(editor, key);
    }

    /** A new key for the editor, the old one dead at once; empty when there is no such editor. */
    public Optional<String> rotateKey(String editorId) {
        if (!Editor.wellFormedId(editorId)) {
            return Optional.empty();
        }
        String key = ApiKeys.newKey(Editor.KEY_PREFIX);
        return store.replaceKey(editorId, ApiKeys.hash(key), clock.instant()) ? Optional.of(key) : Optional.empty();
    }

    /** No key for the editor any more; false when there is no such editor. */
    public boolean revokeKey(String editorId) {
        return Editor.wellFormedId(editorId) && store.replaceKey(editorId, null, clock.instant());
    }
}
