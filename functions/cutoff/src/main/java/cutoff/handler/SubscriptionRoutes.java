package cutoff.handler;

import cutoff.http.Bodies;
import cutoff.http.Forms;
import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.http.Json;
import cutoff.http.RequestSource;
import cutoff.web.Layout;
import cutoff.web.Messages;
import cutoff.web.PageLanguage;
import cutoff.web.SubscriptionLayout;
import cutoff.web.SubscriptionPages;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.subscription.Challenges;
import cutoff.subscription.RateLimit;
import cutoff.subscription.SubscriptionService;
import cutoff.subscription.InvalidRequestException;
import cutoff.subscriber.Subscriber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What each subscription route does: binds the request, calls {@link SubscriptionService}, picks the page. */
final class SubscriptionRoutes {
    /** The manage form's fields ({@code action} is the submit button pressed). */
    record ManageForm(String action, List<String> topics, List<String> leadTimes, String language, List<String> follow) {
        SubscriptionPages.Values values() {
            return new SubscriptionPages.Values("", topics, follow, language, leadTimes);
        }
    }

    /**
     * A subscription request as posted: {@link SubscriptionService.Request}'s fields, and the solved
     * challenge ({@link Challenges}) when the deployment asks for one.
     */
    record SubscribeForm(String email, List<String> topics, List<String> notices, String language, List<String> leadTimes,
                         String challenge, String solution, List<String> follow) {
        SubscriptionService.Request request() {
            return new SubscriptionService.Request(email, topics, notices, language, leadTimes, follow);
        }

        SubscriptionPages.Values values() {
            return new SubscriptionPages.Values(email, topics, follow, PageLanguage.orChinese(language), leadTimes);
        }
    }

    private static final Set<String> LISTS = Set.of("topics", "notices", "leadTimes", "follow");

    private final SubscriptionService service;
    private final RateLimit rateLimit;
    private final Challenges challenges;
    private final String configuredBaseUrl;
    private final byte[] originVerify;

    /** @param originVerify the CDN's origin-verify value ({@link Http#sourceIp(APIGatewayV2HTTPEvent, byte[])}); {@code null} for none */
    SubscriptionRoutes(SubscriptionService service, RateLimit rateLimit, Challenges challenges, String configuredBaseUrl,
                       String originVerify) {
        this.service = service;
        this.rateLimit = rateLimit;
        this.challenges = challenges;
        this.configuredBaseUrl = configuredBaseUrl;
        this.originVerify = originVerify == null ? null : originVerify.getBytes(StandardCharsets.UTF_8);
    }

    /** Loads the templates, bundles and a DynamoDB round trip (SnapStart priming). */
    void prime() {
        SubscriptionLayout.page(200, SubscriptionPages.subscribe("zh", service.notices(), service.now(), "https://priming.invalid",
                challenges.required() ? challenges.issue() : null));
        Messages.all("en");
    }

    APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent e) throws HttpProblem, InvalidRequestException {
        String base = Http.baseUrl(e, configuredBaseUrl);
        String method = Http.method(e);
        switch (Http.route(e)) {
            case "/subscriptions" -> {
                Http.allow(e, "GET", "POST");
                if (method.equals("POST")) {
                    return subscribe(e, base);
                }
                // ?topic=<topicId> (a topic page's "email me reminders"): that topic ticked; an unknown id ticks nothing.
                List<String> topics = Forms.query(e).getOrDefault("topic", List.of());
                PageLanguage lang = PageLanguage.ofVisitor(e);
                Map<String, Object> view = SubscriptionPages.subscribe(lang.language(), service.notices(), service.now(),
                        base + "/subscriptions", challenges.required() ? challenges.issue() : null,
                        SubscriptionPages.Values.fresh(lang.language(), topics), null);
                // The switch keeps the topics ticked: the same page in the other language.
                Layout.switchTo(view, lang.language(), "/subscriptions" + (topics.isEmpty() ? "" : "?" + String.join("&",
                        topics.stream().map(t -> "topic=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).toList())));
                return SubscriptionLayout.page(200, view, lang.setCookie(), Map.of());
            }
            case "/subscriptions/confirm" -> {
                // Not HEAD: confirming uses the link up, and a HEAD (a link checker's) must not.
                Http.allowExactly(e, "GET");
                // The link is used up: the switch leads to the calls page, not to this URL again.
                return service.confirm(token(e)).map(c -> {
                    PageLanguage lang = PageLanguage.ofSubscriber(e, c.subscriber().language());
                    Map<String, Object> view = SubscriptionPages.confirmed(lang.language(), c, service.followRules(c.subscriber()),
                            base + "/feeds/personal/" + c.feedToken() + ".ics");
                    Layout.switchTo(view, lang.language(), "/");
                    return SubscriptionLayout.page(200, view, lang.setCookie(), Map.of());
                }).orElseGet(() -> SubscriptionLayout.expired(PageLanguage.ofVisitor(e)));
            }
            case "/subscriptions/manage" -> {
                Http.allow(e, "GET", "POST");
                return manage(e, base);
            }
            case "/subscriptions/unsubscribe" -> {
                Http.allow(e, "GET", "POST");
                return unsubscribe(e, base);
            }
            default -> {
                return Http.respond(404, "text/plain; charset=utf-8", "no such page\n");
            }
        }
    }

    private APIGatewayV2HTTPResponse subscribe(APIGatewayV2HTTPEvent e, String base) throws HttpProblem, InvalidRequestException {
        // First, before reading anything: a source past its limit costs one UpdateItem and gets nothing else.
        Optional<Duration> wait = rateLimit.admit(RequestSource.sourceIp(e, originVerify));
        if (wait.isPresent()) {
            throw HttpProblem.tooManyRequests(wait.get().toSeconds(), "too many subscription requests from your network; "
                    + "try again in " + wait.get().toSeconds() + " seconds");
        }
        String type = Http.mediaType(e);
        SubscribeForm form = switch (type) {
            case "application/json" -> Bodies.json(Http.body(e), SubscribeForm.class);
            case "application/x-www-form-urlencoded" -> Bodies.form(Forms.form(Http.body(e)), LISTS, Set.of(), SubscribeForm.class);
            default -> throw Http.unsupportedType(type, "application/json or application/x-www-form-urlencoded");
        };
        if (challenges.required()) {
            checkChallenge(form);
        }
        SubscriptionService.Request request = form.request();
        boolean html = Http.wantsHtml(e);
        try {
            service.subscribe(request, base);
        } catch (InvalidRequestException invalid) {
            if (!html) {
                throw invalid;
            }
            // The form again, as posted, with the field named: nothing typed is lost.
            String language = PageLanguage.orChinese(request.language());
            return SubscriptionLayout.page(400, SubscriptionPages.subscribe(language, service.notices(), service.now(), base + "/subscriptions",
                    challenges.required() ? challenges.issue() : null, form.values(),
                    new SubscriptionPages.Problem(invalid.field())));
        }
        if (html) {
            // The address as typed (escaped), so a typo shows; the same answer whatever the address's state.
            String language = PageLanguage.orChinese(request.language());
            return SubscriptionLayout.page(202, SubscriptionPages.pending(language, request.email().strip(),
                    base + "/subscriptions?lang=" + language));
        }
        return Http.respond(202, "application/json", Json.object("status", "pending",
                "message", "If the address can be subscribed, a confirmation email is on its way; the link works for 48 hours."));
    }

    /**
     * 400 when the challenge or its solution is missing, 403 when it is forged, expired, unsolved or used;
     * either answer carries a fresh challenge ({@code challenge}, {@code challengeBits}) for a client
     * that has none, so a JSON client needs no other route.
     */
    private void checkChallenge(SubscribeForm form) throws HttpProblem {
        Challenges.Verdict verdict = challenges.check(form.challenge(), form.solution());
        if (verdict == Challenges.Verdict.OK) {
            return;
        }
        String why = switch (verdict) {
            case MISSING -> "this service asks for a solved challenge: send challenge (as issued) and solution (letters or "
                    + "digits such that SHA-256 of challenge:solution starts with challengeBits zero bits); here is one";
            case FORGED -> "challenge is not one this service issued";
            case EXPIRED -> "challenge has expired (" + Challenges.VALIDITY.toMinutes() + " minutes); reload the page or use the new one";
            case UNSOLVED -> "solution does not solve challenge";
            case USED -> "challenge was used already; each works once";
            case OK -> throw new IllegalStateException();
        };
        Challenges.Challenge fresh = challenges.issue();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("challenge", fresh.token());
        fields.put("challengeBits", Integer.toString(fresh.bits()));
        throw new HttpProblem(verdict == Challenges.Verdict.MISSING ? 400 : 403, "challenge", why, Map.of(), fields);
    }

    private APIGatewayV2HTTPResponse manage(APIGatewayV2HTTPEvent e, String base) throws HttpProblem, InvalidRequestException {
        String token = token(e);
        ManageForm form = null;
        if (Http.method(e).equals("POST")) {
            String type = Http.mediaType(e);
            if (!type.equals("application/x-www-form-urlencoded")) {
                throw Http.unsupportedType(type, "the manage form as application/x-www-form-urlencoded");
            }
            form = Bodies.form(Forms.form(Http.body(e)), Set.of("topics", "leadTimes", "follow"), Set.of(), ManageForm.class);
        }
        Optional<Subscriber> found = service.manageable(token);
        if (found.isEmpty()) {
            return SubscriptionLayout.expired(PageLanguage.ofVisitor(e));
        }
        Subscriber s = found.get();
        String action = form == null ? "show" : form.action() == null ? "update" : form.action();
        String feedUrl = null;
        String said = null; // a message key
        int status = 200;
        InvalidRequestException invalid = null;
        switch (action) {
            case "show" -> { }
            case "unsubscribe" -> {
                return left(e, s);
            }
            case "rotate" -> {
                Optional<String> rotated = service.rotateFeedToken(s);
                Optional<Subscriber> after = service.manageable(token);
                if (after.isEmpty()) {
                    return SubscriptionLayout.expired(PageLanguage.ofVisitor(e)); // left meanwhile (an unsubscribe at the same moment)
                }
                s = after.get();
                if (rotated.isPresent()) {
                    feedUrl = base + "/feeds/personal/" + rotated.get() + ".ics";
                    said = "manage_rotated";
                } else {
                    // Another rotation (a double click) won: its page shows the one URL that answers; 409, not a dead URL.
                    said = "manage_rotate_raced";
                    status = 409;
                }
            }
            case "update" -> {
                try {
                    s = service.update(s, service.validateFor(s, form.topics(), List.of(), form.follow(), form.language(), form.leadTimes()));
                    said = "manage_saved";
                } catch (InvalidRequestException bad) {
                    if (!Http.wantsHtml(e)) {
                        throw bad;
                    }
                    invalid = bad; // the form again, as posted, with the field named
                }
            }
            default -> throw new HttpProblem(400, "action", "action is update, rotate or unsubscribe");
        }
        // In the language just saved, unless the URL asks for the other.
        PageLanguage lang = PageLanguage.ofSubscriber(e, s.language());
        String language = lang.language();
        // The token is in this page's URL already (the email's link); the form and the switch use that URL again.
        String self = "/subscriptions/manage?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        Map<String, Object> view = SubscriptionPages.manage(language, s, service.notices(), service.topicNames(s.topicIds()),
                service.followRules(s), service.now(), base + self,
                said == null ? List.of() : List.of(Messages.text(language, said)), invalid == null ? null : form.values(),
                invalid == null ? null : new SubscriptionPages.Problem(invalid.field()));
        if (feedUrl != null) {
            SubscriptionPages.feed(view, feedUrl);
        }
        Layout.switchTo(view, language, self);
        return SubscriptionLayout.page(invalid == null ? status : 400, view, lang.setCookie(), Map.of());
    }

    private APIGatewayV2HTTPResponse unsubscribe(APIGatewayV2HTTPEvent e, String base) throws HttpProblem {
        String token = token(e);
        Optional<Subscriber> s = service.leaving(token);
        if (s.isEmpty()) {
            return SubscriptionLayout.expired(PageLanguage.ofVisitor(e));
        }
        if (Http.method(e).equals("POST") || s.get().status() == Subscriber.Status.UNSUBSCRIBED) {
            // RFC 8058 §3.2: the POST's body (List-Unsubscribe=One-Click, as a form or multipart) is not needed.
            return left(e, s.get());
        }
        PageLanguage lang = PageLanguage.ofSubscriber(e, s.get().language());
        String language = lang.language();
        // A GET only asks (the button posts), so the switch may come back here, to the URL it came from.
        String self = "/subscriptions/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        Map<String, Object> view = SubscriptionLayout.view(language, "unsubscribe_title", List.of(Messages.text(language, "unsubscribe_body")));
        view.put("unsubscribeForm", Map.of("action", base + self));
        Layout.switchTo(view, language, self);
        return SubscriptionLayout.page(200, view, lang.setCookie(), Map.of());
    }

    /** Unsubscribes and says so; the switch leads to the calls page (the token has done its work). */
    private APIGatewayV2HTTPResponse left(APIGatewayV2HTTPEvent e, Subscriber s) {
        service.unsubscribe(s);
        PageLanguage lang = PageLanguage.ofSubscriber(e, s.language());
        Map<String, Object> view = SubscriptionLayout.view(lang.language(), "unsubscribed_title", List.of(Messages.text(lang.language(), "unsubscribed_body")));
        Layout.switchTo(view, lang.language(), "/");
        return SubscriptionLayout.page(200, view, lang.setCookie(), Map.of());
    }

    private static String token(APIGatewayV2HTTPEvent e) throws HttpProblem {
        String token = Forms.first(Forms.query(e), "token");
        return token == null ? "" : token;
    }
}
