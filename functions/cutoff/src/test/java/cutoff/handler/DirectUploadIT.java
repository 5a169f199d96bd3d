package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.document.TestDocuments;
import cutoff.testing.LocalS3;
import cutoff.testing.TestStack;
import cutoff.upload.DirectUploads;
import cutoff.upload.NoticeUploads;
import cutoff.upload.UploadBucket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A notice file uploaded straight to S3 (issue 19: the full 10 MiB when deployed) through {@code POST /notices/uploads},
 * a presigned PUT and {@code POST /notices/uploads/{uploadId}}, against DynamoDB Local and the S3 stand-in (s3rver
 * behind infra/s3-local's Signature Version 4 check): the draft a large PDF makes, what S3 refuses of a PUT, that an
 * upload is its uploader's alone, and every refusal of the two routes (never a 500).
 */
class DirectUploadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestStack stack;
    private static NoticeUploadHandler api;
    private static UploadBucket bucket;

    @BeforeAll
    static void stack() {
        stack = new TestStack(Instant.parse("2027-01-10T00:00:00Z"));
        api = new NoticeUploadHandler(stack.wiring(), LocalS3.uploads());
        bucket = UploadBucket.of(LocalS3.BUCKET, "us-east-1", LocalS3.standIn().endpoint());
    }

    private static APIGatewayV2HTTPEvent as(String owner, String method, String target, String type, String body) {
        Map<String, String> headers = new HashMap<>();
        if (type != null) {
            headers.put("content-type", type);
        }
        APIGatewayV2HTTPEvent e = Routes.event(method, target, headers, body);
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new HashMap<>(Map.of(owner.startsWith("ed_") ? OfficeAuthorizer.EDITOR_ID : OfficeAuthorizer.OFFICE_ID,
                        owner))).build());
        return e;
    }

    private static APIGatewayV2HTTPResponse offer(String owner, String json) {
        return api.handleRequest(as(owner, "POST", "/notices/uploads", "application/json", json), null);
    }

    private static APIGatewayV2HTTPResponse take(String owner, String uploadId) {
        return api.handleRequest(as(owner, "POST", "/notices/uploads/" + uploadId, null, null), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) {
        try {
            return JSON.readTree(r.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PUT a client makes with the offer: its URL and headers (the HTTP client sets Content-Length from the body). */
    private static HttpResponse<String> put(JsonNode offer, byte[] body) throws Exception {
        return put(URI.create(offer.get("url").asText()), body);
    }

    private static HttpResponse<String> put(URI url, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A notice written here (a made-up call: its issuer, number, title and cutoff are this test's), set as a PDF and
     * padded with an incompressible stream (an object nothing on a page refers to) to about {@code bytes}.
     */
    private static byte[] paddedNotice(int bytes) throws IOException {
        List<String> lines = List.of("示例市科学技术委员会文件", "示科〔2027〕12号",
                "关于组织申报2027年度示例市大型仪器共享项目的通知", "各有关单位：",
                "为支持本市大型科研仪器开放共享，现将2027年度项目的申报事项通知如下。",
                "一、申报截止时间为2027年3月5日16:30，逾期系统不再受理。",
                "二、申报单位应通过示例市科技管理信息系统在线填报。",
                "示例市科学技术委员会", "2027年1月8日");
        byte[] pdf = TestDocuments.pdf(lines);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            byte[] noise = new byte[Math.max(0, bytes - pdf.length - 200)];
            new Random(19).nextBytes(noise);
            COSStream padding = doc.getDocument().createCOSStream();
            try (var out = padding.createRawOutputStream()) {
                out.write(noise);
            }
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("CutoffPadding"), padding);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static long drafts() {
        return stack.dynamo.scan(b -> b.tableName(stack.table).filterExpression("begins_with(PK, :d)")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("DRAFT#")))).count();
    }

    @Test
    void aNineAndAHalfMebibytePdf_goesToS3_andMakesTheDraftABodyUploadWouldMake_andTheObjectIsGone() throws Exception {
        byte[] pdf = paddedNotice(9_500 * 1024);
        assertTrue(pdf.length > 9 * 1024 * 1024 && pdf.length <= NoticeUploads.MAX_FILE_BYTES, "size " + pdf.length);

        APIGatewayV2HTTPResponse offered = offer("ed_big", "{\"bytes\": " + pdf.length + ", \"fileName\": \"通知.pdf\"}");
        assertEquals(201, offered.getStatusCode(), offered.getBody());
        JsonNode offer = json(offered);
        String id = offer.get("uploadId").asText();
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        assertEquals("PUT", offer.get("method").asText());
        assertEquals(Map.of("Content-Length", String.valueOf(pdf.length)), JSON.convertValue(offer.get("headers"), Map.class));
        Instant expires = Instant.parse(offer.get("expiresAt").asText());
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofMinutes(14))) && expires.isBefore(Instant.now().plus(Duration.ofMinutes(16))),
                expires.toString());
        URI url = URI.create(offer.get("url").asText());
        assertTrue(url.getRawPath().endsWith("/uploads/ed_big/" + id), "the key is the uploader's and the id: " + url.getRawPath());
        assertTrue(url.getRawQuery().contains("X-Amz-SignedHeaders=content-length%3Bhost"), url.getRawQuery());

        HttpResponse<String> stored = put(offer, pdf);
        assertEquals(200, stored.statusCode(), stored.body());

        APIGatewayV2HTTPResponse made = take("ed_big", id);
        assertEquals(201, made.getStatusCode(), made.getBody());
        JsonNode draft = json(made);
        assertEquals("/notices/drafts/" + draft.get("draftId").asText(), made.getHeaders().get("Location"));
        assertEquals("PDF", draft.get("format").asText());
        assertEquals(pdf.length, draft.get("fileBytes").asLong());
        assertTrue(draft.get("public").asBoolean(), "an editor's upload is public");
        JsonNode topics = draft.get("notice").get("topics");
        assertEquals(1, topics.size(), topics.toString());
        assertEquals("2027-03-05T16:30:00+08:00", topics.get(0).get("window").get("closes").asText());

        // The same file as a request's body makes the same reading.
        APIGatewayV2HTTPEvent body = as("ed_big", "POST", "/notices", "application/pdf", null);
        body.setBody(java.util.Base64.getEncoder().encodeToString(pdf));
        body.setIsBase64Encoded(true);
        APIGatewayV2HTTPResponse direct = api.handleRequest(body, null);
        assertEquals(201, direct.getStatusCode(), direct.getBody());
        assertEquals(draft.get("notice"), json(direct).get("notice"));

        // The object is gone, and the id is spent: 404, as one never uploaded.
        assertTrue(bucket.read(DirectUploads.PREFIX + "ed_big/" + id, NoticeUploads.MAX_FILE_BYTES).isEmpty());
        assertEquals(404, take("ed_big", id).getStatusCode());
    }

    @Test
    void s3RefusesAPutOfAnotherLength_aChangedSignatureOrSignedHeaders_andANonPresignedOne() throws Exception {
        byte[] file = "关于示例的通知".getBytes(StandardCharsets.UTF_8);
        JsonNode offer = json(offer("org_put", "{\"bytes\": " + file.length + "}"));
        URI url = URI.create(offer.get("url").asText());
        String u = url.toString();

        HttpResponse<String> longer = put(url, java.util.Arrays.copyOf(file, file.length + 1));
        assertEquals(403, longer.statusCode(), longer.body());
        assertTrue(longer.body().contains("SignatureDoesNotMatch"), longer.body());
        // A PUT of 10 MiB + 1 on a URL for a small file (whatever headers it forges, its length is not the signed one).
        HttpResponse<String> huge = put(url, new byte[NoticeUploads.MAX_FILE_BYTES + 1]);
        assertEquals(403, huge.statusCode(), huge.body());
        assertEquals(403, put(url, new byte[0]).statusCode(), "nor shorter");

        String signature = u.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String flipped = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);
        HttpResponse<String> forged = put(URI.create(u.replace(signature, flipped)), file);
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("SignatureDoesNotMatch"), forged.body());
        // Content-Length dropped from the signed headers (so that any length would do): the signature no longer matches.
        HttpResponse<String> unsigned = put(URI.create(u.replace("X-Amz-SignedHeaders=content-length%3Bhost",
                "X-Amz-SignedHeaders=host")), new byte[NoticeUploads.MAX_FILE_BYTES + 1]);
        assertEquals(403, unsigned.statusCode(), unsigned.body());
        // Another key under the same signature (another office's folder): refused.
        HttpResponse<String> elsewhere = put(URI.create(u.replace("/uploads/org_put/", "/uploads/org_other/")), file);
        assertEquals(403, elsewhere.statusCode(), elsewhere.body());
        // No signature at all: the bucket is private.
        HttpResponse<String> anonymous = put(URI.create(u.substring(0, u.indexOf('?'))), file);
        assertEquals(403, anonymous.statusCode(), anonymous.body());

        // None of them stored anything: the upload is still not there.
        assertEquals(404, take("org_put", offer.get("uploadId").asText()).getStatusCode());
    }

    @Test
    void anExpiredUrl_isRefusedByS3() throws Exception {
        DirectUploads shortLived = new DirectUploads(bucket, null, Duration.ofSeconds(1));
        DirectUploads.Offer offer = shortLived.offer("org_late", new DirectUploads.Declared(3, null));
        Instant deadline = offer.expiresAt().plusSeconds(1);
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(Duration.between(Instant.now(), deadline).toMillis() + 1);
        }
        HttpResponse<String> late = put(offer.url(), new byte[3]);
        assertEquals(403, late.statusCode(), late.body());
        assertTrue(late.body().contains("Request has expired"), late.body());
    }

    @Test
    void anotherUploadersId_is404LikeOneThatDoesNotExist_andTheirObjectIsUntouched() throws Exception {
        byte[] text = String.join("\n", "示例市科学技术委员会", "关于组织申报2027年度示例项目的通知",
                "申报截止时间为2027年4月9日17:00。").getBytes(StandardCharsets.UTF_8);
        JsonNode offer = json(offer("org_owner", "{\"bytes\": " + text.length + "}"));
        assertEquals(200, put(offer, text).statusCode());
        String id = offer.get("uploadId").asText();
        long before = drafts();

        APIGatewayV2HTTPResponse foreign = take("org_thief", id);
        APIGatewayV2HTTPResponse editor = take("ed_thief", id);
        APIGatewayV2HTTPResponse none = take("org_thief", "B".repeat(22));
        assertEquals(404, foreign.getStatusCode(), foreign.getBody());
        assertEquals(404, editor.getStatusCode(), editor.getBody());
        assertEquals(none.getBody(), foreign.getBody(), "not told apart from an id that never was");
        for (String bad : List.of("..%2F..%2Forg_owner%2F" + id, "..", id + "x", "%00", "A".repeat(5000))) {
            APIGatewayV2HTTPResponse r = take("org_thief", bad);
            assertEquals(404, r.getStatusCode(), bad + ": " + r.getBody());
        }
        assertEquals(before, drafts(), "nothing stored");

        APIGatewayV2HTTPResponse mine = take("org_owner", id);
        assertEquals(201, mine.getStatusCode(), mine.getBody());
        assertFalse(json(mine).get("public").asBoolean(), "an office's upload is a relay");
        assertEquals("2027-04-09T17:00:00+08:00", json(mine).get("notice").get("topics").get(0).get("window").get("closes").asText());
    }

    @Test
    void anUploadMakesOneDraft_takenFourTimesAtOnce_orPutAgainThroughItsStillValidUrlAfterBeingTaken() throws Exception {
        byte[] text = String.join("\n", "示例市科学技术委员会", "关于组织申报2027年度示例重复项目的通知",
                "申报截止时间为2027年5月7日17:00。").getBytes(StandardCharsets.UTF_8);
        JsonNode offer = json(offer("org_twice", "{\"bytes\": " + text.length + "}"));
        String id = offer.get("uploadId").asText();
        assertEquals(200, put(offer, text).statusCode());
        long before = drafts();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<APIGatewayV2HTTPResponse>> takes = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                takes.add(pool.submit(() -> {
                    start.await();
                    return take("org_twice", id);
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var t : takes) {
                statuses.add(t.get().getStatusCode());
            }
            java.util.Collections.sort(statuses);
            // However the four interleave, one made the draft; the others found it taken (or the object gone).
            assertEquals(List.of(201, 404, 404, 404), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, drafts(), "one draft");
        // The presigned URL is valid for 15 minutes and S3 takes a second PUT; the upload is taken all the same.
        assertEquals(200, put(offer, text).statusCode());
        APIGatewayV2HTTPResponse again = take("org_twice", id);
        assertEquals(404, again.getStatusCode(), again.getBody());
        assertEquals(before + 1, drafts(), "still one draft");
        assertTrue(bucket.read(DirectUploads.PREFIX + "org_twice/" + id, 100).isEmpty(), "the second object deleted too");
    }

    @Test
    void aFileThatMakesNoDraft_getsTheBodyUploadsAnswer_andTheObjectIsGoneAnyway() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        JsonNode offer = json(offer("org_png", "{\"bytes\": " + png.length + ", \"fileName\": \"scan.png\"}"));
        assertEquals(200, put(offer, png).statusCode());
        long before = drafts();
        APIGatewayV2HTTPResponse r = take("org_png", offer.get("uploadId").asText());
        assertEquals(415, r.getStatusCode(), r.getBody());
        APIGatewayV2HTTPEvent body = as("org_png", "POST", "/notices", "image/png", null);
        body.setBody(java.util.Base64.getEncoder().encodeToString(png));
        body.setIsBase64Encoded(true);
        assertEquals(json(api.handleRequest(body, null)), json(r), "the same words as the body upload");
        assertEquals(before, drafts());
        assertTrue(bucket.read(DirectUploads.PREFIX + "org_png/" + offer.get("uploadId").asText(), 100).isEmpty());
    }

    @Test
    void declaredSizesAndBodies_areRefusedBeforeAnyUrl_withTheFieldNamed() {
        APIGatewayV2HTTPResponse over = offer("org_x", "{\"bytes\": " + (NoticeUploads.MAX_FILE_BYTES + 1) + "}");
        assertEquals(413, over.getStatusCode(), over.getBody());
        assertFalse(over.getBody().contains("X-Amz"), "no URL");
        // The body upload's words for a file of that size.
        assertTrue(json(over).get("error").asText().startsWith("a file of " + (NoticeUploads.MAX_FILE_BYTES + 1) + " bytes, over the 10 MiB"),
                over.getBody());
        assertEquals(413, offer("org_x", "{\"bytes\": 100000000000000000000000000000}").getStatusCode());
        record Case(String body, String field) { }
        for (Case c : List.of(new Case("{}", "bytes"), new Case("{\"bytes\": null}", "bytes"), new Case("{\"bytes\": -1}", "bytes"),
                new Case("{\"bytes\": 0}", "bytes"), new Case("{\"bytes\": 1.5}", "bytes"), new Case("{\"bytes\": 1e3}", "bytes"),
                new Case("{\"bytes\": \"10\"}", "bytes"), new Case("{\"bytes\": true}", "bytes"),
                new Case("{\"bytes\": 10, \"fileName\": \"a\\nb\"}", "fileName"),
                new Case("{\"bytes\": 10, \"fileName\": \"" + "a".repeat(256) + "\"}", "fileName"),
                new Case("{\"bytes\": 10, \"fileName\": 7}", "fileName"),
                new Case("{\"bytes\": 10, \"key\": \"../../x\"}", "key"),
                new Case("{\"bytes\": 10, \"bytes\": 11}", "body"), new Case("{\"bytes\": 10} []", "body"),
                new Case("[10]", "body"), new Case("not json", "body"), new Case("", "body"))) {
            APIGatewayV2HTTPResponse r = offer("org_x", c.body());
            assertEquals(400, r.getStatusCode(), c.body() + ": " + r.getBody());
            assertEquals(c.field(), json(r).get("field").asText(), c.body());
        }
        // A file name with ../ is only a name: the key is the uploader's and a random id.
        JsonNode named = json(offer("org_x", "{\"bytes\": 10, \"fileName\": \"../../org_y/evil.pdf\"}"));
        assertTrue(URI.create(named.get("url").asText()).getRawPath().matches(".*/uploads/org_x/[A-Za-z0-9_-]{22}"),
                named.get("url").asText());
    }

    @Test
    void theUploadPage_mayConnectToTheBucketsOrigin_andNoOtherPageMay() {
        String origin = LocalS3.standIn().endpoint();
        WebHandler web = new WebHandler(stack.wiring(), LocalS3.uploads());
        String review = web.handleRequest(Routes.event("GET", "/review", Map.of(), null), null).getHeaders().get("Content-Security-Policy");
        assertTrue(review.contains("connect-src 'self' " + origin + ";"), review);
        for (String other : List.of("/", "/office", "/review/" + "A".repeat(22))) {
            String csp = web.handleRequest(Routes.event("GET", other, Map.of(), null), null).getHeaders().get("Content-Security-Policy");
            assertTrue(csp.contains("connect-src 'self';"), other + ": " + csp);
        }
        String without = new WebHandler(stack.wiring()).handleRequest(Routes.event("GET", "/review", Map.of(), null), null)
                .getHeaders().get("Content-Security-Policy");
        assertTrue(without.contains("connect-src 'self';"), without);
    }

    @Test
    void otherMethodsAndTypes_get405And415_neverA500() {
        APIGatewayV2HTTPResponse get = api.handleRequest(as("org_x", "GET", "/notices/uploads", null, null), null);
        assertEquals(405, get.getStatusCode(), get.getBody());
        assertEquals("POST", get.getHeaders().get("Allow"));
        APIGatewayV2HTTPResponse put = api.handleRequest(as("org_x", "PUT", "/notices/uploads/" + "A".repeat(22),
                "application/pdf", "x"), null);
        assertEquals(405, put.getStatusCode(), put.getBody());
        assertEquals("POST", put.getHeaders().get("Allow"));
        APIGatewayV2HTTPResponse text = api.handleRequest(as("org_x", "POST", "/notices/uploads", "text/plain", "{\"bytes\": 1}"), null);
        assertEquals(415, text.getStatusCode(), text.getBody());
        APIGatewayV2HTTPResponse pdf = api.handleRequest(as("org_x", "POST", "/notices/uploads", "application/pdf", "%PDF-1.7"), null);
        assertEquals(415, pdf.getStatusCode(), pdf.getBody());
        APIGatewayV2HTTPResponse big = offer("org_x", "{\"bytes\": 10, \"fileName\": \"" + "a".repeat(5000) + "\"}");
        assertEquals(413, big.getStatusCode(), big.getBody());
        APIGatewayV2HTTPResponse year = api.handleRequest(as("org_x", "POST", "/notices/uploads/" + "A".repeat(22) + "?year=1", null, null), null);
        assertEquals(400, year.getStatusCode(), year.getBody());
        // No key: 401 (API Gateway answers first when deployed).
        APIGatewayV2HTTPEvent anonymous = Routes.event("POST", "/notices/uploads", Map.of("content-type", "application/json"), "{\"bytes\": 1}");
        assertEquals(401, api.handleRequest(anonymous, null).getStatusCode());
        // The sample events (events/): an office's offer for a 7 MiB file, and an upload id never uploaded.
        APIGatewayV2HTTPResponse sample = api.handleRequest(cutoff.testing.Project.event("notice-upload-offer.json"), null);
        assertEquals(201, sample.getStatusCode(), sample.getBody());
        assertEquals("7340032", json(sample).get("headers").get("Content-Length").asText());
        assertEquals(404, api.handleRequest(cutoff.testing.Project.event("notice-upload-taken.json"), null).getStatusCode());
        // A service without a bucket says so.
        APIGatewayV2HTTPResponse none = new NoticeUploadHandler(stack.wiring()).handleRequest(
                as("org_x", "POST", "/notices/uploads", "application/json", "{\"bytes\": 10}"), null);
        assertEquals(501, none.getStatusCode(), none.getBody());
    }
}
