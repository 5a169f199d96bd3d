package cutoff.notice;

import cutoff.util.Invisibles;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * A funding-call notice (申报指南 / 通知) as read from its text, or as a reviewed JSON record.
 *
 * <p>This is the document {@code ./cutoff parse} prints. Every field the text did not state is
 * {@code null} (or empty) and is explained in {@link #missing()}; nothing is guessed.
 *
 * @param id             stable, URL-safe identity of the notice; derived by {@link NoticeIds} from the
 *                       document number (or issuer, title and year when there is none) unless a
 *                       reviewed record sets it
 * @param documentNumber document number normalised to 〔〕 brackets without spaces, e.g.
 *                       {@code 沪科指南〔2023〕4号}; {@code null} when the notice has none
 * @param issuer         the authority whose call it is, as written, e.g. {@code 上海市科学技术委员会}; in a
 *                       relay, the original issuer ({@code 广东省科学技术厅})
 * @param relayedBy      the body that passes the call on (a university research office, a city bureau,
 *                       a provincial department relaying a ministry), as written; {@code null} when the
 *                       notice is the issuer's own
 * @param title          the notice's title (the {@code 关于…的通知} line or lines), line breaks removed
 * @param signedOn       the date of the signature (落款) at the end, a calendar date in Beijing;
 *                       read from older records' {@code issuedOn} too
 * @param applicationSite where applicants apply online, from the 申报方式 section (the first https
 *                       address there, e.g. {@code https://svc.stcsm.sh.gov.cn}); {@code null} if none
 * @param topics         topics in notice order; a notice without 专题 headings has one topic
 * @param missing        what the text does not say, one sentence each, prefixed by the JSON path
 *                       of the field concerned (e.g. {@code topics[0].window: ...})
 * @param review         for reviewed records only: what a person checked or fixed by hand and from
 *                       which source; for the operator, {@code null} in parser output
 * @param caveat         for reviewed records only: a warning every subscriber must read (shown in each
 *                       event's DESCRIPTION), e.g. that a date is a placeholder; {@code null} when none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Notice(
        String id,
        String documentNumber,
        String issuer,
        String relayedBy,
        String title,
        @com.fasterxml.jackson.annotation.JsonAlias("issuedOn") LocalDate signedOn,
        String applicationSite,
        List<Topic> topics,
        List<String> missing,
        @JsonInclude(JsonInclude.Include.NON_NULL) String review,
        @JsonInclude(JsonInclude.Include.NON_NULL) String caveat) {

    /** Invisible and control characters are left out of every text, line breaks made spaces ({@link cutoff.util.Invisibles#line}), stored ones too. */
    public Notice {
        documentNumber = Invisibles.line(documentNumber);
        issuer = Invisibles.line(issuer);
        relayedBy = Invisibles.line(relayedBy);
        title = Invisibles.line(title);
        applicationSite = Invisibles.line(applicationSite);
        review = Invisibles.line(review);
        caveat = Invisibles.line(caveat);
        topics = topics == null ? List.of() : List.copyOf(topics);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /**
     * The notice with the operator's window given to every topic the notice leaves without one
     * ({@code ingest --closes}); topics with their own window keep it. The matching entries leave
     * {@link #missing()} and {@link #review()} records what was supplied.
     *
     * @param window the supplied window, Beijing time
     */
    public Notice withDefaultWindow(Window window) {
        List<Topic> filled = new java.util.ArrayList<>();
        List<String> stillMissing = new java.util.ArrayList<>(missing);
        boolean used = false;
        for (int i = 0; i < topics.size(); i++) {
            Topic t = topics.get(i);
            if (t.window() == null) {
                String prefix = "topics[" + i + "].window";
                stillMissing.removeIf(m -> m.startsWith(prefix + ":"));
                filled.add(t.withWindow(window));
                used = true;
            } else {
                filled.add(t);
            }
        }
        if (!used) {
            return this;
        }
        String note = "window " + (window.opens() == null ? "" : window.opens() + " – ") + window.closes()
                + " supplied by the operator for the topics the notice leaves without one";
        return new Notice(id, documentNumber, issuer, relayedBy, title, signedOn, applicationSite, filled, stillMissing,
                review == null ? note : review + "; " + note, caveat);
    }

    /**
     * How a person names one of its topics in a list of topics from several notices: the document number (the title
     * when the notice has none), a middle dot, the topic's {@link Topic#displayName()}, e.g.
     * {@code 沪科指南〔2023〕4号 · 专题二 上海－以色列产业创新合作项目}: as the subscription pages and emails list topics; a
     * topic feed's name is {@code Cutoff · } and this label.
     */
    public String topicLabel(Topic topic) {
        return (documentNumber != null ? documentNumber : title) + " · " + topic.displayName();
    }

    /** The same notice with other topics (a corrected or withdrawn topic list). */
    public Notice withTopics(List<Topic> newTopics) {
        return new Notice(id, documentNumber, issuer, relayedBy, title, signedOn, applicationSite, newTopics, missing, review, caveat);
    }
}
