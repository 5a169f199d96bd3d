package cutoff.handler;

import cutoff.http.Http;
import cutoff.http.HttpProblem;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.officeservice.Offices;
import cutoff.office.Office;
import cutoff.office.OfficeKeys;
import java.util.Map;
import java.util.Optional;

/**
 * Who calls the office API: the office of the request's key. Deployed, API Gateway's {@link OfficeAuthorizer} has
 * checked the key and vouches for the office's id in the request context: the office is read by that id (the caller
 * still cannot name another: {@link OfficeRoutes} holds the path's id to this one). Without that context (a test, a
 * direct invocation) the key is checked here. 401 with {@code WWW-Authenticate} (RFC 6750 §3) unless the request
 * carries a live key.
 */
final class OfficeAuthentication {
    /** The {@code WWW-Authenticate} challenge of a 401 (RFC 6750 §3). */
    static final String CHALLENGE = "Bearer realm=\"cutoff\"";

    private final Offices offices;

    OfficeAuthentication(Offices offices) {
        this.offices = offices;
    }

    /** The caller's office; 401 for a missing, malformed, unknown, rotated or revoked key. */
    Office office(APIGatewayV2HTTPEvent e) throws HttpProblem {
        if (OfficeAuthorizer.vouchedEditorId(e) != null) {
            throw OfficeAnswers.notFound(); // an editor's key opens no office (issue 19): as an office that does not exist
        }
        String vouched = OfficeAuthorizer.vouchedOfficeId(e);
        if (vouched != null) {
            return offices.office(vouched).orElseThrow(OfficeAuthentication::invalidKey);
        }
        String header = Http.header(e, "authorization");
        if (header == null || header.isBlank()) {
            throw new HttpProblem(401, "authorization", "send the office's key as Authorization: Bearer <key>",
                    Map.of("WWW-Authenticate", CHALLENGE), Map.of());
        }
        String key = OfficeKeys.bearer(header.strip());
        Optional<Office> office = key == null ? Optional.empty() : offices.authenticate(key);
        return office.orElseThrow(OfficeAuthentication::invalidKey);
    }

    private static HttpProblem invalidKey() {
        return new HttpProblem(401, "authorization", "the key is not valid (unknown, rotated or revoked)",
                Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""), Map.of());
    }
}
