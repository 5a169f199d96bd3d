package cutoff.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./cutoff smoke BASE_URL}: checks a running deployment (or {@code ./cutoff demo}) from outside,
 * as a user's calendar app and browser would, and says what it saw, one line a check:
 * <ol>
 *   <li>{@code all.ics} answers 200 {@code text/calendar} and names a topic;</li>
 *   <li>that topic's feed answers 200 with an ETag, then 304 for {@code If-None-Match} with it;</li>
 *   <li>gzip is served when asked for;</li>
 *   <li>a subscription for SES's mailbox simulator ({@code success@simulator.amazonses.com}) answers 202;</li>
 *   <li>{@code /status} says the dispatcher finished a run recently (retried for {@code waitForDispatcher}).</li>
 * </ol>
 * Exit 0 when every check passed, 1 otherwise. It writes nothing but that one subscription request.
 */
final class Smoke {
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\":\"([A-Za-z0-9._-]+)\"");
    private static final Pattern CHALLENGE_BITS = Pattern.compile("\"challengeBits\":\"(\\d{1,2})\"");
    /** SES's mailbox simulator: accepted and delivered without a real recipient (SES developer guide). */
    static final String SIMULATOR = "success@simulator.amazonses.com";
    private static final Pattern TOPIC_UID = Pattern.compile("UID:(\\S+?)-closes@cutoff");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();

    Smoke(String base, PrintStream out) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.out = out;
    }

    /** Runs every check; returns the exit code. */
    int run(Duration waitForDispatcher) throws InterruptedException {
        String topic = null;
        try {
            HttpResponse<String> all = get("/feeds/all.ics");
            check("all.ics answers 200 text/calendar", all.statusCode() == 200
                    && all.headers().firstValue("content-type").orElse("").startsWith("text/calendar"), all.statusCode());
            Matcher m = TOPIC_UID.matcher(all.body().replace("\r\n ", ""));
            topic = m.find() ? m.group(1) : null;
            check("all.ics names a topic", topic != null, topic);
            if (topic != null) {
                HttpResponse<String> feed = get("/feeds/topics/" + topic + ".ics");
                String etag = feed.headers().firstValue("etag").orElse(null);
                check("topic feed answers 200 with an ETag", feed.statusCode() == 200 && etag != null, feed.statusCode() + " " + etag);
                if (etag != null) {
                    HttpResponse<String> again = send(request("/feeds/topics/" + topic + ".ics").header("If-None-Match", etag).GET());
                    check("topic feed answers 304 for its ETag", again.statusCode() == 304, again.statusCode());
                }
                HttpResponse<byte[]> zipped = http.send(request("/feeds/topics/" + topic + ".ics").header("Accept-Encoding", "gzip")
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                check("gzip is served", zipped.statusCode() == 200
                        && "gzip".equals(zipped.headers().firstValue("content-encoding").orElse(null))
                        && zipped.body().length > 2 && (zipped.body()[0] & 0xff) == 0x1f && (zipped.body()[1] & 0xff) == 0x8b,
                        zipped.headers().firstValue("content-encoding").orElse("no Content-Encoding"));
                String body = "{\"email\":\"" + SIMULATOR + "\",\"topics\":[\"" + topic + "\"]";
                HttpResponse<String> subscribe = send(request("/subscriptions").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body + "}")));
                Matcher challenge = CHALLENGE.matcher(subscribe.body());
                Matcher bits = CHALLENGE_BITS.matcher(subscribe.body());
                if (subscribe.statusCode() == 400 && challenge.find() && bits.find()) {
                    // The deployment asks for a proof-of-work (SUBSCRIBE_CHALLENGE_BITS): solve the one it handed out.
                    String token = challenge.group(1);
                    String solution = cutoff.subscription.Challenges.solve(token, Integer.parseInt(bits.group(1)));
                    subscribe = send(request("/subscriptions").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                            .ofString(body + ",\"challenge\":\"" + token + "\",\"solution\":\"" + solution + "\"}")));
                }
                check("a subscription for SES's mailbox simulator answers 202", subscribe.statusCode() == 202, subscribe.statusCode());
            }
            long deadline = System.nanoTime() + waitForDispatcher.toNanos();
            HttpResponse<String> status = get("/status");
            while (status.statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                status = get("/status");
            }
            check("the dispatcher ran recently (/status)", status.statusCode() == 200, status.statusCode() + " " + status.body());
        } catch (IOException e) {
            failures.add("cannot reach " + base + ": " + e);
            out.println("FAIL  cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        out.println(failures.isEmpty() ? "smoke: every check passed against " + base
                : "smoke: " + failures.size() + " check(s) failed against " + base);
        return failures.isEmpty() ? 0 : 1;
    }

    private void check(String what, boolean ok, Object seen) {
        out.println((ok ? "ok    " : "FAIL  ") + what + (ok ? "" : " (saw " + seen + ")"));
        if (!ok) {
            failures.add(what);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder r) throws IOException, InterruptedException {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
