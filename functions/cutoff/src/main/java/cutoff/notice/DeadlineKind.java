package cutoff.notice;

/**
 * What a deadline marks: the one deadline-kind list, read by the notice reader (a call's further deadlines,
 * {@link CallDeadline#kind()}) and used by the deadlines, feeds and reminders above it. The names are stored (the
 * notice JSON, DynamoDB items of deadlines and reminders), so a constant is never renamed.
 */
public enum DeadlineKind {
    /** The application window opens (usually 09:00 Beijing time). */
    OPENS("申报开始", "Applications open"),
    /** Our cutoff (usually 16:30 Beijing time), including the applicant institution's review. */
    CLOSES("申报截止", "Cutoff"),
    /** A foreign partner agency's deadline (外方截止时间), in the agency's zone. */
    FOREIGN("外方截止", "Foreign-side deadline"),
    /** The recommending or supervising body's review (推荐单位 / 主管部门 审核推荐). */
    RECOMMENDATION("推荐审核截止", "Recommendation deadline"),
    /** Paper materials (书面 / 纸质材料) due. */
    PAPER_COPY("纸质材料截止", "Paper copies due"),
    /** The pre-proposal stage of a staged call (预申请). */
    PRE_PROPOSAL("预申请截止", "Pre-proposal deadline"),
    /** The full-proposal stage of a staged call (正式申请 / 全文申请). */
    FULL_PROPOSAL("正式申请截止", "Full-proposal deadline"),
    /** The relaying body's own deadline, earlier than the issuer's (请于…之前报送科研处 / 市科技局). */
    RELAY("转发单位截止", "Relaying office's deadline"),
    /** Any other dated step of the call. */
    OTHER("其他截止", "Other deadline"),
    /**
     * A research office's internal deadline (内部截止时间) for its staff, earlier than the cutoff: set by the
     * office (a rule or a per-topic instant), never read from a notice. Beijing time.
     */
    INTERNAL("科研处内部截止", "Internal deadline");

    private final String chinese;
    private final String english;

    DeadlineKind(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** The kind's name in Chinese, as an event SUMMARY and emails show it ({@code 推荐审核截止}). */
    public String chinese() {
        return chinese;
    }

    /** The kind's name in English ({@code Recommendation deadline}). */
    public String english() {
        return english;
    }

    /**
     * True for the kinds of a call's further deadlines ({@link CallDeadline}): recommendation, paper copies, pre-
     * and full proposal, relay, other. False for the opening, our cutoff, a foreign side's and an office's internal
     * deadline, which have their own places in a notice ({@link Window}, {@link ForeignDeadline}) or none.
     */
    public boolean further() {
        return this != OPENS && this != CLOSES && this != FOREIGN && this != INTERNAL;
    }

    /**
     * True for a date someone in the chain must meet in Beijing time: our cutoff and every further
     * deadline of the call (issue 8: "each is reminded like a cutoff"), including the day-of morning
     * reminder. False for the opening and for foreign-side deadlines (the partner's, in its own zone).
     */
    public boolean remindedLikeCutoff() {
        return this != OPENS && this != FOREIGN;
    }
}
