package cutoff.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The third step of reading deadlines ({@link DeadlineReader}): each deadline's date resolved (its year from the
 * sentence, the paragraph or {@link Years}), with the reasons a person must confirm it, and then which one is the
 * applicants' cutoff.
 *
 * <p>The cutoff is the first deadline the notice names as such (截止时间为…, 申报时间：X至Y, a list under 截止日期：),
 * else the first 请…于X前 whose action is applying; never an earlier step just because it comes first. A different
 * later applicants' date is {@code OTHER}; a relay that states no applicant cutoff gives its own date as
 * {@code RELAY}. Reasons for {@code review}: two candidate applicant cutoffs in one sentence, a weekday that does
 * not match its date, a year taken from the document number, an English date whose sentence does not name the
 * application, digits elsewhere that could not be read.
 *
 * <p>One class (about 360 lines) because the cutoff can be chosen only from every deadline's resolved date
 * and review reasons together (two rival cutoffs in a sentence, a wrong weekday), which {@link #read} produces and
 * {@link #decide} consumes.
 */
final class CutoffDecision {
    /** An English date's clause names the application: otherwise (by May 24, 2021 to open an account) it is for review. */
    private static final Pattern ENGLISH_APPLYING = Pattern.compile(
            "(?i)\\b(?:applications?|proposals?|submissions?|submitted|apply|deadline|application period)\\b");

    /** A deadline read, before the decision: {@code kind} {@code null} for the applicants'. */
    record Found(DeadlineKind kind, DateOrDateTime opens, DateOrDateTime closes, String asWritten,
                 String who, boolean includesReview, Source source, List<String> reasons, boolean named,
                 boolean toRelayingOffice, String group) {
    }

    /** A group of applicants with its own cutoff, besides the call's window: 企业攻关难题招贤专项…截止时间7月4日下午5时. */
    record GroupWindow(String group, Window window, String asWritten) {
    }

    /** A deadline counted from the cutoff, with its kind and where it was read: placed once the cutoff is decided. */
    record FromCutoff(DateCandidates.FromCutoff relative, DeadlineKind kind, Source source) {
    }

    private CutoffDecision() {
    }

    /**
     * A deadline counted from the notice ({@code 本通知印发后15日内}): from the signature date when the notice has one
     * and counts calendar days (a bare date, for review); else a note for {@code missing}.
     */
    static void relative(DateCandidates.Relative relative, String line, Years years, DeadlineReader.Locator locator,
                         List<Found> found, List<String> notes) {
        Integer days = relative.days();
        boolean working = relative.working();
        if (years.signedOn() != null && days != null && !working) {
            // 本通知印发后15日内: counted from the signature, a bare date; a person confirms the anchor.
            DateOrDateTime at = DateOrDateTime.ofDate(years.signedOn().plusDays(days));
            List<String> why = new ArrayList<>(List.of("a deadline counted from the notice (" + relative.asWritten()
                    + "): " + days + " days after the signature date " + years.signedOn()));
            found.add(new Found(null, null, at, relative.asWritten(), null, false,
                    new Source(locator.line(line), relative.start(), relative.end(), line), why, false, false, null));
        } else {
            notes.add("a deadline counted from the notice (" + relative.asWritten() + ") is not a date; "
                    + (working ? "working days depend on the holidays of the year" : "the issue date is needed to place it")
                    + "; supply it (ingest --closes)");
        }
    }

    /**
     * A deadline's date and the reasons to confirm it, or {@code null} (with a note) when its year cannot be
     * placed. A year left out takes the year of the dated mention before it in the sentence (…2006年1月12日…，
     * 纸质材料请于1月20日…), else the range's first end, else the paragraph's, else {@link Years}'s when
     * sound; where that would be a guess (document number, programme year), the year the text last stated before the date
     * (a table's {@code 2018年 |}, a dated step), sure.
     */
    static Found read(DateRoles.Role role, DateCandidates.Sentence s, Years years, List<String> notes) {
        DateCandidates.Candidate c = role.candidate();
        ChineseDates.Mention m = c.first();
        ChineseDates.Mention rangeEnd = c.rangeEnd();
        ChineseDates.Mention last = c.last();
        DeadlineKind kind = role.kind();
        String sentence = s.text();
        ChineseDates.Mention yearFrom = rangeEnd != null ? m : datedBefore(s.mentions(), m);
        if (yearFrom == null || yearFrom.year() == null) {
            yearFrom = s.datedInParagraph(); // 2023年2月26日…。…3月7日前: the paragraph's year
        }
        DateOrDateTime closes = resolve(last, yearFrom, years, role.yearAnchor(), notes);
        if (closes == null) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        java.time.DayOfWeek weekday = weekday(last);
        java.time.DayOfWeek actual = dayOfWeek(closes.dateTime() == null || !last.nextDay() ? closes.date().getYear()
                : closes.date().minusDays(1).getYear(), last);
        if (weekday != null && actual != null && weekday != actual) {
            reasons.add("the weekday written (" + weekdayWritten(last) + ") does not match the date (" + last.asWritten()
                    + " is a " + actual.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + ")");
        }
        if (kind == null && last.asWritten().matches("(?s).*[A-Za-z].*")
                && !ENGLISH_APPLYING.matcher(DateRoles.englishSentence(DateRoles.lastClause(c.before())) + " "
                + c.after().split("(?<=[.!?])\\s", 2)[0]).find()) {
            reasons.add("an English date (" + last.asWritten() + ") whose sentence does not name the application");
        }
        if (last.year() == null && (yearFrom == null || yearFrom.year() == null) && years.doubt(last.month()) != null
                && weekday == null && role.yearAnchor() == null) {
            reasons.add(years.doubt(last.month()));
        }
        DateOrDateTime opens = null;
        if (rangeEnd != null) {
            Integer openYear = m.year() != null ? m.year()
                    : closes.date().getYear() - (m.month() > closes.date().getMonthValue() ? 1 : 0);
            opens = ChineseDates.resolve(m, openYear);
            if (opens != null && !opens.earliest(Window.BEIJING).isBefore(closes.passedBy(Window.BEIJING))) {
                notes.add("the opening " + m.asWritten() + " is not before the cutoff " + last.asWritten()
                        + "; the opening is left out");
                opens = null;
            }
        }
        int from = rangeEnd != null ? m.start() : last.start();
        String written = sentence.substring(from, last.end()) + (last.by() ? byWord(sentence, last.end()) : "");
        return new Found(kind, kind == null ? opens : null, closes, written, role.who(), role.includesReview(),
                new Source(s.line(), from, from + written.length(), sentence), reasons, role.named(),
                role.toRelayingOffice(), role.group());
    }

    /**
     * The window and the other deadlines of what was found, in order.
     *
     * @param unreadable notes on digits that could not be read: each is a reason to review the cutoff
     */
    static DeadlineReader.Reading decide(List<Found> found, List<String> notes, List<String> unreadable) {
        return decide(found, notes, unreadable, List.of());
    }

    /**
     * As {@link #decide(List, List, List)}, with the deadlines counted from the cutoff ({@code 截止前2小时}) placed from the
     * cutoff decided, each for review (a person confirms the anchor; working days skip weekends but not public holidays).
     * Where no cutoff is read, or a count in hours meets a cutoff without a time of day, a note says so.
     */
    static DeadlineReader.Reading decide(List<Found> found, List<String> notes, List<String> unreadable,
                                         List<FromCutoff> fromCutoff) {
        Window window = null;
        String windowWritten = null;
        List<CallDeadline> deadlines = new ArrayList<>();
        // The applicants' cutoff is the first one named as such (截止时间为…, 申报时间：X至Y, a list under 截止日期：),
        // else the first 请…于X前 whose action is applying; never an earlier step just because it comes first
        // (首次使用平台的教师请于11月3日下班前…交各学院, then 网上填报时间为9月30日~12月10日).
        // A cutoff for one group of applicants (企业攻关难题招贤专项网上申报截止时间…) is the call's only when no other is named.
        Found chosen = found.stream().filter(f -> f.kind() == null && f.named() && f.group() == null).findFirst()
                .orElse(found.stream().filter(f -> f.kind() == null && f.named()).findFirst()
                .orElse(found.stream().filter(f -> f.kind() == null).findFirst().orElse(null)));
        List<GroupWindow> groups = new ArrayList<>();
        if (chosen != null) {
            // Where a date could not be read, it may be the cutoff: the one read is for a person to confirm.
            List<String> reasons = new ArrayList<>(chosen.reasons());
            reasons.addAll(unreadable);
            window = new Window(chosen.opens(), chosen.closes(), Window.BEIJING, chosen.includesReview(), null, reasons,
                    chosen.source());
            windowWritten = chosen.asWritten();
        }
        for (Found f : found) {
            if (f == chosen) {
                continue;
            }
            if (f.kind() == null && window.closes().equals(f.closes())) {
                continue;
            }
            if (f.kind() == null && !window.closes().timed() && f.closes().timed()
                    && !f.closes().earliest(Window.BEIJING).isBefore(window.closes().earliest(Window.BEIJING))
                    && !f.closes().earliest(Window.BEIJING).isAfter(window.closes().passedBy(Window.BEIJING))) {
                // The day, then its hour (征求意见时间为3月25日至3月31日 … 请于3月31日24点之前): one cutoff, to the minute.
                List<String> reasons = new ArrayList<>(window.reasons());
                f.reasons().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
                window = new Window(window.opens(), f.closes(), Window.BEIJING, window.includesReview() || f.includesReview(),
                        null, reasons, f.source());
                windowWritten = f.asWritten();
                continue;
            }
            if (f.kind() == null && f.group() != null && chosen.group() == null
                    && groups.stream().noneMatch(g -> g.group().equals(f.group()))) {
                // 港澳台项目…于X: that group's own cutoff, a topic of its own.
                groups.add(new GroupWindow(f.group(), new Window(f.opens(), f.closes(), Window.BEIJING, f.includesReview(), null,
                        f.reasons(), f.source()), f.asWritten()));
                continue;
            }
            DeadlineKind kind = f.kind() == null ? DeadlineKind.OTHER : f.kind();
            if (chosen == null && f.toRelayingOffice() && kind != DeadlineKind.RELAY) {
                // A relay that states no applicant cutoff: materials (paper, a recommendation, a pre-proposal) sent to
                // the relaying office by a date are its own deadline, the one that binds its staff.
                kind = DeadlineKind.RELAY;
            }
            DeadlineKind finalKind = kind;
            // One deadline per step: the same date of another actor is another row (申请人…交到二级部门, then
            // 各二级部门…交到科技处, both 1月15日).
            boolean repeated = deadlines.stream().anyMatch(d -> d.kind() == finalKind && d.closes().equals(f.closes())
                    && (d.who() == null || f.who() == null || d.who().equals(f.who())));
            if (!repeated) {
                deadlines.add(new CallDeadline(finalKind, f.closes(), f.asWritten(), f.who(), null, f.reasons(), f.source()));
            }
        }
        for (FromCutoff f : fromCutoff) {
            DateOrDateTime at = window == null ? null : counted(window.closes(), f.relative());
            if (at == null) {
                notes.add("a deadline counted from the cutoff (" + f.relative().asWritten() + ") cannot be placed: "
                        + (window == null ? "the notice states no cutoff to count from"
                        : f.relative().count() == null ? "its count cannot be read" : "the cutoff has no time of day")
                        + "; supply it (ingest --closes)");
                continue;
            }
            List<String> reasons = new ArrayList<>(List.of("a deadline counted from the cutoff (" + f.relative().asWritten()
                    + "): " + f.relative().count() + " " + UNIT_NAMES.get(f.relative().unit()) + (f.relative().after() ? " after " : " before ")
                    + window.closes() + (f.relative().unit().equals("工作日") ? ", weekends skipped but not public holidays" : "")));
            CallDeadline d = new CallDeadline(f.kind(), at, f.relative().asWritten(), null, null, reasons, f.source());
            if (deadlines.stream().noneMatch(e -> e.kind() == d.kind() && e.closes().equals(d.closes()))) {
                deadlines.add(d);
            }
        }
        return new DeadlineReader.Reading(window, windowWritten, deadlines, notes, groups);
    }

    private static final java.util.Map<String, String> UNIT_NAMES = java.util.Map.of("工作日", "working days", "日", "days",
            "小时", "hours");

    /**
     * The instant or day {@code relative} counts to from {@code cutoff}, or {@code null}: hours need a cutoff with its
     * time; days give a bare date; working days skip Saturdays and Sundays.
     */
    static DateOrDateTime counted(DateOrDateTime cutoff, DateCandidates.FromCutoff relative) {
        Integer n = relative.count();
        if (n == null) {
            return null;
        }
        int sign = relative.after() ? 1 : -1;
        switch (relative.unit()) {
            case "小时" -> {
                return cutoff.timed() ? DateOrDateTime.of(cutoff.dateTime().plusHours((long) sign * n)) : null;
            }
            case "工作日" -> {
                java.time.LocalDate day = cutoff.timed() ? cutoff.dateTime().toLocalDate() : cutoff.date();
                for (int left = n; left > 0; ) {
                    day = day.plusDays(sign);
                    if (day.getDayOfWeek().getValue() <= 5) {
                        left--;
                    }
                }
                return DateOrDateTime.ofDate(day);
            }
            default -> {
                java.time.LocalDate day = cutoff.timed() ? cutoff.dateTime().toLocalDate() : cutoff.date();
                return DateOrDateTime.ofDate(day.plusDays((long) sign * n));
            }
        }
    }

    /**
     * Two applicant cutoffs of different dates in one sentence, neither named apart by kind: which binds the
     * applicants is for a person to say (each gets the reason).
     */
    static void doubtRivals(List<Found> sentence) {
        List<Found> applicants = sentence.stream().filter(f -> f.kind() == null).toList();
        if (applicants.stream().map(Found::closes).distinct().count() < 2) {
            return;
        }
        String reason = "two candidate applicant cutoffs in one sentence: "
                + String.join(", ", applicants.stream().map(Found::asWritten).toList());
        for (Found f : applicants) {
            f.reasons().add(reason);
        }
    }

    /**
     * The cutoff of a mention, its year from the range's first end, then {@link Years}, then the year the text last
     * stated ({@code anchor}: a notice crawled without its signature, 2019年1月15日后… then 2月22日前, or a timetable under
     * its year heading 2018年 |); notes why not.
     */
    private static DateOrDateTime resolve(ChineseDates.Mention m, ChineseDates.Mention rangeStart, Years years,
                                          DateCandidates.YearAnchor anchor, List<String> notes) {
        Integer year = m.year();
        if (year == null && rangeStart != null && rangeStart.year() != null) {
            year = rangeStart.year() + (m.month() < rangeStart.month() ? 1 : 0);
        }
        if (year == null && anchor != null && years.doubt(m.month()) != null) {
            // The text stated its year before the date (a table's 2018年 | heading, a dated step): that beats a year
            // guessed from the document number or the programme year.
            year = anchor.forMonth(m.month());
        }
        if (year == null) {
            year = years.forMonth(m.month());
            java.time.DayOfWeek weekday = weekday(m);
            if (year != null && weekday != null && !weekday.equals(dayOfWeek(year, m))) {
                // 3月5日（周二） without a year: of the years around, the one where the weekday is right.
                Integer base = year;
                List<Integer> fits = java.util.stream.Stream.of(base - 1, base + 1)
                        .filter(y -> weekday.equals(dayOfWeek(y, m))).toList();
                if (fits.size() == 1) {
                    year = fits.get(0);
                }
            }
        }
        if (year == null && anchor != null) {
            year = anchor.forMonth(m.month());
        }
        if (year == null) {
            notes.add(m.asWritten() + " is written without a year and " + years.whyNone());
            return null;
        }
        DateOrDateTime value = ChineseDates.resolve(m, year);
        if (value == null) {
            notes.add(m.asWritten() + " is not a date in " + year);
        }
        return value;
    }

    private static final Pattern WEEKDAY_MARK = Pattern.compile("[（(]\\s*(?:星期|周|礼拜)([一二三四五六日天])\\s*[)）]");

    /** The weekday written in brackets after the day ({@code （周三）}, {@code (星期二)}), or {@code null}. */
    static java.time.DayOfWeek weekday(ChineseDates.Mention m) {
        Matcher w = WEEKDAY_MARK.matcher(m.asWritten());
        if (!w.find()) {
            return null;
        }
        int i = "一二三四五六日天".indexOf(w.group(1));
        return java.time.DayOfWeek.of(Math.min(i + 1, 7));
    }

    private static String weekdayWritten(ChineseDates.Mention m) {
        Matcher w = WEEKDAY_MARK.matcher(m.asWritten());
        return w.find() ? w.group() : "";
    }

    private static java.time.DayOfWeek dayOfWeek(int year, ChineseDates.Mention m) {
        try {
            return java.time.LocalDate.of(year, m.month(), m.day()).getDayOfWeek();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }


    /** The last mention before {@code m} in the sentence that states its year, or {@code null}. */
    private static ChineseDates.Mention datedBefore(List<ChineseDates.Mention> mentions, ChineseDates.Mention m) {
        ChineseDates.Mention dated = null;
        for (ChineseDates.Mention other : mentions) {
            if (other.start() >= m.start()) {
                break;
            }
            if (other.year() != null) {
                dated = other;
            }
        }
        return dated;
    }

    /** The 前 / 之前 / 以前 written after a date's end, or nothing. */
    private static String byWord(String sentence, int end) {
        Matcher m = Pattern.compile("^[\\s)）\"”]*(之前|以前|前)").matcher(sentence).region(end, sentence.length());
        return m.lookingAt() ? m.group(1) : "";
    }
}
