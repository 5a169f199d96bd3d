package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.officeservice.Offices;
import cutoff.store.EditorStore;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import cutoff.upload.Editors;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Editors' and offices' keys side by side (issue 19's probe): what each opens, through the authorizer's decision
 * and the functions behind it, against DynamoDB Local.
 */
class EditorKeysIT {
    private static TestStack stack;
    private static OfficeAuthorizer authorizer;
    private static Editors.Created editor;
    private static Offices.Created office;

    @BeforeAll
    static void stack() {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        EditorStore editors = new EditorStore(stack.dynamo, stack.table);
        authorizer = new OfficeAuthorizer(stack.wiring().officeStore(), editors);
        editor = new Editors(editors, stack.clock).create("示例编辑", null);
        office = stack.wiring().offices().create("示例大学科研处", List.of("example.edu.cn"));
    }

    /** A sample event with the authorizer's context for the key, as API Gateway passes it on (the key must be good). */
    private static APIGatewayV2HTTPEvent as(String key, APIGatewayV2HTTPEvent e) {
        Map<String, String> context = authorizer.contextOf("Bearer " + key).orElseThrow(() -> new AssertionError("refused"));
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new HashMap<>(context)).build());
        return e;
    }

    @Test
    void theAuthorizer_tellsTheTwoKindsApart_andAnswersAsApiGatewayWants() {
        assertEquals(Map.of("isAuthorized", true, "context", Map.of(OfficeAuthorizer.EDITOR_ID, editor.editor().id())),
                authorizer.handleRequest(Map.of("headers", Map.of("authorization", "Bearer " + editor.key())), null));
        assertEquals(Map.of("isAuthorized", true, "context", Map.of(OfficeAuthorizer.OFFICE_ID, office.office().id())),
                authorizer.handleRequest(Map.of("headers", Map.of("authorization", "Bearer " + office.apiKey())), null));
        // A made-up editor key, an office key wearing the editor prefix, an editor key without it: refused.
        for (String key : List.of("cutoff_ed_" + "x".repeat(43), "cutoff_ed_" + office.apiKey().substring(7),
                "cutoff_" + editor.key().substring(10))) {
            assertEquals(Optional.empty(), authorizer.contextOf("Bearer " + key), key);
        }
        assertEquals(Optional.empty(), new OfficeAuthorizer(stack.wiring().officeStore()).contextOf("Bearer " + editor.key()),
                "an authorizer without the editors' store refuses their keys");
    }

    @Test
    void anEditorsKey_opensNoOfficeRoute_404AsAnOfficeThatDoesNotExist() {
        OfficeHandler offices = new OfficeHandler(stack.wiring());
        for (String sample : List.of("office-org.json", "office-staff-list.json", "office-feed.json", "office-internal-deadlines.json")) {
            APIGatewayV2HTTPEvent e = Project.event(sample);
            e.getRequestContext().getAuthorizer().getLambda().clear();
            APIGatewayV2HTTPResponse r = offices.handleRequest(as(editor.key(), e), null);
            assertEquals(404, r.getStatusCode(), sample + ": " + r.getBody());
        }
    }

    @Test
    void anEditorsUpload_isAPublicDraft_thatNoOfficeReads_andTheOtherWayRound() throws Exception {
        NoticeUploadHandler api = new NoticeUploadHandler(stack.wiring());
        APIGatewayV2HTTPEvent upload = Project.event("notice-upload.json");
        upload.getRequestContext().getAuthorizer().getLambda().clear();
        APIGatewayV2HTTPResponse byEditor = api.handleRequest(as(editor.key(), upload), null);
        assertEquals(201, byEditor.getStatusCode(), byEditor.getBody());
        assertTrue(byEditor.getBody().contains("\"public\" : true"), byEditor.getBody());

        APIGatewayV2HTTPEvent again = Project.event("notice-upload.json");
        again.getRequestContext().getAuthorizer().getLambda().clear();
        APIGatewayV2HTTPResponse byOffice = api.handleRequest(as(office.apiKey(), again), null);
        assertEquals(201, byOffice.getStatusCode(), byOffice.getBody());
        assertTrue(byOffice.getBody().contains("\"public\" : false"), byOffice.getBody());

        String editorsDraft = byEditor.getHeaders().get("Location").substring("/notices/drafts/".length());
        String officesDraft = byOffice.getHeaders().get("Location").substring("/notices/drafts/".length());
        assertEquals(200, api.handleRequest(draft(editor.key(), editorsDraft), null).getStatusCode());
        assertEquals(200, api.handleRequest(draft(office.apiKey(), officesDraft), null).getStatusCode());
        assertEquals(404, api.handleRequest(draft(office.apiKey(), editorsDraft), null).getStatusCode());
        assertEquals(404, api.handleRequest(draft(editor.key(), officesDraft), null).getStatusCode());
    }

    private static APIGatewayV2HTTPEvent draft(String key, String draftId) {
        APIGatewayV2HTTPEvent e = Project.event("notice-draft.json");
        e.getRequestContext().getAuthorizer().getLambda().clear();
        e.setPathParameters(Map.of("draftId", draftId));
        return as(key, e);
    }
}
