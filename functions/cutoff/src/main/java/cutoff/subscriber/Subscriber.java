package cutoff.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An applicant who subscribed to topics.
 *
 * @param id                   random, URL-safe id (never the email)
 * @param email                where reminders go; normalised to lower case
 * @param language             {@code zh} (Chinese with English) or {@code en}
 * @param topicIds             the topics followed (a whole notice is expanded to its topics when subscribing)
 * @param leadTimes            when to remind before each deadline
 * @param status               the subscription's state
 * @param createdAt            first subscription request (UTC)
 * @param confirmedAt          when the address was confirmed; {@code null} while pending
 * @param confirmationSentAt   the last confirmation email, for the one-per-hour limit; {@code null} if none
 * @param feedTokenHash        SHA-256 of the personal feed token; {@code null} until confirmed
 */
public record Subscriber(
        String id,
        String email,
        String language,
        List<String> topicIds,
        List<LeadTime> leadTimes,
        Status status,
        Instant createdAt,
        Instant confirmedAt,
        Instant confirmationSentAt,
        String feedTokenHash) {

    /** The life of a subscription. */
    public enum Status {
        /** Asked for, not yet confirmed: only the confirmation email is sent. */
        PENDING,
        /** Confirmed: reminders are planned and sent. */
        CONFIRMED,
        /** Left by the subscriber. */
        UNSUBSCRIBED,
        /** The address bounced permanently or complained: nothing more is sent. */
        SUPPRESSED
    }

    public Subscriber {
        topicIds = List.copyOf(topicIds);
        leadTimes = List.copyOf(leadTimes);
    }

    /** Normalised form of an address: trimmed, lower case (what is stored and hashed). */
    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A language as a request or an office's list gives it: {@code zh} (Chinese with English) or {@code en}, in any
     * case and spacing; nothing (null or blank) is {@code zh}.
     *
     * @return {@code zh} or {@code en}; empty for anything else ({@code fr}, {@code zh-CN}, {@code english})
     */
    public static java.util.Optional<String> language(String asked) {
        String lang = asked == null || asked.isBlank() ? "zh" : asked.strip().toLowerCase(Locale.ROOT);
        return lang.equals("zh") || lang.equals("en") ? java.util.Optional.of(lang) : java.util.Optional.empty();
    }

    public Subscriber with(Status newStatus) {
        return new Subscriber(id, email, language, topicIds, leadTimes, newStatus, createdAt, confirmedAt,
                confirmationSentAt, feedTokenHash);
    }
}
