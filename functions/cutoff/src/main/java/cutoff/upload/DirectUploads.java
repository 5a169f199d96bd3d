package cutoff.upload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.draft.NoticeDraft;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Notice files uploaded straight to S3 (issue 19: the full {@value NoticeUploads#MAX_FILE_BYTES} bytes when deployed,
 * where API Gateway and Lambda take a request body of about 4.4 MiB at most): the uploader declares the file's size
 * ({@link #offer}: {@code POST /notices/uploads}), PUTs it to a presigned URL that takes exactly that many bytes, then
 * asks for the draft ({@link #take}: {@code POST /notices/uploads/{uploadId}}), which reads the object and runs
 * {@link NoticeUploads#upload} on it, exactly as a file sent as the request body.
 *
 * <p>The object's key is {@code uploads/<uploader's id>/<uploadId>}: the uploader's id comes from their key, never
 * from the request, so another uploader's upload id names an object that is not there (the two are not told apart),
 * and the file name a client declares is never part of a key. The object is deleted once taken, whatever the outcome;
 * one never taken (or whose deletion failed: logged) goes with the bucket's lifecycle rule (a day).
 */
public final class DirectUploads {
    /** The prefix of every uploaded object (the role's permissions and the lifecycle rule are on it). */
    public static final String PREFIX = "uploads/";
    /** How long a presigned URL is valid: 15 minutes, long enough for 10 MiB on a slow line. */
    public static final Duration VALID = Duration.ofMinutes(15);
    /** The longest file name taken ({@link Declared#fileName()}). */
    static final int MAX_FILE_NAME = 255;

    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DirectUploads.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final UploadBucket bucket;
    private final NoticeUploads uploads;
    private final Duration valid;

    /** @param uploads what a taken file runs through: the body upload's own path */
    public DirectUploads(UploadBucket bucket, NoticeUploads uploads) {
        this(bucket, uploads, VALID);
    }

    /** @param valid how long a presigned URL is valid (tests: a short one, to see it expire) */
    public DirectUploads(UploadBucket bucket, NoticeUploads uploads, Duration valid) {
        this.bucket = bucket;
        this.uploads = uploads;
        this.valid = valid;
    }

    /**
     * A request to upload: {@code {"bytes": N, "fileName": "…"}}.
     *
     * @param bytes    the file's exact size in bytes, 1 or more (what S3 will take, no other)
     * @param fileName the file's name as the client knows it, or {@code null}: only checked (at most {@value
     *                 #MAX_FILE_NAME} characters, no control characters), never part of the object's key
     */
    public record Declared(long bytes, String fileName) {
    }

    /** A request that is not {@link Declared}: the field and why, for a {@code 400}. */
    public static final class BadRequest extends Exception {
        private final String field;

        BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        /** {@code body}, {@code bytes}, {@code fileName} or the unknown field's name. */
        public String field() {
            return field;
        }
    }

    /**
     * Reads an upload request (UTF-8 JSON).
     *
     * @throws BadRequest not JSON, not an object, a field named twice or not known, {@code bytes} missing or not a whole
     *                    number of 1 or more, {@code fileName} not a short one-line string
     * @throws UploadRefused {@code bytes} over {@link NoticeUploads#MAX_FILE_BYTES} (a 413 in the body upload's words)
     */
    public static Declared parse(byte[] json) throws BadRequest, UploadRefused {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadRequest("body", notJson(e));
        } catch (java.io.IOException e) {
            throw new BadRequest("body", "the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("body", "the body is {\"bytes\": <the file's size in bytes>, \"fileName\": \"…\"}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("bytes") && !name.equals("fileName")) {
                throw new BadRequest(name.length() > 40 ? name.substring(0, 40) + "…" : name,
                        "no such field: the body is {\"bytes\": N, \"fileName\": \"…\"}");
            }
        }
        JsonNode bytes = node.get("bytes");
        if (bytes == null || bytes.isNull()) {
            throw new BadRequest("bytes", "bytes is missing: the file's size in bytes, a whole number of 1 or more");
        }
        if (!bytes.isIntegralNumber() || bytes.bigIntegerValue().signum() <= 0) {
            throw new BadRequest("bytes", "bytes is the file's size in bytes, a whole number of 1 or more, not "
                    + clip(bytes.toString()));
        }
        if (!bytes.canConvertToLong() || bytes.longValue() > NoticeUploads.MAX_FILE_BYTES) {
            throw NoticeUploads.tooLarge(clip(bytes.bigIntegerValue().toString()));
        }
        JsonNode name = node.get("fileName");
        String fileName = null;
        if (name != null && !name.isNull()) {
            if (!name.isTextual() || name.asText().isEmpty() || name.asText().length() > MAX_FILE_NAME
                    || name.asText().codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
                throw new BadRequest("fileName", "fileName is the file's name, one line of 1 to " + MAX_FILE_NAME
                        + " characters, or left out");
            }
            fileName = name.asText();
        }
        return new Declared(bytes.longValue(), fileName);
    }

    /**
     * Why a body does not parse, in words, with its line and column: the parser's own message names its classes and
     * settings ({@code DeserializationFeature…}), which are no business of a client's.
     */
    static String notJson(JsonProcessingException e) {
        return notJson(e, "{\"bytes\": N, \"fileName\": \"…\"}");
    }

    /**
     * As above for any of the upload routes' small JSON bodies (a withdrawal's {@code {"reason"}} too).
     *
     * @param shape the body the route takes, as the sentence ends ({@code it is <shape>})
     */
    public static String notJson(JsonProcessingException e, String shape) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String why = m.startsWith("Duplicate field") ? "a field is named twice"
                : m.startsWith("Trailing token") ? "something follows the object"
                : m.contains("nesting depth") || m.contains("NestingDepth") ? "it is nested too deeply"
                : m.contains("end-of-input") ? "it ends too early"
                : m.contains("CTRL-CHAR") ? "a string holds a control character; escape it (\\u0001)"
                : "a character there is not JSON";
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return "the body is not JSON: " + why + where + "; it is " + shape;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /**
     * Where to PUT the file: a presigned URL for exactly {@code declared.bytes()} bytes, valid for {@link #VALID}.
     *
     * @param uploadId 22 base64url characters (128 random bits), for {@link #take}
     * @param url      the presigned URL
     * @param headers  the headers the PUT must carry ({@code Content-Length}: the declared size)
     * @param expiresAt when the URL stops working (UTC)
     */
    public record Offer(String uploadId, URI url, Map<String, String> headers, Instant expiresAt) {
    }

    /** A presigned PUT for the uploader ({@code owner}: the office's or editor's id, from their key). */
    public Offer offer(String owner, Declared declared) {
        String id = newId();
        UploadBucket.PresignedPut put = bucket.presignPut(key(owner, id), declared.bytes(), valid);
        return new Offer(id, put.url(), put.headers(), put.expiresAt());
    }

    /**
     * The uploaded file read into a draft, exactly as {@link NoticeUploads#upload} reads a request's body; the object is
     * deleted whatever the outcome.
     *
     * @param year as {@link NoticeUploads#upload}'s
     * @return the draft, whose id is {@code uploadId}; empty when the uploader has no such upload: never made, not yet PUT,
     *         taken already (a draft of that id is there: taken at the same moment, or PUT again after being taken), gone
     *         with the lifecycle rule, another uploader's, or an id that is no upload id (none are told apart)
     * @throws UploadRefused as {@link NoticeUploads#upload} refuses a file (an object over the limit: 413 with its size)
     */
    public Optional<NoticeDraft> take(String owner, String uploadId, Integer year) throws UploadRefused {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            return Optional.empty();
        }
        String key = key(owner, uploadId);
        try {
            Optional<byte[]> file;
            try {
                file = bucket.read(key, NoticeUploads.MAX_FILE_BYTES);
            } catch (UploadBucket.TooLarge large) {
                throw NoticeUploads.tooLarge(large.bytes());
            }
            if (file.isEmpty()) {
                return Optional.empty();
            }
            // The draft's id is the upload's: a second take (at once, or of a second PUT) finds it there, and is none.
            return uploads.uploadOnce(owner, uploadId, file.get(), year);
        } finally {
            delete(key);
        }
    }

    /**
     * Deletes a taken object. A failure is logged, not thrown: the draft (or the refusal) stands, and the lifecycle rule
     * removes the object within a day.
     */
    private void delete(String key) {
        try {
            bucket.delete(key);
        } catch (RuntimeException e) {
            LOG.warning(() -> "an uploaded file was not deleted (the bucket's lifecycle rule will): " + e.getClass().getSimpleName());
        }
    }

    /** {@code uploads/<owner>/<uploadId>}: the owner from their key, checked to be one path segment. */
    static String key(String owner, String uploadId) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("an uploader's id is letters, digits, _ and -, not " + owner);
        }
        return PREFIX + owner + "/" + uploadId;
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
