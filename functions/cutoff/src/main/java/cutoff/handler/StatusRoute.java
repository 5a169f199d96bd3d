package cutoff.handler;

import cutoff.http.Http;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.dispatch.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /status}: {@code {"dispatcher": {"lastRunAt", "secondsAgo", "late", "leftForLater"}}}, 200
 * when the dispatcher finished a run within {@link Status#DISPATCHER_LATE}, 503 when it is late or never
 * ran. Jackson loads only here, off the feeds' cold path.
 */
final class StatusRoute {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusRoute() {
    }

    static APIGatewayV2HTTPResponse answer(Status.Dispatcher d) {
        Map<String, Object> dispatcher = new LinkedHashMap<>();
        dispatcher.put("lastRunAt", d.lastRunAt() == null ? null : d.lastRunAt().toString());
        dispatcher.put("secondsAgo", d.secondsAgo());
        dispatcher.put("late", d.late());
        dispatcher.put("leftForLater", d.leftForLater());
        try {
            return Http.respond(d.late() ? 503 : 200, "application/json", JSON.writeValueAsString(Map.of("dispatcher", dispatcher)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
