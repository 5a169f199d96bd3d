package cutoff.handler;

import static cutoff.handler.OfficeAnswers.json;
import static cutoff.handler.OfficeAnswers.noContent;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.chat.ChatSender;
import cutoff.chat.ChatWebhook;
import cutoff.dispatch.ChatPosts;
import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.office.Office;
import cutoff.store.ChatStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The office's group chat routes, for {@link OfficeRoutes} (which has checked the key and the office id):
 *
 * <ul>
 *   <li>{@code PUT /orgs/{orgId}/chat} {@code {"webhook": "<URL from the chat app>", "secret": "<optional>"}} → 200, the
 *       view below; 400 naming {@code webhook} or {@code secret} ({@link ChatWebhook#parse}: only the services' own URLs);</li>
 *   <li>{@code GET /orgs/{orgId}/chat} → {@code {"connected": false}} or {@code {"connected": true, "service", "token"
 *       (masked: its first 4 characters and length), "signed", "connectedAt", "failed": null | {"reason", "words", "at"},
 *       "posts": {"pending", "sent", "failed", "expired"}}}; the secret is never answered;</li>
 *   <li>{@code DELETE /orgs/{orgId}/chat} → 204; 404 when none is connected;</li>
 *   <li>{@code POST /orgs/{orgId}/chat/test} → 200 {@code {"posted": true, "service"}}; 404 when none is connected;
 *       422 {@code {"error", "field": "chat", "reason"}} when the chat refuses (the reason in words: unknown robot, bad
 *       signature, not allowed by the robot's keywords or IP list), recorded as a failure; 429 with {@code Retry-After}
 *       when the chat says too many messages or does not answer, or the office's last test was less than
 *       {@link ChatPosts#TEST_GAP} ago (nothing posted).</li>
 * </ul>
 */
final class OfficeChat {
    /** The body of {@code PUT /orgs/{orgId}/chat}. */
    record ChatJson(String webhook, String secret) {
    }

    private final ChatPosts chat;

    /**
     * The office's reminders worked out again ({@link ChatPosts#refresh}); a failure is logged, not answered (the
     * connection stands, and the dispatcher works them out within the hour).
     */
    void refresh(Office office) {
        try {
            chat.refresh(office);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(OfficeChat.class.getName()).warning("group-chat reminders not worked out: "
                    + e.getClass().getSimpleName());
        }
    }

    OfficeChat(ChatPosts chat) {
        this.chat = chat;
    }

    APIGatewayV2HTTPResponse route(Office office, String route, APIGatewayV2HTTPEvent e) throws HttpProblem {
        if (route.endsWith("/test")) {
            Http.allowExactly(e, "POST");
            return test(office);
        }
        Http.allow(e, "GET", "PUT", "DELETE");
        switch (Http.method(e)) {
            case "PUT" -> {
                ChatJson body = OfficeBodies.json(e, ChatJson.class);
                try {
                    chat.connect(office, ChatWebhook.parse(body.webhook(), body.secret()));
                    refresh(office);
                } catch (ChatWebhook.BadWebhook bad) {
                    throw new HttpProblem(400, bad.field(), bad.getMessage());
                }
            }
            case "DELETE" -> {
                if (!chat.disconnect(office)) {
                    throw new HttpProblem(404, "chat", "no group chat is connected");
                }
                return noContent();
            }
            default -> {
                // GET, HEAD: the view below.
            }
        }
        return json(200, view(office));
    }

    private Map<String, Object> view(Office office) {
        Map<String, Object> out = new LinkedHashMap<>();
        ChatStore.Connection c = chat.connection(office).orElse(null);
        out.put("connected", c != null);
        if (c == null) {
            return out;
        }
        out.put("service", c.robot().service().id());
        out.put("token", c.robot().maskedToken());
        out.put("signed", c.robot().secret() != null);
        out.put("connectedAt", c.connectedAt().toString());
        if (c.failedAt() == null) {
            out.put("failed", null);
        } else {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("reason", c.failedReason());
            failed.put("words", c.failedWords());
            failed.put("at", c.failedAt().toString());
            out.put("failed", failed);
        }
        Map<String, Integer> counts = chat.counts(office);
        out.put("posts", Map.of("pending", counts.getOrDefault("PENDING", 0), "sent", counts.getOrDefault("SENT", 0),
                "failed", counts.getOrDefault("FAILED", 0), "expired", counts.getOrDefault("EXPIRED", 0)));
        return out;
    }

    private APIGatewayV2HTTPResponse test(Office office) throws HttpProblem {
        try {
            ChatWebhook robot = chat.test(office).orElseThrow(() -> new HttpProblem(404, "chat", "no group chat is connected"));
            return json(200, Map.of("posted", true, "service", robot.service().id()));
        } catch (ChatSender.Throttled t) {
            throw new HttpProblem(429, "chat", "the chat says too many messages, or did not answer: try again in a minute",
                    Map.of("Retry-After", "60"), Map.of());
        } catch (ChatSender.Refused r) {
            throw new HttpProblem(422, "chat", words(r), Map.of(), Map.of("reason", r.reason().name()));        } catch (ChatPosts.TestedRecently recently) {
            long seconds = Math.max(1, (recently.waitFor().toMillis() + 999) / 1000);
            throw new HttpProblem(429, "chat", "a test message was posted less than " + ChatPosts.TEST_GAP.toSeconds()
                    + " seconds ago: try again in " + seconds + " s", Map.of("Retry-After", Long.toString(seconds)), Map.of());
        }
    }

    /** A refusal in words, for the office. */
    static String words(ChatSender.Refused r) {
        String what = switch (r.reason()) {
            case UNKNOWN_ROBOT -> "the chat does not know this robot: it was removed from the group, or the URL is not the one the app shows";
            case BAD_SIGNATURE -> "the chat refused the signature: the secret is wrong or missing (copy the robot's signing secret again)";
            case NOT_ALLOWED -> "the robot's own security settings refuse the post (its keywords or IP list): allow Cutoff's posts there";
            case OTHER -> "the chat refused the post";
        };
        return what + " (" + r.getMessage() + ")";
    }
}
