package cutoff.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages' words: {@code web/messages_zh.properties} (Chinese; the subscription pages' messages Chinese with English,
 * as the emails are) and {@code web/messages_en.properties}, read once per language ({@link Bundles}), never in the
 * JVM's default locale. {@code en} is English; any other language, {@code null} too, is Chinese.
 */
public final class Messages {
    private static final Map<String, Map<String, String>> BUNDLES = new ConcurrentHashMap<>();

    private Messages() {
    }

    /** Every message of a language, key → text. */
    public static Map<String, String> all(String language) {
        return BUNDLES.computeIfAbsent(PageLanguage.orChinese(language), l -> Bundles.load("web.messages", l));
    }

    /**
     * A message with its {@code {0}}-style arguments filled in ({@link MessageFormat}, root locale).
     *
     * @throws IllegalArgumentException when the bundles have no such key
     */
    public static String text(String language, String key, Object... args) {
        String pattern = all(language).get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no web message " + key);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }
}
