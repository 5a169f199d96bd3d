package cutoff.chat;

/**
 * The one seam to the chat services, as {@code mail.MailSender} is to SES. {@link WebhookSender} is the real one (and
 * the tests' too, against the chat stand-in, {@code infra/chat-local}).
 */
public interface ChatSender {
    /**
     * Posts one message to a robot.
     *
     * @throws Throttled when the service asks to slow down or cannot answer now: post it again later, never drop it
     * @throws Refused   when the service refuses this robot or message for good (robot removed, bad secret): record it
     */
    void post(ChatWebhook robot, ChatPost post) throws Throttled, Refused;

    /** Why a chat refused a post for good, as the office page says it. */
    enum Reason {
        /** The robot is not known: removed from the group, or the URL's token is wrong (WeCom 93000, DingTalk 300001, Feishu 19001). */
        UNKNOWN_ROBOT,
        /** The signature does not match or its time is too far off: the secret is wrong or missing (DingTalk 310000, Feishu 19021). */
        BAD_SIGNATURE,
        /** The robot's own security settings refuse it: keywords or IP addresses (DingTalk 310000, Feishu 19022/19024). */
        NOT_ALLOWED,
        /** Any other refusal (the answer's code says which). */
        OTHER
    }

    /** Too many messages, or the service is busy: the same post may go again after a pause. */
    final class Throttled extends Exception {
        private final String code;

        public Throttled(String code, String message) {
            super(message);
            this.code = code;
        }

        /** The service's code or HTTP status, safe to log. */
        public String code() {
            return code;
        }
    }

    /** The post is refused for good. The message is the service's own words with its code, never the token or secret. */
    final class Refused extends Exception {
        private final Reason reason;
        private final String code;

        public Refused(Reason reason, String code, String message) {
            super(message);
            this.reason = reason;
            this.code = code;
        }

        public Reason reason() {
            return reason;
        }

        /** The service's code or HTTP status, safe to log. */
        public String code() {
            return code;
        }
    }
}
