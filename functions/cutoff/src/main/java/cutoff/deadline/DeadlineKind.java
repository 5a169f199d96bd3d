package cutoff.deadline;

import cutoff.notice.CallDeadline;

/**
 * What a deadline marks. The names are stored (DynamoDB items of deadlines and reminders), so a
 * constant is never renamed.
 */
public enum DeadlineKind {
    /** The application window opens (usually 09:00 Beijing time). */
    OPENS("申报开始", "Applications open"),
    /** Our cutoff (usually 16:30 Beijing time), including the applicant institution's review. */
    CLOSES("申报截止", "Cutoff"),
    /** A foreign partner agency's deadline (外方截止时间), in the agency's zone. */
    FOREIGN("外方截止", "Foreign-side deadline"),
    /** The recommending or supervising body's review (推荐单位 / 主管部门 审核推荐). */
    RECOMMENDATION(CallDeadline.Kind.RECOMMENDATION),
    /** Paper materials (书面 / 纸质材料) due. */
    PAPER_COPY(CallDeadline.Kind.PAPER_COPY),
    /** The pre-proposal stage of a staged call (预申请). */
    PRE_PROPOSAL(CallDeadline.Kind.PRE_PROPOSAL),
    /** The full-proposal stage of a staged call (正式申请). */
    FULL_PROPOSAL(CallDeadline.Kind.FULL_PROPOSAL),
    /** The relaying body's own deadline, earlier than the issuer's (请于…之前报送科研处). */
    RELAY(CallDeadline.Kind.RELAY),
    /** Any other dated step of the call. */
    OTHER(CallDeadline.Kind.OTHER),
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

    DeadlineKind(CallDeadline.Kind kind) {
        this(kind.chinese(), kind.english());
    }

    /** The kind's name in Chinese, as SUMMARY and emails show it ({@code 推荐审核截止}). */
    public String chinese() {
        return chinese;
    }

    /** The kind's name in English ({@code Recommendation deadline}). */
    public String english() {
        return english;
    }

    /** The deadline kind of one of a call's further deadlines (same name). */
    public static DeadlineKind of(CallDeadline.Kind kind) {
        return valueOf(kind.name());
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
