package cutoff.notice;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a topic's foreign-side deadlines: when the partner must apply to its own agency.
 *
 * <p>Three shapes, each from real notices:
 * <ol>
 *   <li>numbered partner items naming the agency and its date (浙江 2024 双边产业联合研发:
 *       {@code 1．芬兰：…外方主管部门为芬兰国家商务促进局，网站链接：…。外方截止时间为9月30日。},
 *       {@code 外方截止时间与我省一致});</li>
 *   <li>a side's own date in any phrasing: {@code 外方截止时间为…}, {@code 对方/合作方截止…},
 *       {@code 以方/俄方/英方截止日期为…}, {@code （英方）9月29号提交预申请}; a one-character side names the
 *       partner, {@code 外方} takes the topic's only partner;</li>
 *   <li>a known foreign agency named with its site and contact but no date (STCSM 沪科指南〔2023〕4号:
 *       以色列创新署, 以方申报网址, 以方联系方式; 科技部国际合作司 2013: 以色列贸工部首席科学家办公室): an entry
 *       with {@code date: null} and a {@code missing} line.</li>
 * </ol>
 */
final class ForeignSide {
    private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7E]+");
    private static final Pattern LABEL = Pattern.compile("^([\\p{IsHan}]{1,16})[：:](.*)$");
    private static final Pattern PARTNER_ITEM = Pattern.compile("^\\d{1,2}[、.．]([^：:，,。]{1,20})[：:](.*)$");
    private static final Pattern AGENCY_PHRASE = Pattern.compile("外方主管部门为([^，,。；;]+)");
    private static final Pattern FOREIGN_DEADLINE_PHRASE = Pattern.compile(
            "(?:外方|对方|合作方)截止(?:时间|日期)(?:为|是|：|:)?([^。；;]*)");
    private static final Pattern SAME_AS_OURS = Pattern.compile("与(?:我省|我市|我方|中方)(?:截止时间)?(?:一致|相同|同步)");
    private static final Pattern SIDE_SITE = Pattern.compile("^([\\p{IsHan}])方申报网址[：:](.*)$");
    private static final Pattern SIDE_CONTACT = Pattern.compile("^([\\p{IsHan}])方联系方式[：:](.*)$");
    private static final Pattern CONTACT_DETAIL = Pattern.compile("^(?:电话|邮箱|传真|Email|E-mail|email)[：:]");
    /** A side named before its date: 外方 / 对方 / 合作方 / 英方 …, or bracketed (英方). */
    private static final Pattern SIDE = Pattern.compile(
            "(?:[（(]([\\p{IsHan}])方[)）]|(外方|对方|合作方|合作外方)|(?<![\\p{IsHan}])([\\p{IsHan}])方(?=[^，,。；;]{0,12}?(?:截止|提交|申请|申报|时间|日期))"
                    + "|^\\s*([\\p{IsHan}])方(?!面|式|法|案|向))");

    private static final Pattern FOREIGN_LIST = Pattern.compile("外方|对方|合作方|各国|外国|国别|合作国");

    private ForeignSide() {
    }

    static List<ForeignDeadline> read(List<String> lines, Years years, String path, List<String> missing) {
        return read(lines, years, path, missing, DeadlineReader.Locator.NONE);
    }

    /**
     * The foreign-side deadlines in a topic's {@code lines}: one entry per side, a dated one carrying its
     * {@link Source} (the sentence, the date's span, the line {@code locator} places it on) and, when its year was
     * guessed, {@code review} with the reason.
     */
    static List<ForeignDeadline> read(List<String> lines, Years years, String path, List<String> missing,
                                      DeadlineReader.Locator locator) {
        List<ForeignDeadline> result = new ArrayList<>();
        partnerItems(lines, years, path, missing, result, locator);
        if (!result.isEmpty()) {
            return result;
        }
        String block = String.join("\n", lines);
        sidePhrases(lines, block, years, path, missing, result, locator);
        englishSides(lines, years, path, missing, result, locator);
        namedAgencies(lines, block, path, missing, result);
        return result;
    }

    /** Shape 1: {@code 1．芬兰：…外方主管部门为…。外方截止时间为9月30日。} */
    private static void partnerItems(List<String> lines, Years years, String path, List<String> missing,
                                     List<ForeignDeadline> result, DeadlineReader.Locator locator) {
        for (String line : lines) {
            Matcher item = PARTNER_ITEM.matcher(line);
            if (!item.matches() || !(line.contains("外方主管部门") || line.contains("外方截止"))) {
                continue;
            }
            String writtenPartner = item.group(1).strip();
            String rest = item.group(2);
            Matcher agencyPhrase = AGENCY_PHRASE.matcher(rest);
            String writtenAgency = agencyPhrase.find() ? agencyPhrase.group(1).strip() : null;
            Optional<ForeignAgencies.Agency> agency = writtenAgency == null ? Optional.empty()
                    : ForeignAgencies.byChineseName(writtenAgency);
            Optional<ForeignAgencies.Agency> partner = ForeignAgencies.partner(writtenPartner);
            String partnerName = agency.map(ForeignAgencies.Agency::partner)
                    .or(() -> partner.map(ForeignAgencies.Agency::partner)).orElse(writtenPartner);
            String agencyName = agency.map(ForeignAgencies.Agency::name).orElse(writtenAgency);
            ZoneId zone = agency.map(ForeignAgencies.Agency::zone).or(() -> partner.map(ForeignAgencies.Agency::zone))
                    .orElse(null);
            Matcher site = URL.matcher(rest);
            String siteUrl = site.find() ? trimUrl(site.group()) : null;
            String at = path + ".foreignDeadlines[" + result.size() + "]";
            if (zone == null) {
                missing.add(at + ".zone: no known time zone for partner " + writtenPartner);
            }
            ForeignDeadline entry = deadlinePhrase(rest, partnerName, agencyName, zone, siteUrl, null, years, at, missing);
            result.add(entry.date() == null ? entry : sourced(entry, line, line.indexOf(entry.asWritten(), item.start(2)),
                    years, locator));
        }
    }

    /** Shape 2: a side's own date, in whatever words. */
    private static void sidePhrases(List<String> lines, String block, Years years, String path, List<String> missing,
                                    List<ForeignDeadline> result, DeadlineReader.Locator locator) {
        List<ForeignAgencies.Agency> partners = ForeignAgencies.partnersIn(block);
        Map<String, ForeignAgencies.Agency> agencies = ForeignAgencies.mentionedIn(block);
        for (String line : lines) {
            for (String sentence : line.split("(?<=[。；;])")) {
                List<ChineseDates.Mention> mentions = ChineseDates.find(sentence);
                int previousEnd = 0;
                for (ChineseDates.Mention m : mentions) {
                    String before = sentence.substring(previousEnd, m.start());
                    previousEnd = m.end();
                    String clause = before.substring(Math.max(before.lastIndexOf('，'), before.lastIndexOf(',')) + 1);
                    Matcher side = SIDE.matcher(clause);
                    String abbreviation = null;
                    boolean generic = false;
                    boolean any = false;
                    ForeignAgencies.Agency partnerInClause = null;
                    while (side.find()) {
                        any = true;
                        abbreviation = side.group(1) != null ? side.group(1) : side.group(3) != null ? side.group(3) : side.group(4);
                        generic = side.group(2) != null;
                    }
                    // A per-country list on a foreign-side line: 外方截止时间如下：芬兰9月30日；以色列9月19日.
                    List<ForeignAgencies.Agency> named = ForeignAgencies.partnersIn(clause);
                    if (named.size() == 1 && FOREIGN_LIST.matcher(line).find()
                            && clause.length() - ForeignAgencies.lastPartnerEnd(clause) <= 8) {
                        partnerInClause = named.get(0);
                        any = true;
                        abbreviation = null;
                        generic = false;
                    }
                    if (!any || (abbreviation != null && ("中我双各甲乙地对".contains(abbreviation)))) {
                        continue;
                    }
                    Optional<ForeignAgencies.Agency> partner = partnerInClause != null ? Optional.of(partnerInClause)
                            : abbreviation != null ? ForeignAgencies.side(abbreviation.charAt(0))
                            : partners.size() == 1 ? Optional.of(partners.get(0)) : Optional.empty();
                    if (abbreviation != null && partner.isEmpty()) {
                        continue;
                    }
                    String partnerName = partner.map(ForeignAgencies.Agency::partner).orElse("foreign partner");
                    Optional<ForeignAgencies.Agency> agency = agencies.values().stream()
                            .filter(a -> a.partner().equals(partnerName)).findFirst();
                    ZoneId zone = agency.map(ForeignAgencies.Agency::zone)
                            .orElse(partner.map(ForeignAgencies.Agency::zone).orElse(null));
                    String at = path + ".foreignDeadlines[" + result.size() + "]";
                    if (zone == null) {
                        missing.add(at + ".zone: the notice gives a foreign-side date (" + m.asWritten()
                                + ") without naming which partner" + (generic ? " (" + clause.strip() + ")" : ""));
                    }
                    String after = sentence.substring(m.end()).split("[，,。；;]", 2)[0]
                            .replaceFirst("^[\\s)）\"”]*(?:之前|以前|前)?", "").strip();
                    Integer year = m.year() != null ? m.year() : years.forMonth(m.month());
                    LocalDate date = null;
                    if (year == null) {
                        missing.add(at + ".date: " + m.asWritten() + " is written without a year and " + years.whyNone());
                    } else {
                        DateOrDateTime value = ChineseDates.resolve(m, year);
                        if (value == null) {
                            missing.add(at + ".date: " + m.asWritten() + " is not a date in " + year);
                        } else {
                            date = value.date();
                        }
                    }
                    ForeignDeadline entry = new ForeignDeadline(partnerName, agency.map(ForeignAgencies.Agency::name).orElse(null),
                            zone, date, date == null ? null : m.time(), false, m.asWritten(),
                            after.isEmpty() ? null : after, null, null);
                    result.add(date == null ? entry : sourced(entry, sentence, m.start(), years, locator));
                }
            }
        }
    }

    /** English: the deadline(s) set by the other side's bodies, then the date ({@code …both fall on 13 September 2019}). */
    private static final Pattern EN_SET_BY = Pattern.compile(
            "(?i)deadlines?\\s+(?:set|fixed|specified|announced)\\s+by\\s+(.{3,240}?)\\s+(?:both\\s+|all\\s+)?"
                    + "(?:fall|falls|is|are|will\\s+be)\\s+(?:on\\s+)?$");
    /** A body named in English: {@code Guangdong authorities}, {@code the Israel Innovation Authority}. */
    private static final Pattern EN_BODY = Pattern.compile(
            "((?:[A-Z][A-Za-z]+)(?:[ -][A-Z][A-Za-z]+)*)\\s+(?:authorities|authority|government|agency|agencies|side|partners?)\\b"
                    + "|((?:[A-Z][A-Za-z]+[ -])+(?:Authority|Agency|Foundation|Council|Ministry|Office))\\b");
    /**
     * Zones of the places a Hong Kong or Macau call's partner side is named by: zone ids, resolved where a notice names
     * one (java.time reads a zone's rules at its first {@code ZoneId.of}).
     */
    static final Map<String, String> EN_PLACES = Map.of(
            "mainland", "Asia/Shanghai", "guangdong", "Asia/Shanghai", "shenzhen", "Asia/Shanghai", "beijing", "Asia/Shanghai",
            "hong kong", "Asia/Hong_Kong", "macao", "Asia/Macau", "macau", "Asia/Macau");

    /**
     * English shape: {@code the application deadlines set by Guangdong authorities on Category C(1) and Shenzhen
     * authorities on Category C(2) both fall on 13 September 2019}: one entry per body named, read in the zone written
     * (else the body's place; a body of no known place is said in {@code missing}).
     */
    private static void englishSides(List<String> lines, Years years, String path, List<String> missing,
                                     List<ForeignDeadline> result, DeadlineReader.Locator locator) {
        for (String line : lines) {
            for (ChineseDates.Mention m : ChineseDates.find(line)) {
                if (!m.asWritten().matches("(?s).*[A-Za-z].*")) {
                    continue;
                }
                String before = line.substring(Math.max(0, m.start() - 300), m.start());
                Matcher set = EN_SET_BY.matcher(before.substring(Math.max(before.lastIndexOf(". "), 0)));
                if (!set.find()) {
                    continue;
                }
                Integer year = m.year() != null ? m.year() : years.forMonth(m.month());
                DateOrDateTime value = year == null ? null : ChineseDates.resolve(m, year);
                Matcher body = EN_BODY.matcher(set.group(1));
                while (body.find()) {
                    String partner = (body.group(1) != null ? body.group(1) : body.group(2)).replaceFirst("^(?i:the)\\s+", "");
                    String placeZone = EN_PLACES.get(partner.toLowerCase(java.util.Locale.ROOT));
                    ZoneId zone = m.zone() != null ? m.zone() : placeZone == null ? null : ZoneId.of(placeZone);
                    String at = path + ".foreignDeadlines[" + result.size() + "]";
                    if (zone == null) {
                        missing.add(at + ".zone: no known time zone for " + partner);
                    }
                    if (value == null) {
                        missing.add(at + ".date: " + m.asWritten() + (year == null ? " is written without a year and "
                                + years.whyNone() : " is not a date in " + year));
                    }
                    ForeignDeadline entry = new ForeignDeadline(partner, null, zone, value == null ? null : value.date(),
                            value == null ? null : m.time(), false, m.asWritten(), null, null, null);
                    result.add(value == null ? entry : sourced(entry, line, m.start(), years, locator));
                }
            }
        }
    }

    /** Shape 3: a known agency named, perhaps with its site and contact, and no date of its own. */
    private static void namedAgencies(List<String> lines, String block, String path, List<String> missing,
                                      List<ForeignDeadline> result) {
        for (Map.Entry<String, ForeignAgencies.Agency> e : ForeignAgencies.mentionedIn(block).entrySet()) {
            ForeignAgencies.Agency agency = e.getValue();
            boolean dated = result.stream().anyMatch(r -> r.partner().equals(agency.partner()));
            if (dated) {
                continue;
            }
            String siteUrl = null;
            StringBuilder contact = new StringBuilder();
            boolean inContact = false;
            for (String line : lines) {
                Matcher site = SIDE_SITE.matcher(line);
                Matcher contactLine = SIDE_CONTACT.matcher(line);
                if (site.matches()) {
                    Matcher url = URL.matcher(site.group(2));
                    siteUrl = url.find() ? trimUrl(url.group()) : site.group(2).strip();
                    inContact = false;
                } else if (contactLine.matches()) {
                    contact.append(contactLine.group(2).strip());
                    inContact = true;
                } else if (inContact && (CONTACT_DETAIL.matcher(line).find() || !LABEL.matcher(line).matches())) {
                    contact.append("; ").append(line.strip().replaceAll("[；;]$", ""));
                } else {
                    inContact = false;
                }
            }
            String at = path + ".foreignDeadlines[" + result.size() + "]";
            missing.add(at + ".date: the notice names the foreign agency " + agency.name() + " (" + e.getKey()
                    + ") but states no foreign-side deadline");
            result.add(new ForeignDeadline(agency.partner(), agency.name(), agency.zone(), null, null, false, null,
                    null, siteUrl, contact.length() == 0 ? null : contact.toString()));
        }
    }

    /** Reads {@code 外方截止时间为9月30日（条件）} or {@code 外方截止时间与我省一致} from the text after a partner's name. */
    private static ForeignDeadline deadlinePhrase(String text, String partner, String agency, ZoneId zone, String site,
                                                  String contact, Years years, String at, List<String> missing) {
        Matcher phrase = FOREIGN_DEADLINE_PHRASE.matcher(text);
        if (!phrase.find()) {
            missing.add(at + ".date: no foreign-side deadline (外方截止时间) for " + partner);
            return new ForeignDeadline(partner, agency, zone, null, null, false, null, null, site, contact);
        }
        String written = phrase.group(1).strip();
        Matcher same = SAME_AS_OURS.matcher(phrase.group(0));
        if (same.find()) {
            return new ForeignDeadline(partner, agency, zone, null, null, true, same.group(), null, site, contact);
        }
        List<ChineseDates.Mention> found = ChineseDates.find(written);
        if (found.isEmpty()) {
            missing.add(at + ".date: the foreign-side deadline is not a date: " + written);
            return new ForeignDeadline(partner, agency, zone, null, null, false, written, null, site, contact);
        }
        ChineseDates.Mention first = found.get(0);
        String asWritten = first.asWritten();
        String rest = written.substring(first.end());
        Matcher cond = Pattern.compile("^[（(](.+)[)）]").matcher(rest);
        String condition = cond.find() ? cond.group(1) : null;
        Integer y = first.year() != null ? first.year() : years.forMonth(first.month());
        LocalDate date = null;
        if (y == null) {
            missing.add(at + ".date: " + asWritten + " is written without a year and " + years.whyNone());
        } else {
            DateOrDateTime value = ChineseDates.resolve(first, y);
            if (value == null) {
                missing.add(at + ".date: " + asWritten + " is not a date in " + y);
            } else {
                date = value.date();
            }
        }
        return new ForeignDeadline(partner, agency, zone, date, date == null ? null : first.time(), false, asWritten,
                condition, site, contact);
    }

    /**
     * {@code entry} with its evidence: the date's span in {@code sentence} (from {@code from}, as long as the date as
     * written; no source when it cannot be found there), and {@code review} when the date was written without a
     * year and that year is a guess ({@link Years#doubt}).
     */
    private static ForeignDeadline sourced(ForeignDeadline entry, String sentence, int from, Years years,
                                           DeadlineReader.Locator locator) {
        String written = entry.asWritten();
        Source source = null;
        if (from >= 0 && written != null && sentence.startsWith(written, from)) {
            // The sentence around the date, not a whole crawled line: from the end of the one before to its own end.
            int start = 0;
            Matcher end = SENTENCE_END.matcher(sentence);
            while (end.find() && end.end() <= from) {
                start = end.end();
            }
            while (start < from && Character.isWhitespace(sentence.charAt(start))) {
                start++;
            }
            int stop = end.find(from + written.length()) ? end.end() : sentence.length();
            String text = sentence.substring(start, stop);
            source = new Source(locator.line(text.strip()), from - start, from - start + written.length(), text);
        }
        List<String> reasons = new ArrayList<>();
        if (written != null && !YEAR_WRITTEN.matcher(written).find()) {
            String doubt = years.doubt(entry.date().getMonthValue());
            if (doubt != null) {
                reasons.add(doubt);
            }
        }
        return new ForeignDeadline(entry.partner(), entry.agency(), entry.zone(), entry.date(), entry.time(),
                entry.sameAsOurs(), written, entry.condition(), entry.site(), entry.contact(), null, reasons, source);
    }

    /** Where a sentence ends: Chinese stops, or an English full stop followed by a space. */
    private static final Pattern SENTENCE_END = Pattern.compile("[。；;！!？?]|\\.(?=\\s)");

    /** A date written with its year: four digits (2019年, 13 September 2019, 2019-09-13). */
    private static final Pattern YEAR_WRITTEN = Pattern.compile("(?<!\\d)\\d{4}(?!\\d)");

    static String trimUrl(String url) {
        return url.replaceAll("[.,;)\\]。]+$", "");
    }
}
