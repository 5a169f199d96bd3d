package cutoff.eval;

import cutoff.notice.DateOrDateTime;

/**
 * One hand-written date of the labelled corpus ({@code ../shared/guidelines/corpus/labels.json},
 * {@code deadlines[]}).
 *
 * @param kind      {@code APPLICANT_CUTOFF}, {@code OPENS}, {@code RECOMMENDATION}, {@code PAPER_COPY},
 *                  {@code PRE_PROPOSAL}, {@code FULL_PROPOSAL}, {@code RELAY}, {@code FOREIGN} or {@code OTHER}
 * @param at        the instant with its offset, or a bare date when the text gives no time of day
 * @param topic     the topic it belongs to, or {@code null} for the whole notice
 * @param partner   the partner country, for {@code FOREIGN} only
 * @param asWritten the phrase in the notice that states it
 * @param yearFrom  where the year comes from: {@code text}, {@code signature}, {@code documentNumber}, or
 *                  {@code source} (the text states none)
 */
public record Label(String kind, DateOrDateTime at, String topic, String partner, String asWritten, String yearFrom) {

    /** A label whose year the text states. */
    public Label(String kind, DateOrDateTime at, String topic, String partner, String asWritten) {
        this(kind, at, topic, partner, asWritten, "text");
    }
}
