package cutoff.handler;

import cutoff.web.Assets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.subscription.Challenges;
import cutoff.metrics.Metrics;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /subscriptions} held against someone who wants it to mail the world: the per-source rate
 * limit (429 with Retry-After, refilled as the clock moves, per source address only), the daily cap on
 * the emails it sends (the answer stays 202), and the optional proof-of-work challenge.
 */
class SubscriptionAbuseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String T1 = "2026-8-304af3-t1";
    private static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");

    /** Subscription requests per source at once (the default, {@code Config}'s). */
    private static final int BURST = 10;

    private static APIGatewayV2HTTPEvent post(String sourceIp, String email, Map<String, String> extraHeaders, String extraJson) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        APIGatewayV2HTTPEvent e = Routes.event("POST", "/subscriptions", headers,
                "{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"]" + (extraJson == null ? "" : "," + extraJson) + "}");
        return sourceIp == null ? e : TestStack.from(sourceIp, e);
    }

    private static APIGatewayV2HTTPResponse subscribe(SubscriptionHandler api, String sourceIp, String email) {
        return api.handleRequest(post(sourceIp, email, Map.of(), null), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        assertEquals("application/json", r.getHeaders().get("Content-Type"), r.getBody());
        return JSON.readTree(r.getBody());
    }

    /** Uses up a source's burst with requests for fresh addresses; each answered 202. */
    private static void useBurst(SubscriptionHandler api, String sourceIp) {
        for (int i = 0; i < BURST; i++) {
            APIGatewayV2HTTPResponse r = subscribe(api, sourceIp, TestStack.address("burst"));
            assertEquals(202, r.getStatusCode(), "request " + (i + 1) + " of the burst: " + r.getBody());
        }
    }

    private static void assertLimited(APIGatewayV2HTTPResponse r, long atMostSeconds) throws Exception {
        assertEquals(429, r.getStatusCode(), r.getBody());
        long retry = Long.parseLong(r.getHeaders().get("Retry-After"));
        assertTrue(retry >= 1 && retry <= atMostSeconds, "Retry-After " + retry);
        assertEquals("source", json(r).path("field").asText());
        assertTrue(json(r).path("error").asText().contains("try again in " + retry + " seconds"), r.getBody());
    }

    // ------------------------------------------------------------------ the rate limit

    @Test
    void aSourcePastItsBurst_gets429WithRetryAfter_andNothingIsWrittenOrSent_untilTheBucketRefills() throws Exception {
        TestStack stack = new TestStack(NOW).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        useBurst(api, "203.0.113.7");

        String refused = TestStack.address("refused");
        APIGatewayV2HTTPResponse r = subscribe(api, "203.0.113.7", refused);
        assertLimited(r, 15 * 60);
        assertTrue(stack.subscribers.byEmail(refused).isEmpty(), "nothing written for a refused request");
        assertTrue(LocalSes.sentTo(refused).isEmpty(), "nothing sent for a refused request");

        // The bucket gains one request every 15 minutes (4 an hour): after Retry-After, exactly one more.
        stack.advance(Duration.ofSeconds(Long.parseLong(r.getHeaders().get("Retry-After"))));
        String later = TestStack.address("later");
        assertEquals(202, subscribe(api, "203.0.113.7", later).getStatusCode());
        assertEquals(1, LocalSes.sentTo(later).size(), "the refilled request is served");
        assertLimited(subscribe(api, "203.0.113.7", TestStack.address("again")), 15 * 60);

        // A quiet hour gives back four, not more.
        stack.advance(Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            assertEquals(202, subscribe(api, "203.0.113.7", TestStack.address("hour")).getStatusCode(), "request " + (i + 1));
        }
        assertLimited(subscribe(api, "203.0.113.7", TestStack.address("fifth")), 15 * 60);
    }

    @Test
    void anotherSource_isNotAffected_andAPageIsAnsweredToABrowser() throws Exception {
        TestStack stack = new TestStack(NOW).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        useBurst(api, "203.0.113.8");
        assertEquals(429, subscribe(api, "203.0.113.8", TestStack.address("x")).getStatusCode());
        assertEquals(202, subscribe(api, "203.0.113.9", TestStack.address("neighbour")).getStatusCode());

        APIGatewayV2HTTPEvent browser = TestStack.from("203.0.113.8", Routes.event("POST", "/subscriptions",
                Map.of("content-type", "application/x-www-form-urlencoded", "accept", "text/html,*/*;q=0.8"),
                "email=" + TestStack.address("page") + "&topics=" + T1));
        APIGatewayV2HTTPResponse page = api.handleRequest(browser, null);
        assertEquals(429, page.getStatusCode());
        assertTrue(page.getHeaders().get("Content-Type").startsWith("text/html"));
        assertTrue(page.getBody().contains("try again in"), page.getBody());
        assertTrue(Long.parseLong(page.getHeaders().get("Retry-After")) >= 1);
    }

    @Test
    void aSpoofedForwardedForHeader_doesNotChangeTheBucket() throws Exception {
        TestStack stack = new TestStack(NOW).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        for (int i = 0; i < BURST; i++) {
            APIGatewayV2HTTPResponse r = api.handleRequest(post("198.51.100.20", TestStack.address("xff"),
                    Map.of("x-forwarded-for", "192.0.2." + i, "forwarded", "for=192.0.2." + i, "x-real-ip", "192.0.2." + i), null), null);
            assertEquals(202, r.getStatusCode());
        }
        APIGatewayV2HTTPResponse r = api.handleRequest(post("198.51.100.20", TestStack.address("xff"),
                Map.of("x-forwarded-for", "192.0.2.200"), null), null);
        assertLimited(r, 15 * 60);
    }

    @Test
    void requestsWithoutASourceAddress_shareOneBucket() throws Exception {
        TestStack stack = new TestStack(NOW).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        for (int i = 0; i < BURST; i++) {
            assertEquals(202, subscribe(api, i % 2 == 0 ? null : "not an address", TestStack.address("nosource")).getStatusCode());
        }
        assertLimited(subscribe(api, null, TestStack.address("nosource")), 15 * 60);
        assertLimited(subscribe(api, "", TestStack.address("nosource")), 15 * 60);
        assertEquals(202, subscribe(api, "203.0.113.10", TestStack.address("known")).getStatusCode());
    }

    @Test
    void ipv6_countsByItsSlash64_inAnySpelling_andMappedIpv4CountsAsIpv4() throws Exception {
        TestStack stack = new TestStack(NOW).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        // Ten different addresses of one /64 (what one customer line gets): one bucket.
        for (int i = 0; i < BURST; i++) {
            assertEquals(202, subscribe(api, "2001:db8:1:2:" + Integer.toHexString(i + 1) + "::" + i, TestStack.address("v6")).getStatusCode());
        }
        assertLimited(subscribe(api, "2001:0DB8:0001:0002:ffff:ffff:ffff:ffff", TestStack.address("v6")), 15 * 60);
        assertLimited(subscribe(api, "2001:db8:1:2::", TestStack.address("v6")), 15 * 60);
        assertEquals(202, subscribe(api, "2001:db8:1:3::1", TestStack.address("v6next")).getStatusCode(), "the next /64 is another source");

        useBurst(api, "192.0.2.33");
        assertLimited(subscribe(api, "::ffff:192.0.2.33", TestStack.address("mapped")), 15 * 60);
    }

    // ------------------------------------------------------------------ behind the CDN

    /** The value CloudFront sends in X-Cutoff-Origin-Verify ({@code Config.originVerify}, from Secrets Manager on AWS). */
    private static final String VERIFY = "cdn-verify-0123456789abcdefghij";
    /** A CloudFront edge: API Gateway's sourceIp for every request the CDN passes on from there. */
    private static final String EDGE = "198.51.100.80";

    private static TestStack cdnStack() throws Exception {
        return new TestStack(NOW, c -> c.withOriginVerify(VERIFY)).withShippedNotices();
    }

    /** A request as CloudFront passes it on: from the edge, with the verify header and the viewer's address. */
    private static APIGatewayV2HTTPResponse viaCdn(SubscriptionHandler api, String edge, String viewerAddress, String email) {
        return api.handleRequest(post(edge, email, Map.of("x-cutoff-origin-verify", VERIFY,
                "cloudfront-viewer-address", viewerAddress), null), null);
    }

    @Test
    void throughTheCdn_viewersBehindOneEdge_haveTheirOwnBuckets() throws Exception {
        TestStack stack = cdnStack();
        SubscriptionHandler api = stack.subscriptionApi();
        for (int i = 0; i < BURST; i++) {
            APIGatewayV2HTTPResponse r = viaCdn(api, EDGE, "203.0.113.60:" + (40000 + i), TestStack.address("cdn-a"));
            assertEquals(202, r.getStatusCode(), "request " + (i + 1) + ": " + r.getBody());
        }
        // The viewer is limited whatever its source port, and whichever edge it comes through.
        assertLimited(viaCdn(api, EDGE, "203.0.113.60:50000", TestStack.address("cdn-a")), 15 * 60);
        assertLimited(viaCdn(api, "198.51.100.81", "203.0.113.60:443", TestStack.address("cdn-a")), 15 * 60);
        // Its neighbours behind the same edge are not, and neither is the edge's own bucket.
        for (int i = 0; i < BURST; i++) {
            assertEquals(202, viaCdn(api, EDGE, "203.0.113.61:40000", TestStack.address("cdn-b")).getStatusCode(), "request " + (i + 1));
        }
        assertLimited(viaCdn(api, EDGE, "203.0.113.61:40001", TestStack.address("cdn-b")), 15 * 60);
        String c = TestStack.address("cdn-c");
        assertEquals(202, viaCdn(api, EDGE, "203.0.113.62:40000", c).getStatusCode());
        assertEquals(1, LocalSes.sentTo(c).size(), "a third viewer behind the edge is served");
        assertEquals(202, subscribe(api, EDGE, TestStack.address("edge")).getStatusCode(), "nothing was counted against the edge");
    }

    @Test
    void aSpoofedViewerAddress_straightToTheApi_countsAgainstItsRealSource() throws Exception {
        TestStack stack = cdnStack();
        SubscriptionHandler api = stack.subscriptionApi();
        // Same length as the value with one character changed, a prefix, the value and more, two values, another case.
        String sameLength = VERIFY.substring(0, VERIFY.length() - 1) + "X";
        List<String> wrong = List.of(sameLength, VERIFY.substring(0, 16), VERIFY + "0", VERIFY + "," + VERIFY, VERIFY.toUpperCase(), "");
        for (int i = 0; i < BURST; i++) {
            Map<String, String> headers = new HashMap<>(Map.of("cloudfront-viewer-address", "192.0.2." + (i + 1) + ":443"));
            if (i % 2 == 1) {
                headers.put("x-cutoff-origin-verify", wrong.get(i / 2 % wrong.size()));
            }
            APIGatewayV2HTTPResponse r = api.handleRequest(post("198.51.100.90", TestStack.address("spoof"), headers, null), null);
            assertEquals(202, r.getStatusCode(), "request " + (i + 1) + ": " + r.getBody());
        }
        assertLimited(api.handleRequest(post("198.51.100.90", TestStack.address("spoof"), Map.of("cloudfront-viewer-address",
                "192.0.2.100:443", "x-cutoff-origin-verify", sameLength), null), null), 15 * 60);
        assertLimited(subscribe(api, "198.51.100.90", TestStack.address("spoof")), 15 * 60);
        // The addresses it claimed were never charged.
        assertEquals(202, viaCdn(api, EDGE, "192.0.2.1:443", TestStack.address("claimed")).getStatusCode());

        // Without a configured value (no CDN, local runs) no header is trusted, whatever it holds.
        SubscriptionHandler local = new TestStack(NOW).withShippedNotices().subscriptionApi();
        for (int i = 0; i < BURST; i++) {
            assertEquals(202, viaCdn(local, "198.51.100.91", "192.0.2." + (i + 1) + ":443", TestStack.address("nocdn")).getStatusCode());
        }
        assertLimited(viaCdn(local, "198.51.100.91", "192.0.2.200:443", TestStack.address("nocdn")), 15 * 60);
    }

    @Test
    void ipv6ViewerAddresses_parse_thePortAfterTheLastColon_andCountByTheirSlash64() throws Exception {
        TestStack stack = cdnStack();
        SubscriptionHandler api = stack.subscriptionApi();
        // Full eight groups and a port: only read right is this an address (the whole string is not one).
        for (int i = 0; i < BURST; i++) {
            assertEquals(202, viaCdn(api, EDGE, "2001:db8:5:6:7:8:9:" + Integer.toHexString(i + 10) + ":443",
                    TestStack.address("cdn-v6")).getStatusCode(), "request " + (i + 1));
        }
        assertLimited(viaCdn(api, EDGE, "2001:db8:5:6::1:8443", TestStack.address("cdn-v6")), 15 * 60);
        assertLimited(viaCdn(api, EDGE, "[2001:db8:5:6::2]:443", TestStack.address("cdn-v6")), 15 * 60);
        assertEquals(202, viaCdn(api, EDGE, "2001:db8:5:7::1:443", TestStack.address("cdn-v6next")).getStatusCode(), "the next /64");
        assertEquals(202, subscribe(api, EDGE, TestStack.address("edge6")).getStatusCode(), "none of it fell back to the edge");
        // An IPv6 edge with an IPv4 viewer (mapped, as well): the viewer's.
        useBurst(api, "192.0.2.70");
        assertLimited(viaCdn(api, "2001:db8:ff::1", "::ffff:192.0.2.70:443", TestStack.address("mapped")), 15 * 60);
        assertLimited(viaCdn(api, "2001:db8:ff::1", "192.0.2.70:1024", TestStack.address("mapped")), 15 * 60);
    }

    @Test
    void aMalformedViewerAddress_throughTheCdn_countsAgainstTheEdge() throws Exception {
        TestStack stack = cdnStack();
        SubscriptionHandler api = stack.subscriptionApi();
        String edge = "198.51.100.95";
        List<String> malformed = List.of("", "203.0.113.70", "203.0.113.70:", "203.0.113.70:99999", "example.com:443", "unknown:443",
                "203.0.113.70:443, 203.0.113.71:443", "2001:db8::1", "[2001:db8::1]", "fe80::1%eth0:443");
        for (int i = 0; i < BURST; i++) {
            String address = malformed.get(i % malformed.size());
            assertEquals(202, viaCdn(api, edge, address, TestStack.address("bad")).getStatusCode(), address);
        }
        assertLimited(viaCdn(api, edge, "not an address", TestStack.address("bad")), 15 * 60);
        assertLimited(api.handleRequest(post(edge, TestStack.address("bad"), Map.of("x-cutoff-origin-verify", VERIFY), null), null),
                15 * 60);
        assertLimited(subscribe(api, edge, TestStack.address("bad")), 15 * 60);
        // A well-formed viewer behind the same edge has its own bucket.
        assertEquals(202, viaCdn(api, edge, "203.0.113.70:443", TestStack.address("good")).getStatusCode());
    }

    // ------------------------------------------------------------------ the daily cap

    @Test
    void pastTheDailyCap_theAnswerStays202_butNothingIsWrittenOrSent_andTheMetricSaysSo() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T22:00:00Z"),
                c -> c.withSubscriptionLimits(10, 4, 2, 0)).withShippedNotices();
        AtomicInteger capped = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        stack.wiring().withMetrics(new Metrics() {
            @Override
            public void dispatchRun(DispatchRun run) {
            }

            @Override
            public void confirmationSent() {
                sent.incrementAndGet();
            }

            @Override
            public void confirmationCapped() {
                capped.incrementAndGet();
            }

            @Override
            public void subscriptionRateLimited() {
            }
        });
        SubscriptionHandler api = stack.subscriptionApi();
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String first = TestStack.address("cap1");
            String second = TestStack.address("cap2");
            String third = TestStack.address("cap3");
            APIGatewayV2HTTPResponse a = subscribe(api, "203.0.113.21", first);
            APIGatewayV2HTTPResponse b = subscribe(api, "203.0.113.22", second);
            APIGatewayV2HTTPResponse c = subscribe(api, "203.0.113.23", third);
            assertEquals(202, c.getStatusCode());
            assertEquals(a.getBody(), c.getBody(), "a capped request is answered as any other");
            assertEquals(a.getHeaders(), c.getHeaders());
            assertEquals(b.getBody(), c.getBody());
            assertEquals(1, LocalSes.sentTo(first).size());
            assertEquals(1, LocalSes.sentTo(second).size());
            assertTrue(LocalSes.sentTo(third).isEmpty(), "past the cap nothing is sent");
            assertTrue(stack.subscribers.byEmail(third).isEmpty(), "past the cap nothing is written");
            assertEquals(2, sent.get());
            assertEquals(1, capped.get());
            // A confirmed subscriber asking again (a manage-link email) counts too.
            String confirmedToken = TestStack.confirmToken(first);
            assertEquals(200, api.handleRequest(TestStack.fromNewSource(Routes.event("GET",
                    "/subscriptions/confirm?token=" + confirmedToken, Map.of(), null)), null).getStatusCode());
            stack.advance(Duration.ofMinutes(61));
            assertEquals(202, subscribe(api, "203.0.113.21", first).getStatusCode());
            assertEquals(1, LocalSes.sentTo(first).size(), "no manage link past the cap");
            assertEquals(2, capped.get());

            // The cap is per UTC day: after midnight UTC the third address can subscribe.
            stack.advance(Duration.ofHours(1));
            assertEquals(202, subscribe(api, "203.0.113.23", third).getStatusCode());
            assertEquals(1, LocalSes.sentTo(third).size(), "a new UTC day, a new count");
        } finally {
            root.removeHandler(capture);
        }
        String all = String.join("\n", logged);
        assertTrue(all.contains("cap"), "the cap is logged: " + all);
        assertFalse(all.contains("@example.edu.cn") || all.contains("203.0.113."), "no address or IP in the log: " + all);
    }

    // ------------------------------------------------------------------ the challenge

    private static final Pattern HIDDEN = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\" data-bits=\"(\\d+)\"");

    /** Brute force as the page's script does: base-36 counters until SHA-256("challenge:s") has the zero bits. */
    private static String solve(String challenge, int bits) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long n = 0; ; n++) {
            String s = Long.toString(n, 36);
            byte[] h = sha.digest((challenge + ":" + s).getBytes(StandardCharsets.UTF_8));
            boolean ok = true;
            for (int i = 0; i < bits && ok; i++) {
                ok = (h[i / 8] & (0x80 >>> (i % 8))) == 0;
            }
            if (ok) {
                return s;
            }
        }
    }

    private static String solved(String challenge, String solution) {
        return "\"challenge\":\"" + challenge + "\",\"solution\":\"" + solution + "\"";
    }

    @Test
    void withTheChallengeOn_aRequestWithoutOne_is400NamingIt_aSolvedOneWorksOnce() throws Exception {
        TestStack stack = new TestStack(NOW, c -> c.withSubscriptionLimits(100, 100, 500, 10)).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();

        String email = TestStack.address("pow");
        APIGatewayV2HTTPResponse missing = subscribe(api, "203.0.113.40", email);
        assertEquals(400, missing.getStatusCode(), missing.getBody());
        JsonNode m = json(missing);
        assertEquals("challenge", m.path("field").asText());
        assertTrue(m.path("error").asText().contains("solution"), m.path("error").asText());
        assertEquals("10", m.path("challengeBits").asText());
        String challenge = m.path("challenge").asText();
        assertTrue(LocalSes.sentTo(email).isEmpty());

        String wrong = "zzzzzz";
        while (solvesFor(challenge, wrong, 10)) {
            wrong = wrong + "z";
        }
        APIGatewayV2HTTPResponse unsolved = api.handleRequest(post("203.0.113.40", email, Map.of(), solved(challenge, wrong)), null);
        assertEquals(403, unsolved.getStatusCode());
        assertEquals("challenge", json(unsolved).path("field").asText());

        String solution = solve(challenge, 10);
        APIGatewayV2HTTPResponse ok = api.handleRequest(post("203.0.113.40", email, Map.of(), solved(challenge, solution)), null);
        assertEquals(202, ok.getStatusCode(), ok.getBody());
        assertEquals(1, LocalSes.sentTo(email).size());

        String other = TestStack.address("replay");
        APIGatewayV2HTTPResponse replay = api.handleRequest(post("203.0.113.41", other, Map.of(), solved(challenge, solution)), null);
        assertEquals(403, replay.getStatusCode());
        assertTrue(json(replay).path("error").asText().contains("used"), replay.getBody());
        assertTrue(LocalSes.sentTo(other).isEmpty(), "a replayed challenge sends nothing");

        String forged = challenge.substring(0, challenge.length() - 2) + (challenge.endsWith("AA") ? "BB" : "AA");
        APIGatewayV2HTTPResponse bad = api.handleRequest(post("203.0.113.41", other, Map.of(), solved(forged, solve(forged, 10))), null);
        assertEquals(403, bad.getStatusCode());
        assertTrue(json(bad).path("error").asText().contains("not one this service issued"), bad.getBody());
        // Lowering the difficulty in the challenge is a forgery too.
        String[] parts = json(bad).path("challenge").asText().split("\\.");
        String easier = parts[0] + ".1." + parts[2] + "." + parts[3];
        assertEquals(403, api.handleRequest(post("203.0.113.41", other, Map.of(), solved(easier, solve(easier, 1))), null).getStatusCode());

        String late = json(bad).path("challenge").asText();
        stack.advance(Challenges.VALIDITY.plusSeconds(1));
        APIGatewayV2HTTPResponse expired = api.handleRequest(post("203.0.113.41", other, Map.of(), solved(late, solve(late, 10))), null);
        assertEquals(403, expired.getStatusCode());
        assertTrue(json(expired).path("error").asText().contains("expired"), expired.getBody());
        assertTrue(LocalSes.sentTo(other).isEmpty());
    }

    private static boolean solvesFor(String challenge, String solution, int bits) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest((challenge + ":" + solution).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < bits; i++) {
            if ((h[i / 8] & (0x80 >>> (i % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void withTheChallengeOff_thePageCarriesNone_andRequestsNeedNone() {
        TestStack stack = new TestStack(NOW);
        SubscriptionHandler api = stack.subscriptionApi();
        APIGatewayV2HTTPResponse page = api.handleRequest(TestStack.fromNewSource(Project.event("subscribe-page.json")), null);
        assertFalse(HIDDEN.matcher(page.getBody()).find());
        assertFalse(page.getBody().contains("challenge"), "no challenge script either");
    }

    /**
     * The page's own script (run by Node, whose WebCrypto is the browsers') solves the page's challenge,
     * and the form post it makes is taken.
     */
    @Test
    void thePagesScript_solvesThePagesChallenge_andTheFormIsTaken() throws Exception {
        TestStack stack = new TestStack(NOW, c -> c.withSubscriptionLimits(10, 4, 500, 12)).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        APIGatewayV2HTTPResponse page = api.handleRequest(TestStack.fromNewSource(Project.event("subscribe-page.json")), null);
        Matcher hidden = HIDDEN.matcher(page.getBody());
        assertTrue(hidden.find(), "the form carries the challenge");
        assertEquals("12", hidden.group(2));
        // The page loads the solver as one of the site's assets (the pages' CSP allows no inline script).
        Matcher script = Pattern.compile("<script src=\"/assets/challenge\\.([0-9a-f]{10})\\.js\" defer></script>").matcher(page.getBody());
        assertTrue(script.find(), page.getBody());
        Assets.Asset solver = Assets.asset("challenge.js").orElseThrow();
        assertEquals(solver.hash(), script.group(1), "the versioned name of the script served");

        Path js = Files.createTempFile("cutoff-challenge", ".js");
        Files.writeString(js, solver.body() + "\ncutoffSolve(process.argv[2], +process.argv[3]).then(s => console.log(s));\n");
        Process node = new ProcessBuilder("node", js.toString(), hidden.group(1), hidden.group(2))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String solution = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue());
        Files.delete(js);

        String email = TestStack.address("script");
        APIGatewayV2HTTPEvent form = TestStack.fromNewSource(Routes.event("POST", "/subscriptions",
                Map.of("content-type", "application/x-www-form-urlencoded", "accept", "text/html"),
                "email=" + email.replace("@", "%40") + "&topics=" + T1 + "&language=en&challenge=" + hidden.group(1)
                        + "&solution=" + solution));
        APIGatewayV2HTTPResponse r = api.handleRequest(form, null);
        assertEquals(202, r.getStatusCode(), r.getBody());
        assertEquals(1, LocalSes.sentTo(email).size());
    }
}
