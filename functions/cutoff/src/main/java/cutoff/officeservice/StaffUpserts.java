package cutoff.officeservice;

import cutoff.office.Office;
import cutoff.office.StaffMember;
import cutoff.officeservice.StaffRowCheck.Checked;
import cutoff.store.StaffRows;
import cutoff.store.StaffStore;
import cutoff.store.StaffStore.StaffRow;
import cutoff.subscriber.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The staff upload's writes ({@link Offices#upload}): each row taken is decided against the stored one (new, added back
 * after a removal, changed, or unchanged) and written on the condition that the stored row is still the one read, so
 * that an upload's counts say what it changed whatever other uploads, removals and welcomes do at the same time.
 */
final class StaffUpserts {
    /** Rows an upload writes at once. */
    private static final int WRITERS = 8;

    private final StaffRows staffStore;

    StaffUpserts(StaffRows staffStore) {
        this.staffStore = staffStore;
    }

    /** What an upload did to one good row, as its conditional write came out. */
    enum Upserted { ADDED, UPDATED, UNCHANGED }

    /** How many times a row is read again when concurrent writers keep changing it, before the upload gives up. */
    private static final int ATTEMPTS = 8;

    /** A row to write as decided against the stored one ({@code old}, {@code null} when absent), and what writing it does. */
    private record Decided(StaffMember member, StaffRow row, StaffRow old, Upserted outcome) {
    }

    /**
     * Writes the good rows with conditional writes ({@link StaffStore#putStaffAll}, {@link StaffStore#putStaff}), so that
     * the counts say what this upload changed whatever other uploads do at the same time: the rows to write go
     * {@value StaffStore#MOST_AT_ONCE} to a transaction, {@value #WRITERS} transactions at a time; a transaction that
     * finds any of its rows changed since they were read writes nothing, and its rows are then written one by one,
     * each read again and decided again when it changed (added by another upload meanwhile: this one finds it
     * unchanged, or updates it).
     */
    List<Upserted> upsertAll(Office office, List<Checked> good, Map<String, StaffRow> stored, Instant now) {
        List<Upserted> result = new ArrayList<>();
        List<Decided> toWrite = new ArrayList<>();
        for (Checked c : good) {
            StaffRow old = stored.get(StaffStore.emailHash(c.member().email()));
            Decided d = decide(office, c.member(), old, now);
            if (d == null) {
                result.add(Upserted.UNCHANGED);
            } else {
                toWrite.add(d);
            }
        }
        if (toWrite.isEmpty()) {
            return result;
        }
        List<List<Decided>> chunks = new ArrayList<>();
        for (int from = 0; from < toWrite.size(); from += StaffStore.MOST_AT_ONCE) {
            chunks.add(toWrite.subList(from, Math.min(toWrite.size(), from + StaffStore.MOST_AT_ONCE)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(WRITERS, chunks.size()));
        try {
            List<java.util.concurrent.Future<List<Upserted>>> done = new ArrayList<>();
            for (List<Decided> chunk : chunks) {
                done.add(pool.submit(() -> {
                    if (staffStore.putStaffAll(chunk.stream().map(Decided::row).toList(), chunk.stream().map(Decided::old).toList())) {
                        return chunk.stream().map(Decided::outcome).toList();
                    }
                    return chunk.stream().map(d -> upsert(office, d.member(), d.old(), now)).toList();
                }));
            }
            for (java.util.concurrent.Future<List<Upserted>> f : done) {
                result.addAll(f.get());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** One row on its own: decided against {@code old} (as read), written on the condition that it still is; else read again. */
    private Upserted upsert(Office office, StaffMember member, StaffRow old, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Decided d = decide(office, member, old, now);
            if (d == null) {
                return Upserted.UNCHANGED;
            }
            if (staffStore.putStaff(d.row(), old)) {
                return d.outcome();
            }
            old = staffStore.staffRow(office.id(), member.email()).orElse(null);
        }
        throw new IllegalStateException("a staff row kept changing under concurrent uploads; upload again");
    }

    /** What the row becomes given the stored one ({@code old}, {@code null} when absent); {@code null} when it is unchanged. */
    private static Decided decide(Office office, StaffMember member, StaffRow old, Instant now) {
        String hash = StaffStore.emailHash(member.email());
        if (old == null) {
            // One item a person: the staff queue makes the subscriber, its memberships and reminders, and the welcome.
            return new Decided(member, new StaffRow(office.id(), hash, member, Tokens.newToken().substring(0, 22), now, null, false, now,
                    List.of(), 0), null, Upserted.ADDED);
        }
        if (old.removed()) {
            // Removed, now added again: an opted-out person stays opted out (the queue sees that); one welcomed within
            // WELCOME_PERIOD is not welcomed again (the hidden row kept the welcome).
            Instant welcomed = old.welcomedAt() != null && old.welcomedAt().plus(Offices.WELCOME_PERIOD).isAfter(now) ? old.welcomedAt() : null;
            return new Decided(member, new StaffRow(office.id(), hash, member, old.subscriberId(), now, welcomed, false, now,
                    old.appliedRules(), old.version()), old, Upserted.ADDED);
        }
        if (old.member().equals(member)) {
            return null;
        }
        return new Decided(member, new StaffRow(office.id(), hash, member, old.subscriberId(), old.addedAt(), old.welcomedAt(), false, now,
                old.appliedRules(), old.version()), old, Upserted.UPDATED);
    }
}
