package cutoff.notice;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date and time grammar of Chinese call notices: finds every date (with its time of day when one is
 * written) in a piece of text, and says when two form a range.
 *
 * <p>What is understood, each form seen in a real notice:
 * <ul>
 *   <li>dates {@code 2023年4月18日}, {@code 4月30日} (no year: 科技部国际合作司 2013 中以 call),
 *       {@code 9月29号} ({@code 号} for {@code 日}), {@code 二〇一三年一月二十一日} (signatures),
 *       {@code 2023-09-08}, {@code 2023.9.8}, {@code 2023/9/8}; years of the Republic ({@code 民國107年}, or
 *       {@code 107年1月8日} in a Taiwan notice: 2018); a weekday in brackets after the day
 *       ({@code （星期二）}) is skipped; spaces anywhere ({@code 2025 年 10 月 10 日}, PDF layout);</li>
 *   <li>times {@code 16:30}, {@code 16：30}, {@code 17时}, {@code 16时30分}, {@code 下午5:00},
 *       {@code 下午5点} (广东 2013 relayed by a university office), {@code 上午9时}, {@code 中午12点},
 *       {@code 5点半}, {@code 下午五点}; {@code 24:00} / {@code 24时} is the end of the day, i.e. 00:00 of
 *       the next day;</li>
 *   <li>{@code 前} / {@code 之前} / {@code 以前} after a date: "by" that date (江苏 2023: {@code 16:00前});
 *       {@code 下班前} / {@code 工作时间内}: by the end of that day's office hours, a day without a clock time;</li>
 *   <li>English dates of joint calls ({@code 13 September 2019}, {@code Feb. 2, 2018}, {@code June 15}, a time
 *       {@code 17:00} / {@code 5 pm}, {@code Beijing time} / {@code Hong Kong time} / {@code GMT});</li>
 *   <li>ranges joined by {@code 至 到 — – － - ~ ～}, a doubled dash ({@code ——}) or {@code to}/{@code until}, the second end without a year or month
 *       ({@code 2017年8月28日-9月1日16时}: NSFC 2017; {@code 5月10日至20日}).</li>
 * </ul>
 * Full-width digits are ASCII by the time text reaches here ({@link NoticeText#clean}); full-width
 * colons are read here. Nothing is resolved to a year: see {@link #resolve}.
 *
 * <p>One class (about 420 lines) because it is one grammar: the dates, the day-only range ends and the signature
 * line are built from the same fragments ({@code YEAR}, {@code MONTH}, {@code DAY}, {@code WEEKDAY}, {@code TIME}),
 * every form found (Chinese, numeric, English) becomes one {@link Mention} for {@link #resolve}, and {@link #find}
 * and {@link #dateLine} share one reading of written years and numbers ({@link #year}, {@link #number}).
 */
final class ChineseDates {
    private static final String CN = "〇○零一二三四五六七八九十";
    /**
     * A year: four digits, or written digit by digit; or a year of the Republic (民国/民國, Taiwan's calendar: 民國107年
     * is 2018), with its era word, or as three digits 1xx alone (a Taiwan notice writes {@code 107年1月8日}).
     */
    private static final String YEAR = "(\\d{4}|[〇○零一二三四五六七八九]{4}|(?:中华|中華)?(?:民国|民國)\\s*\\d{1,3}|(?<![\\d.])1\\d{2})\\s*年\\s*";
    private static final Pattern REPUBLIC_YEAR = Pattern.compile("^(?:中华|中華)?(?:民国|民國)?\\s*(\\d{1,3})$");
    /** The Republic's first year, 民國元年, is 1912. */
    private static final int REPUBLIC_YEAR_ZERO = 1911;
    private static final String MONTH = "(\\d{1,2}|十[一二]?|[一二三四五六七八九])\\s*月\\s*";
    private static final String DAY = "(\\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\\s*[日号]";
    private static final String WEEKDAY = "(?:\\s*[（(]\\s*(?:星期|周|礼拜)[一二三四五六日天]\\s*[)）])?";
    private static final String PERIOD = "(上午|下午|中午|晚上|晚|早上|早|凌晨|傍晚)?\\s*";
    private static final String HOUR = "(\\d{1,2}|[" + CN + "]{1,3})";
    private static final String TIME = "(?:\\s*" + PERIOD + HOUR
            + "\\s*(?:[:：]\\s*(\\d{2})|[时点](?:\\s*(\\d{1,2}|[" + CN + "]{1,3}|半)\\s*分?)?))?";

    private static final Pattern CHINESE_DATE = Pattern.compile(
            "(?:" + YEAR + ")?" + MONTH + DAY + WEEKDAY + TIME);
    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(?<![\\d.])(\\d{4})\\s*[-./／]\\s*(\\d{1,2})\\s*[-./／]\\s*(\\d{1,2})(?![\\d.])" + WEEKDAY
                    + "(?:\\s*(\\d{1,2})\\s*[:：]\\s*(\\d{2}))?");
    private static final Pattern DATE_ONLY = Pattern.compile("(?:(?:" + YEAR + ")?" + MONTH + ")?" + DAY + WEEKDAY
            + "|\\d{4}\\s*[-./／]\\s*\\d{1,2}\\s*[-./／]\\s*\\d{1,2}" + WEEKDAY);
    /** The second end of a range written as a day alone: {@code 至20日}, {@code -20日17:00}. */
    private static final Pattern DAY_ONLY_END = Pattern.compile("^\\s*(?:至|到|[—–－\\-~～]{1,2})\\s*" + DAY + WEEKDAY + TIME);
    /** What joins the two ends of a range. */
    private static final Pattern RANGE = Pattern.compile("^\\s*(?:[(（][^()（）]{0,12}[)）])?\\s*(?:起)?\\s*(?:至|到|[—–－\\-~～]{1,2}|(?i:to|until|till|through|and))\\s*$");
    /** "By" this date: 前, 之前, 截止, (系统于X)关闭 …; 下班前 / 工作时间内 (by the end of office hours: a day, no clock time). */
    private static final Pattern BY = Pattern.compile("^[\\s)）\"”]*时?(?:[(（][^()（）]{0,12}[)）])?\\s*"
            + "(?:下班(?:时间)?(?:之)?前|(?:办公|工作)时间(?:内|结束前)|之前|以前|前|截止|止|为止|(?:正式|准时)?关闭)");

    private ChineseDates() {
    }

    /**
     * A date found in text.
     *
     * @param start    index of its first character
     * @param end      index after its last character (after the time, not after {@code 前})
     * @param year     the year when written, else {@code null}
     * @param month    1–12
     * @param day      1–31 (not checked against the month: see {@link #resolve})
     * @param time     the time of day when written, else {@code null}; {@code 24:00} is {@code 00:00}
     *                 with {@link #nextDay()} set
     * @param nextDay  the time was written {@code 24:00}: the instant is 00:00 of the following day
     * @param by       {@code 前} / {@code 之前} / {@code 以前} follows: "by" this date
     * @param asWritten the text from start to end, as written (after cleaning)
     */
    record Mention(int start, int end, Integer year, int month, int day, LocalTime time, boolean nextDay, boolean by,
                   String asWritten, java.time.ZoneId zone) {
        boolean hasTime() {
            return time != null;
        }
    }

    /** Every date in {@code text}, in order; a day-only second end of a range takes the first end's month and year. */
    static List<Mention> find(String text) {
        List<Mention> found = new ArrayList<>();
        // Each form is looked for only in a text holding a character it cannot do without (月; a digit; a Latin
        // letter): a notice is read sentence by sentence, most sentences hold no date, and the matchers run
        // interpreted in a command's short JVM.
        Matcher m = CHINESE_DATE.matcher(text);
        int from = text.indexOf('月') < 0 ? text.length() : 0;
        while (from < text.length() && m.find(from)) {
            Integer year = m.group(1) == null ? null : year(m.group(1));
            Integer month = number(m.group(2));
            Integer day = number(m.group(3));
            int end = m.end();
            Mention mention = mention(text, m.start(), end, year, month, day, m.group(4), m.group(5), m.group(6), m.group(7));
            if (mention != null) {
                found.add(mention);
                end = mention.end();
                Matcher dayOnly = DAY_ONLY_END.matcher(text).region(end, text.length());
                if (dayOnly.lookingAt()) {
                    Integer d2 = number(dayOnly.group(1));
                    Mention second = mention(text, dayOnly.start(1), dayOnly.end(), year, month, d2,
                            dayOnly.group(2), dayOnly.group(3), dayOnly.group(4), dayOnly.group(5));
                    if (second != null && d2 != null && d2 > day) {
                        found.add(second);
                        end = second.end();
                    }
                }
            }
            from = Math.max(end, m.start() + 1);
        }
        Matcher n = NUMERIC_DATE.matcher(text);
        boolean digits = anyIn(text, '0', '9');
        while (digits && n.find()) {
            int start = n.start();
            if (found.stream().anyMatch(f -> start < f.end() && n.end() > f.start())) {
                continue;
            }
            Mention mention = mention(text, start, n.end(), Integer.valueOf(n.group(1)), Integer.valueOf(n.group(2)),
                    Integer.valueOf(n.group(3)), null, n.group(4), n.group(5), null);
            if (mention != null) {
                found.add(mention);
            }
        }
        if (anyIn(text, 'A', 'Z') || anyIn(text, 'a', 'z')) {
            englishDates(text, found);
        }
        // (A lambda, not Comparator.comparingInt: that one is serializable, and no class archive keeps such a lambda's class.)
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    private static Mention mention(String text, int start, int end, Integer year, Integer month, Integer day,
                                   String period, String hourText, String minuteText, String minuteAfterHour) {
        if (month == null || day == null || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        LocalTime time = null;
        boolean nextDay = false;
        if (hourText != null) {
            Integer hour = number(hourText);
            String minutes = minuteText != null ? minuteText : minuteAfterHour;
            Integer minute = minutes == null ? Integer.valueOf(0) : minutes.equals("半") ? Integer.valueOf(30) : number(minutes);
            if (hour != null && minute != null && minute < 60) {
                if (period != null && hour < 12 && (period.equals("下午") || period.equals("晚上") || period.equals("晚")
                        || period.equals("傍晚"))) {
                    hour += 12;
                } else if (period != null && hour == 12 && (period.equals("晚上") || period.equals("晚"))) {
                    hour = 24;
                }
                if (hour == 24 && minute == 0) {
                    time = LocalTime.MIDNIGHT;
                    nextDay = true;
                } else if (hour < 24) {
                    time = LocalTime.of(hour, minute);
                }
            }
            if (time == null) {
                // "32:00" is no time: keep the date, drop what follows it.
                Matcher dateOnly = DATE_ONLY.matcher(text).region(start, end);
                end = dateOnly.lookingAt() ? dateOnly.end() : end;
            }
        }
        if (time == null) {
            // 11月19日(截止至24:00): the time in brackets after the day.
            Matcher bracket = BRACKET_TIME.matcher(text).region(end, text.length());
            if (bracket.lookingAt()) {
                int hour = Integer.parseInt(bracket.group(1));
                int minute = Integer.parseInt(bracket.group(2));
                if (hour == 24 && minute == 0) {
                    time = LocalTime.MIDNIGHT;
                    nextDay = true;
                    end = bracket.end();
                } else if (hour < 24 && minute < 60) {
                    time = LocalTime.of(hour, minute);
                    end = bracket.end();
                }
            }
        }
        java.time.ZoneId zone = null;
        if (time != null) {
            // 17:00（英国时间）, 16:00 GMT, 9:00(北京时间): the zone the time is written in.
            Matcher z = ZONE_MARK.matcher(text).region(end, text.length());
            zone = z.lookingAt() ? zoneOf(z.group(1)) : null;
            if (zone != null) {
                end = z.end();
            }
        }
        String written = text.substring(start, end).strip();
        boolean by = BY.matcher(text).region(end, text.length()).lookingAt();
        return new Mention(start, start + text.substring(start, end).stripTrailing().length(), year, month, day, time,
                nextDay, by, written, zone);
    }

    private static final String EN_MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
    /** English dates of joint calls: {@code 13 September 2019}, {@code Feb. 2, 2018}, {@code June 15}, with a time {@code 17:00}. */
    private static final Pattern EN_DAY_FIRST = Pattern.compile(
            "(?i)(?<![\\d:.])(\\d{1,2})(?:st|nd|rd|th)?\\s+" + EN_MONTH + ",?\\s+(\\d{4})(?!\\d)");
    private static final Pattern EN_MONTH_FIRST = Pattern.compile(
            "(?i)(?<![A-Za-z])" + EN_MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:,?\\s*(\\d{4})(?!\\d))?");
    private static final Pattern EN_CLOCK = Pattern.compile(
            "(?i)^,?\\s*(?:at\\s+)?(\\d{1,2})(?::(\\d{2})\\s*(am|pm|a\\.m\\.|p\\.m\\.)?|\\s*(am|pm|a\\.m\\.|p\\.m\\.))");
    private static final Pattern EN_ZONE = Pattern.compile(
            "(?i)^\\s*\\(?\\s*(?:(Beijing|Hong Kong|HK|Macau|Macao|China)(?:\\s+Standard)?\\s+time|(GMT|UTC))\\s*\\)?");

    private static final Pattern EN_OTHER_ZONE = Pattern.compile(
            "^\\s*\\(?\\s*([A-Z][A-Za-z]+(?:\\s[A-Z][a-z]+)?)(?:\\s+(?:Standard|Summer|Daylight))?\\s+[Tt]ime\\s*\\)?");
    /**
     * The zones of times written after a partner's name in English ({@code 17:00 Israel time}): zone ids, resolved where
     * a notice names one (java.time reads a zone's rules at its first {@code ZoneId.of}).
     */
    static final java.util.Map<String, String> EN_ZONES = java.util.Map.of(
            "israel", "Asia/Jerusalem", "uk", "Europe/London", "british", "Europe/London", "london", "Europe/London",
            "central european", "Europe/Brussels", "finland", "Europe/Helsinki", "singapore", "Asia/Singapore",
            "eastern", "America/New_York", "japan", "Asia/Tokyo", "korea", "Asia/Seoul");

    private static int englishMonth(String written) {
        String m = written.toLowerCase(java.util.Locale.ROOT);
        String[] names = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < names.length; i++) {
            if (m.startsWith(names[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * English dates ({@code 13 September 2019}, {@code Feb. 2, 2018}, {@code June 15}), each with a clock time after it
     * ({@code 17:00}, {@code 5 pm}) and the zone written ({@code Beijing time}, {@code Hong Kong time}: UTC+8;
     * {@code GMT}/{@code UTC}); added to {@code found} where no Chinese date stands.
     */
    private static void englishDates(String text, List<Mention> found) {
        for (Pattern p : List.of(EN_DAY_FIRST, EN_MONTH_FIRST)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                int start = m.start();
                int matchEnd = m.end();
                if (found.stream().anyMatch(f -> start < f.end() && matchEnd > f.start())) {
                    continue;
                }
                int end = matchEnd;
                boolean dayFirst = p == EN_DAY_FIRST;
                int month = englishMonth(m.group(dayFirst ? 2 : 1));
                int day = Integer.parseInt(m.group(dayFirst ? 1 : 2));
                Integer year = m.group(3) == null ? null : Integer.valueOf(m.group(3));
                if (month < 1 || day < 1 || day > 31) {
                    continue;
                }
                LocalTime time = null;
                boolean nextDay = false;
                Matcher clock = EN_CLOCK.matcher(text).region(end, text.length());
                if (clock.lookingAt()) {
                    int hour = Integer.parseInt(clock.group(1));
                    int minute = clock.group(2) == null ? 0 : Integer.parseInt(clock.group(2));
                    String half = clock.group(3) != null ? clock.group(3) : clock.group(4);
                    if (half != null && half.toLowerCase(java.util.Locale.ROOT).startsWith("p") && hour < 12) {
                        hour += 12;
                    }
                    if (hour == 24 && minute == 0) {
                        time = LocalTime.MIDNIGHT;
                        nextDay = true;
                        end = clock.end();
                    } else if (hour < 24 && minute < 60) {
                        time = LocalTime.of(hour, minute);
                        end = clock.end();
                    }
                }
                java.time.ZoneId zone = null;
                if (time != null) {
                    Matcher z = EN_ZONE.matcher(text).region(end, text.length());
                    Matcher other = EN_OTHER_ZONE.matcher(text).region(end, text.length());
                    if (z.lookingAt()) {
                        zone = z.group(2) != null ? java.time.ZoneOffset.UTC : Window.BEIJING;
                        end = z.end();
                    } else if (other.lookingAt()) {
                        String zoneId = EN_ZONES.get(other.group(1).toLowerCase(java.util.Locale.ROOT));
                        zone = zoneId == null ? null : java.time.ZoneId.of(zoneId);
                        if (zone == null) {
                            // A zone not known here: the day stands, the clock time is not taken for Beijing's.
                            time = null;
                            nextDay = false;
                            end = clock.start();
                        } else {
                            end = other.end();
                        }
                    }
                }
                boolean by = BY.matcher(text).region(end, text.length()).lookingAt();
                found.add(new Mention(start, end, year, month, day, time, nextDay, by, text.substring(start, end).strip(), zone));
            }
        }
    }

    private static final Pattern BRACKET_TIME = Pattern.compile(
            "\\s*[（(]\\s*(?:截止至|截止到|截至|截止|至)?\\s*(\\d{1,2})\\s*[:：]\\s*(\\d{2})\\s*(?:前|止)?\\s*[)）]");
    private static final Pattern ZONE_MARK = Pattern.compile(
            "\\s*[（(]?\\s*(北京时间|格林尼治时间|GMT|UTC|[\\p{IsHan}]{2,5}时间)\\s*[)）]?");

    /** The zone a time names: 北京时间, GMT/UTC, or a partner country's time (英国时间 → Europe/London); else {@code null}. */
    private static java.time.ZoneId zoneOf(String written) {
        if (written.equals("北京时间")) {
            return Window.BEIJING;
        }
        if (written.equals("GMT") || written.equals("UTC") || written.equals("格林尼治时间")) {
            return java.time.ZoneOffset.UTC;
        }
        return ForeignAgencies.countryZone(written.substring(0, written.length() - 2)).orElse(null);
    }

    /** True when only a range word (至, 到, a dash), maybe after a bracketed note or 起, stands between two mentions. */
    static boolean isRange(String text, Mention first, Mention second) {
        return first.end() <= second.start() && RANGE.matcher(text.substring(first.end(), second.start())).matches();
    }

    /**
     * The value of a mention in Beijing time.
     *
     * @param year the year to use when the mention has none (see {@link Years})
     * @return the date, or the date-time when a time is written; {@code null} when the date does not
     *         exist in that year ({@code 2月30日}) or no year is known
     */
    static DateOrDateTime resolve(Mention m, Integer year) {
        Integer y = m.year() != null ? m.year() : year;
        if (y == null) {
            return null;
        }
        DateOrDateTime value = DateOrDateTime.orNull(y, m.month(), m.day(), m.time());
        if (value != null && m.zone() != null && value.timed() && !m.zone().equals(Window.BEIJING)) {
            value = DateOrDateTime.of(value.dateTime().toLocalDateTime().atZone(m.zone()).toOffsetDateTime());
        }
        return value != null && m.nextDay() ? value.plusDays(1) : value;
    }

    /** The Gregorian year of a written year: {@code 2018}, {@code 二〇一八}, {@code 民国107} / {@code 107} (2018). */
    static Integer year(String written) {
        Matcher republic = REPUBLIC_YEAR.matcher(written);
        if (republic.matches() && !written.matches("\\d{4}")) {
            int y = Integer.parseInt(republic.group(1));
            return y < 1 ? null : REPUBLIC_YEAR_ZERO + y;
        }
        return number(written);
    }

    /** Whether the text holds a character from {@code first} to {@code last}. */
    private static boolean anyIn(String text, char first, char last) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= first && c <= last) {
                return true;
            }
        }
        return false;
    }

    /** {@code 12}, {@code 十二}, {@code 二十一}, {@code 二〇一三}; {@code null} when not a number. */
    static Integer number(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Integer.valueOf(text);
        }
        if (text.length() == 4 && text.indexOf('十') < 0) {
            // A year written digit by digit: 二〇一三.
            int value = 0;
            for (char c : text.toCharArray()) {
                int d = digit(c);
                if (d < 0) {
                    return null;
                }
                value = value * 10 + d;
            }
            return value;
        }
        int value = 0;
        int pending = -1;
        for (char c : text.toCharArray()) {
            int d = digit(c);
            if (d >= 0) {
                pending = d;
            } else if (c == '十') {
                value += (pending < 0 ? 1 : pending) * 10;
                pending = -1;
            } else {
                return null;
            }
        }
        return value + Math.max(pending, 0);
    }

    private static int digit(char c) {
        if (c == '〇' || c == '○' || c == '零') {
            return 0;
        }
        int i = "一二三四五六七八九".indexOf(c);
        return i < 0 ? -1 : i + 1;
    }

    private static final Pattern DATE_LINE = Pattern.compile("^" + YEAR + MONTH + DAY + "$");
    private static final Pattern LATIN_O_YEAR = Pattern.compile("^(?=[^年]*[OoＯ])[〇○零一二三四五六七八九OoＯ]{4}年");
    private static final Pattern NUMERIC_DATE_LINE = Pattern.compile("^(\\d{4})\\s*[.\\-/／]\\s*(\\d{1,2})\\s*[.\\-/／]\\s*(\\d{1,2})$");

    /** A signature date alone on its line: {@code 2013年1月21日}, {@code 二〇一三年一月二十一日}, {@code 2026 年 5 月 8 日}, {@code 二OO八年八月五日}, {@code 2017.8.3}. */
    static LocalDate dateLine(String line) {
        String text = line.strip();
        if (LATIN_O_YEAR.matcher(text).lookingAt()) {
            // 二OO八年八月五日: the letter O typed for 〇 (广东省科技厅 2008).
            text = text.substring(0, 4).replaceAll("[OoＯ]", "〇") + text.substring(4);
        }
        Matcher numeric = NUMERIC_DATE_LINE.matcher(text);
        if (numeric.matches()) {
            DateOrDateTime d = DateOrDateTime.orNull(Integer.parseInt(numeric.group(1)), Integer.parseInt(numeric.group(2)),
                    Integer.parseInt(numeric.group(3)), null);
            return d == null ? null : d.date();
        }
        Matcher m = DATE_LINE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        DateOrDateTime d = DateOrDateTime.orNull(year(m.group(1)), number(m.group(2)), number(m.group(3)), null);
        return d == null ? null : d.date();
    }
}
