package cutoff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code aws-ses-v2-local} stand-in (npm, installed in infra/ses-local by {@code ./cutoff test}),
 * started once per test JVM on a free loopback port, with an account whose {@code MaxSendRate} is
 * {@value #MAX_SEND_RATE} per second. Tests read what was sent from its store.
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
        if (endpoint != null) {
            return endpoint;
        }
        Path cli = Project.root().resolve("infra/ses-local/node_modules/aws-ses-v2-local/dist/cli.js");
        if (!Files.exists(cli)) {
            throw new IllegalStateException("the SES stand-in is not installed: run `npm ci` in infra/ses-local (./cutoff test does it)");
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("AWS_SES_ACCOUNT", account(MAX_SEND_RATE));
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            String url = "http://127.0.0.1:" + port;
            for (int i = 0; i < 100; i++) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health-check")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        endpoint = url;
                        return endpoint;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("the SES stand-in did not start on " + url);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the SES stand-in did not start: " + e.getMessage(), e);
        }
    }

    /** The account JSON {@code GetAccount} answers with. */
    public static String account(double maxSendRate) {
        return "{\"DedicatedIpAutoWarmupEnabled\":false,\"Details\":{\"AdditionalContactEmailAddresses\":[],"
                + "\"ContactLanguage\":\"EN\",\"MailType\":\"TRANSACTIONAL\",\"ReviewDetails\":{\"CaseId\":\"local\","
                + "\"Status\":\"GRANTED\"},\"UseCaseDescription\":\"Cutoff\",\"WebsiteURL\":\"https://example.org\"},"
                + "\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,\"SendingEnabled\":true,"
                + "\"SendQuota\":{\"Max24HourSend\":1000000,\"MaxSendRate\":" + maxSendRate + ",\"SentLast24Hours\":0},"
                + "\"SuppressionAttributes\":{\"SuppressedReasons\":[]}}";
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
