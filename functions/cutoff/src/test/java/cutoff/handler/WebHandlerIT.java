package cutoff.handler;

import cutoff.web.CallsPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web pages served by WebHandler against DynamoDB Local, with the shipped notices and one hostile notice. */
class WebHandlerIT {
    /** Before 沪科指南〔2026〕8号 opens (2026-05-15 09:00 Beijing): its topics are upcoming, every other call closed. */
    private static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");
    private static final String STCSM_2026_T1 = "2026-8-304af3-t1";
    private static final String ZHEJIANG_T1 = "x-e9e38a483d-p1-t1";
    private static final String EVIL = "x-e5c1a7e000";
    private static TestStack stack;
    private static WebHandler web;

    @BeforeAll
    static void stack() throws Exception {
        stack = new TestStack(NOW).withShippedNotices();
        stack.wiring().ingestion().ingest(hostile());
        web = new WebHandler(stack.wiring());
    }

    /** A notice whose text tries to inject markup and a script link (titles, issuer, application site, a foreign site). */
    static Notice hostile() {
        OffsetDateTime closes = OffsetDateTime.parse("2026-07-01T16:30:00+08:00");
        Topic t = new Topic(EVIL + "-t1", "专题一", null, "<script>alert('title')</script>", List.of(), new Window(null, closes, Window.BEIJING),
                List.of(new cutoff.notice.ForeignDeadline("Israel", "<img src=x onerror=alert(1)>", java.time.ZoneId.of("Asia/Jerusalem"),
                        LocalDate.of(2026, 7, 5), null, false, "7月5日", null, "javascript:alert('site')", null)),
                List.of(), 10, null, List.of());
        return new Notice(EVIL, null, "<b>Issuer</b>", null, "关于<script>alert(1)</script>的通知", LocalDate.of(2026, 5, 1),
                "javascript:alert(1)", List.of(t), List.of(), null, null);
    }

    private static APIGatewayV2HTTPResponse get(String target, Map<String, String> headers) {
        return web.handleRequest(Routes.event("GET", target, headers, null), null);
    }

    private static APIGatewayV2HTTPResponse get(String target) {
        return get(target, Map.of());
    }

    private static String page(String target) {
        APIGatewayV2HTTPResponse r = get(target);
        assertEquals(200, r.getStatusCode(), target + ": " + r.getBody());
        assertEquals("text/html; charset=utf-8", r.getHeaders().get("Content-Type"));
        return r.getBody();
    }

