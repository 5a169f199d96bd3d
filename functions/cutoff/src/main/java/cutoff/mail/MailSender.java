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
     * @throws AccountStoppedException when the service sends nothing for this account right now (sending
     *                             paused, access denied, a sandbox account's unverified recipient): stop,
     *                             keep every message pending, and tell an operator
     */
    String send(OutgoingEmail email) throws ThrottledException, RejectedException, AccountStoppedException;

    /**
     * The account, not the message, is refused: no other message would go either. Nothing is to be
     * recorded as failed; the operator has to act (resume sending, fix the role, leave the sandbox).
     */
    final class AccountStoppedException extends Exception {
        private final String code;

        /** @param code the service's error code ({@code SendingPausedException}, {@code AccessDeniedException}, …) */
        public AccountStoppedException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /** The service's error code, safe to log (no address in it). */
        public String code() {
            return code;
        }
    }

    /** Sending faster than the account allows; the same message may be sent again after a pause. */
    final class ThrottledException extends Exception {
        private final String code;

        public ThrottledException(String message, Throwable cause) {
            this(null, message, cause);
        }

        /** @param code the service's error code or HTTP status ({@code TooManyRequestsException}, {@code 503}); may be null */
        public ThrottledException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /** The service's error code, safe to log (no address in it); {@code "unknown"} when it gave none. */
        public String code() {
            return code == null || code.isBlank() ? "unknown" : code;
        }
    }

    /** The message itself is refused (bad address, rejected content, sending paused for the account). */
    final class RejectedException extends Exception {
        private final String code;

        public RejectedException(String message, Throwable cause) {
            this(null, message, cause);
        }

        /** @param code the service's error code ({@code MessageRejected}, {@code BadRequestException}, …); may be null */
        public RejectedException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /**
         * The service's error code, safe to log (no address in it; the message may quote one);
         * {@code "unknown"} when it gave none.
         */
        public String code() {
            return code == null || code.isBlank() ? "unknown" : code;
        }
    }
}
