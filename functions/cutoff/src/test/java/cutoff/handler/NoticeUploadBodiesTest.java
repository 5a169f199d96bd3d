package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The small JSON bodies of {@link NoticeUploadHandler}'s routes that are refused before anything is read or written
 * (no table needed): a withdrawal's {@code {"reason"}} that does not parse is a 400 in words, naming no parser class or
 * setting.
 */
class NoticeUploadBodiesTest {
    private static APIGatewayV2HTTPResponse withdraw(String body) {
        APIGatewayV2HTTPEvent e = Routes.event("POST", "/notices/x-1/withdraw", Map.of("content-type", "application/json"), body);
        e.setPathParameters(Map.of("noticeId", "x-1"));
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new HashMap<>(Map.of(OfficeAuthorizer.EDITOR_ID, "ed_a"))).build());
        return new NoticeUploadHandler((cutoff.upload.NoticeUploads) null).handleRequest(e, null);
    }

    @Test
    void aWithdrawalBodyThatIsNoJson_is400InWords_namingNoParserClassOrSetting() {
        List<String> bodies = new ArrayList<>();
        String whole = "{\"reason\": \"撤回\"}";
        for (int cut = 1; cut < whole.length(); cut++) {
            bodies.add(whole.substring(0, cut));
        }
        for (String trailer : List.of(" {}", " []", " 1", " x", ",", "}")) {
            bodies.add(whole + trailer);
        }
        bodies.addAll(List.of("{\"reason\": NaN}", "{reason: 1}", "{\"reason\": \"a\" /* c */}", "{\"reason\": \"a\", \"reason\": \"b\"}",
                "{\"reason\": " + "[".repeat(1500)));
        for (String body : bodies) {
            APIGatewayV2HTTPResponse r = withdraw(body);
            assertEquals(400, r.getStatusCode(), body + " -> " + r.getBody());
            String words = r.getBody();
            assertTrue(!words.contains("`") && !words.contains("Feature") && !words.contains("jackson") && !words.contains("Source")
                    && !words.contains("REDACTED") && !words.matches("(?s).*\\b(com|java)\\.[a-z].*"), body + " -> " + words);
        }
    }
}
