package cutoff.mail;

/**
 * The one seam to the mail service. {@link SesMailSender} is the real one; tests put a stand-in for
 * SES throttling or a crash here and nowhere else.
 */
public interface MailSender {
    /**
     * Sends one email.
     *
     * @return the service's message id
     * @throws ThrottledException when the service asks to slow down (retry later, never drop)
     * @throws RejectedException  when the service refuses this message for good (record, do not retry)
     */
    String send(OutgoingEmail email) throws ThrottledException, RejectedException;

    /** Sending faster than the account allows; the same message may be sent again after a pause. */
    final class ThrottledException extends Exception {
        public ThrottledException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The message itself is refused (bad address, rejected content, sending paused for the account). */
    final class RejectedException extends Exception {
        public RejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
