package cutoff.handler;

import cutoff.http.Http;
import cutoff.http.HttpProblem;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.feed.Feeds;
import cutoff.dispatch.Status;
import cutoff.app.Wiring;
import cutoff.logging.JsonLog;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the iCalendar feeds (API Gateway HTTP API, payload 2.0), routed on {@code routeKey}:
 * {@code /feeds/all.ics}, {@code /feeds/notices/{file}}, {@code /feeds/topics/{file}} and
 * {@code /feeds/personal/{file}} and {@code /feeds/orgs/{file}}, where {@code file} is {@code <id>.ics} (a
 * notice id, topic id, a personal feed token or a research office's feed secret), and {@code /status} (JSON: the dispatcher's last run, for smoke tests).
 *
 * <p>200 {@code text/calendar; charset=utf-8} with a strong {@code ETag}; 304 when {@code If-None-Match}
 * names it (RFC 9110 §13.1.2); gzip when the client accepts it ({@code Vary: Accept-Encoding}); HEAD
 * answers the GET's headers and {@code Content-Length}; 404 for an unknown id; 405 with {@code Allow}
 * for other methods.
 *
 * <p>Every 200 and 304 of a feed writes one log line, {@code {"event": "FeedResponse", "feed": "topic",
 * "status": 200, "service": "cutoff", …}}; the template's metric filters count them as {@code FeedsServed}
 * and {@code FeedsNotModified} (namespace {@code Cutoff}), so this function loads no metrics library.
 * The line names the kind of feed, never its path (a personal feed's path is its token, an office feed's its secret).
 */
public final class FeedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(FeedHandler.class.getName());
    private final Feeds feeds;
    private final Status status;

    /** Lambda's constructor: parts from the environment, once per container. */
    public FeedHandler() {
        this(installLog());
        // SnapStart: a rendered feed and a DynamoDB round trip in the snapshot (a notice that is not there).
        Priming.register(() -> {
            Priming.renderFeed();
            feeds.notice("priming-0000");
        });
    }

    private static Wiring installLog() {
        JsonLog.install();
        return Wiring.fromEnvironment();
    }

    public FeedHandler(Wiring wiring) {
        this.feeds = wiring.feeds();
        this.status = wiring.status();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            String kind = FeedResponses.kind(Http.route(event));
            APIGatewayV2HTTPResponse r = Http.forMethod(event, answer(event, kind));
            if (kind != null && (r.getStatusCode() == 200 || r.getStatusCode() == 304)) {
                LOG.log(Level.INFO, "feed answered", Map.of("event", "FeedResponse", "feed", kind, "status", r.getStatusCode(),
                        "service", "cutoff"));
            }
            return r;
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, String kind) {
        try {
            Http.allow(event, "GET");
        } catch (HttpProblem e) {
            return Http.respond(405, "text/plain; charset=utf-8", e.getMessage() + "\n", Map.of("Allow", e.allow));
        }
        if (kind == null) {
            return Http.route(event).equals("/status") ? StatusRoute.answer(status.dispatcher())
                    : Http.respond(404, "text/plain; charset=utf-8", "no feed at " + event.getRawPath() + "\n");
        }
        String file = Http.pathParameter(event, "file");
        String id = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : null;
        APIGatewayV2HTTPResponse notModified = FeedResponses.notModified(feeds, event, kind, id);
        if (notModified != null) {
            return notModified;
        }
        Optional<Feeds.Rendered> feed = feeds.feed(kind, id);
        if (feed.isEmpty()) {
            return Http.respond(404, "text/plain; charset=utf-8", "no feed at " + event.getRawPath() + "\n");
        }
        // /feeds/all.ics has no {file}: its name is the path's own.
        return FeedResponses.respond(event, feed.get(), kind.equals("all") ? "all.ics" : file);
    }
}
