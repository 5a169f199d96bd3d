package cutoff.notice;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a funding-call notice's extracted text into a {@link Notice}.
 *
 * <p>What it understands, as the notices in {@code shared/guidelines} write it:
 * <ul>
 *   <li>a header with the issuer, the document number ({@code 沪科指南〔2023〕4 号}, brackets 〔〕 [] 【】
 *       „‟ ﹝﹞) and the title up to the salutation {@code 各有关单位：}; the issuing date above the
 *       signature at the end;</li>
 *   <li>topics headed {@code 专题一、…}, or programmes {@code 一、专项名称：…} with topics
 *       {@code （一）专题名称：…}; a notice with neither is one programme and becomes one topic;</li>
 *   <li>directions {@code 方向一：…} / {@code 方向1、…} under a topic;</li>
 *   <li>a window per topic ({@code 申报时间：2023年3月29日9:00至2023年4月18日16:30}) or one for the whole
 *       notice in its 申报方式 section ({@code 起始时间为…9:00，截止时间（含申报单位网上审核提交）为…16:30});</li>
 *   <li>foreign-side deadlines as numbered partner items ({@code 1．芬兰：…外方主管部门为…，网站链接：…。
 *       外方截止时间为9月30日。}, {@code 外方截止时间与我省一致}), or as a named foreign agency with its
 *       {@code 以方申报网址} and {@code 以方联系方式} (then the date is reported missing).</li>
 * </ul>
 * All times are Beijing time ({@link Window#BEIJING}). Nothing is guessed: what the text does not say
 * is left {@code null} and explained in {@link Notice#missing()}.
 *
 * <p>Thread-safe and stateless.
 */
public final class NoticeParser {
    private static final String NUM = "[一二三四五六七八九十]+";
    private static final String ORD = "(?:" + NUM + "|\\d+)";

    private static final Pattern DOCUMENT_NUMBER = Pattern.compile(
            "([\\p{IsHan}]{2,8})[〔\\[【„(（﹝]\\s*(\\d{4})\\s*[〕\\]】‟\"”)）﹞]\\s*(\\d+)\\s*号");
    private static final Pattern ISSUER = Pattern.compile(
            "^[\\p{IsHan}]{2,16}(?:科学技术委员会|科学技术厅|科技厅|科学技术局|科技局|科学技术部|科技部)$");
    private static final Pattern ISSUER_IN_TITLE = Pattern.compile(
            "^([\\p{IsHan}]{2,16}(?:科学技术委员会|科学技术厅|科技厅|科学技术局|科技局|科学技术部))关于");
    private static final Pattern SALUTATION = Pattern.compile("^各[\\p{IsHan}]{1,20}[：:]$");
    private static final Pattern DATE_LINE = Pattern.compile("^(\\d{4})年(\\d{1,2})月(\\d{1,2})日$");

    private static final Pattern SECTION = Pattern.compile("^(" + NUM + ")[、.．](.*)$");
    private static final Pattern PROGRAMME = Pattern.compile("^(" + ORD + ")[、.．]专项名称[：:](.+?)[。]?$");
    private static final Pattern TOPIC = Pattern.compile("^专题(" + ORD + ")[、，,.．：:](.+?)[：:。]?$");
    private static final Pattern PAREN_TOPIC = Pattern.compile("^[（(](" + NUM + ")[)）](专题名称[：:])?(.+?)[：:。]?$");
    private static final Pattern DIRECTION = Pattern.compile("^方向(" + ORD + ")[、，,.．：:](.+?)[：:。]?$");
    private static final Pattern LABEL = Pattern.compile("^([\\p{IsHan}]{1,16})[：:](.*)$");

    /** A Beijing date-time: 2023年4月18日16:30, 4月18日下午4:30, 2023年4月18日（星期二）17时. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日(?:[（(][^）)]{1,6}[)）])?"
                    + "(?:(上午|下午|中午|晚上)?(\\d{1,2})(?:[:：](\\d{2})|时(?:(\\d{1,2})分)?))?");
    private static final Pattern DATE = Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern RANGE_WORD = Pattern.compile("至|到|—|－|-|~|～");
    private static final Pattern WAN = Pattern.compile("(\\d+(?:\\.\\d+)?)万元");
    private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7E]+");

    private static final Pattern PARTNER_ITEM = Pattern.compile("^\\d{1,2}[、.．]([^：:，,。]{1,20})[：:](.*)$");
    private static final Pattern AGENCY_PHRASE = Pattern.compile("外方主管部门为([^，,。；;]+)");
    private static final Pattern FOREIGN_DEADLINE_PHRASE = Pattern.compile("外方截止(?:时间|日期)(?:为|是|：|:)?([^。；;]*)");
    private static final Pattern SAME_AS_OURS = Pattern.compile("与(?:我省|我市|我方|中方)(?:截止时间)?(?:一致|相同|同步)");
    private static final Pattern SIDE_SITE = Pattern.compile("^([\\p{IsHan}])方申报网址[：:](.*)$");
    private static final Pattern SIDE_CONTACT = Pattern.compile("^([\\p{IsHan}])方联系方式[：:](.*)$");
    private static final Pattern CONTACT_DETAIL = Pattern.compile("^(?:电话|邮箱|传真|Email|E-mail|email)[：:]");

    /**
     * Parses a notice.
     *
     * @param bytes the extracted text, UTF-8
     * @param year  the year to use for dates written without one when the notice itself states no year
     *              anywhere (document number, window, issuing date); {@code null} for none
     * @return the notice; never {@code null}
     * @throws NotANoticeException when the input is empty, not UTF-8, or has no notice structure
     */
    public Notice parse(byte[] bytes, Integer year) throws NotANoticeException {
        NoticeText text = NoticeText.of(bytes);
        List<String> physical = text.physicalLines();
        List<String> missing = new ArrayList<>();

        Head head = readHead(physical);
        LocalDate issuedOn = readIssuedOn(physical);
        Body body = readBody(text.logicalLines(), head.title());
        Window noticeWide = null;
        List<String> windowNotes = new ArrayList<>();
        for (String line : body.noticeLines()) {
            if (line.contains("截止") || line.contains("申报时间")) {
                noticeWide = windowIn(line, null, windowNotes);
                if (noticeWide != null) {
                    break;
                }
            }
        }

        if (body.topics().isEmpty() && noticeWide == null && head.documentNumber() == null) {
            throw new NotANoticeException("no notice structure: found no topic heading (专题…), no application "
                    + "window (申报时间 / 截止时间) and no document number (…〔2023〕4号)");
        }
        if (body.topics().isEmpty()) {
            // One programme without topic headings: the whole body is its topic.
            body.topics().add(new RawTopic(null, null, null, null,
                    body.programmeTitle() != null ? body.programmeTitle() : head.title(), body.noticeLines()));
        }

        Integer noticeYear = head.documentNumber() != null ? Integer.valueOf(head.documentYear()) : null;
        if (noticeYear == null && noticeWide != null) {
            noticeYear = noticeWide.closes().date().getYear();
        }
        if (noticeYear == null && issuedOn != null) {
            noticeYear = issuedOn.getYear();
        }
        if (noticeYear == null) {
            noticeYear = year;
        }

        if (head.documentNumber() == null) {
            missing.add("documentNumber: the header has no document number (文号, e.g. 沪科指南〔2023〕4号)");
        }
        if (head.issuer() == null) {
            missing.add("issuer: no issuing authority (科学技术委员会 / 科技厅 …) in the header or the signature");
        }
        if (head.title() == null) {
            missing.add("title: no title before the first section");
        }
        if (issuedOn == null) {
            missing.add("issuedOn: no issuing date (YYYY年M月D日) above the signature");
        }

        String noticeId = NoticeIds.noticeId(head.documentNumber(), head.issuer(), head.title());
        List<Topic> topics = new ArrayList<>();
        for (int i = 0; i < body.topics().size(); i++) {
            RawTopic raw = body.topics().get(i);
            String path = "topics[" + i + "]";
            int ordinal = raw.ordinal() != null ? raw.ordinal() : i + 1;
            String topicId = NoticeIds.topicId(noticeId, raw.programmeIndex(), ordinal);
            if (topics.stream().anyMatch(t -> t.id().equals(topicId))) {
                throw new NotANoticeException("two topics have the same heading " + raw.key()
                        + (raw.programme() == null ? "" : " in programme " + raw.programme()));
            }
            topics.add(readTopic(topicId, raw, noticeWide, windowNotes, noticeYear, path, missing));
        }
        return new Notice(noticeId, head.documentNumber(), head.issuer(), null, head.title(), issuedOn,
                applicationSite(body.noticeLines()), topics, missing, null, null);
    }

    /**
     * The first https address in the 申报方式 section (where applicants apply), else the first http
     * one there; {@code null} when the section names none.
     */
    private static String applicationSite(List<String> noticeLines) {
        boolean inSection = false;
        String http = null;
        for (String line : noticeLines) {
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                inSection = section.group(2).startsWith("申报方式") || section.group(2).startsWith("申报方法");
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher url = URL.matcher(line);
            while (url.find()) {
                String site = trimUrl(url.group());
                if (site.startsWith("https://")) {
                    return site;
                }
                if (http == null) {
                    http = site;
                }
            }
        }
        return http;
    }

    // ---------------------------------------------------------------- header and signature

    private record Head(String issuer, String documentNumber, String documentYear, String title) {
    }

    private static Head readHead(List<String> physical) {
        int bodyStart = physical.size();
        for (int i = 0; i < physical.size(); i++) {
            String line = physical.get(i);
            if (SALUTATION.matcher(line).matches() || SECTION.matcher(line).matches()
                    || PROGRAMME.matcher(line).matches() || TOPIC.matcher(line).matches()) {
                bodyStart = i;
                break;
            }
        }
        String issuer = null;
        String documentNumber = null;
        String documentYear = null;
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < Math.min(bodyStart, 20); i++) {
            String line = physical.get(i);
            Matcher number = DOCUMENT_NUMBER.matcher(line);
            if (documentNumber == null && number.find() && line.length() <= number.end() + 2) {
                documentNumber = number.group(1) + "〔" + number.group(2) + "〕" + number.group(3) + "号";
                documentYear = number.group(2);
            } else if (issuer == null && title.length() == 0 && ISSUER.matcher(line).matches()) {
                issuer = line;
            } else {
                title.append(line);
            }
        }
        String titleText = title.length() == 0 ? null : title.toString();
        if (issuer == null && titleText != null) {
            Matcher m = ISSUER_IN_TITLE.matcher(titleText);
            if (m.find()) {
                issuer = m.group(1);
            }
        }
        if (issuer == null) {
            // The signature: an authority's name on a line of its own, just above the issuing date.
            for (int i = physical.size() - 1; i > bodyStart; i--) {
                if (DATE_LINE.matcher(physical.get(i)).matches() && ISSUER.matcher(physical.get(i - 1)).matches()) {
                    issuer = physical.get(i - 1);
                    break;
                }
            }
        }
        return new Head(issuer, documentNumber, documentYear, titleText);
    }

    private static LocalDate readIssuedOn(List<String> physical) {
        for (int i = physical.size() - 1; i >= 0; i--) {
            Matcher m = DATE_LINE.matcher(physical.get(i));
            if (m.matches()) {
                return date(m.group(1), m.group(2), m.group(3));
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- body: programmes, topics, directions

    private record RawTopic(String key, Integer ordinal, Integer programmeIndex, String programme, String title,
                            List<String> lines) {
    }

    private record Body(List<RawTopic> topics, List<String> noticeLines, String programmeTitle) {
    }

    private static Body readBody(List<String> logical, String noticeTitle) {
        List<RawTopic> topics = new ArrayList<>();
        List<String> noticeLines = new ArrayList<>();
        List<String> current = null;
        Integer programmeIndex = null;
        String programme = null;
        int programmes = 0;
        boolean started = noticeTitle == null;
        for (String line : logical) {
            if (!started) {
                // Skip the header: it was read from the physical lines.
                if (SALUTATION.matcher(line).matches() || SECTION.matcher(line).matches()
                        || PROGRAMME.matcher(line).matches() || TOPIC.matcher(line).matches()) {
                    started = true;
                } else {
                    continue;
                }
            }
            Matcher m;
            if ((m = PROGRAMME.matcher(line)).matches()) {
                programmes++;
                programmeIndex = programmes;
                programme = m.group(2).strip();
                current = null;
            } else if ((m = TOPIC.matcher(line)).matches()) {
                current = new ArrayList<>();
                topics.add(new RawTopic("专题" + m.group(1), ChineseNumerals.parse(m.group(1)), programmeIndex, programme,
                        m.group(2).strip(), current));
            } else if ((m = PAREN_TOPIC.matcher(line)).matches() && (programme != null || m.group(2) != null)) {
                current = new ArrayList<>();
                topics.add(new RawTopic("（" + m.group(1) + "）", ChineseNumerals.parse(m.group(1)), programmeIndex,
                        programme, m.group(3).strip(), current));
            } else if (SECTION.matcher(line).matches()) {
                current = null;
                programme = null;
                programmeIndex = null;
                noticeLines.add(line);
            } else if (current != null) {
                current.add(line);
            } else {
                noticeLines.add(line);
            }
        }
        String single = programmes == 1 && topics.isEmpty() ? programme : null;
        return new Body(topics, noticeLines, single);
    }

    private static Topic readTopic(String topicId, RawTopic raw, Window noticeWide, List<String> noticeWindowNotes,
                                   Integer year, String path, List<String> missing) {
        List<Direction> directions = new ArrayList<>();
        Window window = null;
        List<String> windowNotes = new ArrayList<>();
        Integer cap = null;
        ProjectPeriod period = null;
        List<String> fields = new ArrayList<>();
        for (String line : raw.lines()) {
            Matcher m = DIRECTION.matcher(line);
            if (m.matches()) {
                directions.add(new Direction("方向" + m.group(1), m.group(2).strip()));
                continue;
            }
            m = LABEL.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String label = m.group(1);
            String value = m.group(2).strip();
            if (window == null && label.matches("申报时间|申报期限|受理时间|申报日期|网上申报时间|网上填报时间|申报截止时间|截止时间")) {
                window = windowIn(line, year, windowNotes);
            } else if (label.matches(".*(经费额度|资助额度|补助经费|资助金额|资助强度)")) {
                Matcher wan = WAN.matcher(value);
                while (wan.find()) {
                    int amount = (int) Math.ceil(Double.parseDouble(wan.group(1)));
                    cap = cap == null ? amount : Math.max(cap, amount);
                }
            } else if (period == null && label.matches("执行期限|实施期限|项目执行期|执行期|攻关时限|实施周期")) {
                period = projectPeriod(value);
            } else if (fields.isEmpty() && label.equals("支持领域")) {
                for (String field : value.split("[。；;]", 2)[0].split("[、，,]")) {
                    String f = field.strip().replaceAll("等$", "");
                    if (!f.isEmpty()) {
                        fields.add(f);
                    }
                }
            }
        }
        if (window == null) {
            window = noticeWide;
            windowNotes.addAll(noticeWindowNotes);
        }
        if (window == null) {
            missing.add(path + ".window: no 申报时间 for the topic and no notice-wide window (截止时间) in the notice"
                    + (windowNotes.isEmpty() ? "" : "; " + String.join("; ", windowNotes))
                    + "; supply the cutoff (ingest --closes)");
        } else if (window.opens() == null) {
            missing.add(path + ".window.opens: the notice states the cutoff but no opening time");
        }
        if (cap == null) {
            missing.add(path + ".fundingCapWan: no funding cap (经费额度) in 万元");
        }
        if (period == null) {
            missing.add(path + ".projectPeriod: no project period (执行期限)");
        } else if (period.from() == null) {
            missing.add(path + ".projectPeriod: only a duration is written (" + period.asWritten() + "), no dates");
        }
        List<ForeignDeadline> foreign = foreignDeadlines(raw.lines(), year, path, missing);
        return new Topic(topicId, raw.key(), raw.programme(), raw.title(), directions, window, foreign, List.of(), cap, period, fields);
    }

    // ---------------------------------------------------------------- windows and dates

    private record Found(int start, int end, Integer year, int month, int day, LocalTime time) {
    }

    private static List<Found> dateTimes(String line) {
        List<Found> found = new ArrayList<>();
        Matcher m = DATE_TIME.matcher(line);
        while (m.find()) {
            Integer y = m.group(1) == null ? null : Integer.valueOf(m.group(1));
            LocalTime time = null;
            if (m.group(5) != null) {
                int hour = Integer.parseInt(m.group(5));
                String minutes = m.group(6) != null ? m.group(6) : m.group(7);
                int minute = minutes == null ? 0 : Integer.parseInt(minutes);
                String half = m.group(4);
                if (half != null && (half.equals("下午") || half.equals("晚上")) && hour < 12) {
                    hour += 12;
                }
                if (hour == 24 && minute == 0) {
                    hour = 23;
                    minute = 59;
                }
                if (hour < 24 && minute < 60) {
                    time = LocalTime.of(hour, minute);
                }
            }
            found.add(new Found(m.start(), m.end(), y, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), time));
        }
        return found;
    }

    /**
     * The window in one line: two date-times joined by 至 (or a dash), or a single one after 截止.
     * A year left out of the second end is the first's. Returns {@code null} and adds a note when the
     * line has dates but not enough for a cutoff instant.
     */
    private static Window windowIn(String line, Integer defaultYear, List<String> notes) {
        List<Found> found = dateTimes(line);
        if (found.isEmpty()) {
            return null;
        }
        Found opens = null;
        Found closes;
        if (found.size() >= 2) {
            String between = line.substring(found.get(0).end(), found.get(1).start());
            boolean range = RANGE_WORD.matcher(between).find() || line.contains("起始") || line.contains("开始");
            if (!range) {
                return null;
            }
            opens = found.get(0);
            closes = found.get(1);
        } else {
            closes = found.get(0);
            String before = line.substring(0, closes.start());
            // "截止时间为…", or "即日起至…" / "…起至…": a cutoff without an opening time.
            if (!before.contains("截止") && !before.endsWith("至") && !before.endsWith("到")) {
                return null;
            }
        }
        Integer closesYear = closes.year() != null ? closes.year() : opens != null && opens.year() != null ? opens.year() : defaultYear;
        Integer opensYear = opens == null ? null : opens.year() != null ? opens.year() : closesYear;
        if (closesYear == null) {
            notes.add("the cutoff " + closes.month() + "月" + closes.day() + "日 is written without a year");
            return null;
        }
        if (closes.time() == null) {
            notes.add("the cutoff " + closesYear + "-" + closes.month() + "-" + closes.day()
                    + " is written without a time of day");
            return null;
        }
        try {
            OffsetDateTime closesAt = beijing(closesYear, closes.month(), closes.day(), closes.time());
            OffsetDateTime opensAt = null;
            if (opens != null && opens.time() != null && opensYear != null) {
                opensAt = beijing(opensYear, opens.month(), opens.day(), opens.time());
            }
            if (opensAt != null && !opensAt.isBefore(closesAt)) {
                notes.add("the window's opening " + opensAt + " is not before its cutoff " + closesAt);
                return null;
            }
            return new Window(opensAt, closesAt, Window.BEIJING);
        } catch (DateTimeException e) {
            notes.add("the window has an impossible date: " + e.getMessage());
            return null;
        }
    }

    private static OffsetDateTime beijing(int year, int month, int day, LocalTime time) {
        return LocalDateTime.of(LocalDate.of(year, month, day), time).atZone(Window.BEIJING).toOffsetDateTime();
    }

    private static LocalDate date(String y, String m, String d) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ProjectPeriod projectPeriod(String value) {
        String asWritten = value.replaceAll("[。；;]$", "");
        Matcher m = DATE.matcher(value);
        List<LocalDate> dates = new ArrayList<>();
        while (m.find() && dates.size() < 2) {
            if (m.group(1) != null) {
                dates.add(date(m.group(1), m.group(2), m.group(3)));
            }
        }
        if (dates.size() == 2 && dates.get(0) != null && dates.get(1) != null) {
            return new ProjectPeriod(dates.get(0), dates.get(1), asWritten);
        }
        return new ProjectPeriod(null, null, asWritten);
    }

    // ---------------------------------------------------------------- foreign side

    private static List<ForeignDeadline> foreignDeadlines(List<String> lines, Integer year, String path,
                                                          List<String> missing) {
        List<ForeignDeadline> result = new ArrayList<>();
        // Style 1: numbered partner items that name the agency and its deadline (浙江 004).
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
            var zone = agency.map(ForeignAgencies.Agency::zone).or(() -> partner.map(ForeignAgencies.Agency::zone)).orElse(null);
            Matcher site = URL.matcher(rest);
            String siteUrl = site.find() ? trimUrl(site.group()) : null;
            int index = result.size();
            String at = path + ".foreignDeadlines[" + index + "]";
            if (zone == null) {
                missing.add(at + ".zone: no known time zone for partner " + writtenPartner);
            }
            result.add(deadlinePhrase(rest, partnerName, agencyName, zone, siteUrl, null, year, at, missing));
        }
        if (!result.isEmpty()) {
            return result;
        }
        // Style 2: the topic names a known agency and gives its site and contact (STCSM 沪科指南〔2023〕4号).
        String block = String.join("\n", lines);
        for (Map.Entry<String, ForeignAgencies.Agency> e : ForeignAgencies.mentionedIn(block).entrySet()) {
            ForeignAgencies.Agency agency = e.getValue();
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
            Matcher phrase = FOREIGN_DEADLINE_PHRASE.matcher(block);
            ForeignDeadline deadline;
            if (phrase.find()) {
                deadline = deadlinePhrase(block.substring(phrase.start()), agency.partner(), agency.name(), agency.zone(),
                        siteUrl, contact.length() == 0 ? null : contact.toString(), year, at, missing);
            } else {
                missing.add(at + ".date: the notice names the foreign agency " + agency.name() + " (" + e.getKey()
                        + ") but states no foreign-side deadline");
                deadline = new ForeignDeadline(agency.partner(), agency.name(), agency.zone(), null, null, false, null,
                        null, siteUrl, contact.length() == 0 ? null : contact.toString());
            }
            result.add(deadline);
        }
        return result;
    }

    /** Reads {@code 外方截止时间为9月30日（条件）} or {@code 外方截止时间与我省一致} from the text after a partner's name. */
    private static ForeignDeadline deadlinePhrase(String text, String partner, String agency, java.time.ZoneId zone,
                                                  String site, String contact, Integer year, String at,
                                                  List<String> missing) {
        Matcher phrase = FOREIGN_DEADLINE_PHRASE.matcher(text);
        if (!phrase.find()) {
            missing.add(at + ".date: no foreign-side deadline (外方截止时间) for " + partner);
            return new ForeignDeadline(partner, agency, zone, null, null, false, null, null, site, contact);
        }
        String written = phrase.group(1).strip();
        if (SAME_AS_OURS.matcher(phrase.group(0)).find()) {
            Matcher same = SAME_AS_OURS.matcher(phrase.group(0));
            same.find();
            return new ForeignDeadline(partner, agency, zone, null, null, true, same.group(), null, site, contact);
        }
        List<Found> found = dateTimes(written);
        if (found.isEmpty()) {
            missing.add(at + ".date: the foreign-side deadline is not a date: " + written);
            return new ForeignDeadline(partner, agency, zone, null, null, false, written, null, site, contact);
        }
        Found first = found.get(0);
        String asWritten = written.substring(first.start(), first.end());
        String rest = written.substring(first.end());
        Matcher cond = Pattern.compile("^[（(](.+)[)）]").matcher(rest);
        String condition = cond.find() ? cond.group(1) : null;
        Integer y = first.year() != null ? first.year() : year;
        LocalDate date = null;
        if (y == null) {
            missing.add(at + ".date: " + asWritten + " is written without a year and the notice states none; "
                    + "pass --year");
        } else {
            try {
                date = LocalDate.of(y, first.month(), first.day());
            } catch (DateTimeException e) {
                missing.add(at + ".date: " + asWritten + " is not a date in " + y);
            }
        }
        return new ForeignDeadline(partner, agency, zone, date, first.time(), false, asWritten, condition, site, contact);
    }

    private static String trimUrl(String url) {
        return url.replaceAll("[.,;)\\]。]+$", "");
    }
}
