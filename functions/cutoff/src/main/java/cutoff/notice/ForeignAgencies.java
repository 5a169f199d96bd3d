package cutoff.notice;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Foreign partner agencies (外方主管部门) and partner countries as Chinese notices name them, with
 * the English names and the time zones their deadlines are in.
 *
 * <p>Sources: the agencies named in the notices in {@code shared/guidelines} (e.g. 浙江 004:
 * 芬兰国家商务促进局, 以色列创新署, 捷克共和国技术局, 挪威创新署, 比利时西弗兰德省政府, 新加坡企业发展局;
 * STCSM 沪科指南〔2023〕4号: 芬兰创新资金署, the predecessor name of Business Finland). A zone is the
 * one the agency's own deadlines are stated in: its seat.
 */
final class ForeignAgencies {

    /** A known agency: who it is and where its clock is. */
    record Agency(String partner, String name, ZoneId zone) {
    }

    private static final Map<String, Agency> AGENCIES = new LinkedHashMap<>();
    private static final Map<String, String[]> PARTNERS = new LinkedHashMap<>();

    static {
        agency("Finland", "Business Finland", "Europe/Helsinki", "芬兰国家商务促进局", "芬兰创新资金署", "芬兰国家技术创新局");
        agency("Israel", "Israel Innovation Authority", "Asia/Jerusalem", "以色列创新署", "以色列创新局");
        agency("Czech Republic", "Technology Agency of the Czech Republic (TA ČR)", "Europe/Prague",
                "捷克共和国技术局", "捷克技术局");
        agency("Norway", "Innovation Norway", "Europe/Oslo", "挪威创新署");
        agency("Belgium (West Flanders)", "Province of West Flanders", "Europe/Brussels", "比利时西弗兰德省政府", "西弗兰德省政府");
        agency("Singapore", "Enterprise Singapore", "Asia/Singapore", "新加坡企业发展局");
        agency("Austria", "Austrian Research Promotion Agency (FFG)", "Europe/Vienna", "奥地利国家科研促进署", "奥地利研究促进署");

        partner("芬兰", "Finland", "Europe/Helsinki");
        partner("以色列", "Israel", "Asia/Jerusalem");
        partner("捷克", "Czech Republic", "Europe/Prague");
        partner("挪威", "Norway", "Europe/Oslo");
        partner("比利时", "Belgium", "Europe/Brussels");
        partner("新加坡", "Singapore", "Asia/Singapore");
        partner("奥地利", "Austria", "Europe/Vienna");
        partner("英国", "United Kingdom", "Europe/London");
        partner("德国", "Germany", "Europe/Berlin");
        partner("法国", "France", "Europe/Paris");
        partner("西班牙", "Spain", "Europe/Madrid");
        partner("葡萄牙", "Portugal", "Europe/Lisbon");
        partner("匈牙利", "Hungary", "Europe/Budapest");
        partner("丹麦", "Denmark", "Europe/Copenhagen");
        partner("瑞典", "Sweden", "Europe/Stockholm");
        partner("荷兰", "Netherlands", "Europe/Amsterdam");
        partner("瑞士", "Switzerland", "Europe/Zurich");
        partner("意大利", "Italy", "Europe/Rome");
        partner("白俄罗斯", "Belarus", "Europe/Minsk");
        partner("泰国", "Thailand", "Asia/Bangkok");
        partner("越南", "Vietnam", "Asia/Ho_Chi_Minh");
        partner("柬埔寨", "Cambodia", "Asia/Phnom_Penh");
        partner("日本", "Japan", "Asia/Tokyo");
        partner("韩国", "South Korea", "Asia/Seoul");
        partner("智利", "Chile", "America/Santiago");
        partner("巴西", "Brazil", "America/Sao_Paulo");
        partner("新西兰", "New Zealand", "Pacific/Auckland");
    }

    private ForeignAgencies() {
    }

    private static void agency(String partner, String name, String zone, String... chineseNames) {
        for (String chinese : chineseNames) {
            AGENCIES.put(chinese, new Agency(partner, name, ZoneId.of(zone)));
        }
    }

    private static void partner(String chinese, String english, String zone) {
        PARTNERS.put(chinese, new String[] {english, zone});
    }

    /** The agency named exactly (as written in the notice), if known. */
    static Optional<Agency> byChineseName(String writtenName) {
        for (Map.Entry<String, Agency> e : AGENCIES.entrySet()) {
            if (writtenName.contains(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every known agency mentioned anywhere in the text, in order of first mention, without repeats. */
    static Map<String, Agency> mentionedIn(String text) {
        Map<Integer, Map.Entry<String, Agency>> byPosition = new java.util.TreeMap<>();
        for (Map.Entry<String, Agency> e : AGENCIES.entrySet()) {
            int at = text.indexOf(e.getKey());
            if (at >= 0) {
                byPosition.putIfAbsent(at, e);
            }
        }
        Map<String, Agency> result = new LinkedHashMap<>();
        for (Map.Entry<String, Agency> e : byPosition.values()) {
            boolean seen = result.values().stream().anyMatch(a -> a.name().equals(e.getValue().name()));
            if (!seen) {
                result.put(e.getKey(), e.getValue());
            }
        }
        return result;
    }

    /** English name and zone of a partner written in Chinese (比利时西弗兰德省 → Belgium), if known. */
    static Optional<Agency> partner(String writtenPartner) {
        for (Map.Entry<String, String[]> e : PARTNERS.entrySet()) {
            if (writtenPartner.startsWith(e.getKey())) {
                String english = e.getValue()[0];
                String rest = writtenPartner.substring(e.getKey().length());
                if (rest.contains("西弗兰德")) {
                    english = english + " (West Flanders)";
                }
                return Optional.of(new Agency(english, null, ZoneId.of(e.getValue()[1])));
            }
        }
        return Optional.empty();
    }
}
