package cutoff.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import cutoff.app.Wiring;
import cutoff.draft.NoticeDraft;
import cutoff.http.Forms;
import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.http.Json;
import cutoff.logging.JsonLog;
import cutoff.notice.NoticeJson;
import cutoff.ingest.Ingestion;
import cutoff.ingest.Withdrawal;
import cutoff.store.AuditStore;
import cutoff.store.DraftStore;
import cutoff.store.IngestResult;
import cutoff.app.Config;
import cutoff.upload.DirectUploads;
import cutoff.upload.NoticeUploads;
import cutoff.upload.UploadBucket;
import cutoff.upload.UploadRefused;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notices in through the service (issue 19; API Gateway HTTP API, payload 2.0; {@code ANY} routes, so this answers
 * 405 itself), behind {@code Authorization: Bearer <key>} of a research office or an editor (the OfficeKey authorizer,
 * as the office routes; an office's upload is a relay for its staff, an editor's a public notice):
 * <ul>
 *   <li>{@code POST /notices}: the notice file as the body (PDF, DOCX, DOC, HTML or text, told apart by content,
 *       whatever the {@code Content-Type}; at most {@value NoticeUploads#MAX_FILE_BYTES} bytes), {@code ?year=} for
 *       year-less dates when the notice has no signature date. {@code 201} with {@code Location} and the draft
 *       (below). Nothing is published: a draft is in no feed, page or email.</li>
 *   <li>{@code GET /notices/drafts/{draftId}}: the uploader's draft; anyone else's, or none, is {@code 404}.</li>
 *   <li>{@code PUT /notices/drafts/{draftId}}: the corrected reading ({@code application/json}: the draft's {@code
 *       notice} as changed, at most 1 MiB); {@code 200} and the draft, what differs recorded in {@code setByPerson}
 *       (JSON Pointers). {@code 400} for JSON that is no notice (with line and column), {@code 422} for another
 *       notice's reading (its id differs).</li>
 *   <li>{@code POST /notices/drafts/{draftId}/publish}: an editor's draft published as a public notice, the path
 *       {@code ./cutoff ingest} takes (feeds, follow rules, reminders, change emails): {@code 200 {"noticeId",
 *       "added", "moved", "updated", "withdrawn", "unchanged", "remindersPlanned", "followersGivenTopics"}}.
 *       {@code 409} while readings wait for review ({@code "reasons"}: a list, one reading each), {@code 422} for a topic
 *       without a cutoff.
 *       <p>An office's draft is a relay, published to that office's active staff only ({@link cutoff.upload.Relays}):
 *       {@code 200 {"noticeId" (the relay's own id, r…, or the public notice's when attached), "draftId", "relay": true,
 *       "attachedTo" (the public notice id the office's dates were attached to, or null: stored for the office alone),
 *       "staff" (the office's active staff it is for), "staffGivenTopics" (those given its topics now),
 *       "internalDeadlines" [{"topicId", "at" (ISO-8601, +08:00), "source": "relay"|"override"|"rule"}], "added",
 *       "moved", "updated", "withdrawn", "unchanged" (the relay's deadlines stored; 0 when attached),
 *       "remindersPlanned", "staffTold" (staff sent a change email for a moved internal deadline)}}. {@code 422} (with
 *       {@code "reasons"}) for a topic without a cutoff or without the office's date (a RELAY deadline in the topic,
 *       else the office's override or rule), a date not before the cutoff or in the past, or a topic the public call
 *       does not have; {@code 409} as above.</li>
 *   <li>{@code POST /notices/uploads} and {@code POST /notices/uploads/{uploadId}}: a file over a request body's
 *       deployed limit (about 4.4 MiB) uploaded straight to S3 ({@link DirectUploads}): a presigned PUT of exactly the
 *       declared size ({@link #offer}), then the draft made of it as {@code POST /notices} makes one, the same answers;
 *       another uploader's id, or one not uploaded, {@code 404}.</li>
 *   <li>{@code POST /notices/{noticeId}/withdraw}: a published notice withdrawn by an editor (its events CANCELLED,
 *       subscribers told; {@link #withdraw}), or a research office's own relay by that office (its staff told):
 *       {@code 200 {"noticeId", "withdrawn", "changeEmails", "alreadyWithdrawn"}}.</li>
 * </ul>
 * A draft's JSON: {@code {"draftId", "public" (an editor's upload; an office's is a relay), "uploadedAt" (UTC), "format", "fileBytes", "notice" (the reading, each date
 * with its {@code source} evidence and {@code confidence}), "missing" [what was not read], "review" [the readings to
 * confirm, with reasons], "setByPerson" [JSON Pointers into "notice" of what a person set], "revision" (for an editor's draft of a notice
 * already published: {"added", "moved", "updated", "withdrawn"} UIDs and "changeEmails", the people a publication would
 * tell of a move or a withdrawal; null otherwise), "record" [{"at", "action", "by", "draftId",
 * "detail"}: who uploaded, corrected and published the notice, and when, as the asker may see it], "text" (the notice text the
 * evidence points into)}}.
 *
 * <p>Errors are JSON {@code {"error", "field"}}: 401 without a key the authorizer vouched for; 404; 405 with
 * {@code Allow}; 400 for a bad {@code year}; 413 over the size limit; 415 for a format not read here (an image, a
 * spreadsheet, a scan: "needs OCR first"), naming it; 422 for a file that does not open or holds no notice, saying
 * why. A refused upload stores nothing.
 */
public final class NoticeUploadHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final String NOTICES = Routes.NOTICES.get(0);
    private static final String DRAFT = Routes.NOTICES.get(1);
    private static final String PUBLISH = Routes.NOTICES.get(2);
    private static final String UPLOADS = Routes.NOTICES.get(3);
    private static final String UPLOAD = Routes.NOTICES.get(4);
    private static final String WITHDRAW = Routes.NOTICES.get(5);
    /** The largest {@code POST /notices/uploads} body taken: 4 KiB of JSON ({@code {"bytes", "fileName"}}). */
    static final int MAX_UPLOAD_REQUEST_BYTES = 4 * 1024;
    /** The largest withdrawal body taken: 4 KiB of JSON (a reason is at most {@value Withdrawal#MAX_REASON} characters). */
    static final int MAX_WITHDRAWAL_BYTES = 4 * 1024;

    /** The largest corrected reading taken: 1 MiB of JSON (a reading is a few KiB). */
    static final int MAX_READING_BYTES = 1024 * 1024;

    private final NoticeUploads uploads;
    private final Withdrawal withdrawal;
    private final cutoff.dispatch.ChatPosts chat;
    private final DirectUploads direct;

    /** Lambda's constructor: parts from the environment, once per container. */
    public NoticeUploadHandler() {
        this(installLog(), Config.Uploads.fromEnvironment());
    }

    private static Wiring installLog() {
        JsonLog.install();
        return Wiring.fromEnvironment();
    }

    /** Without direct uploads: {@code POST /notices/uploads} answers 501. */
    public NoticeUploadHandler(Wiring wiring) {
        this(wiring, (UploadBucket) null);
    }

    /**
     * @param bucket where files too large for a request body are uploaded ({@link DirectUploads}); {@code null} or
     *               without a bucket: none here ({@code POST /notices/uploads} answers 501)
     */
    public NoticeUploadHandler(Wiring wiring, Config.Uploads bucket) {
        this(wiring, bucket == null || bucket.bucket() == null ? null
                : UploadBucket.of(bucket.bucket(), bucket.region(), bucket.s3Endpoint()));
    }

    /** @param bucket as above, through its clients ({@code null}: none) */
    public NoticeUploadHandler(Wiring wiring, UploadBucket bucket) {
        this(uploads(wiring), wiring.withdrawal(), wiring.chatPosts(), bucket);
    }

    private NoticeUploadHandler(NoticeUploads uploads, Withdrawal withdrawal, cutoff.dispatch.ChatPosts chat, UploadBucket bucket) {
        this(uploads, withdrawal, chat, bucket == null ? null : new DirectUploads(bucket, uploads));
    }

    private static NoticeUploads uploads(Wiring wiring) {
        return new NoticeUploads(new DraftStore(wiring.dynamo(), wiring.config().requireTable()),
                new AuditStore(wiring.dynamo(), wiring.config().requireTable()), wiring.clock(), wiring.ingestion(),
                wiring.notices()::notice, wiring.subscribers(), relays(wiring));
    }

    /** A research office's relays ({@link cutoff.upload.Relays}) over the function's parts. */
    private static cutoff.upload.Relays relays(Wiring w) {
        String table = w.config().requireTable();
        return new cutoff.upload.Relays(w.notices(), new cutoff.store.RelayStore(w.dynamo(), table, w.clock(), w.notices()),
                w.officeStore(), w.staffStore(), w.subscribers(), w.follows(), w.relayedTopics(), w.choices(), w.planner(),
                w.followedTopics(), w.internalDeadlines(),
                w.internalStore(), w.clock());
    }

    /** Without withdrawing: {@code POST /notices/{noticeId}/withdraw} answers 404. */
    public NoticeUploadHandler(NoticeUploads uploads) {
        this(uploads, null);
    }

    /** @param withdrawal what withdrawing a published notice runs ({@link Wiring#withdrawal()}) */
    public NoticeUploadHandler(NoticeUploads uploads, Withdrawal withdrawal) {
        this(uploads, withdrawal, null, (DirectUploads) null);
    }

    /**
     * @param chat   research offices' group chats: a relay published or withdrawn queues its posts there
     *               ({@link cutoff.dispatch.ChatPosts}); {@code null} for none
     * @param direct files uploaded straight to S3 ({@link DirectUploads} over {@code uploads}); {@code null}: none
     */
    public NoticeUploadHandler(NoticeUploads uploads, Withdrawal withdrawal, cutoff.dispatch.ChatPosts chat, DirectUploads direct) {
        this.uploads = uploads;
        this.withdrawal = withdrawal;
        this.chat = chat;
        this.direct = direct;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            return Http.forMethod(event, answer(event));
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent e) {
        try {
            return route(e);
        } catch (HttpProblem p) {
            return Http.json(p);
        }
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent e) throws HttpProblem {
        String route = Http.route(e);
        if (!Routes.NOTICES.contains(route)) {
            throw new HttpProblem(404, "path", "no such route");
        }
        // An office's upload is a relay for its staff; an editor's is public (issue 19). Either way only its owner reads it.
        String office = OfficeAuthorizer.vouchedOfficeId(e);
        String owner = office != null ? office : OfficeAuthorizer.vouchedEditorId(e);
        if (owner == null) {
            throw new HttpProblem(401, "authorization", "send an office's or an editor's key as Authorization: Bearer <key>",
                    Map.of("WWW-Authenticate", "Bearer realm=\"cutoff\""), Map.of());
        }
        if (route.equals(NOTICES)) {
            Http.allowExactly(e, "POST");
            Integer year = year(e);
            String type = Http.mediaType(e); // a Content-Encoding other than identity: 415, the file is read as sent
            if (type.startsWith("multipart/")) {
                throw Http.unsupportedType(type, "the notice file itself as the body (curl --data-binary @notice.pdf),"
                        + " not a form's envelope around it");
            }
            byte[] file = Http.bytes(e, NoticeUploads.MAX_FILE_BYTES, NoticeUploads.MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            try {
                NoticeDraft draft = uploads.upload(owner, file, year);
                return draftResponse(201, draft, uploads.record(owner, draft), Map.of("Location", "/notices/drafts/" + draft.id()));
            } catch (UploadRefused refused) {
                throw new HttpProblem(status(refused.kind()), "body", refused.getMessage());
            }
        }
        if (route.equals(UPLOADS)) {
            Http.allowExactly(e, "POST");
            return offer(owner, e);
        }
        if (route.equals(UPLOAD)) {
            Http.allowExactly(e, "POST");
            Integer year = year(e);
            if (direct == null) {
                throw notHere();
            }
            try {
                NoticeDraft draft = direct.take(owner, Http.pathParameter(e, "uploadId"), year)
                        .orElseThrow(() -> new HttpProblem(404, "uploadId", "no such upload: not uploaded yet, taken"
                                + " already, or expired (ask POST /notices/uploads for another)"));
                return draftResponse(201, draft, uploads.record(owner, draft), Map.of("Location", "/notices/drafts/" + draft.id()));
            } catch (UploadRefused refused) {
                throw new HttpProblem(status(refused.kind()), "body", refused.getMessage());
            }
        }
        if (route.equals(PUBLISH)) {
            Http.allowExactly(e, "POST");
            return office != null ? publishRelay(office, Http.pathParameter(e, "draftId"))
                    : publish(owner, Http.pathParameter(e, "draftId"));
        }
        if (route.equals(WITHDRAW)) {
            Http.allowExactly(e, "POST");
            return withdraw(owner, Http.pathParameter(e, "noticeId"), e);
        }
        Http.allow(e, "GET", "PUT");
        if (Http.method(e).equals("PUT")) {
            String type = Http.mediaType(e);
            if (!type.equals("application/json")) {
                throw Http.unsupportedType(type, "the corrected reading as application/json");
            }
            byte[] json = Http.body(e, MAX_READING_BYTES, MAX_READING_BYTES / 1024 + " KiB").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                NoticeDraft corrected = uploads.correct(owner, Http.pathParameter(e, "draftId"), json)
                        .orElseThrow(() -> new HttpProblem(404, "draftId", "no such draft"));
                return draftResponse(200, corrected, uploads.record(owner, corrected), Map.of());
            } catch (NoticeUploads.BadReading bad) {
                int status = switch (bad.kind()) {
                    case MALFORMED -> 400;
                    case TOO_LARGE -> 413;
                    case OTHER_NOTICE, TOPICS_CHANGED -> 422;
                };
                throw new HttpProblem(status, "body", bad.getMessage());
            }
        }
        NoticeDraft draft = uploads.draft(owner, Http.pathParameter(e, "draftId"))
                .orElseThrow(() -> new HttpProblem(404, "draftId", "no such draft"));
        return draftResponse(200, draft, uploads.record(owner, draft), Map.of());
    }

    /**
     * {@code POST /notices/uploads} ({@code application/json} {@code {"bytes": N, "fileName": "…"}}): where to PUT a
     * file of N bytes. {@code 201 {"uploadId", "url", "method": "PUT", "headers" (to send with the PUT: its signed
     * Content-Length), "expiresAt" (UTC), "maxBytes"}}; {@code 413} for N over the limit (the body upload's words),
     * {@code 400} naming the field, {@code 415} for another type, {@code 501} where there is no bucket.
     */
    private APIGatewayV2HTTPResponse offer(String owner, APIGatewayV2HTTPEvent e) throws HttpProblem {
        String type = Http.mediaType(e);
        if (!type.equals("application/json")) {
            throw Http.unsupportedType(type, "{\"bytes\": N, \"fileName\": \"…\"} as application/json (the file itself"
                    + " goes to the URL this answers with)");
        }
        byte[] json = Http.bytes(e, MAX_UPLOAD_REQUEST_BYTES, MAX_UPLOAD_REQUEST_BYTES / 1024 + " KiB");
        DirectUploads.Declared declared;
        try {
            declared = DirectUploads.parse(json);
        } catch (DirectUploads.BadRequest bad) {
            throw new HttpProblem(400, bad.field(), bad.getMessage());
        } catch (UploadRefused refused) {
            throw new HttpProblem(status(refused.kind()), "bytes", refused.getMessage());
        }
        if (direct == null) {
            throw notHere();
        }
        DirectUploads.Offer offer = direct.offer(owner, declared);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("uploadId", offer.uploadId());
        answer.put("url", offer.url().toString());
        answer.put("method", "PUT");
        answer.put("headers", offer.headers());
        answer.put("expiresAt", offer.expiresAt().toString());
        answer.put("maxBytes", NoticeUploads.MAX_FILE_BYTES);
        return Http.respond(201, "application/json", Json.write(answer),
                Map.of("Cache-Control", "no-store", "Location", "/notices/uploads/" + offer.uploadId()));
    }

    private static HttpProblem notHere() {
        return new HttpProblem(501, "path", "this service takes no direct uploads (it has no upload bucket): send the file"
                + " as the body of POST /notices");
    }

    private APIGatewayV2HTTPResponse publish(String owner, String draftId) throws HttpProblem {
        Ingestion.Outcome outcome;
        try {
            outcome = uploads.publish(owner, draftId).orElseThrow(() -> new HttpProblem(404, "draftId", "no such draft"));
        } catch (NoticeUploads.NotPublished refused) {
            return refusal(refused);
        }
        IngestResult r = outcome.result();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("noticeId", r.noticeId());
        answer.put("draftId", draftId);
        putCounts(answer, r);
        answer.put("remindersPlanned", outcome.plan().planned() + outcome.follow().remindersPlanned());
        answer.put("followersGivenTopics", outcome.follow().followers());
        return Http.respond(200, "application/json", Json.write(answer), Map.of("Cache-Control", "no-store"));
    }

    /** A research office's relay published to its staff ({@link NoticeUploads#publishRelay}); the answer is in the class comment. */
    private APIGatewayV2HTTPResponse publishRelay(String office, String draftId) throws HttpProblem {
        cutoff.upload.Relays.Published p;
        try {
            p = uploads.publishRelay(office, draftId).orElseThrow(() -> new HttpProblem(404, "draftId", "no such draft"));
        } catch (NoticeUploads.NotPublished refused) {
            return refusal(refused);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("noticeId", p.noticeId());
        answer.put("draftId", draftId);
        answer.put("relay", true);
        answer.put("attachedTo", p.attachedTo());
        answer.put("staff", p.staff());
        answer.put("staffGivenTopics", p.staffGivenTopics());
        answer.put("internalDeadlines", p.internalDeadlines().stream().map(d -> {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("topicId", d.topicId());
            item.put("at", cutoff.office.InternalDeadline.iso(d.at()));
            item.put("source", d.source());
            return item;
        }).toList());
        IngestResult r = p.result();
        putCounts(answer, r);
        if (chat != null) {
            Map<String, java.time.Instant> dates = new LinkedHashMap<>();
            p.internalDeadlines().forEach(d -> dates.put(d.topicId(), d.at()));
            answer.put("chatPostsQueued", chatSafely(() -> chat.relayPublished(office, p.noticeId(), dates)));
        }
        answer.put("remindersPlanned", p.remindersPlanned());
        answer.put("staffTold", p.staffTold());
        return Http.respond(200, "application/json", Json.write(answer), Map.of("Cache-Control", "no-store"));
    }

    /**
     * What a publication stored, as counts of deadlines: {@code "added", "moved", "updated", "withdrawn", "unchanged"};
     * all 0 for {@code null} (a relay attached to a public call stores nothing of its own).
     */
    private static void putCounts(Map<String, Object> answer, IngestResult r) {
        answer.put("added", r == null ? 0 : r.added().size());
        answer.put("moved", r == null ? 0 : r.moved().size());
        answer.put("updated", r == null ? 0 : r.updated().size());
        answer.put("withdrawn", r == null ? 0 : r.cancelled().size());
        answer.put("unchanged", r == null ? 0 : r.unchanged());
    }

    /** A refused publication: {@code {"error", "field": "draftId", "reasons": [one per reading or topic]}}. */
    private static APIGatewayV2HTTPResponse refusal(NoticeUploads.NotPublished refused) throws HttpProblem {
        int status = status(refused.kind());
        if (refused.lines().isEmpty()) {
            throw new HttpProblem(status, "draftId", refused.getMessage());
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("error", refused.getMessage());
        problem.put("field", "draftId");
        problem.put("reasons", refused.lines());
        return Http.respond(status, "application/json", Json.write(problem), Map.of("Cache-Control", "no-store"));
    }

    /** A refused publication's status: 409 under review or beaten by another, 422 incomplete, 501 a relay not published here. */
    static int status(NoticeUploads.NotPublished.Kind kind) {
        return switch (kind) {
            case UNDER_REVIEW, CONCURRENT -> 409;
            case INCOMPLETE -> 422;
            case RELAY -> 501;
        };
    }

    /**
     * {@code POST /notices/{noticeId}/withdraw}: a published notice withdrawn ({@link Withdrawal}), with an optional
     * {@code application/json} body {@code {"reason": "…"}} (one line, at most {@value Withdrawal#MAX_REASON}
     * characters; shown in the email and the record). {@code 200 {"noticeId", "withdrawn", "changeEmails",
     * "alreadyWithdrawn"}}; again: {@code 200}, {@code "alreadyWithdrawn": true}, nothing written or sent. {@code 404}
     * for a notice that is not there or not the asker's to withdraw ({@link #mayWithdraw}), {@code 400} for a body that
     * is not such JSON or a reason refused, {@code 409} when an ingest or another withdrawal of the notice wrote first
     * (nothing of this one written), {@code 415} for a body of another type.
     */
    private APIGatewayV2HTTPResponse withdraw(String owner, String noticeId, APIGatewayV2HTTPEvent e) throws HttpProblem {
        String reason = null;
        String body = Http.body(e, MAX_WITHDRAWAL_BYTES, MAX_WITHDRAWAL_BYTES / 1024 + " KiB");
        if (!body.isBlank()) {
            String type = Http.mediaType(e);
            if (!type.equals("application/json")) {
                throw Http.unsupportedType(type, "no body, or {\"reason\": \"…\"} as application/json");
            }
            com.fasterxml.jackson.databind.JsonNode json;
            try {
                json = NoticeJson.mapper().readTree(body);
            } catch (JsonProcessingException bad) {
                throw new HttpProblem(400, "body", DirectUploads.notJson(bad, "{\"reason\": \"…\"}, or nothing"));
            }
            if (json == null || !json.isObject() || json.size() > 1 || (json.size() == 1 && !json.has("reason"))
                    || (json.has("reason") && !json.get("reason").isTextual() && !json.get("reason").isNull())) {
                throw new HttpProblem(400, "body", "the body is {\"reason\": \"…\"} (a string), or nothing");
            }
            reason = json.has("reason") && json.get("reason").isTextual() ? json.get("reason").asText() : null;
        }
        try {
            reason = Withdrawal.reason(reason);
        } catch (Withdrawal.BadReason bad) {
            throw new HttpProblem(400, "reason", bad.getMessage());
        }
        if (withdrawal == null) {
            throw new HttpProblem(404, "noticeId", "no such notice");
        }
        Withdrawal.Outcome done;
        try {
            done = withdrawal.withdraw(noticeId, owner, reason, stored -> mayWithdraw(owner, stored))
                    .orElseThrow(() -> new HttpProblem(404, "noticeId", "no such notice"));
        } catch (cutoff.store.ConcurrentIngestException raced) {
            throw new HttpProblem(409, "noticeId", "the notice was being published or withdrawn by another request at the"
                    + " same moment, which went first; nothing of this withdrawal was written: look at the notice, then"
                    + " withdraw it again if it is still wanted");
        }
        if (chat != null && !done.alreadyWithdrawn()) {
            String why = reason;
            chatSafely(() -> chat.relayWithdrawn(owner, noticeId, why));
        }
        return Http.respond(200, "application/json", Json.write(done.answer()), Map.of("Cache-Control", "no-store"));
    }

    /**
     * Queues group-chat posts after what they tell of is done: a failure to queue them (the table throttled, say) is
     * logged and answered as 0 queued, never a 500 for a publication or withdrawal that stands.
     */
    private static int chatSafely(java.util.function.IntSupplier queue) {
        try {
            return queue.getAsInt();
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(NoticeUploadHandler.class.getName()).warning(
                    "group-chat posts not queued: " + e.getClass().getSimpleName());
            return 0;
        }
    }

    /**
     * Who may withdraw a published notice: an editor, a public one; a research office, its own relay of a call that is
     * not public ({@link cutoff.notice.NoticeIds#isRelayOf}: its staff are told, as a public notice's subscribers are).
     * Anyone else gets {@code 404}, as for a notice that is not there: an editor asking for an office's relay, an office
     * asking for a public notice (its date on a public call is its internal deadline, removed on the office API) or for
     * another office's relay.
     */
    static boolean mayWithdraw(String owner, cutoff.store.NoticeStore.StoredNotice notice) {
        String id = notice.notice().id();
        return owner.startsWith("ed_") ? !cutoff.notice.NoticeIds.isRelay(id) : cutoff.notice.NoticeIds.isRelayOf(id, owner);
    }

    /** The status of a refused upload (issue 19): 413 too large, 415 a format not read here, 422 no notice read. */
    static int status(UploadRefused.Kind kind) {
        return switch (kind) {
            case TOO_LARGE -> 413;
            case UNSUPPORTED_FORMAT -> 415;
            case UNREADABLE, NOT_A_NOTICE -> 422;
        };
    }

    private static Integer year(APIGatewayV2HTTPEvent e) throws HttpProblem {
        String year = Forms.first(Forms.query(e), "year");
        if (year == null || year.isEmpty()) {
            return null;
        }
        if (!year.matches("(19|20)\\d\\d")) {
            throw new HttpProblem(400, "year", "year is the notice's year, 1900 to 2099 (such as 2026), not "
                    + (year.length() > 20 ? year.substring(0, 20) + "…" : year));
        }
        return Integer.valueOf(year);
    }

    private APIGatewayV2HTTPResponse draftResponse(int status, NoticeDraft draft, List<AuditStore.Entry> record,
                                                   Map<String, String> extra) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("draftId", draft.id());
        answer.put("public", draft.isPublic());
        answer.put("uploadedAt", draft.uploadedAt().toString());
        answer.put("format", draft.format());
        answer.put("fileBytes", draft.fileBytes());
        answer.put("notice", draft.notice());
        answer.put("missing", draft.missing());
        answer.put("review", draft.review());
        answer.put("setByPerson", draft.setByPerson());
        answer.put("revision", uploads.revision(draft).orElse(null));
        answer.put("record", record.stream().map(e -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("at", e.at().toString());
            entry.put("action", e.action());
            entry.put("by", e.by());
            entry.put("draftId", e.draftId());
            entry.put("detail", e.detail());
            return entry;
        }).toList());
        answer.put("text", draft.text());
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Cache-Control", "no-store");
        try {
            return Http.respond(status, "application/json", NoticeJson.mapper().writeValueAsString(answer), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a draft's JSON", e);
        }
    }
}
