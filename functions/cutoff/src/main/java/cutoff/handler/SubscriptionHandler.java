package cutoff.handler;

import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.http.Json;
import cutoff.web.Messages;
import cutoff.web.PageLanguage;
import cutoff.web.SubscriptionLayout;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.subscription.Challenges;
import cutoff.subscription.RateLimit;
import cutoff.subscription.SubscriptionService;
import cutoff.subscription.InvalidRequestException;
import cutoff.app.Wiring;
import cutoff.logging.JsonLog;
import java.util.List;
import java.util.Map;

/**
 * The subscription routes (API Gateway HTTP API, payload 2.0; {@code ANY} routes, so this answers 405
 * itself): {@code /subscriptions} (GET page, POST JSON or form), {@code /subscriptions/confirm?token=}
 * (GET), {@code /subscriptions/manage?token=} (GET page, POST form {@code action=update|rotate|unsubscribe}),
 * {@code /subscriptions/unsubscribe?token=} (GET page with a button; POST is RFC 8058 one-click). What
 * each does: {@link SubscriptionRoutes}. Errors: 400 {@code {"error", "field"}} (a page for a browser),
 * 405 with {@code Allow}, 413 over {@value Http#MAX_BODY_BYTES} bytes, 415 for another body type, 429 with
 * {@code Retry-After} past the source's rate limit, 400/403 naming {@code challenge} when a required
 * proof-of-work is missing or wrong; an unknown, used or expired token gets a 404 page.
 */
public final class SubscriptionHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SubscriptionRoutes routes;

    /** Lambda's constructor: parts from the environment, once per container. */
    public SubscriptionHandler() {
        this(installLog());
        // SnapStart: the page templates, the message bundles and a DynamoDB round trip in the snapshot.
        Priming.register(routes::prime);
    }

    private static Wiring installLog() {
        JsonLog.install();
        return Wiring.fromEnvironment();
    }

    public SubscriptionHandler(Wiring wiring) {
        this(wiring.subscriptions(), wiring.rateLimit(), wiring.challenges(), wiring.config().publicBaseUrl(),
                wiring.config().originVerify());
    }

    /**
     * @param baseUrl      public base of links; {@code null} to use the API's own domain
     * @param originVerify the value CloudFront sends in {@code X-Cutoff-Origin-Verify}; {@code null}: no CDN
     *                     header is trusted (the rate limit counts API Gateway's source address)
     */
    public SubscriptionHandler(SubscriptionService service, RateLimit rateLimit, Challenges challenges, String baseUrl,
                               String originVerify) {
        this.routes = new SubscriptionRoutes(service, rateLimit, challenges, baseUrl, originVerify);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            return Http.forMethod(event, answer(event));
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        boolean html = Http.wantsHtml(event);
        try {
            return routes.route(event);
        } catch (HttpProblem e) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(e.headers);
            if (e.allow != null) {
                headers.put("Allow", e.allow);
            }
            return error(event, html, e.status, e.field, e.getMessage(), headers, e.fields);
        } catch (InvalidRequestException e) {
            return error(event, html, 400, e.field(), e.getMessage(), Map.of(), Map.of());
        }
    }

    private static APIGatewayV2HTTPResponse error(APIGatewayV2HTTPEvent event, boolean html, int status, String field, String message,
                                                  Map<String, String> headers, Map<String, String> fields) {
        if (html) {
            PageLanguage lang = PageLanguage.ofVisitor(event);
            String title = status == 400 ? "form_invalid_title" : "form_error_title";
            return SubscriptionLayout.page(status, SubscriptionLayout.view(lang.language(), title, List.of(Messages.text(lang.language(), "form_invalid_field", field, message))),
                    lang.setCookie(), headers);
        }
        List<String> body = new java.util.ArrayList<>(List.of("error", message, "field", field));
        fields.forEach((k, v) -> {
            body.add(k);
            body.add(v);
        });
        return Http.respond(status, "application/json", Json.object(body.toArray(String[]::new)), headers);
    }
}
