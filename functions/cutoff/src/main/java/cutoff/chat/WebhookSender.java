package cutoff.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Posts to the chat services with the JDK's {@link HttpClient} (no new library on the dispatcher's class path). The URL
 * is built, never taken: the service's own base ({@link ChatService#base()}) or, for local use and the tests, one
 * stand-in base for all ({@code CHAT_ENDPOINT}), then {@link ChatService#path} with the robot's checked token. Redirects
 * are never followed (a 3xx is a refusal), so an answer cannot send the post, or the signature, elsewhere.
 *
 * <p>Answers ({@link ChatService} has each service's documented codes): HTTP 429, 5xx, a timeout, or a rate-limit or
 * busy code → {@link ChatSender.Throttled}; a known refusal → {@link ChatSender.Refused} with its {@link ChatSender.Reason};
 * code 0 → sent. Nothing logged or thrown here names the token or the secret.
 */
public final class WebhookSender implements ChatSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final int MOST_ANSWER_BYTES = 16 * 1024;
    /** Codes that mean "too fast" or "busy, try again": WeCom 45009, -1; DingTalk 130101, 410100, -1; Feishu 11232, 99991400. */
    private static final Set<Integer> THROTTLED = Set.of(45009, 130101, 410100, -1, 11232, 99991400);

    private final HttpClient http;
    private final String endpoint;
    private final Clock clock;

    /**
     * @param endpoint one base for every service (the chat stand-in: {@code http://127.0.0.1:<port>}), or {@code null}
     *                 for each service's own
     */
    public WebhookSender(String endpoint, Clock clock) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT).build();
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** The request URL of a post (with DingTalk's signature in the query when the robot signs). */
    URI uri(ChatWebhook robot, long nowMillis) {
        String url = (endpoint != null ? endpoint : robot.service().base()) + robot.service().path(robot.token());
        if (robot.service() == ChatService.DINGTALK && robot.secret() != null) {
            url += "&timestamp=" + nowMillis + "&sign="
                    + URLEncoder.encode(ChatSigning.dingTalk(robot.secret(), nowMillis), StandardCharsets.UTF_8);
        }
        return URI.create(url);
    }

    /** The JSON body of a post, signed in the body for Feishu/Lark. */
    static String body(ChatWebhook robot, ChatPost post, long nowMillis) {
        String[] signature = null;
        if ((robot.service() == ChatService.FEISHU || robot.service() == ChatService.LARK) && robot.secret() != null) {
            long seconds = Math.floorDiv(nowMillis, 1000);
            signature = new String[] {Long.toString(seconds), ChatSigning.feishu(robot.secret(), seconds)};
        }
        return ChatBodies.body(robot.service(), post, signature);
    }

    @Override
    public void post(ChatWebhook robot, ChatPost post) throws Throttled, Refused {
        long now = clock.millis();
        HttpRequest request = HttpRequest.newBuilder(uri(robot, now)).timeout(ANSWER)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(robot, post, now), StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Connection refused, reset or timed out: the service may well be there next run. The exception's message
            // can hold the URL, and so the token: only its class is said.
            throw new Throttled("io", robot.serviceName() + " did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Throttled("interrupted", "interrupted before " + robot.serviceName() + " answered");
        }
        judge(robot, answer.statusCode(), answer.body());
    }

    /** What an answer means (package-private for the tests). */
    static void judge(ChatWebhook robot, int status, byte[] body) throws Throttled, Refused {
        String service = robot.serviceName();
        if (status == 429 || status >= 500) {
            throw new Throttled(Integer.toString(status), service + " answered HTTP " + status + ": try again later");
        }
        if (status >= 300 && status < 400) {
            throw new Refused(Reason.OTHER, Integer.toString(status), service + " answered a redirect (HTTP " + status
                    + "), which is not followed: this is not the robot's address");
        }
        JsonNode json = null;
        if (body != null && body.length <= MOST_ANSWER_BYTES) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
        }
        if (json == null || !json.isObject()) {
            if (status == 404) {
                throw new Refused(Reason.UNKNOWN_ROBOT, "404", service + " does not know this robot (HTTP 404)");
            }
            throw new Refused(Reason.OTHER, Integer.toString(status), service + " answered HTTP " + status + " without its JSON answer");
        }
        JsonNode c = json.has("errcode") ? json.get("errcode") : json.has("code") ? json.get("code") : json.get("StatusCode");
        if (c == null || !c.canConvertToInt()) {
            throw new Refused(Reason.OTHER, Integer.toString(status), service + " answered HTTP " + status + " without a code");
        }
        int code = c.asInt();
        String words = words(json);
        if (code == 0 && status < 300) {
            return;
        }
        if (THROTTLED.contains(code)) {
            throw new Throttled(Integer.toString(code), service + " says too many messages or busy (" + code + " " + words + ")");
        }
        throw new Refused(reason(robot.service(), code, words), Integer.toString(code), service + " refused the post: " + code + " " + words);
    }

    private static Reason reason(ChatService service, int code, String words) {
        return switch (code) {
            case 93000, 300001, 19001 -> Reason.UNKNOWN_ROBOT;
            case 19021 -> Reason.BAD_SIGNATURE;
            case 19022, 19024 -> Reason.NOT_ALLOWED;
            // DingTalk's 310000 is every security setting's refusal; its words say which.
            case 310000 -> words.contains("sign") || words.contains("timestamp") || words.contains("签名")
                    ? Reason.BAD_SIGNATURE : Reason.NOT_ALLOWED;
            default -> Reason.OTHER;
        };
    }

    /** The answer's message, one line, at most 200 characters. */
    private static String words(JsonNode json) {
        JsonNode m = json.has("errmsg") ? json.get("errmsg") : json.has("msg") ? json.get("msg") : json.get("StatusMessage");
        String s = m == null ? "" : cutoff.util.Invisibles.line(m.asText());
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
