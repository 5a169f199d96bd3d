package cutoff.handler;

import cutoff.http.Forms;
import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.web.Assets;
import cutoff.web.CallsPage;
import cutoff.web.ErrorPage;
import cutoff.web.Layout;
import cutoff.web.OfficePage;
import cutoff.web.PageLanguage;
import cutoff.web.ReviewPage;
import cutoff.web.TopicPage;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.app.Config;
import cutoff.app.Wiring;
import cutoff.calendar.FeedNames;
import cutoff.calendar.FeedWriter;
import cutoff.logging.JsonLog;
import cutoff.notice.Topic;
import cutoff.store.NoticeStore;
import cutoff.store.NoticeStore.StoredNotice;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web pages (API Gateway HTTP API, payload 2.0; {@code ANY} routes, so this answers 405 itself):
 * {@code GET /} the calls page (filters {@code issuer}, {@code year}, {@code country}, {@code q},
 * {@code past=1}), {@code GET /calls/{topicId}} a topic's page, {@code GET /calls/{topicId}/event.ics} its
 * cutoff as a one-event iCalendar download, {@code GET /office} the research office's page (its script,
 * {@code /assets/office.mjs} and the modules it imports, talks to the office API), {@code GET /review} and {@code GET
 * /review/{draftId}} the notice upload and review pages (shells without draft data: {@code /assets/review.mjs} reads the
 * draft from the notice API with the signed-in key), {@code GET /assets/{file}} the pages' own CSS, JS
 * and SVG ({@link Assets}).
 *
 * <p>Language: {@code ?lang=en} / {@code ?lang=zh} wins and sets the cookie {@code lang} (SameSite=Lax,
 * Path=/); else the cookie; else Chinese. HEAD answers the GET's headers; other methods 405 with
 * {@code Allow: GET, HEAD}; a withdrawn topic's page says it was withdrawn (its notice withdrawn, or the topic dropped
 * by a later ingest), without calendar and reminder links; an unknown topic or path a 404 page; a malformed query a 400 page naming the
 * field. Reads only: the notices and their deadlines.
 */
