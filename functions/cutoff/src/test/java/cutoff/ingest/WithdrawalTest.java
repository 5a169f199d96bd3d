package cutoff.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The withdrawal reason's rule ({@link Withdrawal#reason}), over generated characters and lengths. */
class WithdrawalTest {
    @Test
    void everyControlCharacterAndLineSeparator_isRefused_namingIt_whereverItIs() throws Exception {
        int refusedCount = 0;
        for (int c = 0; c <= 0x3000; c++) {
            int type = Character.getType(c);
            if (type != Character.CONTROL && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR) {
                continue;
            }
            refusedCount++;
            String middle = "撤回" + Character.toString(c) + "原因";
            int at = c;
            Withdrawal.BadReason bad = assertThrows(Withdrawal.BadReason.class, () -> Withdrawal.reason(middle), "U+" + Integer.toHexString(at));
            assertTrue(bad.getMessage().contains(String.format("U+%04X at character 3", c)), bad.getMessage());
        }
        assertEquals(65 + 2, refusedCount, "C0, DEL, C1, U+2028, U+2029");
    }

    @Test
    void aReasonUpToTheLimit_isKept_strippedOfSpaceAndInvisibles_andOneOverIsRefused() throws Exception {
        for (String unit : new String[] {"a", "理", "😀"}) {
            String most = unit.repeat(Withdrawal.MAX_REASON);
            assertEquals(most, Withdrawal.reason("  " + most + "\u200b "));
            assertThrows(Withdrawal.BadReason.class, () -> Withdrawal.reason(most + unit), unit);
        }
        assertEquals("主办方撤回 withdrawn by the issuer", Withdrawal.reason("主办方\u202e撤回 withdrawn by the issuer"));
    }

    @Test
    void noReason_blankOrInvisible_isNone() throws Exception {
        assertNull(Withdrawal.reason(null));
        assertNull(Withdrawal.reason(""));
        assertNull(Withdrawal.reason(" \t\n "));
        assertNull(Withdrawal.reason("\u200b\ufeff"));
    }
}
