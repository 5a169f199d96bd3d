package cutoff.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import cutoff.mail.SesMailSender;
import cutoff.reminder.ReminderPlanner;
import cutoff.store.Dynamo;
import cutoff.store.NoticeStore;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import cutoff.subscriber.SubscriptionService;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The subscription API (API Gateway HTTP API, payload 2.0):
 * <ul>
 *   <li>{@code GET /subscriptions}: a page listing the notices' topics with a subscription form;</li>
 *   <li>{@code POST /subscriptions}: JSON {@code {"email", "topics": [...], "notices": [...], "language": "zh"|"en",
 *       "leadTimes": ["P7D", "MORNING"]}} or the same as a form; 202 {@code {"status": "pending"}} whatever
 *       the address's state; 400 {@code {"error", "field"}}; a browser form post (Accept: text/html) gets the
 *       same answers as pages;</li>
 *   <li>{@code GET /subscriptions/confirm?token=}: confirms once; shows the personal feed URL;</li>
 *   <li>{@code GET|POST /subscriptions/manage?token=}: settings page; POST {@code action=update|rotate|unsubscribe};</li>
 *   <li>{@code GET /subscriptions/unsubscribe?token=}: a page with a button (link scanners do not
 *       unsubscribe anyone); {@code POST} (RFC 8058 one-click, {@code List-Unsubscribe=One-Click}) unsubscribes at once.</li>
 * </ul>
 * Unknown, used or expired tokens get 404 with a page that says so.
 */
