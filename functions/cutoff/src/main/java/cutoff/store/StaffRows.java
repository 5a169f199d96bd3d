package cutoff.store;

import cutoff.store.OfficeStore.StaffStatus;
import cutoff.store.StaffStore.Page;
import cutoff.store.StaffStore.StaffRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Research offices' staff rows, as the office services read and write them: {@link StaffStore} in DynamoDB (the
 * conditions and costs are said there); an in-memory one in the services' fast tests.
 */
public interface StaffRows {
    /** Every staff row of an office, removed ones included. */
    List<StaffRow> staff(String officeId);

    /** One staff row by address (stored form). */
    Optional<StaffRow> staffRow(String officeId, String email);

    /**
     * Writes a row if the stored one is still {@code expected} ({@code null}: absent), with the next version.
     *
     * @return false when the stored row changed meanwhile
     */
    boolean putStaff(StaffRow row, StaffRow expected);

    /** As {@link #putStaff(StaffRow, StaffRow)}, the row deleted after {@code expiresAt} ({@code null}: kept). */
    boolean putStaff(StaffRow row, StaffRow expected, Instant expiresAt);

    /**
     * As {@link #putStaff(StaffRow, StaffRow)} for at most {@link StaffStore#MOST_AT_ONCE} rows: all or none.
     *
     * @return false when nothing was written
     */
    boolean putStaffAll(List<StaffRow> rows, List<StaffRow> expected);

    /**
     * A page of an office's listed staff after {@code cursor} ({@code null}: the first).
     *
     * @throws IllegalArgumentException for a cursor this store did not give
     */
    Page page(String officeId, String cursor, int limit);

    /** Each row's status, by {@link StaffRow#emailHash()}. */
    Map<String, StaffStatus> statuses(List<StaffRow> rows);
}
