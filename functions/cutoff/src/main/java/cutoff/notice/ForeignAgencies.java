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

    /**
     * A known agency: who it is and where its clock is ({@code zoneId}, an IANA zone id such as {@code Europe/Helsinki}).
     * The id is resolved at {@link #zone()}, not when the table is built: java.time reads a zone's rules from the tz
     * database at its first {@code ZoneId.of}, and a notice names one or two of the table's zones, if any
     * ({@code ForeignAgenciesTest} resolves them all).
     */
    record Agency(String partner, String name, String zoneId) {
        /** The agency's zone. */
        ZoneId zone() {
            return ZoneId.of(zoneId);
        }
    }

    private static final Map<String, Agency> AGENCIES = new LinkedHashMap<>();
    private static final Map<String, String[]> PARTNERS = new LinkedHashMap<>();

    static {
        agency("Finland", "Business Finland", "Europe/Helsinki", "芬兰国家商务促进局", "芬兰创新资金署", "芬兰国家技术创新局");
        agency("Israel", "Israel Innovation Authority", "Asia/Jerusalem", "以色列创新署", "以色列创新局", "以色列国家创新署");
        agency("Czech Republic", "Technology Agency of the Czech Republic (TA ČR)", "Europe/Prague",
                "捷克共和国技术局", "捷克技术局");
        agency("Norway", "Innovation Norway", "Europe/Oslo", "挪威创新署");
        agency("Belgium (West Flanders)", "Province of West Flanders", "Europe/Brussels", "比利时西弗兰德省政府", "西弗兰德省政府");
        agency("Singapore", "Enterprise Singapore", "Asia/Singapore", "新加坡企业发展局");
        agency("Austria", "Austrian Research Promotion Agency (FFG)", "Europe/Vienna", "奥地利国家科研促进署", "奥地利研究促进署");
        // 科技部国际合作司 2013 中以 call: the Israel Innovation Authority's predecessor.
        agency("Israel", "Office of the Chief Scientist, Israel Ministry of Economy (now Israel Innovation Authority)",
                "Asia/Jerusalem", "以色列贸工部首席科学家办公室", "以色列经济部首席科学家办公室", "首席科学家办公室");
        agency("United Kingdom", "UK Research and Innovation (UKRI)", "Europe/London", "英国研究与创新署", "英国研究与创新机构");
        agency("United Kingdom", "Innovate UK", "Europe/London", "英国创新署");
        agency("United Kingdom", "The Royal Society", "Europe/London", "英国皇家学会");
        agency("United Kingdom", "Academy of Medical Sciences", "Europe/London", "英国医学科学院");
        agency("France", "Centre national de la recherche scientifique (CNRS)", "Europe/Paris", "法国国家科研中心",
                "法国国家科学研究中心", "CNRS");
        agency("Russia", "Russian Foundation for Basic Research (RFBR)", "Europe/Moscow", "俄罗斯基础研究基金会", "RFBR");
        agency("Russia", "Russian Science Foundation (RSF)", "Europe/Moscow", "俄罗斯科学基金会");
        agency("Germany", "Deutsche Forschungsgemeinschaft (DFG)", "Europe/Berlin", "德国科学基金会", "德国研究联合会", "DFG");
        agency("Germany", "Federal Ministry of Education and Research (BMBF)", "Europe/Berlin", "德国联邦教育与研究部", "德国联邦教研部");
        agency("United States", "National Science Foundation (NSF)", "America/New_York", "美国国家科学基金会");
        agency("Japan", "Japan Society for the Promotion of Science (JSPS)", "Asia/Tokyo", "日本学术振兴会", "JSPS");
        agency("Japan", "Japan Science and Technology Agency (JST)", "Asia/Tokyo", "日本科学技术振兴机构");
        agency("South Korea", "National Research Foundation of Korea (NRF)", "Asia/Seoul", "韩国国家研究基金会");
        agency("France", "Agence nationale de la recherche (ANR)", "Europe/Paris", "法国国家科研署", "法国国家研究署");
        agency("Switzerland", "Swiss National Science Foundation (SNSF)", "Europe/Zurich", "瑞士国家科学基金会");
        agency("Netherlands", "Dutch Research Council (NWO)", "Europe/Amsterdam", "荷兰科学研究组织", "荷兰研究理事会");
        agency("Finland", "Research Council of Finland (Academy of Finland)", "Europe/Helsinki", "芬兰科学院");

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
        partner("俄罗斯", "Russia", "Europe/Moscow");
        partner("美国", "United States", "America/New_York");
        partner("加拿大", "Canada", "America/Toronto");
        partner("澳大利亚", "Australia", "Australia/Sydney");
        partner("乌克兰", "Ukraine", "Europe/Kiev");
        partner("波兰", "Poland", "Europe/Warsaw");
        partner("爱尔兰", "Ireland", "Europe/Dublin");
        partner("希腊", "Greece", "Europe/Athens");
        partner("埃及", "Egypt", "Africa/Cairo");
        partner("南非", "South Africa", "Africa/Johannesburg");
        partner("印度尼西亚", "Indonesia", "Asia/Jakarta");
        partner("印度", "India", "Asia/Kolkata");
        partner("巴基斯坦", "Pakistan", "Asia/Karachi");
        partner("马来西亚", "Malaysia", "Asia/Kuala_Lumpur");
        partner("蒙古", "Mongolia", "Asia/Ulaanbaatar");
        partner("哈萨克斯坦", "Kazakhstan", "Asia/Almaty");
        partner("土耳其", "Türkiye", "Europe/Istanbul");
        partner("阿根廷", "Argentina", "America/Argentina/Buenos_Aires");
        partner("墨西哥", "Mexico", "America/Mexico_City");
        partner("斯洛文尼亚", "Slovenia", "Europe/Ljubljana");
        partner("塞尔维亚", "Serbia", "Europe/Belgrade");
        partner("克罗地亚", "Croatia", "Europe/Zagreb");
        partner("罗马尼亚", "Romania", "Europe/Bucharest");
        partner("保加利亚", "Bulgaria", "Europe/Sofia");
        partner("斯里兰卡", "Sri Lanka", "Asia/Colombo");
    }

    /** The Chinese names of {@link #AGENCIES} and of {@link #PARTNERS}, by their first character. */
    private static final Map<Character, java.util.List<String>> AGENCY_NAMES = byFirstChar(AGENCIES.keySet());
    private static final Map<Character, java.util.List<String>> PARTNER_NAMES = byFirstChar(PARTNERS.keySet());

    private ForeignAgencies() {
    }

    private static void agency(String partner, String name, String zone, String... chineseNames) {
        for (String chinese : chineseNames) {
            AGENCIES.put(chinese, new Agency(partner, name, zone));
        }
    }

    private static void partner(String chinese, String english, String zone) {
        PARTNERS.put(chinese, new String[] {english, zone});
    }

    /** Every agency by each Chinese name (and the few Latin abbreviations) that a text is searched for. */
    static Map<String, Agency> agenciesByName() {
        return java.util.Collections.unmodifiableMap(AGENCIES);
    }

    /** Every partner country's Chinese name that the text is searched for. */
    static java.util.Set<String> partnerNames() {
        return java.util.Collections.unmodifiableSet(PARTNERS.keySet());
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
        Map<String, Integer> first = firstMentions(text, AGENCY_NAMES, (t, name, at) -> true);
        Map<Integer, Map.Entry<String, Agency>> byPosition = new java.util.TreeMap<>();
        for (Map.Entry<String, Agency> e : AGENCIES.entrySet()) {
            int at = first.getOrDefault(e.getKey(), -1);
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

    /** A side's one-character abbreviation ({@code 英} of {@code 英方}) as the country's Chinese name. */
    private static final Map<Character, String> SIDES = Map.ofEntries(
            Map.entry('以', "以色列"), Map.entry('俄', "俄罗斯"), Map.entry('英', "英国"), Map.entry('德', "德国"),
            Map.entry('法', "法国"), Map.entry('芬', "芬兰"), Map.entry('日', "日本"), Map.entry('韩', "韩国"),
            Map.entry('美', "美国"), Map.entry('加', "加拿大"), Map.entry('澳', "澳大利亚"), Map.entry('荷', "荷兰"),
            Map.entry('比', "比利时"), Map.entry('捷', "捷克"), Map.entry('挪', "挪威"), Map.entry('奥', "奥地利"),
            Map.entry('匈', "匈牙利"), Map.entry('意', "意大利"), Map.entry('西', "西班牙"), Map.entry('葡', "葡萄牙"),
            Map.entry('泰', "泰国"), Map.entry('越', "越南"), Map.entry('智', "智利"), Map.entry('乌', "乌克兰"),
            Map.entry('丹', "丹麦"), Map.entry('波', "波兰"), Map.entry('爱', "爱尔兰"));

    /** The partner of a side named by one character ({@code 英方} → United Kingdom), if known. */
    static Optional<Agency> side(char abbreviation) {
        String country = SIDES.get(abbreviation);
        return country == null ? Optional.empty() : partner(country);
    }

    /** The zone of a partner country named exactly ({@code 英国} → Europe/London), if known. */
    static Optional<ZoneId> countryZone(String chinese) {
        String[] known = PARTNERS.get(chinese);
        return known == null ? Optional.empty() : Optional.of(ZoneId.of(known[1]));
    }

    /**
     * Chinese places whose names hold a country's: 内蒙古 (Inner Mongolia, a Chinese region) is not 蒙古
     * (Mongolia). A country's name right after one of these characters is the place's.
     */
    private static final Map<String, String> PLACE_PREFIX = Map.of("蒙古", "内");

    private static boolean country(String text, String chinese, int at) {
        String prefix = PLACE_PREFIX.get(chinese);
        return prefix == null || at < prefix.length() || !text.startsWith(prefix, at - prefix.length());
    }

    /** Whether a name written at an offset of a text counts there ({@link #country}, or any mention). */
    private interface Mention {
        boolean counts(String text, String name, int at);
    }

    /**
     * Where each of the names is first written in the text so that it {@linkplain Mention counts}, by name; a name
     * not written is absent. One pass over the text, trying only the names that start with the character at hand
     * (a notice is read while the JVM still interprets it: one {@code indexOf} per name over the whole text cost a
     * few milliseconds a notice).
     *
     * @param byFirstChar the names, by their first character
     */
    private static Map<String, Integer> firstMentions(String text, Map<Character, java.util.List<String>> byFirstChar,
                                                     Mention counts) {
        Map<String, Integer> first = new java.util.HashMap<>();
        for (int at = 0; at < text.length(); at++) {
            java.util.List<String> names = byFirstChar.get(text.charAt(at));
            if (names == null) {
                continue;
            }
            for (String name : names) {
                if (text.startsWith(name, at) && !first.containsKey(name) && counts.counts(text, name, at)) {
                    first.put(name, at);
                }
            }
        }
        return first;
    }

    private static Map<Character, java.util.List<String>> byFirstChar(java.util.Collection<String> names) {
        Map<Character, java.util.List<String>> index = new java.util.HashMap<>();
        for (String name : names) {
            index.computeIfAbsent(name.charAt(0), c -> new java.util.ArrayList<>()).add(name);
        }
        return index;
    }

    private static int lastCountry(String text, String chinese) {
        for (int at = text.lastIndexOf(chinese); at >= 0; at = at == 0 ? -1 : text.lastIndexOf(chinese, at - 1)) {
            if (country(text, chinese, at)) {
                return at;
            }
        }
        return -1;
    }

    /** Where the last partner country named in the text ends, or {@code -1} when none is. */
    static int lastPartnerEnd(String text) {
        int end = -1;
        for (String chinese : PARTNERS.keySet()) {
            int at = lastCountry(text, chinese);
            if (at >= 0) {
                end = Math.max(end, at + chinese.length());
            }
        }
        return end;
    }

    /** Every partner country named in the text, in order of first mention. */
    static java.util.List<Agency> partnersIn(String text) {
        Map<String, Integer> first = firstMentions(text, PARTNER_NAMES, ForeignAgencies::country);
        Map<Integer, String> byPosition = new java.util.TreeMap<>();
        for (String chinese : PARTNERS.keySet()) {
            int at = first.getOrDefault(chinese, -1);
            if (at >= 0) {
                byPosition.putIfAbsent(at, chinese);
            }
        }
        java.util.List<Agency> result = new java.util.ArrayList<>();
        for (String chinese : byPosition.values()) {
            partner(chinese).filter(p -> result.stream().noneMatch(r -> r.partner().equals(p.partner()))).ifPresent(result::add);
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
                return Optional.of(new Agency(english, null, e.getValue()[1]));
            }
        }
        return Optional.empty();
    }
}
