package cutoff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code aws-ses-v2-local} stand-in (npm, installed in infra/ses-local by {@code ./cutoff test}),
 * started once per test JVM on a free loopback port by {@link SesStandIn} (the launcher the demo uses
 * too), with an account whose {@code MaxSendRate} is {@value #MAX_SEND_RATE} per second. Tests read what was sent from its store.
 */
public final class LocalSes {
    public static final int MAX_SEND_RATE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String endpoint;

    private LocalSes() {
    }

    /** One email as the stand-in stored it. */
    public record Sent(String messageId, List<String> to, String subject, String html, String text, JsonNode headers, long at) {
        /** The value of a header, or {@code null}. */
        public String header(String name) {
            if (headers == null) {
                return null;
            }
            for (JsonNode h : headers) {
                if (h.path("name").asText().equalsIgnoreCase(name)) {
                    return h.path("value").asText();
                }
            }
            return null;
        }
    }

    public static synchronized String endpoint() {
        if (endpoint == null) {
            // Port 0: the stand-in takes a free port itself, so parallel test JVMs cannot race for one.
            SesStandIn standIn = SesStandIn.start(SesStandIn.defaultFolder(), 0, account(MAX_SEND_RATE), message -> { });
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
            endpoint = standIn.endpoint();
        }
        return endpoint;
    }

    /** The account JSON {@code GetAccount} answers with. */
    public static String account(double maxSendRate) {
        return SesStandIn.account(maxSendRate);
    }

    /** Every email the stand-in holds, oldest first. */
    public static List<Sent> sent() {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/store")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<Sent> result = new ArrayList<>();
            for (JsonNode e : JSON.readTree(body).path("emails")) {
                List<String> to = new ArrayList<>();
                e.path("destination").path("to").forEach(t -> to.add(t.asText()));
                result.add(new Sent(e.path("messageId").asText(), to, e.path("subject").asText(),
                        e.path("body").path("html").asText(null), e.path("body").path("text").asText(null),
                        e.path("headers"), e.path("at").asLong()));
            }
            return result;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The emails to one address. */
    public static List<Sent> sentTo(String address) {
        return sent().stream().filter(s -> s.to().contains(address)).toList();
    }
}
