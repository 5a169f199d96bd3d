package cutoff.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second step of reading deadlines ({@link DeadlineReader}): what each date of a sentence
 * ({@link DateCandidates}) is, by the words around it: no deadline at all (a project period, a signature, a
 * cited document, a foreign side's date, the old date of a changed deadline), an opening, or a deadline with
 * its kind, its actor and whether the notice names it as a cutoff. Which deadline is the applicants' cutoff is
 * decided after ({@link CutoffDecision}).
 *
 * <p>A date is a deadline when the words before it say so ({@code 截止时间为}, {@code 申报时间：},
 * {@code 报送日期为}, {@code 请…于…}) or {@code 前}/{@code 之前} follows it; dates of project periods,
 * signings, meetings and cited documents are not. The kinds:
 * <ul>
 *   <li>{@link DeadlineKind#PRE_PROPOSAL} / {@code FULL_PROPOSAL}: 预申请 / 正式申请;</li>
 *   <li>{@code PAPER_COPY}: 纸质 / 书面 materials, posted or delivered;</li>
 *   <li>{@code RECOMMENDATION}: 推荐 / 审核 by a recommending or supervising body, unless the phrase
 *       says the cutoff includes it ({@code 含申报单位网上审核提交}, {@code 申请提交及推荐截止时间});</li>
 *   <li>{@code RELAY}: materials sent to the relaying office ({@code 报送科研处}, {@code 报送市科技局}), or
 *       a date in the relaying body's note printed after the original's signature;</li>
 *   <li>otherwise ({@code null}) the applicant's.</li>
 * </ul>
 *
 * <p>One class (about 520 lines) because its rules read each other's results: whether a date is a deadline,
 * its kind, its actor and whether it is named are decided from the same clause around the date, with the
 * {@link Reader}'s state (a list of cutoffs continued, the year last stated), and the word patterns above are one
 * vocabulary those rules share.
 */
final class DateRoles {
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
    private static final Pattern FOREIGN_SIDE = Pattern.compile(
            "(?:外方|对方|合作方|合作外方|[以俄英德法芬日韩美加澳荷比捷挪奥匈意西葡泰越智乌丹波爱]方)"
                    + "(?:[)）]|[^，,。；;]{0,12}(?:截止|提交|申请|申报|时间|日期))"
                    // …，俄方合作单位须于1月30号前…: the side is the clause's subject.
                    + "|^\\s*(?:外方|对方|合作方|合作外方|[以俄英德法芬日韩美加澳荷比捷挪奥匈意西葡泰越智乌丹波爱]方)(?!面|式|法|案|向)");
    private static final Pattern PRE = Pattern.compile("预申请|预申报|意向书|预提案|初步申请|概要申请|预注册");
    private static final Pattern FULL = Pattern.compile("正式申请|全文申请|正式申报|正式提交|完整申请书|全本申请");
    /** Paper materials; a postmark date (以邮戳为准) is when paper copies are posted. */
    private static final Pattern PAPER = Pattern.compile(
            "纸质|书面|纸本|纸件|原件|寄送|邮寄|寄达|送达|快递|邮戳|一式\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,2})\\s*份");
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
    /** An item number or a table cell mark before a step's date: {@code (2)}, {@code 3.}, {@code 二、}, {@code |}. */
    private static final String ITEM = "(?:[（(]?\\d{1,2}[)）.、．]|[（(]?[一二三四五六七八九十]+[)）、.．])";
    /** A date that opens a row of a timetable ({@code 1月15日以前 | 申请人…}) or an item of a list of steps ({@code (2)4月19日前:学院…}). */
    private static final Pattern ROW_START = Pattern.compile(
            "(?:^\\s*" + ITEM + "?|[|｜]\\s*" + ITEM + "?|[:：]\\s*" + ITEM + ")\\s*$");
    /** A date followed by its step after a colon or a cell mark: {@code 4月18日前:申请人…}, {@code 1月15日 | 各二级部门…}. */
    private static final Pattern ROW_AFTER = Pattern.compile("^[\\s)）]*(?:之前|以前|前)?[\\s)）]*(?:上午|下午|中午|晚上)?\\s*[:：|｜]");
    /**
     * A row whose date (a range, or a date with 前) opens its line or follows a heading's colon, then a comma and who does
     * what: {@code 时间安排：7月2日至7月23日，个人申报，并向科研处报送申报材料}.
     */
    private static final Pattern ROW_OPENS = Pattern.compile("(?:^|[:：|｜])\\s*" + ITEM + "?\\s*$");
    private static final Pattern COMMA_AFTER = Pattern.compile("^[\\s)）]*(?:之前|以前|前)?[\\s)）]*[，,]");
    /** What comes between a step's date and its action: 前, 以前, 上午, a cell mark, a colon. */
    private static final Pattern ROW_LEAD = Pattern.compile("^[\\s)）]*(?:之前|以前|前)?[\\s)）]*(?:上午|下午|中午|晚上)?[\\s:：|｜，,]*");
    /** An internal unit of the relaying university or institute: its step binds the unit, not the applicants. */
    private static final String UNIT = "(?:各|相关|所属|所在|有关|本)?(?:二级)?(?:学院|院系|院（系）|院\\(系\\)|院部|二级单位|二级部门|科教科|科研秘书)";
    /** The subject of a step, at the start of its clause (after an item number): who does it. */
    private static final Pattern UNIT_ACTOR = Pattern.compile("^\\s*" + ITEM + "?\\s*(?:请|由)?(" + UNIT + "(?:科教科|科研秘书)?)");
    private static final Pattern APPLICANT_ACTOR = Pattern.compile(
            "^\\s*" + ITEM + "?\\s*(?:请|由)?([^，,。；;：:|｜]{0,12}?(?:申请人|申报人|项目负责人|课题负责人|拟申报者|申报者|教师|老师|个人(?=申报|申请|填报|提交)))");
    private static final Pattern OFFICE_ACTOR = Pattern.compile(
            "^\\s*" + ITEM + "?\\s*((?:科研处|科技处|社科处|科研院|科研管理处|学校|我校|我处|校内专家|专家))");
    /** A unit named as the way materials go: 盖章以学院为单位提交. */
    private static final Pattern UNIT_AS_A_WHOLE = Pattern.compile("以((?:各)?(?:学院|院系|二级单位|二级部门))为单位");
    /** A recommending or supervising body as a step's subject: 各科技主管部门, 推荐单位, 各地科技局, 省科技厅, 我局. */
    private static final Pattern RECOMMENDER_ACTOR = Pattern.compile("^\\s*" + ITEM + "?\\s*(?:请|由)?((?:各级|各地|各|有关|省|市|区|县)?"
            // the body's own name (其所在地区的科技主管部门), not a recipient (申请书报送市科技局)
            + "[^，,。；;：:|｜报送交提至到给向将申]{0,8}?(?:主管部门|推荐单位|归口管理部门|归口部门|科技局|科技厅|科委|我局|我厅|我委))");
    /** What a recommending body does by its date: reviews, recommends, sends on. */
    private static final Pattern RECOMMENDS = Pattern.compile("审核|审查|初审|复审|推荐|报送|上报|汇总|报至");
    /** A step's materials go to an internal unit: 交到所属二级部门, 提交申报材料至学院, 纸质版交二级部门. */
    private static final Pattern UNIT_RECIPIENT = Pattern.compile(
            "(?:报送|上报|送交|交|提交|发送|送)(?:到|至|给|由)?(?:所属|所在|各|本)?(?:二级)?(?:学院|院系|二级单位|二级部门)"
                    + "|至(?:所属|所在)?(?:二级)?(?:学院|院系|二级单位|二级部门)");
    /** What an application is made of: a step that hands it to a unit is the application's, not a registration's. */
    private static final Pattern MATERIALS = Pattern.compile("申报书|申请书|申报材料|申请材料|材料|初稿|定稿|活页|电子版|纸质版");
    /** A unit's step sends something to the relaying office: 学院统一报送申报材料…至科技处, 将…交到科技处. */
    private static final Pattern SENDS_TO_OFFICE = Pattern.compile(
            "(?:报送|上报|送交|交|提交|发送|报)[^。；;]{0,40}?(?:科研处|科技处|社科处|科研院|科学技术处|科研管理处|科研部|学校|我校|我处)");
    /**
     * A group of applicants named as the subject of its own cutoff: {@code 企业攻关难题招贤专项网上申报截止时间…},
     * {@code 港澳台项目请于…}; not the call's projects in general (申报项目, 本项目, 各类项目).
     */
    private static final Pattern GROUP = Pattern.compile("^\\s*" + ITEM + "?\\s*((?!申报|申请|本|该|此|各|所有|相关|有关|上述|以上|拟|其他|其它|其余)"
            + "[\\p{IsHan}]{2,16}?(?:专项|项目|计划))(?=(?:的)?(?:网上|在线)?(?:申报|申请|填报|提交)?(?:截止|受理)(?:时间|日期)?"
            + "|(?:申请人|申报人)?(?:请|须|应|需)于)");
    /** A step of submitting: a row's date binds its actor when the action hands something over. */
    private static final Pattern SUBMITS = Pattern.compile("交|报送|上报|寄送|递交|上传");
    private static final Pattern WHO = Pattern.compile(
            "((?:各级|各|有关|项目|所在)?[\\p{IsHan}]{0,10}?(?:主管部门|推荐单位|申报单位|依托单位|申请单位|承担单位|申请人|高校|科研院所"
                    + "|院系|二级单位|学院|部门|科技局|科技厅|管委会))");


    /**
     * A date of a sentence read as a deadline.
     *
     * @param candidate        the date or range (an opening joined to its cutoff: 起始时间为A，截止时间为B)
     * @param kind             what it is for, {@code null} for the applicants' own
     * @param who              who acts by then, as written, or {@code null}
     * @param named            the notice names it as a cutoff (截止时间为…, a range, a list under 截止日期：), not
     *                         only 请…于X前
     * @param toRelayingOffice its materials go to the relaying office (报送科研处)
     * @param includesReview   the sentence says the cutoff includes the institution's review (含申报单位网上审核提交)
     * @param yearAnchor       the year the text last stated before the date ({@link DateCandidates.YearAnchor}), or
     *                         {@code null}
     * @param group            the group of applicants an applicants' cutoff is for (企业攻关难题招贤专项), or {@code null}
     */
    record Role(DateCandidates.Candidate candidate, DeadlineKind kind, String who, boolean named,
                boolean toRelayingOffice, boolean includesReview, DateCandidates.YearAnchor yearAnchor, String group) {
    }

    /** Who a step binds, by its subject. */
    enum Actor {
        /** The applicants (申请人, 申报人, 项目负责人). */
        APPLICANT,
        /** An internal unit of the relaying institution (各学院, 二级部门, 科研秘书). */
        UNIT,
        /** A recommending or supervising body (推荐单位, 主管部门, 科技局, 我厅). */
        RECOMMENDER,
        /** The relaying office or its experts (科研处, 科技处, 专家): its own work. */
        OFFICE
    }

    /**
     * The subject of a clause or a step's action, or {@code null} when it names none.
     *
     * @return the actor and the words that name it
     */
    static java.util.Map.Entry<Actor, String> actor(String clause) {
        for (var p : List.of(java.util.Map.entry(Actor.UNIT, UNIT_ACTOR), java.util.Map.entry(Actor.APPLICANT, APPLICANT_ACTOR),
                java.util.Map.entry(Actor.RECOMMENDER, RECOMMENDER_ACTOR), java.util.Map.entry(Actor.OFFICE, OFFICE_ACTOR),
                java.util.Map.entry(Actor.UNIT, UNIT_AS_A_WHOLE))) {
            Matcher m = p.getValue().matcher(clause);
            if (m.find()) {
                return java.util.Map.entry(p.getKey(), m.group(1));
            }
        }
        return null;
    }

    private DateRoles() {
    }

    /** True when a line announces a list of deadlines on the lines after it ({@code 截止日期为：}). */
    static boolean introducesList(String line) {
        return LIST_INTRO.matcher(line).find();
    }

    /**
     * The roles of a sentence's dates, read in order: {@link Reader#next()} gives each deadline.
     *
     * @param anchor the year the text last stated before the sentence, or {@code null}
     */
    static Reader reader(DateCandidates.Sentence sentence, boolean inTrailer, boolean listed,
                         DateCandidates.YearAnchor anchor) {
        return new Reader(sentence, inTrailer, listed, anchor);
    }

    /**
     * Reads the deadlines of one sentence in order. A date right after a deadline, separated by a list mark only,
     * continues a list of cutoffs when the one before it was read ({@link #read()}).
     */
    static final class Reader {
        private final DateCandidates.Sentence s;
        private final boolean inTrailer;
        private final boolean listed;
        private List<DateCandidates.Candidate> pending;
        private int next;
        private boolean previousDeadline;
        private DateCandidates.YearAnchor anchor;

        private Reader(DateCandidates.Sentence s, boolean inTrailer, boolean listed, DateCandidates.YearAnchor anchor) {
            this.s = s;
            this.inTrailer = inTrailer;
            this.listed = listed;
            this.pending = s.candidates();
            this.anchor = s.yearHeading() != null ? new DateCandidates.YearAnchor(s.yearHeading(), 0) : anchor;
        }

        /**
         * The year the text last stated, up to the date last read: a date of the call's own text (not a project period,
         * a cited document's, a signature or a foreign side's) with its year, or a year heading; {@code null} if none.
         */
        DateCandidates.YearAnchor anchor() {
            return anchor;
        }

        /** The deadline last given was read (its date resolved): a date after it may continue its list. */
        void read() {
            previousDeadline = true;
        }

        /** The next date of the sentence that is a deadline, or {@code null} when there is none. */
        Role next() {
            String sentence = s.text();
            List<ChineseDates.Mention> mentions = s.mentions();
            while (next < pending.size()) {
                DateCandidates.Candidate c = pending.get(next++);
                ChineseDates.Mention m = c.first();
                ChineseDates.Mention rangeEnd = c.rangeEnd();
                String before = c.before();
                String after = c.after();
                String clause = lastClause(before);
                String afterClause = after.split("[，,]", 2)[0];
                if (insideTitleMarks(sentence, m.start()) || NOT_A_DEADLINE.matcher(englishSentence(clause)).find()
                        || NOT_A_DEADLINE.matcher(afterClause).find()
                        || FOREIGN_SIDE.matcher(clause).find() || FOREIGN_SIDE.matcher(lastClause(sentence.substring(0, m.start()))).find()) {
                    continue;
                }
                ChineseDates.Mention last = c.last();
                DateCandidates.YearAnchor anchorBefore = anchor;
                if (rangeEnd == null && !last.by() && !last.hasTime() && SIGNER_BEFORE.matcher(before).find()
                        && SIGNATURE_AFTER.matcher(sentence.substring(last.end())).lookingAt()) {
                    // …报送。某某科学技术厅2024年5月20日附件：…: a signature, never a deadline.
                    previousDeadline = false;
                    continue;
                }
                if (last.year() != null) {
                    anchor = new DateCandidates.YearAnchor(last.year(), last.month());
                } else if (m.year() != null) {
                    anchor = new DateCandidates.YearAnchor(m.year(), m.month());
                }
                if (AFTER_THE_DATE.matcher(after).lookingAt()) {
                    // 于2019年1月15日后登录系统: an opening (Openings reads it), never a cutoff; its year still counts.
                    previousDeadline = false;
                    continue;
                }
                if (rangeEnd == null && (SUPERSEDED_AFTER.matcher(after).lookingAt() || SUPERSEDED_BEFORE.matcher(before).find())) {
                    // 申报截止时间由4月10日延长至4月20日 / 原定4月10日截止，现延期至…: the old date is no deadline, never published.
                    previousDeadline = false;
                    continue;
                }
                // A row of a timetable of steps, or an item of a list of them: the date opens it, and the words after it
                // say who does what (1月15日以前 | 申请人…交到所属二级部门 |, (2)4月19日下午17点前:学院统一报送…至科技处).
                String action = ROW_START.matcher(before).find() || ROW_AFTER.matcher(after).lookingAt()
                        ? rowAction(after) : null;
                if (action == null && (rangeEnd != null || last.by()) && ROW_OPENS.matcher(before).find()
                        && COMMA_AFTER.matcher(after).lookingAt()) {
                    String commaRow = rowAction(after);
                    var rowActor = actor(commaRow);
                    if (rowActor != null && (rowActor.getKey() == Actor.APPLICANT || rowActor.getKey() == Actor.UNIT)
                            && SUBMITS.matcher(commaRow).find()) {
                        action = commaRow;
                    }
                }
                var actor = actor(action != null ? action : lastClause(before));
                if (action == null && actor != null && actor.getKey() == Actor.OFFICE) {
                    actor = null; // 科技处受理截止时间为X: the office names its own cutoff; the words say what it is
                }
                if (action != null && actor != null && actor.getKey() == Actor.OFFICE && !last.by()) {
                    // The office's own work in a timetable (3月9日-14日 | 科技处集中受理…, 邀请专家评阅…): no deadline.
                    previousDeadline = false;
                    continue;
                }
                // A row binds its actor when it hands something over, though no 前 says so (1月15日 | 各二级部门…交到科技处).
                boolean step = action != null && actor != null && (SUBMITS.matcher(action).find()
                        || actor.getKey() == Actor.RECOMMENDER && RECOMMENDS.matcher(action).find());
                boolean opening = rangeEnd == null && (OPENING_WORDS.matcher(clause).find() || after.startsWith("起")
                        || after.startsWith("开始")) && !FROM_NOW.matcher(clause).find();
                // A list of cutoffs in one sentence: 截止日期为:––与哈萨克斯坦合作项目:2013年4月10日––与俄罗斯合作项目:2013年6月25日
                boolean continues = previousDeadline && before.length() <= 24 && LIST_SEPARATOR.matcher(before).find()
                        && !DEADLINE_WORDS.matcher(before).find();
                boolean deadline = DEADLINE_WORDS.matcher(before).find() || last.by() || listed || continues || step
                        || LATE_REFUSED.matcher(after).find()
                        || (rangeEnd != null && (DEADLINE_WORDS.matcher(sentence.substring(0, m.start())).find()
                        || APPLYING.matcher(clause).find()));
                if (!deadline && !opening) {
                    previousDeadline = false;
                    continue;
                }
                // 起始时间为A，截止时间为B: an opening followed by its cutoff in the same sentence.
                if (opening && rangeEnd == null && c.index() + 1 < mentions.size()) {
                    ChineseDates.Mention closing = mentions.get(c.index() + 1);
                    String between = sentence.substring(m.end(), closing.start());
                    if (between.contains("截止") || between.contains("至") || between.contains("到")) {
                        rangeEnd = closing;
                        int following = c.index() + 2;
                        after = sentence.substring(closing.end(),
                                following < mentions.size() ? mentions.get(following).start() : sentence.length());
                        c = new DateCandidates.Candidate(m, closing, before, after, c.index());
                        // The dates after the cutoff are read afresh from it (it may have begun a range of its own).
                        pending = DateCandidates.candidates(sentence, mentions, following, closing.end());
                        next = 0;
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
                String context = action != null ? action
                        : explicit ? lastClause(before) + "|" + after.split("[，,]", 2)[0]
                        : kindBefore + "|" + actionAfter(after);
                Actor subject = actor == null ? null : actor.getKey();
                DeadlineKind kind = kind(context, inTrailer, subject);
                // A unit's own work (各学院完成修改论证) sends nothing to the office, whatever its subject.
                boolean toOffice = subject == Actor.UNIT ? kind == DeadlineKind.RELAY : RELAY_RECIPIENT.matcher(context).find();
                return new Role(c, kind, actor != null && action != null ? actor.getValue() : who(clause),
                        explicit || rangeEnd != null || listed || continues, toOffice,
                        REVIEW_INCLUDED.matcher(sentence).find(), anchorBefore, kind == null ? group(clause.substring(Math.max(clause.lastIndexOf('：'), clause.lastIndexOf(':')) + 1)) : null);
            }
            return null;
        }
    }

    /**
     * What a deadline is for, by who acts and the words of its clause and the action after it; {@code null}: the
     * applicants'. A unit of the relaying institution (各学院, 二级部门) that sends its materials to the office
     * (…报送科研处) keeps the office's own deadline, {@code RELAY}, paper or not; its other steps, and the office's
     * own, are {@code OTHER}. Materials handed to a unit (申请人…交到所属二级部门) are a step inside the institution,
     * {@code RELAY}. The applicants' step is no recommendation, whatever words name them (最终推荐申报项目负责人完成…).
     */
    private static DeadlineKind kind(String context, boolean inTrailer, Actor actor) {
        if (actor == Actor.UNIT) {
            return SUBMITS.matcher(context).find() || SENDS_TO_OFFICE.matcher(context).find()
                    ? DeadlineKind.RELAY : DeadlineKind.OTHER;
        }
        if (actor == Actor.OFFICE) {
            return DeadlineKind.OTHER;
        }
        if (actor == Actor.RECOMMENDER && RECOMMENDS.matcher(context).find()) {
            return DeadlineKind.RECOMMENDATION;
        }
        if (UNIT_RECIPIENT.matcher(context).find() && MATERIALS.matcher(context).find()) {
            return DeadlineKind.RELAY;
        }
        if (PAPER.matcher(context).find() && !PAPER_WITH_ELECTRONIC.matcher(context).find()) {
            return DeadlineKind.PAPER_COPY;
        }
        boolean recommends = actor != Actor.APPLICANT && (RECOMMEND.matcher(context).find()
                || (REVIEW.matcher(context).find() && REVIEWING_BODY.matcher(context).find()));
        if (recommends && !APPLICANT_TOO.matcher(context).find()) {
            return DeadlineKind.RECOMMENDATION;
        }
        if (PRE.matcher(context).find()) {
            return DeadlineKind.PRE_PROPOSAL;
        }
        if (FULL.matcher(context).find()) {
            return DeadlineKind.FULL_PROPOSAL;
        }
        if (inTrailer || RELAY_RECIPIENT.matcher(context).find()) {
            return DeadlineKind.RELAY;
        }
        return null;
    }

    /**
     * What a deadline counted from the cutoff is for ({@code 截止后3个工作日内，项目负责人须将…一式7份报送…}): as for a date, by
     * its clause's subject and the action around it; {@code OTHER} when that is the applicants' own.
     */
    static DeadlineKind kind(String sentence, DateCandidates.FromCutoff relative, boolean inTrailer) {
        DeadlineKind kind = kindAround(sentence, relative.start(), relative.end(), inTrailer);
        return kind == null ? DeadlineKind.OTHER : kind;
    }

    /**
     * What the words around a span of a sentence say a date there would be for, by the clause's subject and the action
     * around it; {@code null}: the applicants' own.
     */
    static DeadlineKind kindAround(String sentence, int start, int end, boolean inTrailer) {
        String before = lastClause(sentence.substring(0, start));
        // The time of day after an unreadable day (2023624日11:00之前) is not the action.
        String after = sentence.substring(end).replaceFirst("^\\s*(?:(?:上午|下午|中午)?\\d{1,2}(?:[:：]\\d{2}|[时点](?:\\d{1,2}分)?))?", "")
                .replaceFirst("^[\\s，,]+", "");
        var actor = actor(before);
        if (actor == null) {
            actor = actor(after);
        }
        Actor subject = actor == null || actor.getKey() == Actor.OFFICE ? null : actor.getKey();
        return kind(before + "|" + actionAfter(after), inTrailer, subject);
    }

    /** The group of applicants a clause names as its cutoff's subject ({@link #GROUP}), or {@code null}. */
    static String group(String clause) {
        Matcher m = GROUP.matcher(clause);
        // A group is named, not described by what is done (完成申报项目截止时间为…: the call's projects).
        return m.find() && !GROUP_VERBS.matcher(m.group(1)).find() ? m.group(1) : null;
    }

    private static final Pattern GROUP_VERBS = Pattern.compile("申报|申请|完成|提交|填报|组织|开展|推荐|立项|审核|通过|评审|获批|入选|的");

    /** The action of a step: its row's words after the date, up to the next cell. */
    private static String rowAction(String after) {
        String action = ROW_LEAD.matcher(after).replaceFirst("");
        int cell = action.indexOf('|');
        return cell < 0 ? action : action.substring(0, cell);
    }

    /**
     * What follows 请…于X前: up to the first comma after some words of action (前，Y将…寄送 runs on); a comma inside brackets
     * (…申报书（A4幅面，双面打印，一式7份）报送…) does not end it.
     */
    private static String actionAfter(String after) {
        String[] parts = after.split("[，,](?![^（(]*[)）])");
        String action = parts[0];
        if (parts.length > 1 && action.replaceAll("[\\s)）\"”(（]|之前|以前|前|以.{0,6}为准", "").length() < 3) {
            action = action + "，" + parts[1];
        }
        return action;
    }

    /** The words since the last English sentence end ({@code . } {@code ? } {@code ! }), or all of them. */
    static String englishSentence(String before) {
        String[] parts = before.split("(?<=[a-z0-9)][.!?])\\s+");
        return parts[parts.length - 1];
    }

    /** The words since the last comma or colon: the clause a date belongs to. */
    static String lastClause(String before) {
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

    /** Who acts by the date, as the clause names them ({@code 各级科技主管部门}), or {@code null}. */
    private static String who(String clause) {
        Matcher m = WHO.matcher(clause);
        return m.find() ? m.group(1).replaceFirst("^(?:请|由|要求)", "") : null;
    }
}
