package cutoff.mail;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends through Amazon SES (API v2 {@code SendEmail}, simple content with custom headers, so that
 * {@code List-Unsubscribe} survives; the local stand-in keeps them too). Subject and bodies are UTF-8.
 */
public final class SesMailSender implements MailSender {
    private final SesV2Client ses;
    private final String from;
    private final String configurationSet;

    public SesMailSender(SesV2Client ses, String from, String configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    /** Client for a region and, locally, an endpoint with dummy credentials. */
    public static SesV2Client client(String region, String endpoint) {
        SesV2ClientBuilder b = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region));
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return b.build();
    }

    /** The account's maximum send rate (messages per second) from {@code GetAccount}, if SES says. */
    public Optional<Double> maxSendRate() {
        try {
            return Optional.ofNullable(ses.getAccount(b -> { }).sendQuota()).map(q -> q.maxSendRate());
        } catch (SesV2Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public String send(OutgoingEmail email) throws ThrottledException, RejectedException, AccountStoppedException {
        List<MessageHeader> headers = email.headers().entrySet().stream()
                .map((Map.Entry<String, String> h) -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build())
                .toList();
        try {
            return ses.sendEmail(b -> {
                b.fromEmailAddress(from)
                        .destination(d -> d.toAddresses(email.to()))
                        .content(c -> c.simple(m -> m
                                .subject(utf8(email.subject()))
                                .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                                .headers(headers)));
                if (configurationSet != null) {
                    b.configurationSetName(configurationSet);
                }
            }).messageId();
        } catch (SesV2Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 429 || "Throttling".equals(code) || "TooManyRequestsException".equals(code)) {
                throw new ThrottledException(code.isEmpty() ? Integer.toString(e.statusCode()) : code, "SES: " + e.getMessage(), e);
            }
            if (accountLevel(e.statusCode(), code, e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage())) {
                throw new AccountStoppedException(code.isEmpty() ? Integer.toString(e.statusCode()) : code,
                        "SES sends nothing for this account: " + (code.isEmpty() ? e.statusCode() : code), e);
            }
            if (e.statusCode() >= 500) {
                // The service failed, not the message: like throttling, try again later.
                throw new ThrottledException(code.isEmpty() ? Integer.toString(e.statusCode()) : code,
                        "SES " + e.statusCode() + ": " + e.getMessage(), e);
            }
            throw new RejectedException(code.isEmpty() ? Integer.toString(e.statusCode()) : code, "SES " + (code.isEmpty() ? e.statusCode() : code) + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
        }
    }

    /**
     * True for errors about the account rather than the message (SES v2 API reference, "Errors" of
     * SendEmail; SES developer guide, "Sending paused" and "Moving out of the sandbox"): sending paused for
     * the account or its configuration set, the account suspended, access denied (the role lacks
     * ses:SendEmail on the identity or configuration set), the MAIL FROM domain not verified, and a
     * sandbox account's {@code MessageRejected} for a recipient that is not verified. Every other
     * message would fail the same way, so none is marked FAILED.
     */
    static boolean accountLevel(int status, String code, String message) {
        String c = code == null ? "" : code;
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return status == 403 || c.contains("SendingPaused") || c.contains("AccountSuspended") || c.startsWith("AccessDenied")
                || c.equals("MailFromDomainNotVerifiedException")
                || c.equals("MessageRejected") && m.contains("not verified");
    }

    private static Content utf8(String text) {
        return Content.builder().data(text).charset("UTF-8").build();
    }
}
