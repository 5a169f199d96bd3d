package cutoff.handler;

import cutoff.http.Http;
import cutoff.http.HttpProblem;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.officeservice.InternalDeadlines;
import cutoff.officeservice.Offices;
import cutoff.app.Wiring;
import cutoff.logging.JsonLog;

/**
 * The research-office API (API Gateway HTTP API, payload 2.0; {@code ANY} routes, so this answers 405
 * itself), every route behind {@code Authorization: Bearer <office key>}:
 * {@code POST /orgs/{orgId}/staff} (upload, CSV or JSON), {@code GET /orgs/{orgId}/staff} (paged list),
 * {@code GET /orgs/{orgId}/staff.csv} (export), {@code DELETE /orgs/{orgId}/staff/{email}}; {@code GET /orgs} (the
 * caller's office and its feed URL), {@code GET|POST /orgs/{orgId}/feed} (show, rotate the office feed URL),
 * {@code GET|PUT|DELETE /orgs/{orgId}/internal-deadlines} (the rule) and
 * {@code PUT|DELETE /orgs/{orgId}/topics/{topicId}/internal-deadline} (one topic's explicit instant),
 * {@code GET|PUT|DELETE /orgs/{orgId}/chat} and {@code POST /orgs/{orgId}/chat/test} (the office's group chat). What each
 * does: {@link OfficeRoutes}. Errors are JSON {@code {"error", "field"}}: 401 with {@code WWW-Authenticate}
 * for a missing or dead key, 404 for another office (or none), 400 naming the field, 405 with
 * {@code Allow}, 413 over {@value OfficeBodies#MAX_UPLOAD_BYTES} bytes or {@value Offices#MAX_ROWS} rows,
 * 415 for another body type. Nothing logged names a key or an address.
 */
public final class OfficeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final OfficeRoutes routes;

    /** Lambda's constructor: parts from the environment, once per container. */
    public OfficeHandler() {
        this(installLog());
        // SnapStart: the CSV reader, the JSON writer and a DynamoDB round trip (a key nobody has) in the snapshot.
        Priming.register(() -> routes.prime());
    }

    private static Wiring installLog() {
        JsonLog.install();
        return Wiring.fromEnvironment();
    }

    public OfficeHandler(Wiring wiring) {
        this(new OfficeRoutes(wiring.offices(), wiring.internalDeadlines(), wiring.config().publicBaseUrl(), wiring.chatPosts()));
    }

    private OfficeHandler(OfficeRoutes routes) {
        this.routes = routes;
    }

    /** @param baseUrl the public base of feed URLs; {@code null} for the API's own domain */
    public OfficeHandler(Offices offices, InternalDeadlines internal, String baseUrl) {
        this.routes = new OfficeRoutes(offices, internal, baseUrl);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            return Http.forMethod(event, answer(event));
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        try {
            return routes.route(event);
        } catch (HttpProblem e) {
            return Http.json(e);
        }
    }
}
