package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cutoff.office.StaffCsv;
import cutoff.officeservice.Offices;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An editor's notice from upload to feed (issue 19), through {@link NoticeUploadHandler} as API Gateway hands it
 * over after the authorizer, against DynamoDB Local: a reading the reader is unsure of is refused for publishing,
 * corrected by a person (what they set recorded), then published along the path {@code ./cutoff ingest} takes.
 */
class NoticePublishIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A notice written for this test: its cutoff has no year, and it has no signature date (the year is a guess). */
    private static final String YEARLESS = String.join("\n", "关于组织申报示例科技计划项目的通知", "示科〔2026〕1号", "各有关单位：",
            "一、申报要求", "网上申报截止时间为3月5日16:30。", "示例科学技术委员会", "");
    private static final String EDITOR = "ed_0123456789abcdef0123";
    private static TestStack stack;
    private static NoticeUploadHandler api;
    private static Offices.Created office;

    @BeforeAll
    static void stack() {
        stack = new TestStack(Instant.parse("2026-12-07T02:00:00Z"));
        api = new NoticeUploadHandler(stack.wiring());
        // A research office's staff member who follows every new call.
        office = stack.wiring().offices().create("示例大学科研处", List.of("example.edu.cn"));
        APIGatewayV2HTTPResponse staff = new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("POST",
                "/orgs/" + office.office().id() + "/staff", office.apiKey(), "text/csv",
                String.join(",", StaffCsv.COLUMNS) + "\r\nfollower@example.edu.cn,,,all,,\r\n"), null);
        assertEquals(200, staff.getStatusCode(), staff.getBody());
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    private static APIGatewayV2HTTPEvent by(Map<String, String> context, APIGatewayV2HTTPEvent e) {
        e.getRequestContext().getAuthorizer().setLambda(new HashMap<>(context));
        return e;
    }

    private static APIGatewayV2HTTPResponse upload(Map<String, String> who, String text) {
        APIGatewayV2HTTPEvent e = Project.event("notice-upload.json");
        e.setBody(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return api.handleRequest(by(who, e), null);
    }

    private static APIGatewayV2HTTPResponse onDraft(Map<String, String> who, String sample, String method, String draftId,
                                                   String contentType, String body) {
        APIGatewayV2HTTPEvent e = Project.event(sample);
        e.getRequestContext().getHttp().setMethod(method);
        e.setPathParameters(Map.of("draftId", draftId));
        if (body != null) {
            e.setBody(body);
            e.setIsBase64Encoded(false);
            e.getHeaders().put("content-type", contentType);
        }
        return api.handleRequest(by(who, e), null);
    }

    private static String idOf(APIGatewayV2HTTPResponse created) {
        return created.getHeaders().get("Location").substring("/notices/drafts/".length());
    }

    @Test
    void anUnsureReading_isRefusedForPublishing_correctedByAPerson_thenPublishedToFeedsPagesAndFollowers() throws Exception {
        Map<String, String> editor = Map.of(OfficeAuthorizer.EDITOR_ID, EDITOR);
        APIGatewayV2HTTPResponse created = upload(editor, YEARLESS);
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode draft = JSON.readTree(created.getBody());
        String id = idOf(created);
        assertTrue(draft.get("public").asBoolean());
        assertTrue(draft.get("revision").isNull(), "never published: no revision");
        assertEquals("review", draft.at("/notice/topics/0/window/confidence").asText(), draft.toString());
        String topicId = draft.at("/notice/topics/0/id").asText();

        // Unsure: not published, and why.
        APIGatewayV2HTTPResponse refused = onDraft(editor, "notice-draft-publish.json", "POST", id, null, null);
        assertEquals(409, refused.getStatusCode(), refused.getBody());
        assertTrue(refused.getBody().contains("document number"), refused.getBody());
        JsonNode reasons = JSON.readTree(refused.getBody()).get("reasons");
        assertTrue(reasons.isArray() && reasons.size() >= 1 && reasons.get(0).asText().contains("document number"),
                "one reason per reading under review: " + refused.getBody());
        assertFalse(stack.feeds().handleRequest(Project.event("feed-all.json"), null).getBody().contains(topicId));

        // A person's correction: the year, and the date confirmed.
        ObjectNode notice = (ObjectNode) draft.get("notice").deepCopy();
        ObjectNode window = (ObjectNode) notice.at("/topics/0/window");
        window.put("closes", "2027-03-05T16:30:00+08:00");
        window.put("confidence", "sure");
        window.remove("reasons");
        assertEquals(415, onDraft(editor, "notice-draft.json", "PUT", id, "text/plain", notice.toString()).getStatusCode());
        APIGatewayV2HTTPResponse broken = onDraft(editor, "notice-draft.json", "PUT", id, "application/json", "{\"id\": ");
        assertEquals(400, broken.getStatusCode(), broken.getBody());
        assertTrue(broken.getBody().contains("line 1"), broken.getBody());
        ObjectNode other = notice.deepCopy();
        other.put("id", "2026-9-aaaaaa");
        assertEquals(422, onDraft(editor, "notice-draft.json", "PUT", id, "application/json", other.toString()).getStatusCode());
        assertEquals(404, onDraft(Map.of(OfficeAuthorizer.OFFICE_ID, office.office().id()), "notice-draft.json", "PUT", id,
                "application/json", notice.toString()).getStatusCode(), "not the office's draft");

        APIGatewayV2HTTPResponse corrected = onDraft(editor, "notice-draft.json", "PUT", id, "application/json", notice.toString());
        assertEquals(200, corrected.getStatusCode(), corrected.getBody());
        JsonNode after = JSON.readTree(corrected.getBody());
        assertEquals(List.of("/topics/0/window/closes", "/topics/0/window/confidence", "/topics/0/window/reasons"),
                JSON.convertValue(after.get("setByPerson"), List.class));
        assertEquals(0, after.get("review").size(), after.toString());
        assertEquals(after.get("setByPerson"), JSON.readTree(onDraft(editor, "notice-draft.json", "GET", id, null, null).getBody())
                .get("setByPerson"), "kept with the draft");

        // Published: the ingest's path. The follower gets the topic; the feed and the calls page show it.
        APIGatewayV2HTTPResponse published = onDraft(editor, "notice-draft-publish.json", "POST", id, null, null);
        assertEquals(200, published.getStatusCode(), published.getBody());
        JsonNode result = JSON.readTree(published.getBody());
        assertEquals(1, result.get("added").asInt(), result.toString());
        assertEquals(1, result.get("followersGivenTopics").asInt(), result.toString());
        String feed = stack.feeds().handleRequest(Project.event("feed-all.json"), null).getBody();
        assertTrue(feed.contains(topicId) && feed.contains("DTSTART;TZID=Asia/Shanghai:20270305T163000"), feed);
        assertTrue(new WebHandler(stack.wiring()).handleRequest(Routes.event("GET", "/", Map.of(), null), null).getBody()
                .contains("关于组织申报示例科技计划项目的通知"));

        // Again: nothing changes.
        JsonNode again = JSON.readTree(onDraft(editor, "notice-draft-publish.json", "POST", id, null, null).getBody());
        assertEquals(0, again.get("added").asInt() + again.get("moved").asInt(), again.toString());

        // The record: who did what, and when, in order.
        JsonNode record = JSON.readTree(onDraft(editor, "notice-draft.json", "GET", id, null, null).getBody()).get("record");
        List<String> actions = new java.util.ArrayList<>();
        record.forEach(e -> actions.add(e.get("action").asText() + " by " + e.get("by").asText()));
        assertEquals(List.of("uploaded by " + EDITOR, "corrected by " + EDITOR, "published by " + EDITOR, "published by " + EDITOR),
                actions, record.toString());
        assertTrue(record.get(1).get("detail").asText().contains("/topics/0/window/closes"), record.toString());
        assertTrue(record.get(2).get("detail").asText().contains("1 added"), record.toString());
        assertEquals("2026-12-07T02:00:00Z", record.get(0).get("at").asText());

        // A revision: the notice again with its cutoff a day later. Before publishing, its draft says what would
        // change and how many people would be told; publishing does what it said.
        String revised = idOf(upload(editor, YEARLESS.replace("3月5日", "2027年3月6日")));
        JsonNode revision = JSON.readTree(onDraft(editor, "notice-draft.json", "GET", revised, null, null).getBody()).get("revision");
        assertEquals(1, revision.get("moved").size(), revision.toString());
        assertEquals(0, revision.get("added").size() + revision.get("withdrawn").size(), revision.toString());
        assertEquals(1, revision.get("changeEmails").asInt(), "the follower, confirmed by the office: " + revision);
        JsonNode moved = JSON.readTree(onDraft(editor, "notice-draft-publish.json", "POST", revised, null, null).getBody());
        assertEquals(1, moved.get("moved").asInt(), moved.toString());
        assertTrue(stack.feeds().handleRequest(Project.event("feed-all.json"), null).getBody()
                .contains("DTSTART;TZID=Asia/Shanghai:20270306T163000"));
    }

    @Test
    void anOfficesDraft_isARelay_publishedOnlyWithTheOfficesDate_andNobodyPublishesAnothersDraft() throws Exception {
        Map<String, String> theOffice = Map.of(OfficeAuthorizer.OFFICE_ID, office.office().id());
        String sure = YEARLESS.replace("3月5日", "2027年3月5日");
        String relay = idOf(upload(theOffice, sure));
        // The office's record of the call holds its own actions only, never an editor's or another office's.
        JsonNode record = JSON.readTree(onDraft(theOffice, "notice-draft.json", "GET", relay, null, null).getBody()).get("record");
        record.forEach(e -> assertEquals(office.office().id(), e.get("by").asText(), record.toString()));
        assertEquals(1, record.size(), record.toString());
        APIGatewayV2HTTPResponse r = onDraft(theOffice, "notice-draft-publish.json", "POST", relay, null, null);
        // A relay for the office's staff (RelayPublishIT): without a date of the office's or a rule, 422 naming the topic.
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().contains("needs the office's date"), r.getBody());
        String editors = idOf(upload(Map.of(OfficeAuthorizer.EDITOR_ID, EDITOR), sure));
        assertEquals(404, onDraft(theOffice, "notice-draft-publish.json", "POST", editors, null, null).getStatusCode());
        assertEquals(404, onDraft(Map.of(OfficeAuthorizer.EDITOR_ID, "ed_ffffffffffffffffffff"), "notice-draft-publish.json",
                "POST", editors, null, null).getStatusCode());
        assertEquals(405, onDraft(theOffice, "notice-draft-publish.json", "GET", relay, null, null).getStatusCode());
    }

    @Test
    void aCorrection_keepsTheReadersTopicsAndId_withinTheSizeANoticeHas_andAnUntitledNoticeIsNotPublished() throws Exception {
        Map<String, String> editor = Map.of(OfficeAuthorizer.EDITOR_ID, EDITOR);
        String sure = YEARLESS.replace("3月5日", "2027年3月5日").replace("示科〔2026〕1号", "示科〔2026〕7号");
        APIGatewayV2HTTPResponse created = upload(editor, sure);
        String id = idOf(created);
        ObjectNode notice = (ObjectNode) JSON.readTree(created.getBody()).get("notice");
        String topic = notice.at("/topics/0/id").asText();

        ObjectNode other = notice.deepCopy();
        ((ObjectNode) other.at("/topics/0")).put("id", "2023-4-82277d-t1");
        ObjectNode none = notice.deepCopy();
        none.putArray("topics");
        ObjectNode twice = notice.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) twice.get("topics")).add(twice.at("/topics/0").deepCopy());
        ObjectNode nullId = notice.deepCopy();
        ((ObjectNode) nullId.at("/topics/0")).putNull("id");
        for (ObjectNode bad : List.of(other, none, twice, nullId)) {
            APIGatewayV2HTTPResponse r = onDraft(editor, "notice-draft.json", "PUT", id, "application/json", bad.toString());
            assertEquals(422, r.getStatusCode(), r.getBody());
            assertTrue(r.getBody().contains("keeps the reader's topics") && r.getBody().contains(topic), r.getBody());
        }
        APIGatewayV2HTTPResponse nothing = onDraft(editor, "notice-draft.json", "PUT", id, "application/json", "null");
        assertEquals(400, nothing.getStatusCode(), nothing.getBody());
        ObjectNode huge = notice.deepCopy();
        huge.put("title", "题".repeat(100_000));
        assertEquals(413, onDraft(editor, "notice-draft.json", "PUT", id, "application/json", huge.toString()).getStatusCode());
        // A correction small as JSON, but of so many values that their record (one JSON Pointer each) passes what the
        // draft's item keeps: 413 too, not DynamoDB's refusal of the item (a 500).
        ObjectNode many = notice.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode fields = ((ObjectNode) many.at("/topics/0")).putArray("fields");
        for (int i = 0; i < 20_000; i++) {
            fields.add("a");
        }
        APIGatewayV2HTTPResponse manyValues = onDraft(editor, "notice-draft.json", "PUT", id, "application/json", many.toString());
        assertEquals(413, manyValues.getStatusCode(), manyValues.getBody());
        assertTrue(manyValues.getBody().contains("values set by a person"), manyValues.getBody());
        assertEquals(List.of(), JSON.convertValue(JSON.readTree(onDraft(editor, "notice-draft.json", "GET", id, null, null)
                .getBody()).get("setByPerson"), List.class), "no refused correction was kept");

        // A reading with neither a document number nor a title: its id would be any such notice's.
        String untitled = idOf(upload(editor, "各有关单位：\n网上申报截止时间为2027年3月5日16:30。\n示例科学技术委员会\n"));
        APIGatewayV2HTTPResponse refused = onDraft(editor, "notice-draft-publish.json", "POST", untitled, null, null);
        assertEquals(422, refused.getStatusCode(), refused.getBody());
        assertTrue(refused.getBody().contains("neither a document number nor a title"), refused.getBody());
    }
}
