package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Foreign-side deadlines in the phrasings notices use, beyond 外方截止时间. */
class ForeignSideTest {
    private static final String HEAD = "某省科学技术厅\n\n某科外〔2024〕3号\n\n关于组织申报2024年度中外合作项目的通知\n\n各有关单位：\n\n";
    private static final String TAIL = "\n\n申报截止时间为2024年5月30日16:30。\n\n某省科学技术厅\n\n2024年3月1日\n";

    private static Notice parse(String body) throws NotANoticeException {
        return new NoticeParser().parse((HEAD + body + TAIL).getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aBracketedSide_withHaoForRi_isThatPartnersDeadline_withItsStep() throws Exception {
        Notice n = parse("中英合作项目须同时向英方提交申请，（英方）9月29号提交预申请。");
        ForeignDeadline uk = n.topics().get(0).foreignDeadlines().get(0);
        assertEquals("United Kingdom", uk.partner());
        assertEquals("Europe/London", uk.zone().getId());
        assertEquals(LocalDate.of(2024, 9, 29), uk.date(), "year from the signature 2024年3月1日");
        assertEquals("9月29号", uk.asWritten());
        assertEquals("提交预申请", uk.condition());
        assertTrue(n.topics().get(0).deadlines().isEmpty(), "a foreign side's date is not one of ours");
    }

    @Test
    void innerMongolia_isAChineseRegion_notMongolia_whereverItsNameStands() throws Exception {
        for (String region : List.of("内蒙古自治区科学技术厅", "内蒙古自治区", "在内蒙古注册的")) {
            for (String glue : List.of("附件：申报书（格式）" + region + "2024年5月20日附件：项目清单",
                    "各盟市科技局，" + region + "单位请于2024年5月20日前完成填报。", "1." + region + "：截止时间为2024年5月20日。")) {
                Notice n = parse(glue);
                assertEquals(List.of(), n.topics().get(0).foreignDeadlines(), glue);
            }
        }
        Notice mongolia = parse("1.蒙古：外方截止时间为2024年6月15日。");
        assertEquals("Mongolia", mongolia.topics().get(0).foreignDeadlines().get(0).partner());
    }

    @Test
    void oneCharacterSides_nameTheirPartners() throws Exception {
        for (var side : List.of(List.of("以方", "Israel", "Asia/Jerusalem"), List.of("俄方", "Russia", "Europe/Moscow"),
                List.of("德方", "Germany", "Europe/Berlin"), List.of("芬方", "Finland", "Europe/Helsinki"))) {
            Notice n = parse(side.get(0) + "截止日期为2024年6月15日17:00。");
            ForeignDeadline f = n.topics().get(0).foreignDeadlines().get(0);
            assertEquals(side.get(1), f.partner(), side.get(0));
            assertEquals(side.get(2), f.zone().getId(), side.get(0));
            assertEquals(LocalDate.of(2024, 6, 15), f.date());
            assertEquals(LocalTime.of(17, 0), f.time(), "the time in the agency's zone, as written");
        }
    }

    @Test
    void genericSide_takesTheTopicsOnlyPartner_andItsAgency() throws Exception {
        Notice n = parse("支持与以色列企业合作，外方主管部门为以色列创新署。合作方截止时间为2024年4月20日。");
        ForeignDeadline f = n.topics().get(0).foreignDeadlines().get(0);
        assertEquals("Israel", f.partner());
        assertEquals("Israel Innovation Authority", f.agency());
        assertEquals(LocalDate.of(2024, 4, 20), f.date());
        assertEquals(1, n.topics().get(0).foreignDeadlines().size(), "the agency is not listed twice");
    }

    @Test
    void genericSide_withoutAKnownPartner_isKept_andItsZoneIsMissing() throws Exception {
        Notice n = parse("对方截止时间为2024年4月20日。");
        ForeignDeadline f = n.topics().get(0).foreignDeadlines().get(0);
        assertEquals("foreign partner", f.partner());
        assertNull(f.zone());
        assertTrue(n.missing().stream().anyMatch(m -> m.startsWith("topics[0].foreignDeadlines[0].zone:")), n.missing().toString());
    }

    @Test
    void ourSideAndBothSides_areNotForeign() throws Exception {
        Notice n = parse("中方截止时间为2024年4月20日。双方须于2024年4月25日前签署协议。");
        assertTrue(n.topics().get(0).foreignDeadlines().isEmpty(), n.topics().get(0).foreignDeadlines().toString());
    }

    @Test
    void aPerCountryList_givesEachCountryItsDate() throws Exception {
        Notice n = parse("各国外方截止时间如下：芬兰2024年9月30日；以色列9月19日；捷克7月13日。");
        List<ForeignDeadline> f = n.topics().get(0).foreignDeadlines();
        assertEquals(List.of("Finland", "Israel", "Czech Republic"), f.stream().map(ForeignDeadline::partner).toList());
        assertEquals(List.of(LocalDate.of(2024, 9, 30), LocalDate.of(2024, 9, 19), LocalDate.of(2024, 7, 13)),
                f.stream().map(ForeignDeadline::date).toList());
        assertTrue(n.topics().get(0).deadlines().isEmpty(), n.topics().get(0).deadlines().toString());
    }

    /**
     * Every dated foreign-side entry carries its evidence, whatever shape it was read from: the sentence, the date's
     * span in it (the date as written) and the line; and {@code review} with the reason when its year was guessed.
     */
    @Test
    void everyDatedForeignSide_carriesItsSentenceAndSpan_andAGuessedYearIsForReview() throws Exception {
        List<String> shapes = List.of(
                "1.芬兰：外方主管部门为芬兰国家技术创新局。外方截止时间为%s。",
                "英方截止时间为%s。",
                "各国外方截止时间如下：芬兰%s；以色列%s。",
                "（英方）%s提交预申请。");
        for (String shape : shapes) {
            for (String date : List.of("2024年9月29日", "9月29日", "9月29号")) {
                String body = shape.replace("%s", date);
                for (boolean signed : List.of(true, false)) {
                    String text = HEAD + "前言。\n\n" + body + (signed ? TAIL : "\n\n申报截止时间为2024年5月30日16:30。\n");
                    Notice n = new NoticeParser().parse(text.getBytes(StandardCharsets.UTF_8), null);
                    List<ForeignDeadline> dated = n.topics().get(0).foreignDeadlines().stream()
                            .filter(f -> f.date() != null).toList();
                    assertTrue(!dated.isEmpty(), body);
                    for (ForeignDeadline f : dated) {
                        Source source = f.source();
                        assertTrue(source != null, "no source: " + body);
                        assertEquals(f.asWritten(), source.span(), body);
                        assertTrue(body.contains(source.text().strip()) || source.text().contains(f.asWritten()), body);
                        assertTrue(source.line() != null && source.line() > 1, "line " + source.line() + ": " + body);
                        boolean guessed = !signed && !date.startsWith("2024");
                        assertEquals(guessed, !f.sure(), (signed ? "signed: " : "unsigned: ") + body + " " + f.reasons());
                        if (guessed) {
                            assertTrue(f.reasons().get(0).contains("document number"), f.reasons().toString());
                        }
                    }
                }
            }
        }
    }
}