    /** The data-topic-id of each listed call, in page order. */
    private static List<String> listed(String html) {
        Matcher m = Pattern.compile("<li class=\"call status-(\\w+)\" data-topic-id=\"([^\"]+)\"").matcher(html);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(2) + ":" + m.group(1));
        }
        return ids;
    }

    @Test
    void callsPage_listsOpenAndUpcomingFirst_soonestCutoffFirst_thenRecentlyClosedOnesMarkedClosed() {
        String html = page("/");
        assertTrue(html.contains("<html lang=\"zh-CN\">"), "Chinese by default");
        List<String> ids = listed(html);
        // Upcoming: 2026-8 (cutoff 2026-06-03) before the hostile notice's (2026-07-01); then closed, latest first.
        assertEquals(List.of(STCSM_2026_T1 + ":upcoming", "2026-8-304af3-t2:upcoming", "2026-8-304af3-t3:upcoming",
                EVIL + "-t1:open"), ids.subList(0, 4));
        assertEquals(4 + CallsPage.RECENTLY_CLOSED, ids.size(), "the five latest closed ones: " + ids);
        assertTrue(ids.subList(4, ids.size()).stream().allMatch(s -> s.endsWith(":closed")), ids.toString());
        assertTrue(ids.get(4).startsWith("x-e9e38a483d-"), "the latest closed (浙江 2024) first: " + ids);
        assertTrue(html.contains("即将开始") && html.contains("已截止"));
        assertTrue(html.contains("datetime=\"2026-06-03T08:30:00Z\" data-countdown>2026-06-03 16:30 北京时间</time>"),
                "the server writes the cutoff in Beijing time; the script only adds the countdown");
        assertTrue(html.contains("<time datetime=\"2024-07-31T08:30:00Z\">2024-07-31 16:30 北京时间</time>"), "a closed one has no countdown");
        assertTrue(html.contains("截止时间含申报单位网上审核提交"), "2026-8 says its cutoff includes the institution's review");
        assertTrue(html.contains("Business Finland (Finland, Europe/Helsinki): 2024-09-30 Europe/Helsinki"), "foreign side with agency and zone");
        // Every closed one is reachable with past=1.
        List<String> all = listed(page("/?past=1"));
        long closed = all.stream().filter(s -> s.endsWith(":closed")).count();
        assertEquals(Project.shippedNotices().stream().mapToLong(n -> n.topics().size()).sum() - 3, closed, all.toString());
        assertTrue(html.contains("href=\"/?past&#61;1&amp;lang&#61;zh\""), "a link to all closed calls");
    }

    @Test
    void callsPage_filtersByCountryYearIssuerAndTitleText_withAPlainGetForm() {
        assertEquals(List.of(ZHEJIANG_T1 + ":closed", "2023-4-82277d-t4:closed"), listed(page("/?country=Finland&past=1")),
                "浙江 2024 and 沪科指南〔2023〕4号 专题四 have a Finnish partner");
        assertTrue(listed(page("/?year=2013&past=1")).stream().allMatch(s -> s.startsWith("x-3561b9dd55") || s.startsWith("x-c8b0077121")));
        assertEquals(2, listed(page("/?year=2013&past=1")).size());
        assertEquals(List.of("x-c8b0077121-t1:closed"), listed(page("/?q=%E4%BB%A5%E8%89%B2%E5%88%97&issuer="
                + "%E7%A7%91%E6%8A%80%E9%83%A8%E5%9B%BD%E9%99%85%E5%90%88%E4%BD%9C%E5%8F%B8&past=1")), "以色列 by 科技部国际合作司");
        String none = page("/?q=nothing-like-this");
        assertTrue(listed(none).isEmpty());
        assertTrue(none.contains("没有符合筛选条件的正在申报专题"));
        String form = page("/?country=Finland");
        assertTrue(form.contains("<form class=\"filters\" method=\"get\" action=\"/\""));
        assertTrue(form.contains("<option value=\"Finland\" selected>Finland</option>"), "the chosen filter stays chosen");
        APIGatewayV2HTTPResponse bad = get("/?year=twenty");
        assertEquals(400, bad.getStatusCode());
        assertTrue(bad.getBody().contains("year"), bad.getBody());
        assertEquals(400, get("/?q=" + "x".repeat(101)).getStatusCode());
        assertEquals(400, get("/?q=%ZZ").getStatusCode(), "a broken escape is the client's error, not ours");
    }

    @Test
    void language_isChineseByDefault_theUrlWinsAndSetsTheCookie_elseTheCookie() {
        APIGatewayV2HTTPResponse en = get("/?lang=en");
        assertTrue(en.getBody().contains("<html lang=\"en\">"));
        assertTrue(en.getBody().contains("Open and upcoming"));
        assertEquals(List.of("lang=en; Path=/; Max-Age=31536000; SameSite=Lax"), en.getCookies());
        assertTrue(en.getBody().contains("href=\"/calls/" + STCSM_2026_T1 + "?lang&#61;en\""), "links keep the language");
        APIGatewayV2HTTPResponse byCookie = get("/calls/" + STCSM_2026_T1, Map.of("Cookie", "other=1; lang=en"));
        assertTrue(byCookie.getBody().contains("<html lang=\"en\">"), "the cookie, as API Gateway hands it over");
        assertNull(byCookie.getCookies(), "nothing to set when the URL did not choose");
        assertTrue(get("/?lang=zh", Map.of("Cookie", "lang=en")).getBody().contains("<html lang=\"zh-CN\">"), "the URL wins");
        assertTrue(get("/?lang=fr").getBody().contains("<html lang=\"zh-CN\">"), "an unknown language is Chinese");
        assertNull(get("/?lang=fr").getCookies());
    }

    @Test
    void topicPage_drawsEveryDeadlineOnOneAxis_eachLabelledInItsOwnZone_andListsTheSameFacts() {
        String html = page("/calls/" + ZHEJIANG_T1);
        Matcher svg = Pattern.compile("<svg class=\"timeline\"[^>]* role=\"img\"[^>]* data-axis-start=\"(\\d+)\" data-axis-end=\"(\\d+)\""
                + " data-width=\"(\\d+)\"").matcher(html);
        assertTrue(svg.find(), html);
        long start = Long.parseLong(svg.group(1));
        long end = Long.parseLong(svg.group(2));
        int width = Integer.parseInt(svg.group(3));
        assertTrue(html.contains("<title id=\"timeline-title\">") && html.contains("<desc id=\"timeline-desc\">"));
        Matcher marker = Pattern.compile("<g class=\"marker\" data-kind=\"([a-z-]+)\" data-at=\"(\\d+)\">\\s*<line class=\"tick\" x1=\"(\\d+)\"")
                .matcher(html);
        List<String> kinds = new java.util.ArrayList<>();
        while (marker.find()) {
            kinds.add(marker.group(1));
            long at = Long.parseLong(marker.group(2));
            assertEquals(Math.round((double) width * (at - start) / (end - start)), Long.parseLong(marker.group(3)), "x of " + at);
        }
        assertEquals(1, kinds.stream().filter("cutoff"::equals).count(), kinds.toString());
        assertEquals(6, kinds.stream().filter("foreign"::equals).count(), "six dated foreign sides: " + kinds);
        // 16:30 Beijing is 2024-07-31T08:30Z; Finland's date-only deadline sits at 00:00 Helsinki.
        assertTrue(html.contains("data-kind=\"cutoff\" data-at=\"" + Instant.parse("2024-07-31T08:30:00Z").toEpochMilli() + "\""));
        assertTrue(html.contains("data-at=\"" + Instant.parse("2024-09-29T21:00:00Z").toEpochMilli() + "\""));
        assertTrue(html.contains("<tspan class=\"what\">Business Finland</tspan><tspan x=\"")
                && html.contains("class=\"when\">2024-09-30 Europe/Helsinki（通知未写具体时间）</tspan>"));
        assertTrue(html.contains("2024-07-31 10:30 Europe/Oslo (UTC+02:00)"), "与我省一致 shown in Oslo's own time");
        assertTrue(html.contains("<table class=\"deadlines\">"));
        assertTrue(html.contains("<tr data-kind=\"foreign\" data-at=\"" + Instant.parse("2024-07-31T08:30:00Z").toEpochMilli() + "\"><th scope=\"row\">外方截止 · Innovation Norway</th>"
                + "<td>2024-07-31 10:30 Europe/Oslo (UTC+02:00)<br><span class=\"muted\">= 2024-07-31 16:30 北京时间</span>"), html);
        assertTrue(html.contains("年份（2024）与我方截止时间（2024-07-31 16:30）为占位值"), "the record's caveat is on the page");
        assertTrue(html.contains("150 万元（1,500,000 元）/项"), "the funding cap");
        assertTrue(html.contains("3年内"), "the project period as written");
        assertTrue(html.contains("<a href=\"https://www.businessfinland.fi/"), "an https site is a link");
    }

    @Test
    void topicPage_showsTheOpeningAndANowLine_forAnUpcomingCall_andTheApplicationSiteAndDirections() {
        String html = page("/calls/2026-8-304af3-t3");
        assertTrue(html.contains("data-kind=\"opens\"") && html.contains("data-kind=\"cutoff\""));
        assertTrue(html.contains("<g class=\"now\">"), "now (10 May) is five days before the opening: on the axis");
        assertTrue(html.contains("<a href=\"https://svc.stcsm.sh.gov.cn\" rel=\"noopener noreferrer\">https://svc.stcsm.sh.gov.cn</a>"));
        assertTrue(html.contains("<dt>方向</dt>"), "专题三 has directions");
        String relay = page("/calls/x-3561b9dd55-t1");
        assertTrue(relay.contains("data-kind=\"recommendation\"") && relay.contains("data-kind=\"paper-copy\""), "广东 2013's further deadlines");
        assertTrue(relay.contains("今天在时间轴之后"), "2013 is long past: now is off the axis, and the page says so");
    }

    @Test
    void topicPage_offersEveryWayIntoACalendar_andTheReminderForm() {
        String html = page("/calls/" + STCSM_2026_T1);
        String https = TestStack.BASE_URL + "/feeds/topics/" + STCSM_2026_T1 + ".ics";
        String webcal = "webcal://cutoff.example/feeds/topics/" + STCSM_2026_T1 + ".ics";
        assertTrue(html.contains("href=\"" + webcal + "\""), "webcal link");
        assertTrue(html.contains("value=\"" + https + "\""), "the https URL to copy");
        assertTrue(html.contains("data-copy=\"feed-url\""), "a copy button");
        Matcher google = Pattern.compile("href=\"https://calendar.google.com/calendar/r\\?cid&#61;([^\"]+)\"").matcher(html);
        assertTrue(google.find(), html);
        assertEquals(webcal, URLDecoder.decode(google.group(1), StandardCharsets.UTF_8));
        Matcher outlook = Pattern.compile("href=\"https://outlook.live.com/calendar/0/addfromweb\\?url&#61;([^&\"]+)&amp;name&#61;([^\"]+)\"")
                .matcher(html);
        assertTrue(outlook.find(), html);
        assertEquals(https, URLDecoder.decode(outlook.group(1), StandardCharsets.UTF_8));
        assertTrue(URLDecoder.decode(outlook.group(2), StandardCharsets.UTF_8).contains("沪科指南〔2026〕8号"));
        assertTrue(html.contains("href=\"/subscriptions?topic&#61;" + STCSM_2026_T1 + "&amp;lang&#61;zh\""), "email me reminders");
        // The subscription page ticks that topic.
        APIGatewayV2HTTPResponse form = stack.subscriptionApi().handleRequest(TestStack.fromNewSource(
                Routes.event("GET", "/subscriptions?topic=" + STCSM_2026_T1 + "&lang=en", Map.of(), null)), null);
        assertEquals(200, form.getStatusCode());
        assertTrue(form.getBody().contains("value=\"" + STCSM_2026_T1 + "\" checked>"), form.getBody());
        assertFalse(form.getBody().contains("value=\"2026-8-304af3-t2\" checked>"), "only the asked topic");
        assertTrue(form.getBody().contains("lang=\"en\""), "in the page's language");

        APIGatewayV2HTTPResponse ics = get("/calls/" + STCSM_2026_T1 + "/event.ics");
        assertEquals(200, ics.getStatusCode());
        assertEquals("text/calendar; charset=utf-8", ics.getHeaders().get("Content-Type"));
        assertEquals("attachment; filename=\"" + STCSM_2026_T1 + "-cutoff.ics\"", ics.getHeaders().get("Content-Disposition"));
        String body = FeedHandlerIT.unfold(ics.getBody());
        assertEquals(1, body.split("BEGIN:VEVENT", -1).length - 1, "one event: the cutoff");
        assertTrue(body.contains("DTSTART;TZID=Asia/Shanghai:20260603T163000\r\n"), body);
        assertTrue(body.contains("UID:" + STCSM_2026_T1 + "-closes@cutoff\r\n"), "the feed's own UID: no duplicate beside a subscription");
    }

    @Test
    void aNoticesMarkupIsText_andAJavascriptUrlIsNeverALink() {
        for (String target : List.of("/", "/calls/" + EVIL + "-t1", "/?lang=en&q=script")) {
            String html = page(target);
            assertFalse(html.contains("<script>alert"), target + " runs the notice's script");
            assertFalse(html.contains("<img src=x"), target);
            assertFalse(html.contains("<b>Issuer"), target);
            assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("href=\"javascript"), target);
            assertTrue(html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"), target + " shows the title as text");
        }
        String topic = page("/calls/" + EVIL + "-t1");
        assertTrue(topic.contains("<span class=\"unlinked\">javascript:alert(1)</span>"), "the site shown as text");
        assertTrue(topic.contains("<span class=\"unlinked\">javascript:alert(&#39;site&#39;)</span>"));
        assertTrue(get("/").getHeaders().get("Content-Security-Policy").contains("script-src 'self'"), "and no inline script would run");
    }

    @Test
    void unknownTopicsAndPaths_are404PagesInTheLayout_otherMethods405_andHeadHasTheHeadersOnly() {
        for (String target : List.of("/calls/2026-8-304af3-t9", "/calls/nothing", "/calls/" + "a".repeat(200), "/calls/x-e9e38a483d-p1-t1/event.ics/x",
                "/calls/2026-8-304af3-t9/event.ics", "/nowhere")) {
            APIGatewayV2HTTPResponse r = get(target);
            assertEquals(404, r.getStatusCode(), target);
            assertTrue(r.getBody().contains("没有找到这个页面") && r.getBody().contains("<main id=\"main\">"), target);
        }
        APIGatewayV2HTTPResponse post = web.handleRequest(Routes.event("POST", "/", Map.of(), "x=1"), null);
        assertEquals(405, post.getStatusCode());
        assertEquals("GET, HEAD", post.getHeaders().get("Allow"));
        assertEquals(405, web.handleRequest(Routes.event("DELETE", "/calls/" + STCSM_2026_T1, Map.of(), null), null).getStatusCode());
        APIGatewayV2HTTPResponse head = web.handleRequest(Routes.event("HEAD", "/calls/" + STCSM_2026_T1, Map.of(), null), null);
        assertEquals(200, head.getStatusCode());
        assertEquals("", head.getBody());
        assertEquals(Integer.toString(page("/calls/" + STCSM_2026_T1).getBytes(StandardCharsets.UTF_8).length),
                head.getHeaders().get("Content-Length"));
    }

    @Test
    void assets_areServedByVersionedName_cachedForAYear_withETags_andNothingElseOnTheClassPathIs() {
        String html = page("/");
        Matcher css = Pattern.compile("href=\"(/assets/cutoff\\.([0-9a-f]{10})\\.css)\"").matcher(html);
        assertTrue(css.find(), html);
        APIGatewayV2HTTPResponse r = get(css.group(1));
        assertEquals(200, r.getStatusCode());
        assertEquals("text/css; charset=utf-8", r.getHeaders().get("Content-Type"));
        assertEquals("public, max-age=31536000, immutable", r.getHeaders().get("Cache-Control"));
        assertEquals("\"" + css.group(2) + "\"", r.getHeaders().get("ETag"));
        assertTrue(r.getBody().contains("svg.timeline"));
        assertEquals(304, get(css.group(1), Map.of("If-None-Match", "\"" + css.group(2) + "\"")).getStatusCode());
        assertEquals("public, max-age=300", get("/assets/cutoff.css").getHeaders().get("Cache-Control"), "a plain name: short");
        assertEquals("public, max-age=300", get("/assets/cutoff.0000000000.css").getHeaders().get("Cache-Control"), "an old hash: short");
        assertTrue(get("/assets/timeline.js").getBody().contains("cutoff.office"));
        for (String other : List.of("/assets/..%2Fical4j.properties", "/assets/ical4j.properties", "/assets/messages_zh.properties",
                "/assets/layout.html.mustache", "/assets/nothing.js")) {
            assertEquals(404, get(other).getStatusCode(), other);
        }
        assertTrue(html.contains("<script src=\"/assets/cutoff.") && !html.contains("<script>"), "scripts are files, not inline");
    }

    @Test
    void officePage_isTheSignInFormInTheLayout_thatLoadsTheOfficeScript() {
        String html = page("/office?lang=en");
        assertTrue(html.contains("<div id=\"office-app\""));
        assertTrue(Pattern.compile("<script type=\"module\" src=\"/assets/office\\.[0-9a-f]{10}\\.mjs\"></script>").matcher(html).find(), html);
        assertTrue(html.contains("aria-current=\"page\">Office</a>"));
        assertTrue(html.contains("<input id=\"office-key\" name=\"key\" type=\"password\""), "the sign-in form: " + html);
        assertTrue(html.contains("<ul id=\"office-messages\" hidden>") && html.contains("data-key=\"office_beijing_time\">{0} Beijing time<"),
                "the office_* messages for the office modules, in English: " + html);
        assertNotNull(get("/office").getHeaders().get("Content-Security-Policy"));
    }
}
