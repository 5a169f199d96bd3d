package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which agencies and partner countries a text names, in order of first mention: {@link ForeignAgencies} finds them
 * in one pass over the text; here every answer is held to the rule stated plainly (each name's first
 * {@code indexOf}, a country not counted inside 内蒙古, ties going to the name listed first) over generated texts
 * made of every known name, pieces of names, the 内 before 蒙古, Latin letters and filler.
 */
class ForeignAgenciesTest {
    private static final Map<String, ForeignAgencies.Agency> AGENCIES = ForeignAgencies.agenciesByName();
    private static final List<String> PARTNERS = List.copyOf(ForeignAgencies.partnerNames());

    /**
     * The tables keep zone ids, resolved only where a notice names one (java.time reads a zone's rules at its first
     * {@code ZoneId.of}): a misspelt id would fail there, in a reader, so every id of every table is resolved here.
     */
    @Test
    void everyZoneIdOfTheTables_isOneJavaTimeKnows() {
        List<String> failed = new ArrayList<>();
        java.util.function.BiConsumer<String, String> check = (what, id) -> {
            try {
                java.time.ZoneId.of(id).getRules();
            } catch (java.time.DateTimeException e) {
                failed.add(what + ": " + id);
            }
        };
        AGENCIES.forEach((name, agency) -> check.accept(name, agency.zoneId()));
        for (String partner : PARTNERS) {
            assertTrue(ForeignAgencies.countryZone(partner).isPresent(), partner);
            assertDoesNotThrow(() -> ForeignAgencies.partner(partner).orElseThrow().zone(), partner);
        }
        ChineseDates.EN_ZONES.forEach(check);
        ForeignSide.EN_PLACES.forEach(check);
        assertEquals(List.of(), failed);
        assertTrue(AGENCIES.size() > 20 && PARTNERS.size() > 20 && ChineseDates.EN_ZONES.size() >= 10 && ForeignSide.EN_PLACES.size() >= 7,
                "the tables were read: " + AGENCIES.size() + " agencies, " + PARTNERS.size() + " partners");
    }

    @Test
    void firstMentions_asEachNamesFirstIndexOf_overGeneratedTexts() {
        Random random = new Random(20261207);
        List<String> pieces = new ArrayList<>();
        pieces.addAll(AGENCIES.keySet());
        pieces.addAll(PARTNERS);
        for (String name : List.copyOf(pieces)) {
            pieces.add(name.substring(0, 1)); // a name begun and not finished
            pieces.add(name.substring(0, name.length() - 1));
        }
        pieces.addAll(List.of("内", "内蒙古", "中", "方", "，", "。", "外方截止时间", "2026年9月30日", " ", "DF", "CNR", "x"));
        int withAgency = 0;
        int withPartner = 0;
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            String t = text.toString();
            Map<String, ForeignAgencies.Agency> mentioned = ForeignAgencies.mentionedIn(t);
            assertEquals(mentionedAsStated(t), List.copyOf(mentioned.keySet()), t);
            List<String> partners = ForeignAgencies.partnersIn(t).stream().map(ForeignAgencies.Agency::partner).toList();
            assertEquals(partnersAsStated(t), partners, t);
            withAgency += mentioned.isEmpty() ? 0 : 1;
            withPartner += partners.isEmpty() ? 0 : 1;
        }
        assertTrue(withAgency > 1_000 && withPartner > 1_000, withAgency + " texts named an agency, " + withPartner + " a partner");
    }

    @Test
    void aCountryInsideAChinesePlaceName_isNotAPartner() {
        assertEquals(List.of(), ForeignAgencies.partnersIn("内蒙古自治区科技厅"));
        assertEquals(List.of("Mongolia"), ForeignAgencies.partnersIn("内蒙古与蒙古国").stream().map(ForeignAgencies.Agency::partner).toList());
    }

    /** The agencies' names, by the rule: each name's first index, ties to the name listed first, one per agency. */
    private static List<String> mentionedAsStated(String text) {
        Map<Integer, String> byPosition = new TreeMap<>();
        for (String name : AGENCIES.keySet()) {
            int at = text.indexOf(name);
            if (at >= 0) {
                byPosition.putIfAbsent(at, name);
            }
        }
        Map<String, String> byAgency = new LinkedHashMap<>();
        for (String name : byPosition.values()) {
            byAgency.putIfAbsent(AGENCIES.get(name).name(), name);
        }
        return List.copyOf(byAgency.values());
    }

    /** The partners, by the rule: each country's first index not right after 内 (for 蒙古), one per partner. */
    private static List<String> partnersAsStated(String text) {
        Map<Integer, String> byPosition = new TreeMap<>();
        for (String name : PARTNERS) {
            for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
                if (!(name.equals("蒙古") && at > 0 && text.charAt(at - 1) == '内')) {
                    byPosition.putIfAbsent(at, name);
                    break;
                }
            }
        }
        List<String> partners = new ArrayList<>();
        for (String name : byPosition.values()) {
            String partner = ForeignAgencies.partner(name).orElseThrow().partner();
            if (!partners.contains(partner)) {
                partners.add(partner);
            }
        }
        return partners;
    }
}