public final class SubscriptionHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Public https base for links in emails and pages; empty to use the API's own domain. */
    public static final String BASE_URL_ENV = "PUBLIC_BASE_URL";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Mustache PAGE = new DefaultMustacheFactory("pages").compile("page.html.mustache");

    private final SubscriptionService service;
    private final String configuredBaseUrl;

    /** Lambda's constructor: clients from the environment, once per container. */
    public SubscriptionHandler() {
        this(fromEnvironment(), System.getenv(BASE_URL_ENV));
        // SnapStart: the page templates and a DynamoDB round trip in the snapshot.
        Priming.register(() -> {
            page(200, view("zh", "priming"));
            service.notices();
        });
    }

    public SubscriptionHandler(SubscriptionService service, String baseUrl) {
        this.service = service;
        this.configuredBaseUrl = baseUrl;
    }

    private static SubscriptionService fromEnvironment() {
        DynamoDbClient dynamo = Dynamo.fromEnvironment();
        String table = Dynamo.tableFromEnvironment();
        Clock clock = Clock.systemUTC();
        NoticeStore notices = new NoticeStore(dynamo, table, clock);
        SubscriberStore subscribers = new SubscriberStore(dynamo, table);
        ReminderPlanner planner = new ReminderPlanner(notices, subscribers, new ReminderStore(dynamo, table), clock);
        return new SubscriptionService(notices, subscribers, planner, SesMailSender.fromEnvironment(), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        String method = Http.method(event);
        Map<String, List<String>> query = Http.form(event.getRawQueryString());
        String token = Http.first(query, "token");
        String base = Http.baseUrl(event, configuredBaseUrl);
        try {
            switch (path) {
                case "/subscriptions":
                    return "POST".equals(method) ? subscribe(event, base) : subscribePage(base);
                case "/subscriptions/confirm":
                    return confirm(token, base);
                case "/subscriptions/unsubscribe":
                    return unsubscribe(token, method, base);
                case "/subscriptions/manage":
                    return manage(token, method, Http.form(Http.body(event)), base);
                default:
                    return Http.respond(404, "text/plain; charset=utf-8", "no such page\n");
            }
        } catch (SubscriptionService.InvalidRequestException e) {
            return json(400, Map.of("error", e.getMessage(), "field", e.field()));
        }
    }

    /** A page listing every notice's topics with their cutoffs, and a form to subscribe. */
    private APIGatewayV2HTTPResponse subscribePage(String base) {
        Map<String, Object> view = view("zh", "订阅申报截止提醒 Deadline reminders");
        view.put("paragraphs", List.of("选择专题，我们会在每个截止时间前发邮件提醒。Choose topics; Cutoff emails you before every deadline."));
        List<Map<String, Object>> noticeViews = new ArrayList<>();
        java.time.Instant now = service.now();
        for (cutoff.notice.Notice n : service.notices()) {
            List<Map<String, Object>> topics = new ArrayList<>();
            boolean anyOpen = false;
            for (cutoff.notice.Topic t : n.topics()) {
                boolean closed = t.closedBy(now);
                anyOpen |= !closed;
                topics.add(Map.of("id", t.id(), "name", t.displayName(), "closed", closed, "closes", t.window() == null ? ""
                        : (closed ? "已截止 closed " : "截止 closes ")
                        + cutoff.deadline.Deadlines.wall(t.window().closes().toInstant(), t.window().zone())));
            }
            noticeViews.add(Map.of("name", (n.documentNumber() != null ? n.documentNumber() + " " : "") + n.title(),
                    "topics", topics, "open", anyOpen));
        }
        // Calls still open first; within each group, as stored (by issuing date).
        noticeViews.sort(java.util.Comparator.comparing(v -> !(Boolean) v.get("open")));
        view.put("subscribeForm", Map.of("action", base + "/subscriptions", "notices", noticeViews));
        return page(200, view);
    }

    private APIGatewayV2HTTPResponse subscribe(APIGatewayV2HTTPEvent event, String base) throws SubscriptionService.InvalidRequestException {
        boolean browser = String.valueOf(Http.header(event, "accept")).contains("text/html");
        try {
            APIGatewayV2HTTPResponse accepted = subscribeJson(event);
            if (!browser) {
                return accepted;
            }
            Map<String, Object> view = view("zh", "请查收邮件 Check your email");
            view.put("paragraphs", List.of("如果该地址可以订阅，确认邮件已发出，链接48小时内有效。",
                    "If the address can be subscribed, a confirmation email is on its way; its link works for 48 hours."));
            return page(202, view);
        } catch (SubscriptionService.InvalidRequestException e) {
            if (!browser) {
                throw e;
            }
            Map<String, Object> view = view("zh", "请检查填写 Please check the form");
            view.put("paragraphs", List.of(e.field() + ": " + e.getMessage()));
            return page(400, view);
        }
    }

    private APIGatewayV2HTTPResponse subscribeJson(APIGatewayV2HTTPEvent event) throws SubscriptionService.InvalidRequestException {
        String contentType = String.valueOf(Http.header(event, "content-type"));
        String body = Http.body(event);
        SubscriptionService.Request request;
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, List<String>> form = Http.form(body);
            request = new SubscriptionService.Request(Http.first(form, "email"), form.getOrDefault("topics", List.of()),
                    form.getOrDefault("notices", List.of()), Http.first(form, "language"), form.getOrDefault("leadTimes", List.of()));
        } else {
            try {
                JsonNode json = JSON.readTree(body);
                if (json == null || !json.isObject()) {
                    throw new SubscriptionService.InvalidRequestException("body", "send a JSON object");
                }
                request = new SubscriptionService.Request(text(json, "email"), list(json, "topics"), list(json, "notices"),
                        text(json, "language"), list(json, "leadTimes"));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SubscriptionService.InvalidRequestException("body", "not JSON: " + e.getOriginalMessage());
            }
        }
        service.subscribe(request, Http.baseUrl(event, configuredBaseUrl));
        return json(202, Map.of("status", "pending",
                "message", "If the address can be subscribed, a confirmation email is on its way; the link works for 48 hours."));
    }

    private APIGatewayV2HTTPResponse confirm(String token, String base) {
        Optional<SubscriptionService.Confirmation> c = service.confirm(token);
        if (c.isEmpty()) {
            return expired();
        }
        Map<String, Object> view = view(c.get().subscriber().language(), "订阅已确认 Subscription confirmed");
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(zh(c.get().subscriber()) ? "您将在每个截止时间前收到提醒：" + String.join("；", c.get().topicNames())
                : "You will be reminded before every deadline of: " + String.join("; ", c.get().topicNames()));
        view.put("paragraphs", paragraphs);
        view.put("feedUrl", base + "/feeds/personal/" + c.get().feedToken() + ".ics");
        return page(200, view);
    }

    private APIGatewayV2HTTPResponse unsubscribe(String token, String method, String base) {
        Optional<Subscriber> s = service.manageable(token);
        if (s.isEmpty()) {
            return expired();
        }
        if ("POST".equals(method)) {
            service.unsubscribe(s.get());
            Map<String, Object> view = view(s.get().language(), "已退订 Unsubscribed");
            view.put("paragraphs", List.of(zh(s.get()) ? "您不会再收到 Cutoff 的提醒邮件。You will get no more reminders."
                    : "You will get no more reminders from Cutoff."));
            return page(200, view);
        }
        Map<String, Object> view = view(s.get().language(), "退订 Unsubscribe");
        view.put("paragraphs", List.of(zh(s.get()) ? "点击按钮停止所有截止提醒。Press the button to stop all reminders."
                : "Press the button to stop all deadline reminders."));
        view.put("unsubscribeForm", Map.of("action", base + "/subscriptions/unsubscribe?token=" + token));
        return page(200, view);
    }

    private APIGatewayV2HTTPResponse manage(String token, String method, Map<String, List<String>> form, String base)
            throws SubscriptionService.InvalidRequestException {
        Optional<Subscriber> found = service.manageable(token);
        if (found.isEmpty()) {
            return expired();
        }
        Subscriber s = found.get();
        List<String> paragraphs = new ArrayList<>();
        String feedUrl = null;
        if ("POST".equals(method)) {
            String action = Http.first(form, "action");
            if ("unsubscribe".equals(action)) {
                service.unsubscribe(s);
                Map<String, Object> view = view(s.language(), "已退订 Unsubscribed");
                view.put("paragraphs", List.of("You will get no more reminders. 您不会再收到提醒。"));
                return page(200, view);
            } else if ("rotate".equals(action)) {
                feedUrl = base + "/feeds/personal/" + service.rotateFeedToken(s) + ".ics";
                paragraphs.add("The old feed address no longer works. 旧的日历地址已失效。");
                s = service.manageable(token).orElse(s);
            } else {
                SubscriptionService.Settings settings = service.validate(form.getOrDefault("topics", List.of()), List.of(),
                        Http.first(form, "language"), form.getOrDefault("leadTimes", List.of()));
                s = service.update(s, settings);
                paragraphs.add("Saved. 已保存。");
            }
        }
        Map<String, Object> view = view(s.language(), "管理订阅 Manage your subscription");
        view.put("paragraphs", paragraphs);
        if (feedUrl != null) {
            view.put("feedUrl", feedUrl);
        }
        // Every topic of a call still open, and whatever the subscriber follows: tick to add, untick to drop.
        List<Map<String, Object>> topics = new ArrayList<>();
        Set<String> following = new LinkedHashSet<>(s.topicIds());
        Set<String> listed = new LinkedHashSet<>();
        java.time.Instant now = service.now();
        for (cutoff.notice.Notice n : service.notices()) {
            for (cutoff.notice.Topic t : n.topics()) {
                if (!t.closedBy(now) || following.contains(t.id())) {
                    listed.add(t.id());
                    topics.add(Map.of("id", t.id(), "checked", following.contains(t.id()),
                            "name", (n.documentNumber() != null ? n.documentNumber() : n.title()) + " · " + t.displayName()));
                }
            }
        }
        List<String> unknown = new ArrayList<>(following);
        unknown.removeAll(listed);
        List<String> unknownNames = service.topicNames(unknown);
        for (int i = 0; i < unknown.size(); i++) {
            topics.add(Map.of("id", unknown.get(i), "name", unknownNames.get(i), "checked", true));
        }
        Set<String> chosen = new LinkedHashSet<>();
        s.leadTimes().forEach(l -> chosen.add(l.code()));
        List<Map<String, Object>> leads = new ArrayList<>();
        for (String code : List.of("P14D", "P7D", "P3D", "P1D", "MORNING")) {
            leads.add(Map.of("code", code, "label", new LeadTime(code).describe(s.language()), "checked", chosen.contains(code)));
        }
        view.put("manageForm", Map.of("action", base + "/subscriptions/manage?token=" + token, "topics", topics, "leads", leads));
        return page(200, view);
    }

    private APIGatewayV2HTTPResponse expired() {
        Map<String, Object> view = view("zh", "链接无效或已过期 This link has expired");
        view.put("paragraphs", List.of("这个链接已使用、已过期或不存在。This link was used, has expired or does not exist.",
                "如需订阅，请重新提交。To subscribe, ask again."));
        return page(404, view);
    }

    private static Map<String, Object> view(String language, String title) {
        Map<String, Object> view = new HashMap<>();
        view.put("title", title);
        view.put("zh", !"en".equals(language));
        return view;
    }

    private static boolean zh(Subscriber s) {
        return !"en".equals(s.language());
    }

    private static APIGatewayV2HTTPResponse page(int status, Map<String, Object> view) {
        StringWriter out = new StringWriter();
        PAGE.execute(out, view);
        return Http.respond(status, "text/html; charset=utf-8", out.toString());
    }

    private static APIGatewayV2HTTPResponse json(int status, Map<String, String> body) {
        try {
            return Http.respond(status, "application/json", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> list(JsonNode json, String field) throws SubscriptionService.InvalidRequestException {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new SubscriptionService.InvalidRequestException(field, field + " is a list of strings");
        }
        List<String> values = new ArrayList<>();
        v.forEach(x -> values.add(x.asText()));
        return values;
    }
}
