package cutoff.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.app.Feeds;
import cutoff.app.Wiring;
import cutoff.calendar.FeedWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the iCalendar feeds (API Gateway HTTP API, payload 2.0), routed on {@code routeKey}:
 * {@code /feeds/all.ics}, {@code /feeds/notices/{file}}, {@code /feeds/topics/{file}} and
 * {@code /feeds/personal/{file}}, where {@code file} is {@code <id>.ics} (a notice id, topic id or a
 * personal feed token).
 *
 * <p>200 {@code text/calendar; charset=utf-8} with a strong {@code ETag}; 304 when {@code If-None-Match}
 * names it (RFC 9110 §13.1.2); gzip when the client accepts it ({@code Vary: Accept-Encoding}); HEAD
 * answers the GET's headers and {@code Content-Length}; 404 for an unknown id; 405 with {@code Allow}
 * for other methods.
 */
public final class FeedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Feeds feeds;

    /** Lambda's constructor: parts from the environment, once per container. */
    public FeedHandler() {
        this(Wiring.fromEnvironment().feeds());
        // SnapStart: a rendered feed and a DynamoDB round trip in the snapshot (a notice that is not there).
        Priming.register(() -> {
            Priming.renderFeed();
            feeds.notice("priming-0000");
        });
    }

    public FeedHandler(Feeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            Http.allow(event, "GET");
        } catch (Http.BadRequest e) {
            return Http.respond(405, "text/plain; charset=utf-8", e.getMessage() + "\n", Map.of("Allow", e.allow));
        }
        String file = Http.pathParameter(event, "file");
        String id = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : null;
        APIGatewayV2HTTPResponse notModified = notModified(event, id);
        if (notModified != null) {
            return notModified;
        }
        Optional<Feeds.Rendered> feed = switch (Http.route(event)) {
            case "/feeds/all.ics" -> Optional.of(feeds.all());
            case "/feeds/notices/{file}" -> id == null ? Optional.empty() : feeds.notice(id);
            case "/feeds/topics/{file}" -> id == null ? Optional.empty() : feeds.topic(id);
            case "/feeds/personal/{file}" -> id == null ? Optional.empty() : feeds.personal(id);
            default -> Optional.empty();
        };
        if (feed.isEmpty()) {
            return Http.respond(404, "text/plain; charset=utf-8", "no feed at " + event.getRawPath() + "\n");
        }
        return respond(event, feed.get(), file);
    }

    /**
     * A 304 from the feed's stamp alone (one {@code GetItem}, no {@code Query}, no render), when the
     * client's {@code If-None-Match} names the current ETag; {@code null} to go on and render.
     */
    private APIGatewayV2HTTPResponse notModified(APIGatewayV2HTTPEvent event, String id) {
        String ifNoneMatch = Http.header(event, "if-none-match");
        String kind = switch (Http.route(event)) {
            case "/feeds/all.ics" -> "all";
            case "/feeds/notices/{file}" -> "notice";
            case "/feeds/topics/{file}" -> "topic";
            default -> null;
        };
        if (ifNoneMatch == null || kind == null || (id == null && !kind.equals("all"))) {
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

    private static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Feeds.Rendered feed, String file) {
        boolean gzip = Negotiation.acceptsGzip(Http.header(event, "accept-encoding"));
        // A strong ETag names one representation (RFC 9110 §8.8.3): the gzip one gets its own.
        String etag = gzip ? Negotiation.gzipEtag(feed.etag()) : feed.etag();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/calendar; charset=utf-8");
        headers.put("ETag", etag);
        headers.put("Cache-Control", (feed.personal() ? "private" : "public") + ", max-age=" + FeedWriter.REFRESH.toSeconds() / 6);
        headers.put("Vary", "Accept-Encoding");
        if (Negotiation.matches(Http.header(event, "if-none-match"), etag)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build();
        }
        headers.put("Content-Disposition", "inline; filename=\"" + file + "\"");
        byte[] body = feed.body().getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            body = Negotiation.gzip(body);
            headers.put("Content-Encoding", "gzip");
        }
        APIGatewayV2HTTPResponse.APIGatewayV2HTTPResponseBuilder r = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(headers);
        if ("HEAD".equals(Http.method(event))) {
            return Http.headOf(r.withBody("").build(), body.length);
        }
        return gzip ? r.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true).build()
                : r.withBody(feed.body()).build();
    }
}
