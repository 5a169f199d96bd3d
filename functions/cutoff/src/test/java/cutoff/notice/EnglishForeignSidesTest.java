package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The other side's deadlines in an English call ({@code the deadlines set by X authorities … fall on DATE}), generated
 * from who sets them × how the date is joined × how it is written: one entry per body, in the zone written or its
 * place's.
 */
class EnglishForeignSidesTest {
    private static Notice parse(String body) throws Exception {
        return new NoticeParser().parse(("Joint Funding Scheme: Guide for Applicants\n\nThe application period will be from "
                + "1 March 2031 to 30 April 2031. " + body + "\n").getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void deadlinesSetByTheOtherSidesBodies_areOneEntryEach_inTheirZone() throws Exception {
        List<List<String>> bodies = List.of(List.of("Guangdong"), List.of("Guangdong", "Shenzhen"), List.of("Mainland"));
        for (List<String> names : bodies) {
            for (String joined : List.of("both fall on", "fall on", "is", "are", "will be")) {
                for (String date : List.of("13 May 2031", "May 13, 2031")) {
                    StringBuilder set = new StringBuilder("Please note that the application deadlines set by ");
                    for (int i = 0; i < names.size(); i++) {
                        set.append(i == 0 ? "" : " and ").append(names.get(i)).append(" authorities on Category C(").append(i + 1).append(")");
                    }
                    String text = set + " " + joined + " " + date + ".";
                    List<ForeignDeadline> sides = parse(text).topics().get(0).foreignDeadlines();
                    assertEquals(names, sides.stream().map(ForeignDeadline::partner).toList(), text);
                    for (ForeignDeadline f : sides) {
                        assertEquals(LocalDate.of(2031, 5, 13), f.date(), text);
                        assertEquals(ZoneId.of("Asia/Shanghai"), f.zone(), text);
                        assertTrue(f.sure(), text);
                    }
                }
            }
        }
        ForeignDeadline timed = parse("The deadline set by the Israel Innovation Authority is 13 May 2031, 17:00 Israel time.")
                .topics().get(0).foreignDeadlines().get(0);
        assertEquals("Israel Innovation Authority", timed.partner());
        assertEquals(ZoneId.of("Asia/Jerusalem"), timed.zone());
        assertEquals("17:00", timed.time().toString());
        assertTrue(parse("Applicants should note the deadline of 13 May 2031.").topics().get(0).foreignDeadlines().isEmpty());
    }
}
