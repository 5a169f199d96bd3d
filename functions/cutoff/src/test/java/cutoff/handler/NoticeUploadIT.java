package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.document.TestDocuments;
import cutoff.notice.Notice;
import cutoff.notice.NoticeParser;
import cutoff.notice.Topic;
import cutoff.testing.Guidelines;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /notices} and {@code GET /notices/drafts/{draftId}} (issue 19) through {@link NoticeUploadHandler},
 * as API Gateway hands requests over after the office-key authorizer, against DynamoDB Local: what an office gets
 * back for a real notice set as a PDF, what it gets for files that make no draft, and that a draft is neither
 * published nor another office's to read.
 */
class NoticeUploadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestStack stack;
    private static NoticeUploadHandler api;

    @BeforeAll
    static void stack() {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        api = new NoticeUploadHandler(stack.wiring());
    }

    /** The sample event with the body, office and method of one request. */
    private static APIGatewayV2HTTPEvent upload(String officeId, byte[] file, String query) {
        APIGatewayV2HTTPEvent e = Project.event("notice-upload.json");
        e.setBody(Base64.getEncoder().encodeToString(file));
        e.setIsBase64Encoded(true);
        e.setRawQueryString(query);
        e.getRequestContext().getAuthorizer().getLambda().put(OfficeAuthorizer.OFFICE_ID, officeId);
        return e;
    }

    private static APIGatewayV2HTTPEvent draft(String officeId, String draftId) {
        APIGatewayV2HTTPEvent e = Project.event("notice-draft.json");
        e.setPathParameters(Map.of("draftId", draftId));
        e.setRawPath("/notices/drafts/" + draftId);
        e.getRequestContext().getAuthorizer().getLambda().put(OfficeAuthorizer.OFFICE_ID, officeId);
        return e;
    }

    private static byte[] pdfOfNoPages() {
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long drafts() {
        return stack.dynamo.scan(b -> b.tableName(stack.table).filterExpression("begins_with(PK, :d)")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("DRAFT#")))).count();
    }

    @Test
    void aNoticeSetAsAPdf_becomesADraftOfTheOfficesWithTheReadingOfItsText_andIsPublishedNowhere() throws Exception {
        String text = new String(Guidelines.bytes(Guidelines.STCSM_2026_8), StandardCharsets.UTF_8);
        byte[] pdf = TestDocuments.pdf(TestDocuments.lines(text));
        APIGatewayV2HTTPResponse r = api.handleRequest(upload("org_a", pdf, ""), null);
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode body = JSON.readTree(r.getBody());
        String id = body.get("draftId").asText();
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        assertEquals("/notices/drafts/" + id, r.getHeaders().get("Location"));
        assertEquals("PDF", body.get("format").asText());
        assertEquals(pdf.length, body.get("fileBytes").asLong());

        // The reading is the one the text reader makes of the same notice: topics, and each cutoff with its evidence.
        Notice expected = new NoticeParser().parse(Guidelines.bytes(Guidelines.STCSM_2026_8), null);
        JsonNode topics = body.get("notice").get("topics");
        assertEquals(expected.topics().size(), topics.size());
        for (int i = 0; i < topics.size(); i++) {
            Topic t = expected.topics().get(i);
            JsonNode window = topics.get(i).get("window");
            assertEquals(t.window().closes().toString(), window.get("closes").asText(), t.id());
            JsonNode source = window.get("source");
            assertTrue(source != null && !source.isNull(), "the cutoff's evidence: " + window);
            int from = source.get("from").asInt();
            int to = source.get("to").asInt();
            assertTrue(from >= 0 && to > from, source.toString());
            // The date as written, which the evidence's span marks in its sentence, is in the draft's text from the
            // line the evidence names (a sentence wrapped over lines is joined without the break).
            String[] lines = body.get("text").asText().split("\n", -1);
            String fromItsLine = String.join("", java.util.Arrays.copyOfRange(lines, source.get("line").asInt() - 1, lines.length));
            assertTrue(fromItsLine.replace(" ", "").contains(source.get("text").asText().substring(from, to).replace(" ", "")),
                    source.toString());
        }
        assertTrue(body.get("missing").isArray() && body.get("review").isArray());

        // The office reads it back; another office, a made-up id and a malformed one get the same 404.
        APIGatewayV2HTTPResponse again = api.handleRequest(draft("org_a", id), null);
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(body.get("notice"), JSON.readTree(again.getBody()).get("notice"));
        for (APIGatewayV2HTTPEvent other : List.of(draft("org_b", id), draft("org_a", "A".repeat(22)), draft("org_a", "../" + id))) {
            APIGatewayV2HTTPResponse no = api.handleRequest(other, null);
            assertEquals(404, no.getStatusCode(), no.getBody());
            assertFalse(no.getBody().contains(expected.title()), "nothing of the draft in a 404");
        }

        // A draft is no notice: not stored as one, in no feed.
        assertTrue(stack.wiring().notices().notice(expected.id()).isEmpty());
        assertFalse(stack.feeds().handleRequest(Project.event("feed-all.json"), null).getBody().contains(expected.topics().get(0).id()));
    }

    @Test
    void filesThatMakeNoDraft_getTheirStatusAndOneLineWhy_andNothingIsStored() {
        long before = drafts();
        Map<String, byte[]> files = new HashMap<>();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        record Case(byte[] file, int status, String says) { }
        List<Case> cases = List.of(
                new Case(png, 415, "PNG"),
                new Case(TestDocuments.scannedPdf(), 415, "OCR"),
                new Case("{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8), 415, "JSON"),
                new Case(new byte[0], 422, "empty"),
                new Case("%PDF-1.7\n1 0 obj\n<<".getBytes(StandardCharsets.US_ASCII), 422, ""),
                new Case("hello".getBytes(StandardCharsets.UTF_8), 422, "no notice"),
                new Case(new byte[10 * 1024 * 1024 + 1], 413, "10 MiB"),
                new Case(pdfOfNoPages(), 422, "no pages"));
        for (Case c : cases) {
            APIGatewayV2HTTPResponse r = api.handleRequest(upload("org_a", c.file(), ""), null);
            assertEquals(c.status(), r.getStatusCode(), r.getBody());
            assertTrue(r.getBody().startsWith("{\"error\":") && r.getBody().contains(c.says()), r.getBody());
            assertFalse(r.getBody().contains("\n"), "one line");
        }
        assertEquals(before, drafts(), "a refused upload stores nothing");
    }

    @Test
    void theWrongMethod_aBadYear_andNoKey_areAnsweredWithoutReadingTheFile() {
        APIGatewayV2HTTPEvent get = upload("org_a", "x".getBytes(StandardCharsets.UTF_8), "");
        get.getRequestContext().getHttp().setMethod("GET");
        APIGatewayV2HTTPResponse r = api.handleRequest(get, null);
        assertEquals(405, r.getStatusCode());
        assertEquals("POST", r.getHeaders().get("Allow"));

        r = api.handleRequest(upload("org_a", "x".getBytes(StandardCharsets.UTF_8), "year=26"), null);
        assertEquals(400, r.getStatusCode());
        assertTrue(r.getBody().contains("\"field\":\"year\""), r.getBody());

        r = api.handleRequest(upload("org_a", "x".getBytes(StandardCharsets.UTF_8), "year=2100"), null);
        assertEquals(400, r.getStatusCode());
        assertTrue(r.getBody().contains("1900 to 2099"), r.getBody());

        // A form's envelope, or a compressed body, is not the file: 415 saying what to send, nothing read.
        long before = drafts();
        byte[] text = "示例市科学技术局关于征集项目的通知".getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent form = upload("org_a", text, "");
        form.getHeaders().put("content-type", "multipart/form-data; boundary=xyz");
        r = api.handleRequest(form, null);
        assertEquals(415, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().contains("--data-binary"), r.getBody());
        APIGatewayV2HTTPEvent gzip = upload("org_a", text, "");
        gzip.getHeaders().put("content-encoding", "gzip");
        r = api.handleRequest(gzip, null);
        assertEquals(415, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().contains("uncompressed"), r.getBody());
        assertEquals(before, drafts());

        APIGatewayV2HTTPEvent anonymous = upload("org_a", "x".getBytes(StandardCharsets.UTF_8), "");
        anonymous.getRequestContext().setAuthorizer(null);
        r = api.handleRequest(anonymous, null);
        assertEquals(401, r.getStatusCode());
        assertTrue(r.getHeaders().get("WWW-Authenticate").startsWith("Bearer"));
    }

    @Test
    void theSampleEvents_uploadTheirNotice_andAskForADraftThatIsNotThere() throws Exception {
        APIGatewayV2HTTPResponse r = api.handleRequest(Project.event("notice-upload.json"), null);
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode topic = JSON.readTree(r.getBody()).get("notice").get("topics").get(0);
        assertEquals("2027-03-05T16:30:00+08:00", topic.get("window").get("closes").asText(), topic.toString());
        APIGatewayV2HTTPResponse none = api.handleRequest(Project.event("notice-draft.json"), null);
        assertEquals(404, none.getStatusCode());
        assertNull(none.getHeaders().get("Location"));
    }
}
