package cutoff.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.handler.OfficeAuthorizer;
import cutoff.handler.Routes;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What API Gateway does in front of the office routes when deployed ({@code template.yaml}'s {@code OfficeKey}
 * authorizer on each of {@link Routes#OFFICES} and {@link Routes#NOTICES}), in process, so the demo answers as the deployment does: no
 * {@code Authorization} header, {@code 401 {"message":"Unauthorized"}} without calling anything; a key the
 * {@link OfficeAuthorizer} refuses, {@code 403 {"message":"Forbidden"}}; else the function runs with the
 * authorizer's context ({@code requestContext.authorizer.lambda.orgId}, or {@code .editorId} for an editor's key). Paths that are no office route go to the
 * function as they are (it answers 404). API Gateway's 60-second cache of the decision is not repeated: here a
 * revoked key stops at once.
 */
final class OfficeKeyGate implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final OfficeAuthorizer authorizer;
    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> office;

    OfficeKeyGate(OfficeAuthorizer authorizer, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> office) {
        this.authorizer = authorizer;
        this.office = office;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent e) {
        String routeKey = e.getRouteKey() == null ? "" : e.getRouteKey();
        String route = routeKey.substring(routeKey.indexOf(' ') + 1);
        if (!Routes.OFFICES.contains(route) && !Routes.NOTICES.contains(route)) {
            return office.apply(e);
        }
        String header = e.getHeaders() == null ? null : e.getHeaders().get("authorization");
        if (header == null || header.isEmpty()) {
            return gateway(401, "Unauthorized");
        }
        Optional<Map<String, String>> context = authorizer.contextOf(header);
        if (context.isEmpty()) {
            return gateway(403, "Forbidden");
        }
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new java.util.HashMap<>(context.get())).build());
        return office.apply(e);
    }

    /** API Gateway's own answer: {@code {"message": "..."}}, JSON. */
    private static APIGatewayV2HTTPResponse gateway(int status, String message) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"message\":\"" + message + "\"}").build();
    }
}