public final class WebHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final NoticeStore notices;
    private final Clock clock;
    private final String configuredBaseUrl;
    private final String uploadOrigin;

    /** Lambda's constructor: parts from the environment, once per container. */
    public WebHandler() {
        this(installLog(), Config.Uploads.fromEnvironment());
        // SnapStart: the templates, both bundles, the assets and a DynamoDB round trip in the snapshot.
        Priming.register(this::prime);
    }

    private static Wiring installLog() {
        JsonLog.install();
        return Wiring.fromEnvironment();
    }

    /** Without direct uploads: the upload page connects to this site alone. */
    public WebHandler(Wiring wiring) {
        this(wiring, null);
    }

    /**
     * @param uploads the upload bucket the upload page PUTs large files to ({@link Config.Uploads#origin()}, allowed in its
     *                {@code connect-src}); {@code null} or without a bucket: none
     */
    public WebHandler(Wiring wiring, Config.Uploads uploads) {
        this.notices = wiring.notices();
        this.clock = wiring.clock();
        this.configuredBaseUrl = wiring.config().publicBaseUrl();
        this.uploadOrigin = uploads == null ? null : uploads.origin();
    }

    void prime() {
        for (String language : List.of("zh", "en")) {
            Layout.render("calls", CallsPage.view(language, notices.storedNotices(), clock.instant(),
                    new CallsPage.Filters(null, null, null, null, false)));
            Layout.render("error", ErrorPage.view(language, 404, "notfound_title", "notfound_body", clock.instant()));
        }
        Assets.urls();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            return Http.forMethod(event, answer(event));
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent e) {
        PageLanguage lang = PageLanguage.of(e, "zh");
        String route = Http.route(e);
        try {
            Http.allow(e, "GET");
        } catch (HttpProblem bad) {
            return Http.respond(405, "text/plain; charset=utf-8", bad.getMessage() + "\n", Map.of("Allow", bad.allow));
        }
        try {
            // On every page, as the language choice above promises: a malformed query is a 400 naming the field.
            Forms.query(e);
            return switch (route) {
                case "/" -> Layout.page(200, "calls", CallsPage.view(lang.language(), notices.storedNotices(), clock.instant(),
                        CallsPage.Filters.from(Forms.query(e))), lang.setCookie(), Map.of());
                case "/calls/{topicId}" -> find(e).map(f -> Layout.page(200, "topic", TopicPage.view(lang.language(), f.getKey(),
                        f.getValue(), clock.instant(), Http.baseUrl(e, configuredBaseUrl)), lang.setCookie(), Map.of()))
                        .or(() -> dropped(e, lang)).orElseGet(() -> notFound(lang));
                case "/calls/{topicId}/event.ics" -> event(e).orElseGet(() -> notFound(lang));
                case "/office" -> Layout.page(200, "office", OfficePage.view(lang.language(), clock.instant()), lang.setCookie(), Map.of());
                // The upload page PUTs a large file straight to the upload bucket: its origin is the one other it may connect to.
                case "/review" -> Layout.page(200, "review", ReviewPage.upload(lang.language(), clock.instant()), lang.setCookie(),
                        uploadOrigin == null ? Map.of() : Map.of(Layout.CSP, Layout.contentSecurityPolicy(uploadOrigin)));
                case "/review/{draftId}" -> ReviewPage.isDraftId(Http.pathParameter(e, "draftId"))
                        ? Layout.page(200, "review", ReviewPage.review(lang.language(), Http.pathParameter(e, "draftId"), clock.instant()),
                                lang.setCookie(), Map.of())
                        : notFound(lang);
                case "/assets/{file}" -> Assets.serve(e, Http.pathParameter(e, "file"));
                default -> notFound(lang);
            };
        } catch (HttpProblem bad) {
            return Layout.page(bad.status, "error", ErrorPage.invalid(lang.language(), bad, clock.instant()), lang.setCookie(), Map.of());
        }
    }

    private APIGatewayV2HTTPResponse notFound(PageLanguage lang) {
        return Layout.page(404, "error", ErrorPage.view(lang.language(), 404, "notfound_title", "notfound_body", clock.instant()),
                lang.setCookie(), Map.of());
    }

    /** The stored notice and topic a {@code {topicId}} names; empty for an unknown or malformed id. */
    private Optional<Map.Entry<StoredNotice, Topic>> find(APIGatewayV2HTTPEvent e) {
        String topicId = Http.pathParameter(e, "topicId");
        return notices.noticeOfTopic(topicId).flatMap(sn -> sn.topic(topicId).map(t -> Map.entry(sn, t)));
    }

    /**
     * The page of a topic a later ingest dropped from its notice ({@link TopicPage#dropped}): a bookmarked link answers
     * that it was withdrawn, not 404; empty when the notice never had it.
     */
    private Optional<APIGatewayV2HTTPResponse> dropped(APIGatewayV2HTTPEvent e, PageLanguage lang) {
        String topicId = Http.pathParameter(e, "topicId");
        return notices.noticeOfTopic(topicId).flatMap(sn -> TopicPage.dropped(lang.language(), sn, topicId, clock.instant()))
                .map(view -> Layout.page(200, "topic", view, lang.setCookie(), Map.of()));
    }

    /** The topic's cutoff as a one-event calendar (RFC 5545), to download ({@code Content-Disposition: attachment}). */
    private Optional<APIGatewayV2HTTPResponse> event(APIGatewayV2HTTPEvent e) {
        return find(e).flatMap(f -> f.getKey().cutoff(f.getValue().id()).map(cutoff -> Http.respond(200, "text/calendar; charset=utf-8",
                new FeedWriter().write(FeedNames.topic(f.getKey().notice(), f.getValue()), List.of(cutoff)),
                Map.of("Content-Disposition", "attachment; filename=\"" + cutoff.topicId() + "-cutoff.ics\""))));
    }
}
