package cutoff.officeservice;

import cutoff.store.NoticeLookup;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.office.FollowRule;
import cutoff.office.Office;
import cutoff.office.StaffMember;
import cutoff.officeservice.Offices.RowError;
import cutoff.officeservice.Offices.StaffInput;
import cutoff.store.NoticeReads;
import cutoff.subscriber.EmailAddress;
import cutoff.subscriber.LeadTime;
import cutoff.subscription.SubscriptionSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff upload's checks ({@link Offices#upload}): each row as uploaded is taken in stored form, or refused with
 * its line, the field at fault, a stable code and an English reason ({@link RowError}). An address is taken once per
 * upload, by the first row that passes (a later row may correct a refused one); topics and notice ids must be stored,
 * and a row comes to at most {@link SubscriptionSettings#MAX_TOPICS} topics, {@link Offices#MAX_RULES} follow rules and
 * {@link SubscriptionSettings#MAX_LEAD_TIMES} lead times.
 */
final class StaffRowCheck {
    private final NoticeReads notices;

    StaffRowCheck(NoticeReads notices) {
        this.notices = notices;
    }

    /** A row taken: its member in stored form, and the topic ids it comes to (notice ids expanded). */
    record Checked(int line, StaffMember member, List<String> topicIds, List<String> leadTimes) {
    }

    /** The rows taken and the rows refused, each in upload order. */
    record Result(List<Checked> good, List<RowError> errors) {
    }

    private static final class Rejected extends Exception {
        private final String field;
        private final String code;

        /** field null: the row as a whole; else the reason starts with "field: ". */
        Rejected(String field, String code, String reason) {
            super(field == null ? reason : field + ": " + reason);
            this.field = field;
            this.code = code;
        }
    }

    /** Checks an upload's rows for an office, reading each notice they name once. */
    Result checkAll(Office office, List<StaffInput> rows) {
        NoticeLookup read = new NoticeLookup(notices::notice);
        Map<String, Integer> seen = new HashMap<>();
        List<RowError> errors = new ArrayList<>();
        List<Checked> good = new ArrayList<>();
        for (StaffInput in : rows) {
            try {
                good.add(check(office, in, seen, read));
            } catch (Rejected e) {
                String given = in.email() == null ? "" : in.email().strip();
                errors.add(new RowError(in.line(), given.length() > 320 ? given.substring(0, 320) + "…" : given, e.field,
                        e.code, e.getMessage()));
            }
        }
        return new Result(good, errors);
    }

    private Checked check(Office office, StaffInput in, Map<String, Integer> seen, NoticeLookup read)
            throws Rejected {
        if (in.broken() != null) {
            throw new Rejected(null, in.broken().code(), in.broken().reason());
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(in.email());
        } catch (EmailAddress.Invalid e) {
            throw new Rejected("email", e.code(), e.getMessage());
        }
        if (!office.admits(address.domain())) {
            throw new Rejected("email", "wrong_domain", "the domain " + address.domain() + " is not this office's ("
                    + String.join(", ", office.emailDomains()) + ", or a subdomain of one)");
        }
        Integer first = seen.get(address.value());
        if (first != null) {
            throw new Rejected("email", "duplicate", "the same address as line " + first + " (addresses are compared without case)");
        }
        String name = text("name", in.name());
        String department = text("department", in.department());
        Set<String> topics = new LinkedHashSet<>();
        Set<String> rules = new LinkedHashSet<>();
        for (String v : in.topics() == null ? List.<String>of() : in.topics()) {
            if (v == null || v.isBlank()) {
                continue;
            }
            Optional<String> rule;
            try {
                rule = FollowRule.parse(v);
            } catch (IllegalArgumentException e) {
                throw new Rejected("topics", "bad_follow_rule", e.getMessage());
            }
            if (rule.isPresent()) {
                rules.add(rule.get());
            } else if (!resolves(v.strip(), read)) {
                throw new Rejected("topics", "unknown_topic", "no topic or notice " + clip(v.strip()));
            } else {
                topics.add(v.strip());
            }
        }
        if (rules.size() > Offices.MAX_RULES) {
            throw new Rejected("topics", "too_many_rules", "at most " + Offices.MAX_RULES + " follow rules per person");
        }
        if (topics.isEmpty() && rules.isEmpty()) {
            throw new Rejected("topics", "no_topics", "name at least one topic id, notice id or follow rule (all, issuer:<name>)");
        }
        List<String> topicIds = StaffMember.topicIds(List.copyOf(topics), id -> notice(id, read));
        if (topicIds.size() > SubscriptionSettings.MAX_TOPICS) {
            throw new Rejected("topics", "too_many_topics", "at most " + SubscriptionSettings.MAX_TOPICS + " topics per person; these come to "
                    + topicIds.size());
        }
        String language = cutoff.subscriber.Subscriber.language(in.language()).orElseThrow(() ->
                new Rejected("language", "bad_language", "zh (Chinese with English) or en, not " + clip(in.language())));
        List<String> leadTimes = new ArrayList<>();
        for (String l : in.leadTimes() == null ? List.<String>of() : in.leadTimes()) {
            if (l == null || l.isBlank()) {
                continue;
            }
            try {
                String code = LeadTime.parse(l.strip()).code();
                if (!leadTimes.contains(code)) {
                    leadTimes.add(code);
                }
            } catch (IllegalArgumentException e) {
                throw new Rejected("leadTimes", "bad_lead_time", e.getMessage());
            }
            if (leadTimes.size() > SubscriptionSettings.MAX_LEAD_TIMES) {
                throw new Rejected("leadTimes", "too_many_lead_times", "at most " + SubscriptionSettings.MAX_LEAD_TIMES + " lead times");
            }
        }
        StaffMember member = new StaffMember(address.value(), name, department, List.copyOf(topics), List.copyOf(rules), language,
                leadTimes);
        // Only a row that is taken counts: a later row may correct a rejected one.
        seen.put(address.value(), in.line());
        return new Checked(in.line(), member, topicIds, leadTimes);
    }

    private static String text(String field, String value) throws Rejected {
        String v = value == null ? "" : value.strip();
        if (v.length() > StaffMember.MAX_TEXT) {
            throw new Rejected(field, "text_too_long", "at most " + StaffMember.MAX_TEXT + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new Rejected(field, "control_character", "holds a line break or another control character");
        }
        return v;
    }

    private static String clip(String v) {
        return v == null ? "" : v.length() > 80 ? v.substring(0, 80) + "…" : v;
    }

    /** True when an id is a stored notice, or a topic of one. */
    private boolean resolves(String id, NoticeLookup read) {
        if (!NoticeIds.wellFormed(id) && NoticeIds.noticeIdOf(id).isEmpty()) {
            return false;
        }
        if (notice(id, read).isPresent()) {
            return true;
        }
        return NoticeIds.noticeIdOf(id).flatMap(n -> notice(n, read))
                .map(n -> n.topics().stream().anyMatch(t -> t.id().equals(id))).orElse(false);
    }

    private Optional<Notice> notice(String id, NoticeLookup read) {
        // A research office's relay is given to its staff when it is published, never named in a staff row (another
        // office's relay is as unknown as a notice that does not exist).
        if (!NoticeIds.wellFormed(id) || NoticeIds.isRelay(id)) {
            return Optional.empty();
        }
        return read.notice(id);
    }
}
