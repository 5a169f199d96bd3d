package cutoff.editor;

import cutoff.util.ApiKeys;
import cutoff.util.Invisibles;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An editor: someone who may upload notices for the public (issue 19), as a research office uploads relays for its
 * staff. An editor's key is {@value #KEY_PREFIX} and 256 random bits (URL-safe base64; {@link ApiKeys#newKey(String)}),
 * stored only as its SHA-256, like an office's; its prefix tells the authorizer which kind of key it holds.
 *
 * @param id    {@code ed_} and 80 random bits in hex
 * @param name  who the editor is, as the operator wrote it (bidirectional and zero-width characters left out)
 * @param email where to reach them; {@code null} when not given
 */
public record Editor(String id, String name, String email) {
    /** What every editor key starts with: {@code cutoff_} (what secret scanners know) and {@code ed_}. */
    public static final String KEY_PREFIX = "cutoff_ed_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public Editor {
        if (!wellFormedId(id)) {
            throw new IllegalArgumentException("not an editor id: " + id);
        }
        name = Invisibles.strip(Objects.requireNonNull(name, "name")).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an editor needs a name (--name)");
        }
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
    }

    /** A new editor id. */
    public static String newId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "ed_" + HexFormat.of().formatHex(bytes);
    }

    /** True when the text could be an editor id. */
    public static boolean wellFormedId(String id) {
        return id != null && id.matches("ed_[0-9a-f]{20}");
    }

    /** True when the text could be an editor's key (a cheap check before a lookup). */
    public static boolean isKey(String key) {
        return ApiKeys.wellFormed(key, KEY_PREFIX);
    }
}
