package cutoff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.mail.SesMailSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The {@code aws-ses-v2-local} stand-in (npm, installed in infra/ses-local by {@code ./cutoff test}),
 * started once per test JVM on a free loopback port by {@link SesStandIn} (the launcher the demo uses
 * too), with an account whose {@code MaxSendRate} is {@value #MAX_SEND_RATE} per second. Tests read
 * what was sent from its store. With {@code -Dcutoff.stack=localstack} (the localstack profile) it is
 * LocalStack's SES instead.
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
        if (endpoint == null && StackChoice.localstack()) {
            String url = StackChoice.localstackEndpoint();
            // LocalStack rejects mail from unverified senders; it verifies any identity it is given.
            try (SesV2Client ses = SesMailSender.client("us-east-1", url)) {
                for (String domain : new String[] {"cutoff.example", "cutoff.local"}) {
                    ses.createEmailIdentity(b -> b.emailIdentity(domain));
                }
            }
            endpoint = url;
        }
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
        if (StackChoice.localstack()) {
            return sentThroughLocalStack();
        }
        return sentAt(endpoint());
    }

    /**
     * Every email an SES stand-in at {@code endpoint} holds, oldest first: its {@code GET /store} (what the
     * end-to-end tests read from the stand-in of a {@code ./cutoff demo} they started).
     */
    public static List<Sent> sentAt(String endpoint) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/store")).build(),
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

    /**
     * What LocalStack's SES kept, from its internal {@code GET /_aws/ses}: {@code {"messages": [{"Id",
     * "Destination": {"ToAddresses"}, "Subject", "Body": {"text_part", "html_part"}, "Timestamp"}]}}. It
     * keeps no custom headers, so {@link Sent#header} answers {@code null} there.
     */
    private static List<Sent> sentThroughLocalStack() {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/_aws/ses")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<Sent> result = new ArrayList<>();
            for (JsonNode m : JSON.readTree(body).path("messages")) {
                List<String> to = new ArrayList<>();
                m.path("Destination").path("ToAddresses").forEach(t -> to.add(t.asText()));
                long at;
                try {
                    at = java.time.Instant.parse(m.path("Timestamp").asText()).getEpochSecond();
                } catch (java.time.format.DateTimeParseException e) {
                    at = 0; // LocalStack's timestamp format is not documented; order still comes from the list
                }
                result.add(new Sent(m.path("Id").asText(), to, m.path("Subject").asText(),
                        m.path("Body").path("html_part").asText(null), m.path("Body").path("text_part").asText(null),
                        null, at));
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
