package cutoff.handler;

import static cutoff.handler.OfficeAnswers.json;
import static cutoff.handler.OfficeAnswers.noContent;
import static cutoff.handler.OfficeAnswers.notFound;

import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.http.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.officeservice.InternalDeadlines;
import cutoff.officeservice.Offices;
import cutoff.office.InternalDeadline;
import cutoff.office.Office;
import cutoff.office.StaffCsv;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each office route does: authenticates the key ({@link OfficeAuthentication}), holds the office to its own id,
 * binds the request ({@link OfficeBodies}), calls {@link Offices} or {@link InternalDeadlines}, answers
 * ({@link OfficeAnswers}, {@link StaffExport}). The office comes from the key alone: a path naming another office, or a
 * body with an {@code orgId} or {@code role} field, is answered 404 exactly as an office that does not exist, so
 * nobody learns whether another office exists or what it holds.
 */
final class OfficeRoutes {
    /** The path parameter and JSON field of the office id: the /orgs routes' name, kept for API compatibility. */
    static final String OFFICE_ID = "orgId";

    private final Offices offices;
    private final InternalDeadlines internal;
    private final OfficeAuthentication authentication;
    private final String configuredBaseUrl;
    private final OfficeChat chat;

    /**
     * @param internal          internal deadlines and the office feed
     * @param configuredBaseUrl the public base of feed URLs; {@code null} for the API's own domain
     */
    OfficeRoutes(Offices offices, InternalDeadlines internal, String configuredBaseUrl) {
        this(offices, internal, configuredBaseUrl, null);
    }

    /** @param chat the office's group chat ({@link OfficeChat}); {@code null}: its routes answer 404 */
    OfficeRoutes(Offices offices, InternalDeadlines internal, String configuredBaseUrl, cutoff.dispatch.ChatPosts chat) {
        this.chat = chat == null ? null : new OfficeChat(chat);
        this.offices = offices;
        this.internal = internal;
        this.authentication = new OfficeAuthentication(offices);
        this.configuredBaseUrl = configuredBaseUrl;
    }

    /** Loads the CSV reader, JSON writer and a DynamoDB round trip (SnapStart priming). */
    void prime() {
        try {
            StaffCsv.read(String.join(",", StaffCsv.COLUMNS) + "\r\npriming@example.invalid,,,all,,\r\n");
        } catch (StaffCsv.BadFileException e) {
            throw new IllegalStateException(e);
        }
        Json.write(Map.of("received", 0));
        offices.authenticate("cutoff_" + "A".repeat(43));
    }

    APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent e) throws HttpProblem {
        String route = Http.route(e);
        if (!Routes.OFFICES.contains(route)) {
            throw notFound();
        }
        Office office = authentication.office(e);
        if (route.equals("/orgs")) {
            Http.allow(e, "GET");
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(OFFICE_ID, office.id());
            answer.put("name", office.name());
            answer.put("emailDomains", office.emailDomains());
            answer.put("feedUrl", feedUrl(e, internal.feedSecret(office).orElseThrow(OfficeAnswers::notFound)));
            return json(200, answer);
        }
        if (!office.id().equals(Http.pathParameter(e, OFFICE_ID))) {
            throw notFound();
        }
        switch (route) {
            case "/orgs/{orgId}/feed" -> {
                Http.allow(e, "GET", "POST");
                String secret = (Http.method(e).equals("POST") ? internal.rotateFeedSecret(office) : internal.feedSecret(office))
                        .orElseThrow(OfficeAnswers::notFound);
                return json(200, Map.of("feedUrl", feedUrl(e, secret)));
            }
            case "/orgs/{orgId}/internal-deadlines" -> {
                Http.allow(e, "GET", "PUT", "DELETE");
                switch (Http.method(e)) {
                    case "PUT" -> {
                        OfficeBodies.RuleJson body = OfficeBodies.json(e, OfficeBodies.RuleJson.class);
                        try {
                            internal.setRule(office, InternalDeadline.Rule.parse(body.before(), body.at()));
                            refreshChat(office);
                        } catch (InternalDeadline.BadValue bad) {
                            throw OfficeAnswers.badRequest(bad);
                        }
                    }
                    case "DELETE" -> {
                        internal.deleteRule(office);
                        refreshChat(office);
                        return noContent();
                    }
                    default -> {
                        // GET, HEAD: the view below.
                    }
                }
                return json(200, OfficeAnswers.view(internal.view(office)));
            }
            case "/orgs/{orgId}/topics/{topicId}/internal-deadline" -> {
                Http.allowExactly(e, "PUT", "DELETE");
                String topicId = OfficeBodies.pathDecode(Http.pathParameter(e, "topicId"));
                try {
                    if (Http.method(e).equals("DELETE")) {
                        internal.deleteOverride(office, topicId);
                        refreshChat(office);
                        return noContent();
                    }
                    OfficeBodies.OverrideJson body = OfficeBodies.json(e, OfficeBodies.OverrideJson.class);
                    internal.setOverride(office, topicId, InternalDeadline.parseOverride(body.at()));
                    refreshChat(office);
                } catch (InternalDeadline.BadValue bad) {
                    throw OfficeAnswers.badRequest(bad);
                } catch (InternalDeadlines.UnknownTopic unknown) {
                    throw new HttpProblem(404, "topicId", unknown.getMessage(), Map.of(), Map.of("code", "unknown_topic"));
                }
                return json(200, OfficeAnswers.view(internal.view(office)));
            }
            case "/orgs/{orgId}/staff" -> {
                Http.allow(e, "GET", "POST");
                return Http.method(e).equals("POST") ? upload(office, e) : list(office, e);
            }
            case "/orgs/{orgId}/staff.csv" -> {
                Http.allow(e, "GET");
                return StaffExport.csv(offices.all(office));
            }
            case "/orgs/{orgId}/staff/{email}" -> {
                Http.allowExactly(e, "DELETE");
                String email = OfficeBodies.pathDecode(Http.pathParameter(e, "email"));
                if (!offices.remove(office, email)) {
                    throw new HttpProblem(404, "email", "no such address on this office's list");
                }
                return noContent();
            }
            case "/orgs/{orgId}/chat", "/orgs/{orgId}/chat/test" -> {
                if (chat == null) {
                    throw notFound();
                }
                return chat.route(office, route, e);
            }
            default -> throw notFound();
        }
    }

    /** The office's group-chat reminders worked out again after its internal deadlines changed. */
    private void refreshChat(Office office) {
        if (chat != null) {
            chat.refresh(office);
        }
    }

    /** {@code <base>/feeds/orgs/<secret>.ics}. */
    private String feedUrl(APIGatewayV2HTTPEvent e, String secret) {
        return Http.baseUrl(e, configuredBaseUrl) + "/feeds/orgs/" + secret + ".ics";
    }

    private APIGatewayV2HTTPResponse upload(Office office, APIGatewayV2HTTPEvent e) throws HttpProblem {
        return json(200, OfficeAnswers.upload(offices.upload(office, OfficeBodies.staff(e))));
    }

    private APIGatewayV2HTTPResponse list(Office office, APIGatewayV2HTTPEvent e) throws HttpProblem {
        OfficeBodies.PageAsked asked = OfficeBodies.page(e);
        Offices.StaffPage page;
        try {
            page = offices.list(office, asked.cursor(), asked.limit());
        } catch (IllegalArgumentException bad) {
            throw new HttpProblem(400, "cursor", "cursor is not one this API gave; start without it");
        }
        return json(200, OfficeAnswers.staff(page));
    }
}
