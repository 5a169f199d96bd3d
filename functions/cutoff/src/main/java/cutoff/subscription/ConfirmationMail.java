package cutoff.subscription;

import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import java.util.logging.Logger;

/**
 * Sends a subscription request's one email (a confirmation, or a manage link to a confirmed address) without letting a
 * failure reach the request: the request was taken whatever SES answers, and the person can ask again. Failures are
 * logged by kind (and SES code), never with the address (SES's message may quote it).
 */
final class ConfirmationMail {
    /** The service's logger: these lines read as before the class was split. */
    private static final Logger LOG = Logger.getLogger(SubscriptionService.class.getName());

    private ConfirmationMail() {
    }

    /** Sends; true when SES took it. */
    static boolean send(MailSender mail, OutgoingEmail email) {
        try {
            mail.send(email);
            return true;
        } catch (MailSender.AccountStoppedException e) {
            // The account sends nothing (paused, access denied, sandbox): an operator must act. The code, never the address.
            LOG.severe("confirmation email not sent: SES refuses the account: " + e.code());
            return false;
        } catch (MailSender.ThrottledException | MailSender.RejectedException e) {
            // The person can ask again. SES's message may quote the address, so only its kind and code are logged.
            LOG.warning("confirmation email not sent: " + (e instanceof MailSender.ThrottledException t ? "throttled, SES " + t.code()
                    : "rejected, SES " + ((MailSender.RejectedException) e).code()));
            return false;
        } catch (RuntimeException e) {
            // SES unreachable: the request was taken; the person can ask again in an hour. Only the type is logged.
            LOG.warning("confirmation email not sent: " + e.getClass().getSimpleName());
            return false;
        }
    }
}
