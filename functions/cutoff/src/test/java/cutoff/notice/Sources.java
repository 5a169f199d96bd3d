package cutoff.notice;

import java.util.List;

/** For tests that compare deadlines with ones written by hand: the same deadlines without where they were read. */
final class Sources {
    private Sources() {
    }

    static List<CallDeadline> dropped(List<CallDeadline> deadlines) {
        return deadlines.stream().map(d -> new CallDeadline(d.kind(), d.closes(), d.asWritten(), d.who(), d.confidence(),
                d.reasons(), null)).toList();
    }
}
