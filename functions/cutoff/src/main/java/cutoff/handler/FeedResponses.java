package cutoff.handler;

import cutoff.http.Http;
import cutoff.http.Negotiation;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.feed.Feeds;
import cutoff.calendar.FeedWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The feed responses: 304 from the stamp, 200 with ETag, gzip and HEAD (RFC 9110 §8.8.3, §9.3.2, §13.1.2). */
final class FeedResponses {
    private FeedResponses() {
    }

    /** The kind of feed a route serves: all, notice, topic, personal or org; {@code null} for a route that is not a feed. */
    static String kind(String route) {
        return switch (route) {
            case "/feeds/all.ics" -> "all";
            case "/feeds/notices/{file}" -> "notice";
            case "/feeds/topics/{file}" -> "topic";
            case "/feeds/personal/{file}" -> "personal";
            case "/feeds/orgs/{file}" -> "org"; // the route published in office feed URLs, kept for compatibility
            default -> null;
        };
    }

    /**
     * A 304 from the feed's stamp alone (one {@code GetItem}, no {@code Query}, no render), when the
     * client's {@code If-None-Match} names the current ETag; {@code null} to go on and render.
     */
    static APIGatewayV2HTTPResponse notModified(Feeds feeds, APIGatewayV2HTTPEvent event, String kind, String id) {
        String ifNoneMatch = Http.header(event, "if-none-match");
        // Personal and office feeds have no stamp of their own: they are rendered (they are private), so an
        // internal deadline's change is never answered with a stale 304.
        if (ifNoneMatch == null || kind == null || kind.equals("personal") || kind.equals("org") || (id == null && !kind.equals("all"))) {
            return null;
        }
        Optional<String> current = feeds.currentEtag(kind, id);
        if (current.isEmpty()) {
            return null;
        }
        boolean gzip = Negotiation.acceptsGzip(Http.header(event, "accept-encoding"));
        String etag = gzip ? Negotiation.gzipEtag(current.get()) : current.get();
        if (!Negotiation.matches(ifNoneMatch, etag)) {
            return null;
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(Map.of("ETag", etag,
                "Cache-Control", "public, max-age=" + FeedWriter.REFRESH.toSeconds() / 6, "Vary", "Accept-Encoding")).build();
    }

    static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Feeds.Rendered feed, String file) {
        boolean gzip = Negotiation.acceptsGzip(Http.header(event, "accept-encoding"));
        // A strong ETag names one representation (RFC 9110 §8.8.3): the gzip one gets its own.
        String etag = gzip ? Negotiation.gzipEtag(feed.etag()) : feed.etag();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/calendar; charset=utf-8");
        headers.put("ETag", etag);
        headers.put("Cache-Control", (feed.personal() ? "private" : "public") + ", max-age=" + FeedWriter.REFRESH.toSeconds() / 6);
        headers.put("Vary", "Accept-Encoding");
        headers.put("X-Content-Type-Options", "nosniff");
        if (Negotiation.matches(Http.header(event, "if-none-match"), etag)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build();
        }
        headers.put("Content-Disposition", "inline; filename=\"" + file + "\"");
        boolean head = "HEAD".equals(Http.method(event));
        // The body's bytes only where they are needed (gzip, HEAD's length): a plain GET hands on the text.
        byte[] body = gzip || head ? feed.body().getBytes(StandardCharsets.UTF_8) : null;
        if (gzip) {
            body = Negotiation.gzip(body);
            headers.put("Content-Encoding", "gzip");
        }
        APIGatewayV2HTTPResponse.APIGatewayV2HTTPResponseBuilder r = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(headers);
        if (head) {
            return Http.headOf(r.withBody("").build(), body.length);
        }
        return gzip ? r.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true).build()
                : r.withBody(feed.body()).build();
    }
}
