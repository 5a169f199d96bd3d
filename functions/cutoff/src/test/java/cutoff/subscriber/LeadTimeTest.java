package cutoff.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LeadTimeTest {
    private static Deadline timed(DeadlineKind kind, String offsetDateTime, String zone) {
        OffsetDateTime at = OffsetDateTime.parse(offsetDateTime);
        return new Deadline("t1-x@cutoff", "n1", "t1", kind, at.toInstant(), at.toLocalDate(), ZoneId.of(zone),
                "summary", "description", null, 0, Instant.EPOCH, false);
    }

    private static Deadline dateOnly(String date, String zone) {
        return new Deadline("t1-foreign@cutoff", "n1", "t1", DeadlineKind.FOREIGN, null, LocalDate.parse(date),
                ZoneId.of(zone), "summary", "description", null, 0, Instant.EPOCH, false);
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    // --- parse ---

    @ParameterizedTest
    @CsvSource({"P7D,P7D", "p7d,P7D", " P3D ,P3D", "PT12H,PT12H", "pt2h,PT2H", "MORNING,MORNING", "morning,MORNING",
            "P60D,P60D", "PT1440H,PT1440H", "PT30M,PT30M"})
    void parsesTheWrittenForms(String typed, String code) {
        assertEquals(new LeadTime(code), LeadTime.parse(typed));
    }

    @ParameterizedTest
    @CsvSource({"P1M,not months or years", "P1Y,not months or years", "P0D,more than zero", "PT0H,more than zero",
            "-P7D,more than zero", "P-1D,more than zero", "P61D,at most 60 days", "PT1441H,at most 60 days",
            "7,not an ISO 8601 duration", "7 days,not an ISO 8601 duration", "P7,not an ISO 8601 duration",
            "EVENING,not an ISO 8601 duration", "PT30S,whole minutes", "PT90.5M,not an ISO 8601 duration",
            "PT10M30S,whole minutes", "P99999999999D,not an ISO 8601 duration"})
    void refusesWithAReason(String typed, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LeadTime.parse(typed));
        assertTrue(e.getMessage().contains(reason), () -> typed + ": " + e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusesNothing(String typed) {
        assertThrows(IllegalArgumentException.class, () -> LeadTime.parse(typed));
    }

    // --- dueFor: days are local calendar days across daylight-saving changes ---

    static Stream<Arguments> sevenDaysAcrossDst() {
        return Stream.of(
                // Helsinki: EET -> EEST on 29 March 2026 (03:00 -> 04:00): the week before is 167 hours.
                Arguments.of("Europe/Helsinki", "2026-04-02T17:00+03:00", "2026-03-26T17:00+02:00", 167),
                // Helsinki: EEST -> EET on 25 October 2026 (04:00 -> 03:00): 169 hours.
                Arguments.of("Europe/Helsinki", "2026-10-28T12:00+02:00", "2026-10-21T12:00+03:00", 169),
                // Jerusalem: IST -> IDT on Friday 27 March 2026 (02:00 -> 03:00).
                Arguments.of("Asia/Jerusalem", "2026-03-30T16:00+03:00", "2026-03-23T16:00+02:00", 167),
                // Santiago: -03 -> -04 on 5 April 2026 (00:00 -> 23:00 the day before).
                Arguments.of("America/Santiago", "2026-04-08T17:00-04:00", "2026-04-01T17:00-03:00", 169),
                // Santiago: -04 -> -03 on 6 September 2026 (00:00 -> 01:00).
                Arguments.of("America/Santiago", "2026-09-10T12:00-03:00", "2026-09-03T12:00-04:00", 167),
                // Sydney: AEDT -> AEST on 5 April 2026 (03:00 -> 02:00).
                Arguments.of("Australia/Sydney", "2026-04-08T17:00+10:00", "2026-04-01T17:00+11:00", 169),
                // Sydney: AEST -> AEDT on 4 October 2026 (02:00 -> 03:00).
                Arguments.of("Australia/Sydney", "2026-10-06T09:00+11:00", "2026-09-29T09:00+10:00", 167));
    }

    @ParameterizedTest
    @MethodSource("sevenDaysAcrossDst")
    void sevenDaysBeforeIsSevenLocalDaysAtTheSameWallTime(String zone, String deadline, String expected, long hours) {
        Deadline d = timed(DeadlineKind.FOREIGN, deadline, zone);
        Instant due = LeadTime.parse("P7D").dueFor(d).orElseThrow();
        assertEquals(at(expected), due);
        assertEquals(hours, Duration.between(due, d.earliest()).toHours());
    }

    @ParameterizedTest
    @MethodSource("sevenDaysAcrossDst")
    void hoursAreExactHoursAcrossDst(String zone, String deadline) {
        Deadline d = timed(DeadlineKind.FOREIGN, deadline, zone);
        assertEquals(d.earliest().minus(Duration.ofHours(2)), LeadTime.parse("PT2H").dueFor(d).orElseThrow());
        assertEquals(d.earliest().minus(Duration.ofHours(168)), LeadTime.parse("PT168H").dueFor(d).orElseThrow());
    }

    @Test
    void ourCutoffOneDayBefore() {
        Deadline d = timed(DeadlineKind.CLOSES, "2026-04-10T16:30+08:00", "Asia/Shanghai");
        assertEquals(at("2026-04-09T16:30+08:00"), LeadTime.parse("P1D").dueFor(d).orElseThrow());
        assertEquals(at("2026-04-10T14:30+08:00"), LeadTime.parse("PT2H").dueFor(d).orElseThrow());
    }

    @Test
    void morningIsNineBeijingOnTheDayOfOurCutoff() {
        Deadline d = timed(DeadlineKind.CLOSES, "2026-04-10T16:30+08:00", "Asia/Shanghai");
        assertEquals(Optional.of(at("2026-04-10T09:00+08:00")), LeadTime.parse("MORNING").dueFor(d));
    }

    @Test
    void morningIsNotForOpeningsNorForeignDeadlines() {
        assertEquals(Optional.empty(),
                LeadTime.parse("MORNING").dueFor(timed(DeadlineKind.OPENS, "2026-03-10T09:00+08:00", "Asia/Shanghai")));
        assertEquals(Optional.empty(),
                LeadTime.parse("MORNING").dueFor(timed(DeadlineKind.FOREIGN, "2026-04-10T16:30+08:00", "Asia/Shanghai")));
        assertEquals(Optional.empty(), LeadTime.parse("MORNING").dueFor(dateOnly("2026-04-10", "Europe/Helsinki")));
    }

    @ParameterizedTest
    @EnumSource(value = DeadlineKind.class, names = {"RECOMMENDATION", "PAPER_COPY", "PRE_PROPOSAL", "FULL_PROPOSAL", "RELAY", "OTHER"})
    void theCallsFurtherDeadlines_areRemindedLikeACutoff_morningIncluded(DeadlineKind kind) {
        // 广东 2013: the recommending authorities by 2013年6月3日下午5:00.
        Deadline d = timed(kind, "2013-06-03T17:00+08:00", "Asia/Shanghai");
        assertEquals(Optional.of(at("2013-06-03T09:00+08:00")), LeadTime.parse("MORNING").dueFor(d));
        assertEquals(at("2013-05-27T17:00+08:00"), LeadTime.parse("P7D").dueFor(d).orElseThrow());
        assertEquals(at("2013-06-03T15:00+08:00"), LeadTime.parse("PT2H").dueFor(d).orElseThrow());
    }

    @Test
    void aDateOnlyCutoff_isRemindedFromTheStartOfItsDayInBeijing_withNoMorningReminder() {
        // 科技部国际合作司 2013: 截止时间为4月30日, no time of day.
        Deadline d = new Deadline("t1-closes@cutoff", "n1", "t1", DeadlineKind.CLOSES, null, LocalDate.parse("2013-04-30"),
                ZoneId.of("Asia/Shanghai"), "summary", "description", null, 0, Instant.EPOCH, false);
        assertEquals(at("2013-04-23T00:00+08:00"), LeadTime.parse("P7D").dueFor(d).orElseThrow());
        assertEquals(at("2013-04-29T00:00+08:00"), LeadTime.parse("P1D").dueFor(d).orElseThrow());
        assertEquals(Optional.empty(), LeadTime.parse("MORNING").dueFor(d), "09:00 on the day is after the day's start");
    }

    @Test
    void morningIsEmptyForACutoffAtOrBeforeNine() {
        Deadline d = timed(DeadlineKind.CLOSES, "2026-04-10T08:00+08:00", "Asia/Shanghai");
        assertEquals(Optional.empty(), LeadTime.parse("MORNING").dueFor(d));
    }

    @Test
    void aDateOnlyDeadlineIsRemindedAgainstTheStartOfItsDay() {
        // 8 April 2026 in Sydney starts at 00:00 AEST (+10); a week earlier Sydney was on AEDT (+11).
        Deadline d = dateOnly("2026-04-08", "Australia/Sydney");
        assertEquals(at("2026-04-01T00:00+11:00"), LeadTime.parse("P7D").dueFor(d).orElseThrow());
        assertEquals(at("2026-04-07T00:00+10:00"), LeadTime.parse("P1D").dueFor(d).orElseThrow());
        assertEquals(at("2026-04-07T22:00+10:00"), LeadTime.parse("PT2H").dueFor(d).orElseThrow());
    }

    // --- describe ---

    @ParameterizedTest
    @CsvSource({"P7D,7 days before,提前7天", "P1D,1 day before,提前1天", "PT12H,12 hours before,提前12小时",
            "MORNING,'on the day, 09:00 Beijing time',当天上午9:00（北京时间）",
            "PT1H,1 hour before,提前1小时", "PT30M,30 minutes before,提前30分钟", "PT1M,1 minute before,提前1分钟", "PT1H30M,90 minutes before,提前90分钟"})
    void describesInTheEmailsLanguage(String code, String en, String zh) {
        LeadTime lead = LeadTime.parse(code);
        assertEquals(en, lead.describe("en"));
        assertEquals(zh, lead.describe("zh"));
    }

    @Test
    void theDefaultsAreAWeekThreeDaysADayAndTheMorning() {
        assertEquals(Stream.of("P7D", "P3D", "P1D", "MORNING").map(LeadTime::new).toList(), LeadTime.DEFAULTS);
    }
}
