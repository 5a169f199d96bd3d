package cutoff.handler;

import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised function ({@code SnapStart: ApplyOn:
 * PublishedVersions} in template.yaml), run the code paths a first request takes, so that classes are
 * loaded and initialised in the snapshot rather than on the first request after a restore. Outside
 * SnapStart (locally, in tests) nothing here runs.
 */
final class Priming implements Resource {
    /** Strong references: CRaC holds resources weakly. */
    private static final List<Priming> REGISTERED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Runnable prime;

    private Priming(Runnable prime) {
        this.prime = prime;
    }

    /** Registers a priming action with the CRaC runtime (a no-op where there is no checkpoint). */
    static void register(Runnable prime) {
        Priming p = new Priming(prime);
        REGISTERED.add(p);
        Core.getGlobalContext().register(p);
    }

    /** Renders a one-event feed: loads ical4j, the zone rules and the folding. Returns the feed. */
    static String renderFeed() {
        Instant at = Instant.parse("2026-01-01T08:30:00Z");
        return new FeedWriter().write("priming", List.of(new Deadline("priming@cutoff", "n", "n-t1", DeadlineKind.CLOSES, at,
                LocalDate.ofInstant(at, Window.BEIJING), Window.BEIJING, "priming", "priming", null, 0, at, false)));
    }

    /** Runs an action, ignoring any failure: priming must never stop a function from starting. */
    static void quietly(Runnable action, Consumer<RuntimeException> onFailure) {
        try {
            action.run();
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        quietly(prime, e -> java.util.logging.Logger.getLogger(Priming.class.getName())
                .warning("priming skipped: " + e.getClass().getName()));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Clients re-resolve credentials and connections by themselves after a restore.
    }
}
