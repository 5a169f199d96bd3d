package cutoff.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** Message bundles of the pages ({@code .properties}, UTF-8), read for one language: never the JVM's default locale. */
final class Bundles {
    private Bundles() {
    }

    /**
     * Every message of a bundle in a language, key → text.
     *
     * @param baseName the bundle, e.g. {@code web.messages} ({@code web/messages_zh.properties})
     * @param language {@code zh} or {@code en}; a missing bundle throws {@code MissingResourceException}
     */
    static Map<String, String> load(String baseName, String language) {
        ResourceBundle b = ResourceBundle.getBundle(baseName, Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> m = new HashMap<>();
        b.keySet().forEach(k -> m.put(k, b.getString(k)));
        return Map.copyOf(m);
    }
}
