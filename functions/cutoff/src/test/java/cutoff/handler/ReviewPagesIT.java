package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review pages as the web function serves them (issue 19), against DynamoDB Local: {@code /review} and
 * {@code /review/{draftId}} are shells with the pages' headers (no cache, the content security policy), and a draft's
 * page holds nothing of the draft (its title, its text, its dates), however hostile that text is; a path that can be
 * no draft's id is the 404 page; only GET and HEAD.
 */
class ReviewPagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestStack stack;
    private static WebHandler web;

    @BeforeAll
    static void stack() {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        web = new WebHandler(stack.wiring());
    }

    private static APIGatewayV2HTTPResponse request(String method, String target) {
        return web.handleRequest(Routes.event(method, target, Map.of(), null), null);
    }

    @Test
    void aDraftsPage_carriesNothingOfTheDraft_andBothPagesHaveThePagesHeaders() throws Exception {
        String text = String.join("\n", "关于组织申报<script>alert('t')</script>示例项目的通知", "示科〔2026〕3号", "各有关单位：",
                "网上申报截止时间为2026年9月5日16:30。", "示例科学技术委员会", "2026年5月8日", "");
        APIGatewayV2HTTPEvent upload = Project.event("notice-upload.json");
        upload.setBody(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        upload.getRequestContext().getAuthorizer().setLambda(new HashMap<>(Map.of(OfficeAuthorizer.EDITOR_ID, "ed_0123456789abcdef0123")));
        APIGatewayV2HTTPResponse created = new NoticeUploadHandler(stack.wiring()).handleRequest(upload, null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode draft = JSON.readTree(created.getBody());
        String id = draft.get("draftId").asText();

        for (String lang : new String[] {"zh", "en"}) {
            APIGatewayV2HTTPResponse page = request("GET", "/review/" + id + "?lang=" + lang);
            assertEquals(200, page.getStatusCode(), page.getBody());
            String html = page.getBody();
            assertTrue(html.contains("<div id=\"review-app\" class=\"office review\" data-mode=\"draft\">"), html);
            for (String data : new String[] {"alert(", "示科〔2026〕3号", "示例科学技术委员会", "2026-09-05", "9月5日", draft.at("/notice/id").asText()}) {
                assertFalse(html.contains(data), "the page holds " + data);
            }
            assertEquals("no-store", page.getHeaders().get("Cache-Control"));
            assertEquals(cutoff.web.Layout.CONTENT_SECURITY_POLICY, page.getHeaders().get("Content-Security-Policy"));
            assertEquals("no-referrer", page.getHeaders().get("Referrer-Policy"), "the draft's address is sent nowhere");
        }
        APIGatewayV2HTTPResponse uploadPage = request("GET", "/review?lang=en");
        assertEquals(200, uploadPage.getStatusCode());
        assertTrue(uploadPage.getBody().contains("data-mode=\"upload\""));
        assertEquals("no-store", uploadPage.getHeaders().get("Cache-Control"));
        assertEquals(cutoff.web.Layout.CONTENT_SECURITY_POLICY, uploadPage.getHeaders().get("Content-Security-Policy"));
        assertTrue(web.handleRequest(Project.event("web-review.json"), null).getBody().contains("data-mode=\"upload\""));
        assertTrue(web.handleRequest(Project.event("web-review-draft.json"), null).getBody().contains("data-mode=\"draft\""));
    }

    @Test
    void aPathThatIsNoDraftId_isThe404Page_andOnlyGetAndHeadAreAnswered() {
        for (String bad : new String[] {"short", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA%3C%3E"}) {
            APIGatewayV2HTTPResponse r = request("GET", "/review/" + bad);
            assertEquals(404, r.getStatusCode(), bad);
            assertTrue(r.getBody().contains("<html"), "the 404 page");
        }
        APIGatewayV2HTTPResponse head = request("HEAD", "/review/AAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(200, head.getStatusCode());
        assertEquals("", head.getBody());
        assertEquals(request("GET", "/review/AAAAAAAAAAAAAAAAAAAAAA").getBody().getBytes(StandardCharsets.UTF_8).length,
                Integer.parseInt(head.getHeaders().get("Content-Length")));
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            APIGatewayV2HTTPResponse r = request(method, "/review/AAAAAAAAAAAAAAAAAAAAAA");
            assertEquals(405, r.getStatusCode(), method);
            assertEquals("GET, HEAD", r.getHeaders().get("Allow"));
        }
    }
}
