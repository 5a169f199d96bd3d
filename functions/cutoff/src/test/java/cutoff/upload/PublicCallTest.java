package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link PublicCall}: which public notice a relay reading is, and which of its topics are which. */
class PublicCallTest {
    private static Notice notice(String number, String issuer, String title, String... topicTitles) {
        String id = NoticeIds.noticeId(number, issuer, title);
        List<Topic> topics = new ArrayList<>();
        for (int i = 0; i < topicTitles.length; i++) {
            topics.add(new Topic(NoticeIds.topicId(id, null, i + 1), "专题" + (i + 1), null, topicTitles[i], List.of(), null,
                    List.of(), List.of(), null, null, List.of()));
        }
        return new Notice(id, number, issuer, null, title, LocalDate.of(2026, 5, 8), null, topics, List.of(), null, null);
    }

    private static Optional<Notice> find(Notice reading, List<Notice> published) {
        Map<String, Notice> byId = new java.util.HashMap<>();
        published.forEach(n -> byId.put(n.id(), n));
        Function<String, Optional<Notice>> lookup = id -> Optional.ofNullable(byId.get(id));
        return PublicCall.of(reading, lookup, () -> published);
    }

    @Test
    void theSameCall_isFoundByItsId_itsNumber_orItsIssuerAndTitle_spacesAndWidthsAside() {
        Notice pub = notice("沪科〔2026〕8号", "上海市科学技术委员会", "关于发布2026年度示例项目申报指南的通知", "甲", "乙");
        Notice other = notice("沪科〔2026〕9号", "上海市科学技术委员会", "关于发布另一个指南的通知", "甲");
        List<Notice> published = List.of(other, pub);
        assertEquals(Optional.of(pub), find(notice("沪科〔2026〕8号", "x", "y"), published), "by id (the number)");
        // The office's copy carries its own number: found by issuer and title.
        Notice relayed = notice("某大学科字〔2026〕3号", "上海市科学技术委员会 ", "关于发布 2026 年度示例项目申报指南的通知", "甲");
        assertEquals(Optional.of(pub), find(relayed, published));
        // A number written with full-width digits and a space is the same number.
        Notice wide = new Notice("d-0000000000", "沪科〔２０２６〕 8号", "某", null, "某", null, null, List.of(), List.of(), null, null);
        assertEquals(Optional.of(pub), find(wide, published));
        assertEquals(Optional.empty(), find(notice(null, "上海市科学技术委员会", "关于另一件事的通知"), published));
        assertEquals(Optional.empty(), find(notice("沪科〔2026〕8号", "x", "y"), List.of()));
    }

    @Test
    void eachRelayTopic_isThePublicTopicOfItsName_andOneThePublicCallLacks_isAProblem() {
        Notice pub = notice("沪科〔2026〕8号", "上海市科学技术委员会", "指南", "甲 项目", "乙项目", "丙项目");
        Notice same = notice("沪科〔2026〕8号", "上海市科学技术委员会", "指南", "甲项目", "丙项目");
        PublicCall.Matched m = PublicCall.topics(same, pub);
        assertTrue(m.problems().isEmpty(), m.problems().toString());
        assertEquals(pub.topics().get(0), m.topics().get(same.topics().get(0).id()), "the same id and name");
        // The relay's second topic is the public third (a topic left out of the relay, the rest numbered anew): by title.
        assertEquals(pub.topics().get(2), m.topics().get(same.topics().get(1).id()));
        Notice keyed = new Notice(same.id(), same.documentNumber(), same.issuer(), null, same.title(), null, null,
                List.of(same.topics().get(0), new Topic(same.topics().get(1).id(), "专题3", null, "丙 项目", List.of(), null,
                        List.of(), List.of(), null, null, List.of())), List.of(), null, null);
        assertEquals(pub.topics().get(2), PublicCall.topics(keyed, pub).topics().get(same.topics().get(1).id()), "by name");
        Notice lacking = notice("沪科〔2026〕8号", "上海市科学技术委员会", "指南", "甲项目", "丁项目");
        PublicCall.Matched missing = PublicCall.topics(lacking, pub);
        assertEquals(1, missing.problems().size(), missing.toString());
        assertTrue(missing.problems().get(0).contains("丁项目") && missing.problems().get(0).contains(pub.id()), missing.toString());
    }
}
