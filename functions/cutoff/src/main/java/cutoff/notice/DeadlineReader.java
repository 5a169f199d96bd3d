package cutoff.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a call's deadlines in its sentences: the applicant's window (opening and cutoff) and every
 * other dated step, each classified by the words around its date.
 *
 * <p>A date is a deadline when the words before it say so ({@code 截止时间为}, {@code 申报时间：},
 * {@code 报送日期为}, {@code 请于…}) or {@code 前}/{@code 之前} follows it; dates of project periods,
 * signings, meetings and cited documents are not. Several deadlines in one sentence are each read
 * (广东 2013 relayed by a university office: applicants online by 2013年5月30日下午5:00, the
 * recommending authorities by 6月3日下午5:00, paper copies by 6月7日下午5点). The kinds:
 * <ul>
 *   <li>{@link CallDeadline.Kind#PRE_PROPOSAL} / {@code FULL_PROPOSAL}: 预申请 / 正式申请;</li>
 *   <li>{@code PAPER_COPY}: 纸质 / 书面 materials, posted or delivered;</li>
 *   <li>{@code RECOMMENDATION}: 推荐 / 审核 by a recommending or supervising body, unless the phrase
 *       says the cutoff includes it ({@code 含申报单位网上审核提交}, {@code 申请提交及推荐截止时间});</li>
 *   <li>{@code RELAY}: materials sent to the relaying office ({@code 报送科研处}, {@code 报送市科技局}), or
 *       a date in the relaying body's note printed after the original's signature;</li>
 *   <li>otherwise the applicant's cutoff: the first becomes the window, a different later one is
 *       {@code OTHER}.</li>
 * </ul>
 * Foreign-side dates ({@code 外方截止时间}, {@code （英方）9月29号}) are left to {@link ForeignSide}.
 */
final class DeadlineReader {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。；;！!？?])");
    /** A window open from now: 自即日起至Y, 今日(29日)起至Y, 自本通知发布之日起至Y, 即日开始至Y: Y is the cutoff. */
    private static final String FROM_NOW_UNTIL =
            "(?:即日|今日|今天|当日|之日)\\s*(?:[(（][^()（）]{0,8}[)）])?\\s*(?:起|开始)?\\s*(?:至|到)\\s*$";
    private static final Pattern FROM_NOW = Pattern.compile(FROM_NOW_UNTIL);
    private static final Pattern DEADLINE_WORDS = Pattern.compile(
            "截止|截至|申报时间|受理时间|申请时间|报送时间|报送日期|申报日期|提交时间|填报时间|申报期|征集时间|报名时间"
                    + "|接收时间|申请日期|开放时间|受理期|填报期|截止时间|时间为|日期为|请[^，,。；;]{0,15}?于|须[^，,。；;]{0,8}?于|需于|务必于|应于|应在"
                    // A changed deadline: …延长至Y, 延期至, 推迟至, 顺延至, 延后至, 调整为: Y is the deadline now.
                    + "|(?:延长|延期|推迟|顺延|延后|调整|更改|变更|改)(?:至|为|到)\\s*$"
                    + "|" + FROM_NOW_UNTIL
                    // English joint calls: Deadline for submission: 10 March 2021; submitted by …; before Feb. 2, 2018.
                    + "|(?i:\\b(?:deadline|closing date|application period)\\b|\\b(?:due|by|before|until|no later than|closes?|on or before)"
                    + "(?:\\s+(?:on|the))?\\s*$)");
    /** An English date's clause names the application: otherwise (by May 24, 2021 to open an account) it is for review. */
    private static final Pattern ENGLISH_APPLYING = Pattern.compile(
            "(?i)\\b(?:applications?|proposals?|submissions?|submitted|apply|deadline|application period)\\b");
    /** A range is a window when its clause is about applying: 申报系统开放时间：8月1日9:00—8月31日17:00. */
    private static final Pattern APPLYING = Pattern.compile("申报|填报|受理|提交|申请|报送|报名|征集|开放");
    private static final Pattern NOT_A_DEADLINE = Pattern.compile(
            "执行期|研究期限|实施期限|资助期限|项目周期|执行期限|攻关时限|实施周期|签署|签订|印发|发布于|召开|举办|举行"
                    + "|成立|出生|年龄|毕业|发文|批准|立项时间|执行时间|研究时间|结题|验收|建成|投产|评审|答辩|公示|考察|会议|培训"
                    + "|宣讲|见面会|发布时间|发布日期|发文日期|更新时间|来源|浏览|点击|范围|产生|发表|授权|出版|取得|获得|以后|以来"
                    + "|(?i:\\b(?:duration|published|released|born|birth|starting|start date|commenc\\w*|effective|signed)\\b)");
    /**
     * 于X后登录系统, X之后: after the date, an opening ({@link Openings}), never a cutoff; but X后不再受理 (nothing is
     * received after X) is X as the cutoff.
     */
    private static final Pattern AFTER_THE_DATE = Pattern.compile(
            "^\\s*(?:之|以)?后(?!台)(?![^，,。；;]{0,8}?(?:不再|不予|不受理|概不|将不|无效))");
    /** A signature glued to other text (one-line crawls): an issuing body's name, then its date, then nothing or 附件. */
    private static final Pattern SIGNER_BEFORE = Pattern.compile(
            "[\\p{IsHan}]{2,}(?:厅|局|委员会|委|办公室|办|处|中心|大学|学院|研究院|科学院|协会|基金会|政府|部|司)\\s*$");
    private static final Pattern SIGNATURE_AFTER = Pattern.compile("^\\s*(?:[。.]?\\s*$|附件|附：|附:|（此件|\\(此件|抄送|印发|发布)");

    /** The old date of a changed deadline: X in 由X延长至Y, X延期至Y; never published. */
    private static final Pattern SUPERSEDED_AFTER = Pattern.compile(
            "^\\s*(?:之前|以前|前|截止)?\\s*[，,]?\\s*(?:现|现已|现将|已)?\\s*(?:延长|延期|推迟|顺延|延后|调整|更改|变更|改)(?:至|为|到)");
    /** The old date named as such: 原定X, 原截止时间为X, 原计划于X. */
    private static final Pattern SUPERSEDED_BEFORE = Pattern.compile("原(?:定|计划|截止|申报截止|定于|为)[^，,。；;]{0,12}$");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[：:、，,；;–—-]");
    private static final Pattern OPENING_WORDS = Pattern.compile("起始|开始|开放|受理起|自$|从$");
    static final Pattern FOREIGN_SIDE = Pattern.compile(
            "(?:外方|对方|合作方|合作外方|[以俄英德法芬日韩美加澳荷比捷挪奥匈意西葡泰越智乌丹波爱]方)"
                    + "(?:[)）]|[^，,。；;]{0,12}(?:截止|提交|申请|申报|时间|日期))"
                    // …，俄方合作单位须于1月30号前…: the side is the clause's subject.
                    + "|^\\s*(?:外方|对方|合作方|合作外方|[以俄英德法芬日韩美加澳荷比捷挪奥匈意西葡泰越智乌丹波爱]方)(?!面|式|法|案|向)");
    private static final Pattern PRE = Pattern.compile("预申请|预申报|意向书|预提案|初步申请|概要申请|预注册");
    private static final Pattern FULL = Pattern.compile("正式申请|全文申请|正式申报|正式提交|完整申请书|全本申请");
    /** Paper materials; a postmark date (以邮戳为准) is when paper copies are posted. */
    private static final Pattern PAPER = Pattern.compile("纸质|书面|纸本|纸件|原件|寄送|邮寄|寄达|送达|快递|邮戳");
    /**
     * Paper and electronic copies sent together in one step (纸质版一式两份及电子版报送…, 纸质及电子版申报材料): the
     * submission itself, its kind by who receives it, not a separate paper step.
     */
    private static final Pattern PAPER_WITH_ELECTRONIC = Pattern.compile(
            "纸质[^，,。；;]{0,24}?(?:及|和|与|、|以及)[^，,。；;]{0,12}?电子|电子[^，,。；;]{0,24}?(?:及|和|与|、|以及)[^，,。；;]{0,12}?纸质");
    /** A date followed by 逾期不予受理 is a cutoff, whatever words introduce it. */
    private static final Pattern LATE_REFUSED = Pattern.compile("^[^。；;]{0,30}?逾期(?:将)?(?:不予|不再|概不|不)(?:受理|接收|接受)"
            // X后不再受理, X以后提交的不予受理: nothing is received after X.
            + "|^\\s*(?:之|以)?后[^，,。；;]{0,8}?(?:不再|不予|概不|将不)(?:受理|接收|接受)");
    private static final Pattern RECOMMEND = Pattern.compile("推荐|遴选|汇总上报");
    private static final Pattern REVIEW = Pattern.compile("审核|审查");
    /** Who reviews on the way up: a supervising, recommending or managing body (not the applicant's own unit). */
    private static final Pattern REVIEWING_BODY = Pattern.compile(
            "主管部门|管理部门|推荐单位|归口|科技局|科技厅|负责局|主管单位|各地|各市|各区|各县");
    /** A deadline counted from the notice (本通知印发后15日内): not a date; said in missing. */
    private static final Pattern RELATIVE = Pattern.compile("(?:印发|发布|下发|发文)(?:之)?(?:日)?后\\s*(\\d+|[一二三四五六七八九十]+)\\s*(?:个)?(?:工作)?日内");
    /** A line announcing a list of deadlines on the lines after it: 截止日期为： */
    private static final Pattern LIST_INTRO = Pattern.compile("(?:截止|截至|申报时间|时间安排|日期)[^。；;]{0,12}[：:]\\s*$");
    /** The phrase says the applicant's cutoff includes the review: 含申报单位网上审核提交, 申请提交及推荐截止时间. */
    private static final Pattern APPLICANT_TOO = Pattern.compile("含申报单位|含单位|申请提交及|申报提交及|申请提交和|申报单位网上申报");
    /** The notice says the cutoff includes the institution's review: 截止时间（含申报单位网上审核提交）. */
    private static final Pattern REVIEW_INCLUDED = Pattern.compile("含[^，,。；;）)]{0,10}审核|含申报单位|含单位");
    /** Words that name the date as a cutoff outright; without them, 请…于X前 takes its meaning from what follows. */
    private static final Pattern EXPLICIT = Pattern.compile("截止|截至|申报时间|受理时间|申请时间|时间为|日期为");
    private static final Pattern RELAY_RECIPIENT = Pattern.compile(
            "(?:报送|上报|送交|交|送|提交|发送|汇总|报|发[^，,。]{0,8}?(?=至|到|给))(?:至|到|给)?(?:学校|我校|我院|我处|我局|我厅|[\\p{IsHan}]{0,6}?"
                    + "(?:科研处|科技处|社科处|科研院|科学技术处|科研管理处|科研管理部|科研部|科技发展处|国际合作处|国际处|国际合作局"
                    + "|外事处|市科技局|区科技局|县科技局))"
                    + "|(?:校内|院内|所内|学校|学院|本校|我校|本所|我所|本院|我院)[^，,。]{0,6}?(?:截止|受理)"
                    // 各学院于4月14日前收集申报意向: a university's own internal step.
                    + "|^[^，,。]{0,4}?各(?:学院|院系|二级单位|院（系）|院\\(系\\))");
    private static final Pattern WHO = Pattern.compile(
            "((?:各级|各|有关|项目|所在)?[\\p{IsHan}]{0,10}?(?:主管部门|推荐单位|申报单位|依托单位|申请单位|承担单位|申请人|高校|科研院所"
                    + "|院系|二级单位|学院|部门|科技局|科技厅|管委会))");

    /** What was read: the window (or {@code null}), the other deadlines, and notes for {@code missing}. */
    record Reading(Window window, String windowAsWritten, List<CallDeadline> deadlines, List<String> notes) {
        /**
         * The reading of a notice that is about paper materials only (its title: 关于…纸质材料受理的通知): the window
         * it states is when paper copies are received, a {@code PAPER_COPY} deadline, and the notice states no
         * applicant cutoff.
         */
        Reading paperOnly() {
            if (window == null) {
                return this;
            }
            List<CallDeadline> all = new ArrayList<>();
            all.add(new CallDeadline(CallDeadline.Kind.PAPER_COPY, window.closes(), windowAsWritten, null, null,
                    window.reasons(), window.source()));
            deadlines.stream().filter(d -> !d.closes().equals(window.closes())).forEach(all::add);
            List<String> why = new ArrayList<>(notes);
            why.add("the notice is about paper materials (its title); the dates it gives are when they are received, "
                    + "not the applicants' cutoff");
            return new Reading(null, null, all, why);
        }
    }

    /**
     * A title that announces a notice about paper materials only (关于…纸质材料受理的通知, 关于报送书面申报材料的通知), not a
     * call that also asks for them (…网上申报及纸质材料报送…, …征集…).
     */
    static final Pattern PAPER_TITLE = Pattern.compile("^(?!.*(?:网上|在线|系统|征集|指南|组织申报)).*(?:纸质|书面|纸本)(?:申报)?材料");

    private record Found(CallDeadline.Kind kind, DateOrDateTime opens, DateOrDateTime closes, String asWritten,
                         String who, boolean includesReview, Source source, List<String> reasons, boolean named,
                         boolean toRelayingOffice) {
    }

    /** Places a sentence in the notice: its 1-based line, or {@code null}. */
    interface Locator {
        Integer line(String sentence);

        Locator NONE = sentence -> null;
    }

    private DeadlineReader() {
    }

    /**
     * Reads the deadlines of some lines.
     *
     * @param lines    logical lines of a topic, or of the notice outside its topics
     * @param trailer  lines after the signature (a relaying body's note), or empty
     * @param years    where a year-less date takes its year
     */
    static Reading read(List<String> lines, List<String> trailer, Years years) {
        return read(lines, trailer, years, Locator.NONE);
    }

    /** As {@link #read(List, List, Years)}, each date's {@link Source} placed on its line by {@code locator}. */
    static Reading read(List<String> lines, List<String> trailer, Years years, Locator locator) {
        List<Found> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean list = false;
        List<String> unreadable = new ArrayList<>();
        for (String line : lines) {
            for (String digits : unreadable(line)) {
                String note = "digits that look like a date could not be read (" + digits + "); a person must read them";
                if (!notes.contains(note)) {
                    notes.add(note);
                    unreadable.add(note);
                }
            }
            Matcher relative = RELATIVE.matcher(line);
            if (relative.find()) {
                Integer days = ChineseDates.number(relative.group(1));
                boolean working = relative.group().contains("工作");
                if (years.signedOn() != null && days != null && !working) {
                    // 本通知印发后15日内: counted from the signature, a bare date; a person confirms the anchor.
                    DateOrDateTime at = DateOrDateTime.ofDate(years.signedOn().plusDays(days));
                    List<String> why = new ArrayList<>(List.of("a deadline counted from the notice (" + relative.group()
                            + "): " + days + " days after the signature date " + years.signedOn()));
                    found.add(new Found(null, null, at, relative.group(), null, false,
                            new Source(locator.line(line), relative.start(), relative.end(), line), why, false, false));
                } else {
                    notes.add("a deadline counted from the notice (" + relative.group() + ") is not a date; "
                            + (working ? "working days depend on the holidays of the year" : "the issue date is needed to place it")
                            + "; supply it (ingest --closes)");
                }
            }
            boolean dated = !ChineseDates.find(line).isEmpty();
            boolean listed = list && dated;
            readLine(line, false, listed, years, found, notes, locator);
            list = LIST_INTRO.matcher(line).find() && !dated || listed;
        }
        for (String line : trailer) {
            readLine(line, true, false, years, found, notes, locator);
        }
        Window window = null;
        String windowWritten = null;
        List<CallDeadline> deadlines = new ArrayList<>();
        // The applicants' cutoff is the first one named as such (截止时间为…, 申报时间：X至Y, a list under 截止日期：),
        // else the first 请…于X前 whose action is applying; never an earlier step just because it comes first
        // (首次使用平台的教师请于11月3日下班前…交各学院, then 网上填报时间为9月30日~12月10日).
        Found chosen = found.stream().filter(f -> f.kind() == null && f.named()).findFirst()
                .orElse(found.stream().filter(f -> f.kind() == null).findFirst().orElse(null));
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
            CallDeadline.Kind kind = f.kind() == null ? CallDeadline.Kind.OTHER : f.kind();
            if (chosen == null && f.toRelayingOffice() && kind != CallDeadline.Kind.RELAY) {
                // A relay that states no applicant cutoff: materials (paper, a recommendation, a pre-proposal) sent to
                // the relaying office by a date are its own deadline, the one that binds its staff.
                kind = CallDeadline.Kind.RELAY;
            }
            CallDeadline.Kind finalKind = kind;
            boolean repeated = deadlines.stream().anyMatch(d -> d.kind() == finalKind && d.closes().equals(f.closes()));
            if (!repeated) {
                deadlines.add(new CallDeadline(finalKind, f.closes(), f.asWritten(), f.who(), null, f.reasons(), f.source()));
            }
        }
        return new Reading(window, windowWritten, deadlines, notes);
    }

    private static void readLine(String line, boolean inTrailer, boolean listed, Years years, List<Found> found,
                                 List<String> notes, Locator locator) {
        if (ChineseDates.dateLine(line) != null) {
            return;
        }
        ChineseDates.Mention paragraphDated = null;
        for (String sentence : SENTENCE_END.split(line)) {
            List<ChineseDates.Mention> mentions = ChineseDates.find(sentence);
            int foundBefore = found.size();
            Integer lineNumber = mentions.isEmpty() ? null : locator.line(sentence);
            ChineseDates.Mention datedInParagraph = paragraphDated;
            for (ChineseDates.Mention dated : mentions) {
                if (dated.year() != null) {
                    paragraphDated = dated;
                }
            }
            int previousEnd = 0;
            boolean previousDeadline = false;
            for (int i = 0; i < mentions.size(); i++) {
                ChineseDates.Mention m = mentions.get(i);
                ChineseDates.Mention rangeEnd = null;
                if (i + 1 < mentions.size() && ChineseDates.isRange(sentence, m, mentions.get(i + 1))) {
                    rangeEnd = mentions.get(i + 1);
                }
                ChineseDates.Mention last = rangeEnd != null ? rangeEnd : m;
                int nextStart = i + (rangeEnd != null ? 2 : 1) < mentions.size()
                        ? mentions.get(i + (rangeEnd != null ? 2 : 1)).start() : sentence.length();
                String before = sentence.substring(previousEnd, m.start());
                String after = sentence.substring(last.end(), nextStart);
                previousEnd = last.end();
                if (rangeEnd != null) {
                    i++;
                }
                String clause = lastClause(before);
                String afterClause = after.split("[，,]", 2)[0];
                if (insideTitleMarks(sentence, m.start()) || AFTER_THE_DATE.matcher(after).lookingAt()
                        || NOT_A_DEADLINE.matcher(englishSentence(clause)).find()
                        || NOT_A_DEADLINE.matcher(afterClause).find()
                        || FOREIGN_SIDE.matcher(clause).find() || FOREIGN_SIDE.matcher(lastClause(sentence.substring(0, m.start()))).find()) {
                    continue;
                }
                if (rangeEnd == null && !last.by() && !last.hasTime() && SIGNER_BEFORE.matcher(before).find()
                        && SIGNATURE_AFTER.matcher(sentence.substring(last.end())).lookingAt()) {
                    // …报送。某某科学技术厅2024年5月20日附件：…: a signature, never a deadline.
                    previousDeadline = false;
                    continue;
                }
                if (rangeEnd == null && (SUPERSEDED_AFTER.matcher(after).lookingAt() || SUPERSEDED_BEFORE.matcher(before).find())) {
                    // 申报截止时间由4月10日延长至4月20日 / 原定4月10日截止，现延期至…: the old date is no deadline, never published.
                    previousDeadline = false;
                    continue;
                }
                boolean opening = rangeEnd == null && (OPENING_WORDS.matcher(clause).find() || after.startsWith("起")
                        || after.startsWith("开始")) && !FROM_NOW.matcher(clause).find();
                // A list of cutoffs in one sentence: 截止日期为:––与哈萨克斯坦合作项目:2013年4月10日––与俄罗斯合作项目:2013年6月25日
                boolean continues = previousDeadline && before.length() <= 24 && LIST_SEPARATOR.matcher(before).find()
                        && !DEADLINE_WORDS.matcher(before).find();
                boolean deadline = DEADLINE_WORDS.matcher(before).find() || last.by() || listed || continues
                        || LATE_REFUSED.matcher(after).find()
                        || (rangeEnd != null && (DEADLINE_WORDS.matcher(sentence.substring(0, m.start())).find()
                        || APPLYING.matcher(clause).find()));
                if (!deadline && !opening) {
                    previousDeadline = false;
                    continue;
                }
                // 起始时间为A，截止时间为B: an opening followed by its cutoff in the same sentence.
                if (opening && rangeEnd == null && i + 1 < mentions.size()) {
                    ChineseDates.Mention closing = mentions.get(i + 1);
                    String between = sentence.substring(m.end(), closing.start());
                    if (between.contains("截止") || between.contains("至") || between.contains("到")) {
                        rangeEnd = closing;
                        last = closing;
                        i++;
                        previousEnd = closing.end();
                        nextStart = i + 1 < mentions.size() ? mentions.get(i + 1).start() : sentence.length();
                        after = sentence.substring(closing.end(), nextStart);
                    }
                }
                if (opening && rangeEnd == null) {
                    continue; // an opening alone is no deadline; the window needs its cutoff
                }
                // What the deadline is for: the words since the previous date, and those after it up to the
                // comma; when the sentence opens with the date (2.2018年4月23日前，科技促进发展局将…推荐函…寄送),
                // the words after it say it.
                // …通知如下：请各申报单位…于8月2日前: the words before a colon introduce, they don't classify.
                String trimmed = before.replaceFirst("[：:\\s]+$", "");
                String kindBefore = trimmed.substring(Math.max(trimmed.lastIndexOf('：'), trimmed.lastIndexOf(':')) + 1);
                if (lastClause(kindBefore).matches(".*(?:于|在)\\s*$")) {
                    // …报送科技处，“申报系统”将于X关闭: the clause that introduces the date (its 于) has its own subject;
                    // the clause before it is another step's.
                    kindBefore = lastClause(kindBefore);
                }
                boolean explicit = EXPLICIT.matcher(kindBefore).find();
                // Named outright (…，正式申请截止时间为X): its own clause says what it is. Introduced by 请…于X前: the
                // action after it does, up to the clause's end (a comma right after 前 does not end it).
                String context = explicit ? lastClause(before) + "|" + after.split("[，,]", 2)[0]
                        : kindBefore + "|" + actionAfter(after);
                CallDeadline.Kind kind = kind(context, inTrailer);
                // A year left out takes the year of the dated mention before it in the sentence (…2006年1月12日…，
                // 纸质材料请于1月20日…), else the range's first end.
                ChineseDates.Mention yearFrom = rangeEnd != null ? m : datedBefore(mentions, m);
                if (yearFrom == null || yearFrom.year() == null) {
                    yearFrom = datedInParagraph; // 2023年2月26日…。…3月7日前: the paragraph's year
                }
                DateOrDateTime closes = resolve(last, yearFrom, years, notes);
                if (closes == null) {
                    continue;
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
                        && !ENGLISH_APPLYING.matcher(englishSentence(lastClause(before)) + " " + after.split("(?<=[.!?])\\s", 2)[0]).find()) {
                    reasons.add("an English date (" + last.asWritten() + ") whose sentence does not name the application");
                }
                if (last.year() == null && (yearFrom == null || yearFrom.year() == null) && years.doubt(last.month()) != null
                        && weekday == null) {
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
                found.add(new Found(kind, kind == null ? opens : null, closes, written, who(clause),
                        REVIEW_INCLUDED.matcher(sentence).find(), new Source(lineNumber, from, from + written.length(), sentence),
                        reasons, explicit || rangeEnd != null || listed || continues, RELAY_RECIPIENT.matcher(context).find()));
                previousDeadline = true;
            }
            doubtRivals(found.subList(foundBefore, found.size()));
        }
    }

    /** Run-together digits where a date or time should be: {@code 32016時}, {@code 2021119日}, {@code 10186时}. */
    private static final Pattern RUN_TOGETHER = Pattern.compile("(?<![\\d.\\-])(\\d{5,8})\\s*(?=[日时時点]|前|截止)");
    /** A date that lost its 日: {@code 截止日期为2021年3月24，}, {@code 2025年11月4至12月12}. */
    private static final Pattern NO_DAY_MARK = Pattern.compile(
            "(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2})(?![\\d日号])(?!\\s*[-—–~～]\\s*\\d{1,2}\\s*[日号])");

    /**
     * The digits of a line that look like a date but cannot be read as one (a bad extraction): reported, never
     * guessed. Source: the corpus's damaged texts (NSFC 2015 {@code 32016時}, MOE 2021 {@code 2021年3月24}).
     */
    static List<String> unreadable(String line) {
        List<String> found = new ArrayList<>();
        for (Pattern p : List.of(RUN_TOGETHER, NO_DAY_MARK)) {
            Matcher m = p.matcher(line);
            while (m.find()) {
                found.add(line.substring(m.start(1), Math.min(line.length(), m.end(1) + 1)).strip());
            }
        }
        return found;
    }

    /**
     * Two applicant cutoffs of different dates in one sentence, neither named apart by kind: which binds the
     * applicants is for a person to say (each gets the reason).
     */
    private static void doubtRivals(List<Found> sentence) {
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

    /** The cutoff of a mention, its year from the range's first end, then {@link Years}; notes why not. */
    private static DateOrDateTime resolve(ChineseDates.Mention m, ChineseDates.Mention rangeStart, Years years,
                                          List<String> notes) {
        Integer year = m.year();
        if (year == null && rangeStart != null && rangeStart.year() != null) {
            year = rangeStart.year() + (m.month() < rangeStart.month() ? 1 : 0);
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

    private static CallDeadline.Kind kind(String context, boolean inTrailer) {
        if (PAPER.matcher(context).find() && !PAPER_WITH_ELECTRONIC.matcher(context).find()) {
            return CallDeadline.Kind.PAPER_COPY;
        }
        boolean recommends = RECOMMEND.matcher(context).find()
                || (REVIEW.matcher(context).find() && REVIEWING_BODY.matcher(context).find());
        if (recommends && !APPLICANT_TOO.matcher(context).find()) {
            return CallDeadline.Kind.RECOMMENDATION;
        }
        if (PRE.matcher(context).find()) {
            return CallDeadline.Kind.PRE_PROPOSAL;
        }
        if (FULL.matcher(context).find()) {
            return CallDeadline.Kind.FULL_PROPOSAL;
        }
        if (inTrailer || RELAY_RECIPIENT.matcher(context).find()) {
            return CallDeadline.Kind.RELAY;
        }
        return null;
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

    /** What follows 请…于X前: up to the first comma after some words of action (前，Y将…寄送 runs on). */
    private static String actionAfter(String after) {
        String[] parts = after.split("[，,]");
        String action = parts[0];
        if (parts.length > 1 && action.replaceAll("[\\s)）\"”(（]|之前|以前|前|以.{0,6}为准", "").length() < 3) {
            action = action + "，" + parts[1];
        }
        return action;
    }

    /** The words since the last English sentence end ({@code . } {@code ? } {@code ! }), or all of them. */
    private static String englishSentence(String before) {
        String[] parts = before.split("(?<=[a-z0-9)][.!?])\\s+");
        return parts[parts.length - 1];
    }

    /** The words since the last comma or colon: the clause a date belongs to. */
    private static String lastClause(String before) {
        int cut = -1;
        for (int i = before.length() - 1; i >= 0; i--) {
            char c = before.charAt(i);
            if (c == '，' || c == ',' || c == '。' || c == '；' || c == ';') {
                cut = i;
                break;
            }
        }
        return before.substring(cut + 1);
    }

    /** True when the position is inside 《…》: a cited document's title. */
    private static boolean insideTitleMarks(String sentence, int at) {
        int open = sentence.lastIndexOf('《', at);
        return open >= 0 && sentence.indexOf('》', open) > at;
    }

    private static String byWord(String sentence, int end) {
        Matcher m = Pattern.compile("^[\\s)）\"”]*(之前|以前|前)").matcher(sentence).region(end, sentence.length());
        return m.lookingAt() ? m.group(1) : "";
    }

    private static String who(String clause) {
        Matcher m = WHO.matcher(clause);
        return m.find() ? m.group(1).replaceFirst("^(?:请|由|要求)", "") : null;
    }
}
