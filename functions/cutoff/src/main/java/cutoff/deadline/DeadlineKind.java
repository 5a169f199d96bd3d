package cutoff.deadline;

/** What a deadline marks. */
public enum DeadlineKind {
    /** The application window opens (usually 09:00 Beijing time). */
    OPENS,
    /** Our cutoff (usually 16:30 Beijing time), including the applicant institution's review. */
    CLOSES,
    /** A foreign partner agency's deadline (外方截止时间), in the agency's zone. */
    FOREIGN
}
