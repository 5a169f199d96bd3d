package cutoff.notice;

import cutoff.util.Invisibles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A foreign-side deadline (外方截止时间): when the foreign partner must apply to its own agency
 * (外方主管部门). It is a date, and a time of day only when the notice states one, in the agency's zone.
 *
 * @param partner    partner country or region in English, e.g. {@code Finland}
 * @param agency     the agency's English name when known ({@code Business Finland}), else as written
 * @param zone       the agency's time zone, e.g. {@code Europe/Helsinki}; {@code null} if unknown
 * @param date       the deadline's date in {@link #zone()}; {@code null} when the notice gives none,
 *                   when it gives no year and none was supplied, or when {@link #sameAsOurs()}
 * @param time       the time of day in {@link #zone()}; {@code null} when not written
 * @param sameAsOurs the notice says the foreign side closes with ours (与我省一致): the deadline is our
 *                   cutoff's instant
 * @param asWritten  the deadline phrase as written, e.g. {@code 9月30日}; {@code null} when none
 * @param condition  a condition attached to the deadline, as written; {@code null} when none
 * @param site       the foreign side's application or information site
 * @param contact    the foreign side's contact lines, as written
 * @param confidence {@code sure}, or {@code review} when a person confirms the date first; a record that does
 *                   not say is {@code sure}
 * @param reasons    why it needs review; empty (omitted) when sure: a person's confirmation drops them
 * @param source     where the date was read; {@code null} (omitted) when there is no date or it was written by hand
 */
public record ForeignDeadline(
        String partner,
        String agency,
        ZoneId zone,
        LocalDate date,
        LocalTime time,
        boolean sameAsOurs,
        String asWritten,
        String condition,
        String site,
        String contact,
        Confidence confidence,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        java.util.List<String> reasons,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Source source) {

    /** Invisible and control characters are left out, line breaks made spaces ({@link Invisibles#line}); no reasons means sure. */
    public ForeignDeadline {
        DateOrDateTime.inRange(date);
        partner = Invisibles.line(partner);
        agency = Invisibles.line(agency);
        asWritten = Invisibles.line(asWritten);
        condition = Invisibles.line(condition);
        site = Invisibles.line(site);
        contact = Invisibles.line(contact);
        reasons = reasons == null ? java.util.List.of() : java.util.List.copyOf(reasons);
        confidence = Confidence.orImplied(confidence, reasons);
        if (confidence == Confidence.SURE) {
            reasons = java.util.List.of(); // sure is confirmed: no reason for review is left to show (待核实)
        }
    }

    /** A sure entry without a source. */
    public ForeignDeadline(String partner, String agency, ZoneId zone, LocalDate date, LocalTime time, boolean sameAsOurs,
                           String asWritten, String condition, String site, String contact) {
        this(partner, agency, zone, date, time, sameAsOurs, asWritten, condition, site, contact, Confidence.SURE,
                java.util.List.of(), null);
    }

    /** True when the date is published as read. */
    @JsonIgnore
    public boolean sure() {
        return confidence == Confidence.SURE;
    }

    /** True when this entry can become a deadline: it has a date, or closes with our cutoff. */
    @JsonIgnore
    public boolean isDated() {
        return sameAsOurs || date != null;
    }
}
