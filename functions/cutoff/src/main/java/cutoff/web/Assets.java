package cutoff.web;

import cutoff.http.Http;
import cutoff.http.Negotiation;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages' own stylesheet, scripts and images ({@code resources/web/assets/}), served at
 * {@code /assets/{file}}. Pages link a file by its versioned name, {@code cutoff.<hash>.css} (the first 10
 * hex digits of the SHA-256 of its bytes), which is cached for a year ({@code immutable}); the plain name
 * ({@code cutoff.css}), or a hash that is not the current one, is served with a short cache. Either way the
 * ETag is the hash and {@code If-None-Match} answers 304. Only names of {@link #FILES} are served: nothing
 * else on the class path can be reached.
 *
 * <p>ES modules ({@code .mjs}, the office page's) import each other by plain relative name
 * ({@code import … from './office-api.mjs'}), which is what {@code node --test} reads. Served, each such
 * specifier names the imported file's versioned name instead ({@code './office-api.1a2b3c4d5e.mjs'}), and a
 * module's hash is taken over that linked text: a change in any module it imports, however deep, gives it a new
 * name too, so a page never runs a year-cached module against another version of its imports. No build step:
 * the files are linked once per container, when first asked for.
 */
public final class Assets {
    /**
     * The files pages may load; one missing from the package is a 404. The office page's script is the module
     * {@code office.mjs} and the modules it imports, one per job (API, texts, page, staff, deadlines, feed); the review
     * pages' is {@code review.mjs} and its imports (the notice API, the pure texts and readings, upload, draft).
     */
    static final List<String> FILES = List.of("cutoff.css", "cutoff.js", "timeline.js", "office.css", "favicon.svg",
            "challenge.js", "office.mjs", "office-api.mjs", "office-text.mjs", "office-page.mjs", "office-staff.mjs",
            "office-deadlines.mjs", "office-feed.mjs", "office-chat.mjs", "review.css", "review.mjs", "review-api.mjs", "review-text.mjs",
            "review-upload.mjs", "review-draft.mjs");
    private static final Pattern VERSIONED = Pattern.compile("([a-z0-9-]+)\\.([0-9a-f]{10})\\.(css|js|mjs|svg)");
    /** A static import's specifier in a module: {@code from './name.mjs'} or {@code import './name.mjs'}. */
    private static final Pattern IMPORT = Pattern.compile("\\b(from|import)(\\s*)'\\./([a-z0-9-]+\\.mjs)'");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
    private static final Map<String, Optional<Asset>> LOADED = new ConcurrentHashMap<>();
    private static volatile Map<String, String> urls;

    private Assets() {
    }

    /** A file's text, type and hash. */
    public record Asset(String name, String body, String type, String hash) {
        String versionedName() {
            int dot = name.lastIndexOf('.');
            return name.substring(0, dot) + "." + hash + name.substring(dot);
        }
    }

    public static Optional<Asset> asset(String name) {
        return asset(name, new ArrayDeque<>());
    }

    /** linking: the modules whose imports are being linked, outermost first (a cycle among them is refused). */
    private static Optional<Asset> asset(String name, Deque<String> linking) {
        if (!FILES.contains(name)) {
            return Optional.empty();
        }
        Optional<Asset> known = LOADED.get(name);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: linking a module loads the modules it imports first, and the map takes no nested update.
        Optional<Asset> loaded = load(name, linking);
        Optional<Asset> raced = LOADED.putIfAbsent(name, loaded);
        return raced != null ? raced : loaded;
    }

    private static Optional<Asset> load(String n, Deque<String> linking) {
        String text;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("web/assets/" + n)) {
            if (in == null) {
                return Optional.empty();
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String ext = n.substring(n.lastIndexOf('.') + 1);
        if (ext.equals("mjs")) {
            text = link(n, text, linking);
        }
        return Optional.of(new Asset(n, text, TYPES.get(ext), Sha256.hex(text).substring(0, 10)));
    }

    /**
     * A module's text with each static import of another module of {@link #FILES} naming its versioned name.
     *
     * @throws IllegalStateException for an import cycle or an import of a file that is not a served module (a
     *     packaging mistake, which {@code AssetsTest} catches before any deployment)
     */
    static String link(String module, String text, Deque<String> linking) {
        if (linking.contains(module)) {
            throw new IllegalStateException("modules import each other in a cycle: " + String.join(" -> ", linking) + " -> " + module);
        }
        linking.addLast(module);
        try {
            Matcher m = IMPORT.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String imported = m.group(3);
                Asset a = asset(imported, linking).orElseThrow(
                        () -> new IllegalStateException(module + " imports ./" + imported + ", which is no served module"));
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "'./" + a.versionedName() + "'"));
            }
            m.appendTail(out);
            return out.toString();
        } finally {
            linking.removeLast();
        }
    }

    /**
     * Each file's URL for the templates, by its name with {@code _} for {@code .} ({@code cutoff_css} →
     * {@code /assets/cutoff.1a2b3c4d5e.css}); a file not in the package gets its plain URL.
     */
    public static Map<String, String> urls() {
        if (urls == null) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String f : FILES) {
                m.put(f.replace('.', '_'), "/assets/" + asset(f).map(Asset::versionedName).orElse(f));
            }
            urls = Map.copyOf(m);
        }
        return urls;
    }

    /** {@code GET|HEAD /assets/{file}}. */
    public static APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent e, String file) {
        String name = file;
        String asked = null;
        Matcher m = VERSIONED.matcher(file);
        if (m.matches()) {
            name = m.group(1) + "." + m.group(3);
            asked = m.group(2);
        }
        Optional<Asset> found = asset(name);
        if (found.isEmpty()) {
            return Http.respond(404, "text/plain; charset=utf-8", "no asset " + (file.length() > 80 ? file.substring(0, 80) + "…" : file) + "\n");
        }
        Asset a = found.get();
        String etag = "\"" + a.hash() + "\"";
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", a.type());
        headers.put("ETag", etag);
        headers.put("Cache-Control", a.hash().equals(asked) ? "public, max-age=31536000, immutable" : "public, max-age=300");
        headers.put("X-Content-Type-Options", "nosniff");
        if (Negotiation.matches(Http.header(e, "if-none-match"), etag)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build();
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withBody(a.body()).build();
    }
}
