package cutoff.upload;

import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether a relay's call is already public, and which of its topics are which (issue 19: "if the same call is already
 * public, the relay attaches the office's deadline to it"). The rule without the store.
 *
 * <p><b>The same call</b>, first match wins: the public notice with the relay reading's id ({@link NoticeIds#noticeId}:
 * the same document number, or without one the same issuer and title); else a public notice with the same document
 * number; else one with the same issuer and the same title (a relay that carries the office's own document number
 * still names the original issuer and title). Texts are compared after NFKC, with white space removed.
 *
 * <p><b>The same topic</b>: the public topic with the relay topic's id suffix ({@code -t2}, {@code -p1-t3}) and the
 * same display name ({@link Topic#displayName()}, compared as above), else the public topic with the same display
 * name, else the one public topic with the same title (a relay that leaves topics out numbers the rest anew). A relay
 * topic the public call does not have is a problem, and nothing is attached.
 */
public final class PublicCall {
    private PublicCall() {
    }

    /**
     * The public notice a relay reading is a copy of.
     *
     * @param byId   public notice id → the notice ({@code NoticeStore::notice}, relays excluded by the caller)
     * @param listed every public notice ({@code NoticeStore::notices}), read only when the id finds none
     */
    public static Optional<Notice> of(Notice reading, Function<String, Optional<Notice>> byId, Supplier<List<Notice>> listed) {
        Optional<Notice> same = byId.apply(reading.id()).filter(n -> !NoticeIds.isRelay(n.id()));
        if (same.isPresent()) {
            return same;
        }
        List<Notice> all = listed.get().stream().filter(n -> !NoticeIds.isRelay(n.id())).toList();
        if (reading.documentNumber() != null) {
            Optional<Notice> number = all.stream().filter(n -> n.documentNumber() != null
                    && plain(n.documentNumber()).equals(plain(reading.documentNumber()))).findFirst();
            if (number.isPresent()) {
                return number;
            }
        }
        if (reading.issuer() == null || reading.title() == null) {
            return Optional.empty();
        }
        return all.stream().filter(n -> n.issuer() != null && n.title() != null && plain(n.issuer()).equals(plain(reading.issuer()))
                && plain(n.title()).equals(plain(reading.title()))).findFirst();
    }

    /** Relay topic id → the public topic it is, in the relay's order, or the topics the public call lacks. */
    public record Matched(Map<String, Topic> topics, List<String> problems) {
    }

    /** Each of the relay reading's topics matched to the public notice's ({@link PublicCall}: same topic). */
    public static Matched topics(Notice reading, Notice published) {
        Map<String, Topic> matched = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Topic t : reading.topics()) {
            String suffix = t.id().startsWith(reading.id()) ? t.id().substring(reading.id().length()) : null;
            String name = plain(t.displayName());
            String title = plain(t.title());
            List<Topic> sameTitle = published.topics().stream().filter(p -> plain(p.title()).equals(title)).toList();
            Optional<Topic> found = published.topics().stream()
                    .filter(p -> suffix != null && p.id().equals(published.id() + suffix) && plain(p.displayName()).equals(name))
                    .findFirst()
                    .or(() -> published.topics().stream().filter(p -> plain(p.displayName()).equals(name)).findFirst())
                    .or(() -> sameTitle.size() == 1 ? Optional.of(sameTitle.get(0)) : Optional.empty());
            if (found.isPresent()) {
                matched.put(t.id(), found.get());
            } else {
                problems.add("topic " + t.displayName() + " (" + t.id() + ") is not a topic of the public notice "
                        + published.id() + " (" + String.join(", ", published.topics().stream().map(Topic::displayName).toList())
                        + "): correct the topic in the relay, or relay the notice as it was published");
            }
        }
        return new Matched(matched, problems);
    }

    /** A text as compared: NFKC, without white space; empty for {@code null}. */
    static String plain(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
