package cutoff.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes, as {@code template.yaml} declares them (each {@code ANY <path>}: the handlers
 * answer 405 with {@code Allow} themselves), and API Gateway's matching of a request to a route, for
 * the places that stand in for API Gateway (the demo's HTTP front, the tests). A test holds the
 * template to these lists.
 */
public final class Routes {
    /** FeedFunction's routes; {@code {file}} is {@code <id>.ics}; {@code /status} is the deployment's status. */
    public static final List<String> FEEDS = List.of("/feeds/all.ics", "/feeds/notices/{file}", "/feeds/topics/{file}",
            "/feeds/personal/{file}", "/feeds/orgs/{file}", "/status");
    /** SubscriptionFunction's routes. */
    public static final List<String> SUBSCRIPTIONS = List.of("/subscriptions", "/subscriptions/confirm",
            "/subscriptions/manage", "/subscriptions/unsubscribe");
    /** OfficeFunction's routes (research offices, behind their keys). */
    public static final List<String> OFFICES = List.of("/orgs/{orgId}/staff", "/orgs/{orgId}/staff.csv",
            "/orgs/{orgId}/staff/{email}", "/orgs", "/orgs/{orgId}/feed", "/orgs/{orgId}/internal-deadlines",
            "/orgs/{orgId}/topics/{topicId}/internal-deadline", "/orgs/{orgId}/chat", "/orgs/{orgId}/chat/test");
    /**
     * NoticeUploadFunction's routes (notice files in, drafts back, a published notice withdrawn; behind office keys).
     * The withdrawal comes last: {@code /notices/drafts/withdraw} is the draft route's, {@code /notices/uploads/withdraw}
     * the upload's ({@link #match} takes the first).
     */
    public static final List<String> NOTICES = List.of("/notices", "/notices/drafts/{draftId}",
            "/notices/drafts/{draftId}/publish", "/notices/uploads", "/notices/uploads/{uploadId}",
            "/notices/{noticeId}/withdraw");
    /**
     * WebFunction's routes: the calls page, a topic's page and its cutoff download, the office page, the notice upload
     * and review pages, the pages' assets.
     */
    public static final List<String> WEB = List.of("/", "/calls/{topicId}", "/calls/{topicId}/event.ics", "/office",
            "/review", "/review/{draftId}", "/assets/{file}");

    private Routes() {
    }

    /**
     * A matched route.
     *
     * @param routeKey       {@code ANY /feeds/topics/{file}}
     * @param pathParameters {@code {file}} → the path segment it took
     */
    public record Match(String routeKey, Map<String, String> pathParameters) {
    }

    /**
     * The route API Gateway would pick for a path: literal segments equal, each {@code {name}} one
     * whole non-empty segment.
     */
    public static Optional<Match> match(String rawPath) {
        String[] path = rawPath.split("/", -1);
        List<String> all = new ArrayList<>(FEEDS);
        all.addAll(SUBSCRIPTIONS);
        all.addAll(OFFICES);
        all.addAll(NOTICES);
        all.addAll(WEB);
        for (String template : all) {
            String[] t = template.split("/", -1);
            if (t.length != path.length) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < t.length && matches; i++) {
                if (t[i].startsWith("{") && t[i].endsWith("}")) {
                    matches = !path[i].isEmpty();
                    parameters.put(t[i].substring(1, t[i].length() - 1), path[i]);
                } else {
                    matches = t[i].equals(path[i]);
                }
            }
            if (matches) {
                return Optional.of(new Match("ANY " + template, parameters));
            }
        }
        return Optional.empty();
    }

    /**
     * A request as API Gateway hands it to a function (payload 2.0), routed as {@link #match} does, or
     * to {@code $default} when no route matches.
     *
     * @param target  path with an optional {@code ?query}, as sent
     * @param headers request headers (names are lower-cased, as API Gateway does)
     * @param body    the body as text, or {@code null}
     */
    public static APIGatewayV2HTTPEvent event(String method, String target, Map<String, String> headers, String body) {
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setVersion("2.0");
        e.setRawPath(rawPath);
        e.setRawQueryString(q < 0 ? "" : target.substring(q + 1));
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        // Payload 2.0 hands cookies over in their own field, not as a header.
        String cookie = lower.remove("cookie");
        if (cookie != null && !cookie.isBlank()) {
            e.setCookies(java.util.Arrays.stream(cookie.split(";")).map(String::strip).filter(c -> !c.isEmpty()).toList());
        }
        e.setHeaders(lower);
        e.setBody(body);
        e.setIsBase64Encoded(false);
        Optional<Match> m = match(rawPath);
        e.setRouteKey(m.map(Match::routeKey).orElse("$default"));
        e.setPathParameters(m.map(Match::pathParameters).filter(p -> !p.isEmpty()).orElse(null));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        context.setHttp(http);
        context.setRouteKey(e.getRouteKey());
        context.setStage("$default");
        e.setRequestContext(context);
        return e;
    }
}
