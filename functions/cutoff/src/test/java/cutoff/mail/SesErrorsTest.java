package cutoff.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which SES errors stop the whole run (the account) and which fail one message. */
class SesErrorsTest {
    @Test
    void accountErrors_stopTheRun() {
        assertTrue(SesMailSender.accountLevel(400, "SendingPausedException", "Sending is paused for this account."));
        assertTrue(SesMailSender.accountLevel(400, "AccountSendingPausedException", null));
        assertTrue(SesMailSender.accountLevel(400, "ConfigurationSetSendingPausedException", null));
        assertTrue(SesMailSender.accountLevel(403, "AccessDeniedException", "not authorized to perform ses:SendEmail"));
        assertTrue(SesMailSender.accountLevel(400, "AccountSuspendedException", null));
        assertTrue(SesMailSender.accountLevel(400, "MailFromDomainNotVerifiedException", null));
        assertTrue(SesMailSender.accountLevel(400, "MessageRejected",
                "Email address is not verified. The following identities failed the check in region AP-EAST-1: x@example.org"));
    }

    @Test
    void messageErrors_failOneMessage() {
        assertFalse(SesMailSender.accountLevel(400, "MessageRejected", "Illegal header in message"));
        assertFalse(SesMailSender.accountLevel(400, "BadRequestException", "Invalid email address"));
        assertFalse(SesMailSender.accountLevel(400, "", null));
    }
}
