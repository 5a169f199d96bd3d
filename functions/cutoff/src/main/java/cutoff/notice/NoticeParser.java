package cutoff.notice;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a funding-call notice's extracted text into a {@link Notice}: any issuer (STCSM, ministries,
 * provinces, academy and university relays), any of the shapes they publish in.
 *
 * <p>The work is done by readers, each with the real notices its rules come from:
 * {@link NoticeText} (extraction noise, logical lines), {@link NoticeHeader} (number, issuer, title,
 * salutation, signature, relays), {@link NoticeSections} (专题 / 专项名称 / （一） / 方向),
 * {@link ChineseDates} (the date and time grammar), {@link DeadlineReader} (the window and every other
 * deadline, classified), {@link ForeignSide} (foreign-side deadlines). This class puts them together and
 * reads each topic's facts (funding cap, project period, fields).
 *
 * <p>A notice is never rejected for what it lacks: whatever cannot be read is {@code null} or empty and
 * explained in {@link Notice#missing()} (where, and why). A date written without a year takes it from
 * the signature, then {@code year}, then the document number ({@link Years}); a cutoff written without a
 * time of day is a bare date. All times are Beijing time ({@link Window#BEIJING}). Nothing is guessed.
 *
 * <p>Thread-safe and stateless: a reading within a time ({@link #parse(byte[], Integer, java.time.Duration, java.time.Clock)}) has a parser
 * of its own.
 *
 * <p>One class (about 370 lines) because it is the one place the readers' results meet: each topic's
 * window, deadlines and facts are read where the topic is built, falling back on the notice's own (a relaying
 * office's date in the title, the notice's window); the grammar itself stays in the readers.
 */
public final class NoticeParser {
    private static final Pattern LABEL = Pattern.compile("^([\\p{IsHan}]{1,16})[：:](.*)$");
    private static final Pattern WAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*万元?(?![人册户亩])");
    private static final Pattern INTENSITY = Pattern.compile(
            "(?:资助强度|经费额度|资助额度|资助金额|补助经费|支持强度|项目金额|资助经费)[^。；;，,]{0,12}?(\\d+(?:\\.\\d+)?)(?:\\s*[-－~～至]\\s*(\\d+(?:\\.\\d+)?))?\\s*万元?\\s*(?:[/／每]\\s*(?:项|个))?(?![人册户亩])");
    private static final Pattern PAREN_ITEM = Pattern.compile("^[（(]([一二三四五六七八九十]+)[)）]([^。；;]{2,60})(?:[。；;]|$)");
    private static final Pattern DURATION = Pattern.compile(
            "(?:执行期限|资助期限|实施期限|研究期限|项目周期|执行期)(?:为|是|：|:)?\\s*((?:\\d+|[一二三四五六七八九十]+)\\s*(?:年|个月))");
    private static final Pattern NOTICE_WORDS = Pattern.compile(
            "通知|指南|申报|申请|截止|项目|专项|征集|公告|资助|立项|推荐"
                    // Joint calls published in English are notices too.
                    + "|(?i:\\bcall for\\b|\\bproposals?\\b|\\bapplications?\\b|\\bdeadline\\b|\\bfunding\\b|\\bscheme\\b|\\bgrants?\\b)");

    /** When the reading's time is up, on {@link #clock}; {@code null}: not bounded (a parser made with {@code new}). */
    private final java.time.Instant deadline;
    private final java.time.Clock clock;

    /** A parser that reads without a time bound: for text one trusts (the labelled corpus, tests). */
    public NoticeParser() {
        this(null, null);
    }

    private NoticeParser(java.time.Instant deadline, java.time.Clock clock) {
        this.deadline = deadline;
        this.clock = clock;
    }

    /**
     * Parses a notice within a reading time: as {@link #parse(byte[], Integer)}, refused once it has read for longer
     * than {@code time} (the callers give what is left of the document readers' own bound, 20 s:
     * {@code cutoff.document.ReadLimits#NOTICE_TIME}).
     *
     * <p>Why a time and not a count of topics or lines: the work grows with the text, which the readers already bound
     * (2,000,000 characters), and the reader is linear in it, but slow on a shared machine (a generated text of 1.8
     * million characters, 40,000 window sentences, reads in tens of seconds); a count would refuse real notices' long
     * tables first and still leave the time unbounded for texts built another way. The time is checked at each topic
     * and each dated sentence placed on its line ({@link LineIndex}): the loops over the notice's sentences and topics.
     *
     * @param bytes the extracted text, UTF-8
     * @param time  how long the reading may take, from now on {@code clock} (wall time: what a gateway's timeout counts)
     * @throws NotANoticeException       as {@link #parse(byte[], Integer)}
     * @throws TooLongToReadException    when the time is up (an upload's 413); nothing was read
     */
    public Notice parse(byte[] bytes, Integer year, java.time.Duration time, java.time.Clock clock)
            throws NotANoticeException, TooLongToReadException {
        NoticeParser timed = new NoticeParser(clock.instant().plus(time), clock);
        try {
            return timed.parse(bytes, year);
        } catch (OverTime e) {
            throw new TooLongToReadException("a notice whose text takes longer to read than the " + time.toSeconds()
                    + " s a file may take (tens of thousands of topics or dated sentences): give the notice itself, without"
                    + " its attachments or repeated pages");
        }
    }

    /** A notice whose reading took longer than it may ({@link #parse(byte[], Integer, java.time.Duration, java.time.Clock)}). */
    public static final class TooLongToReadException extends Exception {
        TooLongToReadException(String message) {
            super(message);
        }
    }

    /** Once the reading's time is up: ends the reading, from inside a reader's loop, as {@link OverTime}. */
    private void check() {
        if (deadline != null && clock.instant().isAfter(deadline)) {
            throw new OverTime();
        }
    }

    /** The reading's time is up; carries the refusal out of the readers' loops (which throw no checked exception). */
    private static final class OverTime extends RuntimeException {
        OverTime() {
            super("the reading's time is up", null, false, false);
        }
    }

    /**
     * Parses a notice.
     *
     * @param bytes the extracted text, UTF-8
     * @param year  the year for dates written without one when the notice has no signature date
     *              ({@link Years}); {@code null} for none
     * @return the notice; never {@code null}
     * @throws NotANoticeException only when the input is not a notice at all: empty, not UTF-8 text, or
     *                             with nothing notice-like (no title, number, salutation, topic, deadline
     *                             nor any of the words calls are written in)
     */
    public Notice parse(byte[] bytes, Integer year) throws NotANoticeException {
        NoticeText text = NoticeText.of(bytes);
        List<String> physical = text.physicalLines();
        List<String> missing = new ArrayList<>();

        NoticeHeader.Header head = NoticeHeader.read(physical);
        List<String> bodyPhysical = new ArrayList<>();
        for (int i = head.bodyStart(); i < head.bodyEnd(); i++) {
            if (!head.dropped().contains(i)) {
                bodyPhysical.add(physical.get(i));
            }
        }
        List<String> trailer = NoticeText.logical(NoticeHeader.trailer(physical, head));
        NoticeSections.Body body = NoticeSections.read(NoticeText.logical(bodyPhysical));
        List<String> bodyLogical = NoticeText.logical(bodyPhysical);
        Years years = new Years(head.signedOn(), year, head.documentYear(), head.published(),
                Years.statedIn(bodyLogical), Years.programmeIn(bodyLogical));
        // A relaying office often puts its own date in the title: 关于…的通知（本校截止时间为3月7日16时）.
        List<String> noticeLines = new ArrayList<>(body.noticeLines());
        if (head.title() != null) {
            noticeLines.add(head.title());
        }
        LineIndex index = new LineIndex(physical);
        DeadlineReader.Locator locator = sentence -> {
            check();
            return index.line(sentence);
        };
        DeadlineReader.Reading noticeWide = DeadlineReader.read(noticeLines, trailer, years, locator);
        if (head.title() != null && DeadlineReader.PAPER_TITLE.matcher(head.title()).find()) {
            noticeWide = noticeWide.paperOnly();
        }

        boolean noticeLike = head.documentNumber() != null || head.title() != null || head.salutation()
                || !body.topics().isEmpty() || noticeWide.window() != null || !noticeWide.deadlines().isEmpty();
        if (!noticeLike && !NOTICE_WORDS.matcher(String.join("", physical)).find()) {
            throw new NotANoticeException("no notice structure: found no title (关于…的通知), no document number "
                    + "(…〔2023〕4号), no salutation (各有关单位：), no topic heading (专题…), no deadline "
                    + "(截止时间为…) and none of the words a call is written in (申报, 项目, 截止 …)");
        }
        if (body.topics().isEmpty()) {
            // One programme without topic headings: the whole body is its topic.
            body.topics().add(new NoticeSections.RawTopic(null, null, null, null,
                    body.programmeTitle() != null ? body.programmeTitle() : head.title(), List.of()));
        }
        if (head.documentNumber() == null) {
            missing.add("documentNumber: no document number (文号, e.g. 沪科指南〔2023〕4号) on a line of its own");
        }
        if (head.issuer() == null) {
            missing.add("issuer: no issuing authority in a header (…文件, or its name above the title), in the "
                    + "signature (落款), or before 关于 in the title");
        }
        if (head.relay() && head.relayedBy() == null && head.issuer() != null && !head.issuer().equals(head.ownAuthority())) {
            missing.add("relayedBy: the notice relays " + head.issuer() + "'s call but the relaying body neither "
                    + "signs it nor is named as the office to send materials to");
        }
        boolean relayNote = !trailer.isEmpty() && noticeWide.deadlines().stream()
                .anyMatch(d -> d.kind() == DeadlineKind.RELAY);
        if (head.relayedBy() == null && relayNote && !head.relay()) {
            missing.add("relayedBy: a relaying body's note with its own deadline follows the signature, but the text "
                    + "does not name that body");
        }
        if (head.title() == null) {
            missing.add("title: no title line (关于…的通知, …指南) before the body");
        }
        if (head.signedOn() == null) {
            missing.add("signedOn: no signature date (YYYY年M月D日 on its own line) at the end");
        }

        String noticeId = NoticeIds.noticeId(head.documentNumber(), head.issuer(), head.title());
        List<Topic> topics = new ArrayList<>();
        java.util.Set<String> topicIds = new java.util.HashSet<>();
        for (int i = 0; i < body.topics().size(); i++) {
            check();
            NoticeSections.RawTopic raw = body.topics().get(i);
            String path = "topics[" + i + "]";
            int ordinal = raw.ordinal() != null ? raw.ordinal() : i + 1;
            String topicId = NoticeIds.topicId(noticeId, raw.programmeIndex(), ordinal);
            if (!topicIds.add(topicId)) {
                missing.add(path + ": a second topic headed " + raw.key()
                        + (raw.programme() == null ? "" : " in programme " + raw.programme()) + " is left out");
                continue;
            }
            boolean alone = raw.key() == null;
            topics.add(readTopic(topicId, raw, alone ? body.noticeLines() : raw.lines(), noticeWide, years, path, missing, locator));
        }
        if (topics.size() == 1 && topics.get(0).key() == null) {
            // A timetable of programmes, one per row with its own period (资助计划申请时间表): a topic per row.
            List<ProgrammeTable.Row> rows = ProgrammeTable.read(
                    text.cellLines().subList(head.bodyStart(), head.bodyEnd()), head.bodyStart() + 1);
            if (!rows.isEmpty()) {
                topics = tableTopics(noticeId, rows, topics.get(0), missing);
            }
        }
        if (topics.size() == 1 && topics.get(0).key() == null && !noticeWide.groups().isEmpty()) {
            // Groups of applicants with a cutoff of their own (…，企业攻关难题招贤专项网上申报截止时间7月4日下午5时): a topic each.
            Topic whole = topics.get(0);
            for (CutoffDecision.GroupWindow g : noticeWide.groups()) {
                String path = "topics[" + topics.size() + "]";
                if (!g.window().closes().timed()) {
                    missing.add(path + ".window.closes: the notice gives the cutoff's day (" + g.asWritten() + ") but no time of day");
                }
                if (g.window().opens() == null) {
                    missing.add(path + ".window.opens: the notice states the cutoff but no opening time");
                }
                topics.add(new Topic(NoticeIds.topicId(noticeId, null, topics.size() + 1), null, whole.programme(), g.group(),
                        List.of(), g.window(), List.of(), whole.deadlines(), null, null, List.of()));
            }
        }
        return new Notice(noticeId, head.documentNumber(), head.issuer(), head.relayedBy(), head.title(),
                head.signedOn(), NoticeSections.applicationSite(body.noticeLines()), topics, missing, null, null);
    }

    /**
     * One topic per row of a programme table, titled by the row, with the row's window; the notice's other
     * deadlines stay with each (as for a notice of several topics), except those that are a row's own cutoff (its
     * value, written in the row).
     * What the single topic's reading put in {@code missing} about its window is replaced by the rows'.
     */
    private static List<Topic> tableTopics(String noticeId, List<ProgrammeTable.Row> rows, Topic whole,
                                           List<String> missing) {
        missing.removeIf(line -> line.startsWith("topics[0]."));
        List<CallDeadline> others = whole.deadlines().stream()
                .filter(d -> rows.stream().noneMatch(r -> r.window() != null && r.window().closes().equals(d.closes())
                        && r.window().source().text().contains(d.asWritten())))
                .toList();
        List<Topic> topics = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ProgrammeTable.Row row = rows.get(i);
            String path = "topics[" + i + "]";
            if (row.window() == null) {
                // 2025年11月4至12月12: the day marks are lost; the dates are for a person to read, never guessed.
                String[] ends = row.damaged().split("\\s*[至到\\-－~～—]\\s*", 2);
                missing.add(path + ".window: digits that look like a date could not be read (" + ends[0] + "), nor ("
                        + ends[ends.length - 1] + "): the row's day marks (日) are lost; a person must read them "
                        + "(ingest --opens/--closes)");
                topics.add(new Topic(NoticeIds.topicId(noticeId, null, i + 1), null, whole.programme(), row.title(),
                        List.of(), null, List.of(), others, null, null, List.of()));
                continue;
            }
            missing.add(path + ".window.closes: the table gives the cutoff's day (" + row.window().source().span()
                    + ") but no time of day");
            missing.add(path + ".window.opens: the table gives the opening day but no time of day");
            topics.add(new Topic(NoticeIds.topicId(noticeId, null, i + 1), null, whole.programme(), row.title(),
                    List.of(), row.window(), List.of(), others, null, null, List.of()));
        }
        return topics;
    }

    private static Topic readTopic(String topicId, NoticeSections.RawTopic raw, List<String> lines,
                                   DeadlineReader.Reading noticeWide, Years years, String path, List<String> missing,
                                   DeadlineReader.Locator locator) {
        List<Direction> directions = new ArrayList<>();
        Integer cap = null;
        ProjectPeriod period = null;
        List<String> fields = new ArrayList<>();
        boolean directionSection = false;
        for (String line : lines) {
            Matcher m = NoticeSections.DIRECTION.matcher(line);
            if (m.matches()) {
                directions.add(new Direction("方向" + m.group(1), m.group(2).strip()));
                continue;
            }
            Matcher section = NoticeSections.SECTION.matcher(line);
            if (section.matches()) {
                // 三、2017年度重点资助研究方向 (NSFC 2017): its （一）… items are the directions.
                directionSection = section.group(2).contains("方向");
            } else if (directionSection && (m = PAREN_ITEM.matcher(line)).lookingAt()) {
                directions.add(new Direction("（" + m.group(1) + "）", m.group(2).strip()));
                continue;
            }
            m = LABEL.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String label = m.group(1);
            String value = m.group(2).strip();
            if (label.matches(".*(经费额度|资助额度|补助经费|资助金额|资助强度)")) {
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
        if (cap == null) {
            // No 经费额度 label: a per-project intensity in a sentence (NSFC 2017: 资助强度为80万元／项, 300-400万元／项).
            for (String line : lines) {
                Matcher intensity = INTENSITY.matcher(line);
                while (intensity.find()) {
                    String high = intensity.group(2) != null ? intensity.group(2) : intensity.group(1);
                    int amount = (int) Math.ceil(Double.parseDouble(high));
                    cap = cap == null ? amount : Math.max(cap, amount);
                }
            }
        }
        if (period == null) {
            // No 执行期限 label: a duration in a sentence (NSFC 2017: 资助期限为3年).
            for (String line : lines) {
                Matcher duration = DURATION.matcher(line);
                if (duration.find()) {
                    period = new ProjectPeriod(null, null, duration.group(1));
                    break;
                }
            }
        }
        // The topic's own window and deadlines, else (and besides) the notice's.
        DeadlineReader.Reading own = raw.key() == null ? noticeWide
                : DeadlineReader.read(raw.lines(), List.of(), years, locator);
        // 自X开始 / X起可通过…申报 / 系统将于X开通: an opening written apart from the cutoff.
        Window window = Openings.read(own.window() != null ? own.window() : noticeWide.window(), lines,
                years.signedOn() != null ? years.signedOn() : years.published());
        String windowWritten = own.window() != null ? own.windowAsWritten() : noticeWide.windowAsWritten();
        List<CallDeadline> deadlines = new ArrayList<>(own.deadlines());
        if (own != noticeWide) {
            for (CallDeadline d : noticeWide.deadlines()) {
                if (!deadlines.contains(d)) {
                    deadlines.add(d);
                }
            }
        }
        List<String> notes = new ArrayList<>(own.notes());
        if (own != noticeWide) {
            notes.addAll(noticeWide.notes());
        }
        if (window == null) {
            missing.add(path + ".window: no applicant cutoff (截止时间 / 申报时间 …) for the topic or the notice"
                    + (notes.isEmpty() ? "" : "; " + String.join("; ", notes))
                    + "; supply it (ingest --closes)");
        } else {
            if (!window.closes().timed()) {
                missing.add(path + ".window.closes: the notice gives the cutoff's day (" + windowWritten
                        + ") but no time of day");
            }
            if (window.opens() == null) {
                missing.add(path + ".window.opens: the notice states the cutoff but no opening time");
            } else if (!window.opens().timed()) {
                missing.add(path + ".window.opens: the notice gives the opening day but no time of day");
            }
            for (String note : notes) {
                missing.add(path + ".deadlines: " + note);
            }
        }
        for (int i = 0; i < deadlines.size(); i++) {
            if (!deadlines.get(i).closes().timed()) {
                missing.add(path + ".deadlines[" + i + "].closes: " + deadlines.get(i).asWritten()
                        + " gives no time of day");
            }
        }
        if (cap == null) {
            missing.add(path + ".fundingCapWan: no funding cap (经费额度) in 万元");
        }
        if (period == null) {
            missing.add(path + ".projectPeriod: no project period (执行期限)");
        } else if (period.from() == null) {
            missing.add(path + ".projectPeriod: only a duration is written (" + period.asWritten() + "), no dates");
        }
        List<ForeignDeadline> foreign = ForeignSide.read(lines, years, path, missing, locator);
        return new Topic(topicId, raw.key(), raw.programme(), raw.title(), directions, window, foreign, deadlines, cap,
                period, fields);
    }

    /**
     * The notice text as {@link #parse} cleans it, line by line: the lines a {@link Source#line()} counts (1-based),
     * so that a reviewer sees each date's evidence where the reader took it. Full-width digits made ASCII, blank and
     * page-number lines left out; a sentence wrapped over lines stays wrapped (its span may cross a line break).
     *
     * @param bytes the extracted text, UTF-8
     * @throws NotANoticeException the bytes are empty or not UTF-8 text
     */
    public static List<String> cleanedLines(byte[] bytes) throws NotANoticeException {
        return NoticeText.of(bytes).physicalLines();
    }

    private static ProjectPeriod projectPeriod(String value) {
        String asWritten = value.replaceAll("[。；;]$", "");
        List<LocalDate> dates = new ArrayList<>();
        for (ChineseDates.Mention m : ChineseDates.find(value)) {
            if (m.year() != null && dates.size() < 2) {
                try {
                    dates.add(LocalDate.of(m.year(), m.month(), m.day()));
                } catch (DateTimeException e) {
                    dates.add(null);
                }
            }
        }
        if (dates.size() == 2 && dates.get(0) != null && dates.get(1) != null) {
            return new ProjectPeriod(dates.get(0), dates.get(1), asWritten);
        }
        return new ProjectPeriod(null, null, asWritten);
    }
}
