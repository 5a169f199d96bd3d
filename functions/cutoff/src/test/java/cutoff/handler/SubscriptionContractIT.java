package cutoff.handler;

import cutoff.web.Messages;
import cutoff.web.Layout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.subscription.SubscriptionService;
import cutoff.mail.MailSender;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every subscription route held to its contract, as a probe of the running stack found it wanting:
 * limits, malformed and wrong-type bodies, methods, content types, a stranger's request for someone
 * else's pending address, links after unsubscribing, and addresses SES cannot send to.
 */
class SubscriptionContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIRM = TestStack.CONFIRM;
    private static final Pattern MANAGE = Pattern.compile("/subscriptions/manage\\?token=([A-Za-z0-9_-]{43})");
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private static final String T1 = "2026-8-304af3-t1";
    private static final String T2 = "2026-8-304af3-t2";
    private static TestStack stack;
    private static SubscriptionHandler api;

    @BeforeAll
    static void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = stack.subscriptionApi();
    }

    private static APIGatewayV2HTTPResponse call(String method, String target, String contentType, String body, String accept) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        if (accept != null) {
            headers.put("accept", accept);
        }
        return api.handleRequest(TestStack.fromNewSource(Routes.event(method, target, headers, body)), null);
    }

    private static APIGatewayV2HTTPResponse postJson(String body) {
        return call("POST", "/subscriptions", "application/json", body, null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        assertEquals("application/json", r.getHeaders().get("Content-Type"), r.getBody());
        return JSON.readTree(r.getBody());
    }

    private static void assertBadField(APIGatewayV2HTTPResponse r, int status, String field) throws Exception {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals(field, json(r).path("field").asText(), r.getBody());
        assertFalse(json(r).path("error").asText().isBlank());
    }

    private static String jsonList(List<String> values) throws Exception {
        return JSON.writeValueAsString(values);
    }

    // ------------------------------------------------------------------ limits

    @Test
    void moreThanEightLeadTimes_is400NamingTheFieldAndTheLimit() throws Exception {
        List<String> leads = new ArrayList<>();
        for (int d = 1; d <= 9; d++) {
            leads.add("P" + d + "D");
        }
        APIGatewayV2HTTPResponse r = postJson("{\"email\":\"" + TestStack.address("leads") + "\",\"topics\":[\"" + T1
                + "\"],\"leadTimes\":" + jsonList(leads) + "}");
        assertBadField(r, 400, "leadTimes");
        assertTrue(json(r).path("error").asText().contains("8"), r.getBody());
    }

    @Test
    void sixtyThousandLeadTimes_is413NotA500() throws Exception {
        StringBuilder leads = new StringBuilder("[");
        for (int i = 0; i < 60_000; i++) {
            leads.append(i == 0 ? "" : ",").append("\"PT").append(i % 1000 + 1).append("H\"");
        }
        APIGatewayV2HTTPResponse r = postJson("{\"email\":\"x@example.org\",\"topics\":[\"" + T1 + "\"],\"leadTimes\":" + leads + "]}");
        assertBadField(r, 413, "body");
    }

    @Test
    void thousandsOfCopiesOfOneTopic_countOnce() throws Exception {
        String email = TestStack.address("copies");
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            topics.add(T1);
        }
        assertEquals(202, postJson("{\"email\":\"" + email + "\",\"topics\":" + jsonList(topics) + "}").getStatusCode());
        assertEquals(1, confirm(email).topicIds().size());
    }

    @Test
    void moreThanTwoHundredDistinctTopics_is400() throws Exception {
        List<String> topics = new ArrayList<>();
        for (int i = 1; i <= 201; i++) {
            topics.add("2026-8-304af3-t" + i);
        }
        assertBadField(postJson("{\"email\":\"x@example.org\",\"topics\":" + jsonList(topics) + "}"), 400, "topics");
    }

    // ------------------------------------------------------------------ malformed bodies

    @Test
    void badPercentEscapesInAForm_are400NamingTheField() throws Exception {
        assertBadField(call("POST", "/subscriptions", "application/x-www-form-urlencoded", "email=a%zz@example.org&topics=" + T1,
                null), 400, "email");
        assertBadField(call("POST", "/subscriptions", "application/x-www-form-urlencoded", "topics=" + T1 + "&email=a@example.org%",
                null), 400, "email");
        assertBadField(call("POST", "/subscriptions", "application/x-www-form-urlencoded", "email=%C3%28@example.org&topics=" + T1,
                null), 400, "email");
        String manage = manageToken(subscribed("escape"));
        assertBadField(call("POST", "/subscriptions/manage?token=" + manage, "application/x-www-form-urlencoded", "action=%", null),
                400, "action");
    }

    @Test
    void wrongTypes_are400NotSilentDefaults() throws Exception {
        String email = TestStack.address("types");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"],\"language\":[\"en\"]}"), 400, "language");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"],\"language\":{}}"), 400, "language");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"topics\":\"" + T1 + "\"}"), 400, "topics");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"topics\":[1]}"), 400, "topics");
        assertBadField(postJson("{\"email\":42,\"topics\":[\"" + T1 + "\"]}"), 400, "email");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"],\"role\":\"admin\"}"), 400, "role");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + "9".repeat(3000) + "-t1\"]}"), 400, "topics");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"notices\":[\"" + "9".repeat(3000) + "\"]}"), 400, "notices");
        assertBadField(postJson("[]"), 400, "body");
        assertBadField(postJson("null"), 400, "body");
        assertBadField(postJson("{\"email\":"), 400, "body");
        assertTrue(LocalSes.sentTo(email).isEmpty(), "nothing sent for a refused request");
    }

    @Test
    void duplicateKeys_andCompressedBodies_areRefused_andErrorsSayNothingOfTheParser() throws Exception {
        String email = TestStack.address("dup");
        assertBadField(postJson("{\"email\":\"" + email + "\",\"email\":\"" + TestStack.address("other")
                + "\",\"topics\":[\"" + T1 + "\"]}"), 400, "email");
        APIGatewayV2HTTPResponse gz = api.handleRequest(TestStack.fromNewSource(Routes.event("POST", "/subscriptions",
                Map.of("content-type", "application/json", "content-encoding", "gzip"), "{}")), null);
        assertBadField(gz, 415, "content-encoding");
        assertBadField(postJson("[".repeat(3000)), 400, "body");
        for (String broken : List.of("{\"email\":", "{\"a\":" + "[".repeat(3000), "{\"email\":\"a\u0000b@example.org\",\"topics\":[]}")) {
            APIGatewayV2HTTPResponse r = postJson(broken);
            assertBadField(r, 400, "body");
            String error = json(r).path("error").asText();
            assertTrue(error.startsWith("the body is not valid JSON"), error);
            assertFalse(error.contains("Source") || error.contains("StreamRead") || error.contains("jackson"), error);
        }
    }

    @Test
    void accept_isReadWithItsQualities() throws Exception {
        String form = "email=not-an-address&topics=" + T1;
        assertBadField(call("POST", "/subscriptions", "application/x-www-form-urlencoded", form, "text/html;q=0"), 400, "email");
        assertBadField(call("POST", "/subscriptions", "application/x-www-form-urlencoded", form,
                "text/html;q=0.1, application/json"), 400, "email");
        assertTrue(call("POST", "/subscriptions", "application/x-www-form-urlencoded", form,
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").getHeaders().get("Content-Type").startsWith("text/html"));
    }

    @Test
    void head_onAConfirmationLink_confirmsNothing() {
        String email = TestStack.address("scanner");
        postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"]}");
        Matcher m = CONFIRM.matcher(LocalSes.sentTo(email).get(0).text());
        assertTrue(m.find());
        APIGatewayV2HTTPResponse head = call("HEAD", "/subscriptions/confirm?token=" + m.group(1), null, null, null);
        assertEquals(405, head.getStatusCode());
        assertEquals("GET", head.getHeaders().get("Allow"));
        assertEquals(Subscriber.Status.PENDING, stack.subscribers.byEmail(email).orElseThrow().status());
        assertEquals(200, call("GET", "/subscriptions/confirm?token=" + m.group(1), null, null, null).getStatusCode(),
                "the owner's link still works");
    }

    @Test
    void aJsonBodySentAsTextPlain_is415() throws Exception {
        APIGatewayV2HTTPResponse r = call("POST", "/subscriptions", "text/plain",
                "{\"email\":\"" + TestStack.address("plain") + "\",\"topics\":[\"" + T1 + "\"]}", null);
        assertBadField(r, 415, "content-type");
        assertBadField(call("POST", "/subscriptions", "application/json; charset=latin1", "{}", null), 415, "content-type");
    }

    @Test
    void bytesThatAreNotUtf8_are400() throws Exception {
        APIGatewayV2HTTPEvent e = TestStack.fromNewSource(Routes.event("POST", "/subscriptions", Map.of("content-type", "application/json"), null));
        byte[] latin1 = ("{\"email\":\"m\u00fcller@example.org\",\"topics\":[\"" + T1 + "\"]}").getBytes(StandardCharsets.ISO_8859_1);
        e.setBody(Base64.getEncoder().encodeToString(latin1));
        e.setIsBase64Encoded(true);
        assertBadField(api.handleRequest(e, null), 400, "body");
    }

    // ------------------------------------------------------------------ methods and answers

    @Test
    void unsupportedMethods_are405WithAllow() throws Exception {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            APIGatewayV2HTTPResponse r = call(method, "/subscriptions", "application/json", "{}", null);
            assertBadField(r, 405, "method");
            assertEquals("GET, HEAD, POST", r.getHeaders().get("Allow"));
        }
        APIGatewayV2HTTPResponse confirm = call("POST", "/subscriptions/confirm?token=x", null, null, null);
        assertEquals(405, confirm.getStatusCode());
        assertEquals("GET", confirm.getHeaders().get("Allow"), "confirming is not for HEAD");
    }

    @Test
    void head_answersTheGetsHeadersAndLength_withoutABody() {
        APIGatewayV2HTTPResponse get = call("GET", "/subscriptions", null, null, null);
        APIGatewayV2HTTPResponse head = call("HEAD", "/subscriptions", null, null, null);
        assertEquals(200, head.getStatusCode());
        assertEquals("", head.getBody());
        assertEquals(Integer.toString(get.getBody().getBytes(StandardCharsets.UTF_8).length), head.getHeaders().get("Content-Length"));
    }

    @Test
    void errors_comeInTheFormTheClientAskedFor() throws Exception {
        String manage = manageToken(subscribed("browser"));
        APIGatewayV2HTTPResponse page = call("POST", "/subscriptions/manage?token=" + manage, "application/x-www-form-urlencoded",
                "action=update&topics=" + T1 + "&leadTimes=P1Y", "text/html,application/xhtml+xml");
        assertEquals(400, page.getStatusCode());
        assertTrue(page.getHeaders().get("Content-Type").startsWith("text/html"), page.getHeaders().toString());
        // The field in the researcher's words (the bundle's), not the service's technical detail.
        String lang = htmlLang(page).startsWith("en") ? "en" : "zh";
        String named = Messages.text(lang, "form_invalid_field", Messages.text(lang, "field_leadTimes"), Messages.text(lang, "hint_leadTimes"));
        assertTrue(page.getBody().contains(named), named + " in " + page.getBody());
        String detail = json(call("POST", "/subscriptions/manage?token=" + manage, "application/x-www-form-urlencoded",
                "action=update&topics=" + T1 + "&leadTimes=P1Y", "application/json")).get("error").asText();
        assertTrue(detail.contains("P1Y"), "the JSON answer keeps the detail: " + detail);
        assertFalse(page.getBody().contains(detail), "the page leaves the detail out: " + detail);
        assertFalse(page.getBody().contains("(leadTimes"), page.getBody());
        assertBadField(call("POST", "/subscriptions/manage?token=" + manage, "application/x-www-form-urlencoded",
                "action=update&topics=" + T1 + "&leadTimes=P1Y", "application/json"), 400, "leadTimes");
    }

    // ------------------------------------------------------------------ who confirms what

    @Test
    void aStrangerCannotChangeAPendingSubscription() throws Exception {
        String email = TestStack.address("owner");
        assertEquals(202, postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"],\"language\":\"zh\"}").getStatusCode());
        stack.advance(Duration.ofMinutes(10));
        assertEquals(202, postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T2 + "\"],\"language\":\"en\","
                + "\"leadTimes\":[\"PT1H\"]}").getStatusCode());
        assertEquals(1, LocalSes.sentTo(email).size(), "no second email within the hour");
        Subscriber confirmed = confirm(email);
        assertEquals(List.of(T1), confirmed.topicIds());
        assertEquals("zh", confirmed.language());
        assertEquals(List.of("P7D", "P3D", "P1D", "MORNING"), confirmed.leadTimes().stream().map(l -> l.code()).toList());
    }

    @Test
    void afterUnsubscribing_earlierLinksAreDead_andComingBackTakesANewOptIn() throws Exception {
        String email = subscribed("leaver");
        String manage = manageToken(email);
        String feed = feedToken(email);
        assertEquals(200, call("POST", "/subscriptions/unsubscribe?token=" + manage, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click", null).getStatusCode());
        assertEquals(404, call("GET", "/subscriptions/manage?token=" + manage, null, null, null).getStatusCode());
        assertEquals(404, call("POST", "/subscriptions/manage?token=" + manage, "application/x-www-form-urlencoded",
                "action=update&topics=" + T1, null).getStatusCode());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, stack.subscribers.byEmail(email).orElseThrow().status(),
                "the manage form re-subscribes nobody");
        assertEquals(404, personalFeed(feed));
        assertEquals(200, call("POST", "/subscriptions/unsubscribe?token=" + manage, null, null, null).getStatusCode(),
                "a second one-click still says unsubscribed");

        stack.advance(Duration.ofHours(2));
        assertEquals(202, postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T2 + "\"]}").getStatusCode());
        assertEquals(Subscriber.Status.CONFIRMED, confirm(email).status());
        assertEquals(404, call("GET", "/subscriptions/manage?token=" + manage, null, null, null).getStatusCode(),
                "a link from before the unsubscribe stays dead");
        assertEquals(404, personalFeed(feed), "the old feed stays dead");
    }

    // ------------------------------------------------------------------ addresses

    @Test
    void addressesSesCannotSendTo_areRefusedWithAReason_andIdnDomainsAreOneMailbox() throws Exception {
        for (String bad : List.of("用户@example.com", "ipl@[127.0.0.1]", "a\uFFFDb@example.org")) {
            APIGatewayV2HTTPResponse r = postJson("{\"email\":" + JSON.writeValueAsString(bad) + ",\"topics\":[\"" + T1 + "\"]}");
            assertBadField(r, 400, "email");
        }
        String local = "idn-" + System.nanoTime();
        assertEquals(202, postJson("{\"email\":\"" + local + "@bücher.de\",\"topics\":[\"" + T1 + "\"]}").getStatusCode());
        stack.advance(Duration.ofHours(2));
        assertEquals(202, postJson("{\"email\":\"" + local + "@xn--bcher-kva.de\",\"topics\":[\"" + T1 + "\"]}").getStatusCode());
        assertTrue(stack.subscribers.byEmail(local + "@xn--bcher-kva.de").isPresent());
        assertEquals(2, LocalSes.sentTo(local + "@xn--bcher-kva.de").size(), "both requests reached one mailbox, in punycode");
    }

    // ------------------------------------------------------------------ helpers

    private static Subscriber confirm(String email) {
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        Matcher m = CONFIRM.matcher(mail.get(mail.size() - 1).text());
        assertTrue(m.find(), mail.get(mail.size() - 1).text());
        APIGatewayV2HTTPResponse r = call("GET", "/subscriptions/confirm?token=" + m.group(1), null, null, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return stack.subscribers.byEmail(email).orElseThrow();
    }

    // ------------------------------------------------------------------ the pages' language and look

    private static APIGatewayV2HTTPResponse page(String target, Map<String, String> headers) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("accept", "text/html");
        return api.handleRequest(TestStack.fromNewSource(Routes.event("GET", target, h, null)), null);
    }

    private static String htmlLang(APIGatewayV2HTTPResponse r) {
        Matcher m = Pattern.compile("<html lang=\"([^\"]+)\">").matcher(r.getBody());
        assertTrue(m.find(), r.getBody());
        return m.group(1);
    }

    private static String switchHref(APIGatewayV2HTTPResponse r) {
        Matcher m = Pattern.compile("<a class=\"lang\" href=\"([^\"]+)\"").matcher(r.getBody());
        assertTrue(m.find(), r.getBody());
        return m.group(1).replace("&#61;", "=").replace("&amp;", "&");
    }

    @Test
    void theForm_takesItsLanguageFromTheUrl_thenTheCookie_thenTheBrowser_andItsSwitchKeepsThePage() {
        APIGatewayV2HTTPResponse asked = page("/subscriptions?lang=en&topic=" + T1, Map.of("cookie", "lang=zh"));
        assertEquals("en", htmlLang(asked), "the URL wins over the cookie");
        assertEquals(List.of("lang=en; Path=/; Max-Age=31536000; SameSite=Lax"), asked.getCookies(), "and is kept");
        assertEquals("/subscriptions?topic=" + T1 + "&lang=zh", switchHref(asked), "the same page, the topic still ticked");
        assertEquals(Layout.CONTENT_SECURITY_POLICY, asked.getHeaders().get("Content-Security-Policy"));
        assertFalse(asked.getBody().contains("<style") || asked.getBody().contains(" style=") || asked.getBody().contains("<script>"),
                "nothing inline, which the policy would block");
        assertTrue(asked.getBody().contains("<nav aria-label=") && asked.getBody().contains("href=\"/office?lang&#61;en\""),
                "the site's header, in the page's language");

        APIGatewayV2HTTPResponse cookie = page("/subscriptions", Map.of("cookie", "lang=en", "accept-language", "zh-CN,zh"));
        assertEquals("en", htmlLang(cookie), "the cookie wins over the browser");
        assertEquals(null, cookie.getCookies(), "nothing to set");
        assertEquals("en", htmlLang(page("/subscriptions", Map.of("accept-language", "en-GB,en;q=0.9"))), "then the browser");
        assertEquals("zh-CN", htmlLang(page("/subscriptions", Map.of())), "else Chinese");
        assertEquals("zh-CN", htmlLang(page("/subscriptions/confirm?token=" + "A".repeat(43), Map.of("cookie", "lang=zh",
                "accept-language", "en"))), "an expired link's page as well");
    }

    @Test
    void aPageFromAnEmail_speaksTheSubscribersLanguage_unlessTheUrlAsks_andItsTokenGoesNowhereNew() {
        String token = manageToken(subscribed("pages-lang")); // a zh subscriber
        String manage = "/subscriptions/manage?token=" + token;
        APIGatewayV2HTTPResponse own = page(manage, Map.of("cookie", "lang=en"));
        assertEquals("zh-CN", htmlLang(own), "the subscriber's language beats a browser's cookie");
        assertEquals(manage + "&lang=en", switchHref(own), "the switch stays on this page");
        assertEquals("no-referrer", own.getHeaders().get("Referrer-Policy"), "a link followed from here does not pass the token on");
        // The token is where it was (the form posts to this URL) and in the switch back to this URL: nowhere else.
        assertEquals(2, own.getBody().split(token, -1).length - 1, own.getBody());

        APIGatewayV2HTTPResponse en = page(manage + "&lang=en", Map.of());
        assertEquals("en", htmlLang(en));
        assertTrue(en.getBody().contains("value=\"zh\" checked"), "the email language stays the subscriber's: " + en.getBody());
        assertEquals(List.of("lang=en; Path=/; Max-Age=31536000; SameSite=Lax"), en.getCookies());

        String email = TestStack.address("pages-confirm");
        assertEquals(202, postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"],\"language\":\"en\"}").getStatusCode());
        String confirm = TestStack.confirmToken(email);
        APIGatewayV2HTTPResponse confirmed = page("/subscriptions/confirm?token=" + confirm, Map.of("cookie", "lang=zh"));
        assertEquals("en", htmlLang(confirmed));
        assertEquals("/?lang=zh", switchHref(confirmed), "the link is used up: the switch does not lead back to it");
        assertFalse(confirmed.getBody().contains(confirm), "the used token is not in the page");
        // The personal feed, once, with the topic page's calendar links.
        Matcher feed = FEED.matcher(confirmed.getBody());
        assertTrue(feed.find(), confirmed.getBody());
        String https = TestStack.BASE_URL + "/feeds/personal/" + feed.group(1) + ".ics";
        assertTrue(confirmed.getBody().contains("id=\"feed-https\" type=\"url\" readonly value=\"" + https + "\""), confirmed.getBody());
        assertTrue(confirmed.getBody().contains("href=\"" + https.replaceFirst("^https?://", "webcal://") + "\""), "webcal");
        assertTrue(confirmed.getBody().contains("https://calendar.google.com/calendar/r?cid&#61;webcal%3A%2F%2F"), "Google");
        assertTrue(confirmed.getBody().contains("https://outlook.live.com/calendar/0/addfromweb?url&#61;"
                + java.net.URLEncoder.encode(https, StandardCharsets.UTF_8)), "Outlook");
    }

    /** A confirmed subscriber to T1; returns the address. */
    private static String subscribed(String who) {
        String email = TestStack.address(who);
        assertEquals(202, postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"]}").getStatusCode());
        confirm(email);
        return email;
    }

    /** A manage token, as the "already subscribed" email gives one (an hour after the confirmation). */
    private static String manageToken(String email) {
        stack.advance(Duration.ofMinutes(61));
        postJson("{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"]}");
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        Matcher m = MANAGE.matcher(mail.get(mail.size() - 1).text());
        assertTrue(m.find(), mail.get(mail.size() - 1).text());
        return m.group(1);
    }

    /** The personal feed token from a fresh confirmation page (rotated through the manage page). */
    private static String feedToken(String email) {
        APIGatewayV2HTTPResponse r = call("POST", "/subscriptions/manage?token=" + manageToken(email),
                "application/x-www-form-urlencoded", "action=rotate", null);
        Matcher m = FEED.matcher(r.getBody());
        assertTrue(m.find(), r.getBody());
        assertEquals(200, personalFeed(m.group(1)));
        return m.group(1);
    }

    private static int personalFeed(String token) {
        APIGatewayV2HTTPResponse r = stack.feeds().handleRequest(Routes.event("GET", "/feeds/personal/" + token + ".ics", Map.of(), null),
                null);
        assertNotNull(r.getHeaders());
        return r.getStatusCode();
    }

    @Test
    void theResponseFloor_isTheSameWhateverTheAddressState() throws Exception {
        // Time goes through the stack's clock: the work takes none of it unless SES is made to take some,
        // and the sleeper records the pause instead of waiting, so the pause is exact.
        List<Duration> pauses = new ArrayList<>();
        AtomicReference<Duration> sesTakes = new AtomicReference<>(Duration.ZERO);
        MailSender slowSes = email -> {
            stack.clock.advance(sesTakes.get());
            return stack.ses.send(email);
        };
        SubscriptionService service = new cutoff.app.Wiring(stack.config, stack.clock, stack.dynamo, slowSes, pauses::add)
                .subscriptions();
        // New, then pending (no second confirmation within the hour), then pending again: the same floor.
        String email = TestStack.address("timing");
        for (int i = 0; i < 3; i++) {
            assertEquals(SubscriptionService.RESPONSE_FLOOR, pauseOf(service, email, pauses), "request " + (i + 1));
        }
        // The work's own time counts: SES taking 120 ms leaves 180 ms; taking the floor or more leaves no pause.
        sesTakes.set(Duration.ofMillis(120));
        assertEquals(SubscriptionService.RESPONSE_FLOOR.minusMillis(120), pauseOf(service, TestStack.address("timing-slow"), pauses));
        sesTakes.set(SubscriptionService.RESPONSE_FLOOR.plusMillis(100));
        assertEquals(Duration.ZERO, pauseOf(service, TestStack.address("timing-slower"), pauses));
    }

    /** The pause one subscription request ended with (zero when it made none). */
    private static Duration pauseOf(SubscriptionService service, String email, List<Duration> pauses) throws Exception {
        int paused = pauses.size();
        service.subscribe(new SubscriptionService.Request(email, List.of(T1), List.of(), "zh", List.of()), TestStack.BASE_URL);
        assertTrue(pauses.size() <= paused + 1, "one pause at most: " + pauses.subList(paused, pauses.size()));
        return pauses.size() > paused ? pauses.get(paused) : Duration.ZERO;
    }
}
