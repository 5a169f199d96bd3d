package cutoff.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.app.Config;
import cutoff.logging.JsonLog;
import cutoff.office.OfficeKeys;
import cutoff.store.Dynamo;
import cutoff.editor.Editor;
import cutoff.store.EditorStore;
import cutoff.store.OfficeStore;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The office routes' Lambda authorizer: API Gateway (HTTP API) calls it before {@link OfficeHandler}, with payload
 * format 2.0 and simple responses, and caches its answer for 60 s keyed on the {@code Authorization} header (the
 * identity source; see {@code template.yaml}'s {@code OfficeKey}).
 *
 * <p>In: the request as API Gateway gives an authorizer ({@code {"type": "REQUEST", "headers": {...},
 * "identitySource": [...], "routeArn", ...}}; header names in lower case). Out: {@code {"isAuthorized": true,
 * "context": {"orgId": "org_…"}}} when the header is {@code Bearer <key>} and the key's item
 * ({@code ORGKEY#<sha256(key)>} / {@code #ORGKEY}) exists, one {@code GetItem}; {@code {"isAuthorized": false}}
 * otherwise (API Gateway then answers 403 itself). A request without the header never reaches this: API Gateway
 * answers 401. API Gateway puts the context at {@code requestContext.authorizer.lambda}, where {@link
 * #vouchedOfficeId} reads it for {@link OfficeRoutes}, which still holds the path's {@code orgId} to it.
 *
 * <p>Its class path is the functions' package, but it loads only this, the key rules, the table's key design and
 * the DynamoDB client: no notice, calendar, mail or JSON library. A DynamoDB failure is thrown (API Gateway
 * answers 500, and the alarm on 5xx fires): a store that cannot answer is not a wrong key. Nothing logged names a
 * key.
 */
public final class OfficeAuthorizer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** The context key of the office's id (at {@code requestContext.authorizer.lambda} in the routes' event); "org" kept for compatibility. */
    public static final String OFFICE_ID = "orgId";
    /** The context key of an editor's id (issue 19): the key was an editor's ({@code cutoff_ed_…}), not an office's. */
    public static final String EDITOR_ID = "editorId";

    private final OfficeStore officeStore;
    private final EditorStore editorStore;

    /** Lambda's constructor: the table from the environment, once per container. */
    public OfficeAuthorizer() {
        this(Environment.read());
        // SnapStart: the SDK's GetItem path (a key nobody has) in the snapshot.
        Priming.register(() -> officeOf("Bearer " + OfficeKeys.PREFIX + "A".repeat(43)));
    }

    private OfficeAuthorizer(Environment env) {
        this(new OfficeStore(env.dynamo(), env.table()), new EditorStore(env.dynamo(), env.table()));
    }

    /** The table and its client, from the environment, once per container. */
    private record Environment(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table) {
        static Environment read() {
            JsonLog.install();
            Config config = Config.fromEnvironment();
            return new Environment(Dynamo.client(config.region(), config.dynamoDbEndpoint()), config.requireTable());
        }
    }

    /** Office keys only: an editor's key is refused. */
    public OfficeAuthorizer(OfficeStore officeStore) {
        this(officeStore, null);
    }

    /**
     * @param officeStore the offices' keys (the table)
     * @param editorStore the editors' keys (the table); {@code null} to refuse every editor key
     */
    public OfficeAuthorizer(OfficeStore officeStore, EditorStore editorStore) {
        this.officeStore = officeStore;
        this.editorStore = editorStore;
    }

    /**
     * The decision: the id of the office whose live key the header carries, or empty (no header, another scheme,
     * a malformed key, or one unknown, rotated or revoked). At most one {@code GetItem}; none for a malformed key.
     *
     * @param authorization the {@code Authorization} header's value, or {@code null}
     */
    public Optional<String> officeOf(String authorization) {
        String key = OfficeKeys.bearer(authorization == null ? null : authorization.strip());
        if (!OfficeKeys.wellFormed(key)) {
            return Optional.empty();
        }
        return officeStore.officeIdOfKey(OfficeKeys.hash(key));
    }

    /**
     * The decision for either kind of key: {@code {"orgId": …}} for an office's live key, {@code {"editorId": …}} for
     * an editor's ({@value Editor#KEY_PREFIX}…, issue 19), or empty. The key's prefix says which item to read: at
     * most one {@code GetItem}, none for a malformed key.
     */
    public Optional<Map<String, String>> contextOf(String authorization) {
        String key = OfficeKeys.bearer(authorization == null ? null : authorization.strip());
        if (Editor.isKey(key)) {
            return editorStore == null ? Optional.empty()
                    : editorStore.editorIdOfKey(OfficeKeys.hash(key)).map(id -> Map.of(EDITOR_ID, id));
        }
        return officeOf(authorization).map(id -> Map.of(OFFICE_ID, id));
    }

    /** The simple response for a decision: {@code {"isAuthorized", "context": {"orgId"}}}. */
    public static Map<String, Object> response(Optional<String> officeId) {
        return officeId.<Map<String, Object>>map(id -> Map.of("isAuthorized", true, "context", Map.of(OFFICE_ID, id)))
                .orElseGet(() -> Map.of("isAuthorized", false));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            Optional<Map<String, String>> granted = contextOf(authorization(event));
            return granted.<Map<String, Object>>map(c -> Map.of("isAuthorized", true, "context", c))
                    .orElseGet(() -> Map.of("isAuthorized", false));
        }
    }

    /** The {@code Authorization} header of an authorizer event (API Gateway sends names in lower case; any case here). */
    private static String authorization(Map<String, Object> event) {
        if (event != null && event.get("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> header : headers.entrySet()) {
                if (header.getKey() instanceof String name && name.toLowerCase(Locale.ROOT).equals("authorization")
                        && header.getValue() instanceof String value) {
                    return value;
                }
            }
        }
        return null;
    }

    /**
     * The office id this authorizer vouched for in a route's event ({@code requestContext.authorizer.lambda.orgId}),
     * or {@code null} when the request did not pass through it (a test, a direct invocation).
     */
    static String vouchedOfficeId(APIGatewayV2HTTPEvent e) {
        return vouched(e, OFFICE_ID);
    }

    /**
     * The editor id this authorizer vouched for ({@code requestContext.authorizer.lambda.editorId}), or {@code null}
     * when the request came with an office's key or did not pass through it.
     */
    static String vouchedEditorId(APIGatewayV2HTTPEvent e) {
        return vouched(e, EDITOR_ID);
    }

    private static String vouched(APIGatewayV2HTTPEvent e, String name) {
        if (e == null || e.getRequestContext() == null || e.getRequestContext().getAuthorizer() == null
                || e.getRequestContext().getAuthorizer().getLambda() == null) {
            return null;
        }
        return e.getRequestContext().getAuthorizer().getLambda().get(name) instanceof String id ? id : null;
    }
}
