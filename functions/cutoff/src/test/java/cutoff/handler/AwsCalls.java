package cutoff.handler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every AWS action each Lambda handler's code makes, on which resource: the one list that
 * {@code template.yaml}'s roles are held against ({@code TemplatePermissionsTest}: each role allows
 * these and no other data-plane action) and that the code is held against ({@code AwsCallsIT}: the
 * calls the handlers' flows make against DynamoDB Local are all listed here).
 *
 * <p>Actions are IAM action names. {@code TransactWriteItems} is an API operation but no IAM action (there is
 * no {@code dynamodb:TransactWriteItems} to grant; cfn-lint's W3037 refuses it): a transaction is authorised
 * item by item, as the action of each item's kind: a {@code Put} needs {@code dynamodb:PutItem}, an
 * {@code Update} {@code dynamodb:UpdateItem}, a {@code Delete} {@code dynamodb:DeleteItem}, a
 * {@code ConditionCheck} {@code dynamodb:ConditionCheckItem}
 * (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html">Using
 * IAM with DynamoDB transactions</a>), so the code's transactions are listed under those (no transaction here
 * makes a {@code ConditionCheck}). A {@code Query} on GSI1 is authorised
 * on the index's ARN ({@code table/<name>/index/GSI1}), not the table's
 * (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/using-identity-based-policies.html">Identity-based
 * policies for DynamoDB</a>). SES v2 {@code SendEmail} with a configuration set is authorised against
 * the sending identity's ARN and the configuration set's ARN; {@code GetAccount} supports no resource
 * type, so only {@code "*"}
 * (<a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_sesv2.html">Actions,
 * resources, and condition keys for Amazon SES v2</a>). S3's object actions are authorised on the object's ARN
 * ({@code <bucket ARN>/<key>}), a presigned request as the identity that signed it.
 *
 * {@code BatchWriteItem} and {@code BatchGetItem} are authorised as themselves, not per item.
 *
 * <p>{@code ./cutoff ingest} and {@code ./cutoff org} (the CLI) run with the deployer's credentials, not a function's role,
 * and is not listed.
 */
public final class AwsCalls {
    private AwsCalls() {
    }

    /** What an action is made on. The template test maps these to the template's ARNs. */
    public enum Resource {
        /** The table ({@code CutoffTable}). */
        TABLE,
        /** The table's index GSI1 ({@code table/<name>/index/GSI1}). */
        GSI1,
        /** The SES identity {@code MAIL_FROM} belongs to ({@code MailFromIdentity}). */
        SES_IDENTITY,
        /** The SES configuration set that publishes bounces and complaints ({@code SesConfigurationSet}). */
        SES_CONFIGURATION_SET,
        /** The objects under {@code uploads/} in the direct-upload bucket ({@code NoticeUploadBucket}). */
        UPLOADS,
        /** The dispatcher's OnFailure destination, an SQS queue ({@code DispatchFailures}). */
        DISPATCH_FAILURES,
        /** {@code "*"}: for actions without resource-level permissions. */
        ANY
    }

    /**
     * One action on one resource, with the code paths that make it.
     *
     * @param action   IAM action, e.g. {@code dynamodb:Query}
     * @param resource what it is made on
     * @param madeBy   which code makes it (for people; the ITs check the list itself)
     */
    public record Call(String action, Resource resource, String madeBy) {
        /** The action and resource alone, for comparing with recorded or granted calls. */
        public String key() {
            return action + " " + resource;
        }
    }

    private static Call call(String action, Resource resource, String madeBy) {
        return new Call(action, resource, madeBy);
    }

    private static final String SEND = "SesMailSender.send: SES v2 SendEmail with the configuration set";

    /**
     * {@link FeedHandler} → {@code feed.Feeds}: reads only. Notice and topic feeds query the notice's
     * partition; {@code all.ics} queries GSI1; a personal feed reads its token and subscriber, then
     * queries the partitions of the subscriber's notices.
     */
    public static final List<Call> FEED = List.of(
            call("dynamodb:GetItem", Resource.TABLE, "Feeds.personal → TokenStore.grant, SubscriberStore.byId;"
                    + " Feeds.currentEtag and every public feed → NoticeStore.feedStamp; Status → ReminderStore.lastRun;"
                    + " InternalDeadlineStore.officeOfSubscriber, officeOfFeedSecret, OfficeStore.office, FollowedTopicsStore.read"
                    + " (internal deadlines, office feed)"),
            call("dynamodb:Query", Resource.TABLE,
                    "Feeds.notice/topic → NoticeStore.feedSource; Feeds.personal → NoticeStore.deadlinesOfTopics;"
                            + " InternalDeadlineStore.settings, NoticeStore.notice, StaffStore.staff (internal deadlines, office feed)"),
            call("dynamodb:BatchGetItem", Resource.TABLE,
                    "Feeds.office → FollowedTopics.of → SubscriberStore.byIds (the staff's topics, while the stored ones are stale)"),
            call("dynamodb:Query", Resource.GSI1, "Feeds.all → NoticeStore.allDeadlines"));

    /**
     * {@link SubscriptionHandler} → {@code subscription.SubscriptionService} and its {@code ReminderPlanner}:
     * subscribe (confirmation or manage-link email), confirm, manage, rotate the feed token, unsubscribe.
     */
    public static final List<Call> SUBSCRIPTION = List.of(
            call("dynamodb:GetItem", Resource.TABLE,
                    "TokenStore.grant; SubscriberStore.address, byId"),
            call("dynamodb:BatchGetItem", Resource.TABLE,
                    "unsubscribe → AddressStore.ways, SubscriberStore.byIds (the address's other ways in, ended with it)"),
            call("dynamodb:Query", Resource.TABLE,
                    "NoticeStore.notice (validating topics and notices, topic names); ReminderStore.ofSubscriber and"
                            + " NoticeStore.deadlinesOfTopics (ReminderPlanner.planSubscriber, cancelAll)"),
            call("dynamodb:Query", Resource.GSI1, "NoticeStore.notices (the subscription and manage pages)"),
            call("dynamodb:PutItem", Resource.TABLE,
                    "TokenStore.issueManageToken (a confirmed address subscribing again); ReminderStore.plan, startCursor;"
                            + " the Puts inside SubscriberStore's transactions (savePending, confirm, update, leave, rotateFeedToken); AbuseStore.useChallenge (a solved challenge, once)"),
            call("dynamodb:UpdateItem", Resource.TABLE, "ReminderStore.cancel (planSubscriber, cancelAll on unsubscribe);"
                    + " AbuseStore.take (the source's rate-limit bucket), countEmail (the day's email cap);"
                    + " SubscriberStore.stampSent (a confirmed address asking again); the conditional Updates inside"
                    + " SubscriberStore.savePending, confirm (the address's own item), rotateFeedToken (the token hash), update (the"
                    + " subscriber's settings)"),
            call("dynamodb:DeleteItem", Resource.TABLE,
                    "SubscriberStore.leave (the feed token); the Deletes inside SubscriberStore.confirm (the confirmation"
                            + " token), update (memberships), rotateFeedToken (the old feed token)"),
            call("ses:SendEmail", Resource.SES_IDENTITY, SEND + " (confirmation and manage-link emails)"),
            call("ses:SendEmail", Resource.SES_CONFIGURATION_SET, SEND + " (confirmation and manage-link emails)"));

    /**
     * {@link DispatchHandler} → {@code dispatch.Dispatcher}, and {@code Wiring.dispatcher} (the send rate); then
     * {@code dispatch.StaffQueue}, the research offices' staff queue (welcome emails, reminder planning).
     */
    public static final List<Call> DISPATCH = List.of(
            call("dynamodb:GetItem", Resource.TABLE, "ReminderStore.cursor, lastRun; OfficeStore.office"),
            call("dynamodb:BatchGetItem", Resource.TABLE, "Dispatcher, StaffQueue → SubscriberStore.byIds, suppressedAmong (a window or page ahead);"
                    + " StaffQueue → RelayedTopicsStore.relayed (the page's offices' relayed topics);"
                    + " Dispatcher → AddressStore.sharedAmong (addresses that came in more than one way)"),
            call("dynamodb:Query", Resource.GSI1, "ReminderStore.due (one Query per shard and day); StaffQueueStore.queued (the staff queue); ChatStore.due, stale (group-chat posts)"),
            call("dynamodb:Query", Resource.TABLE, "StaffQueue → ReminderPlanner.planSubscriber (ReminderStore.ofSubscriber,"
                    + " NoticeStore.deadlinesOfTopics), NoticeStore.notice (topic names)"),
            call("dynamodb:PutItem", Resource.TABLE, "TokenStore.issueManageToken (one not issued ahead); ReminderStore.advanceCursor;"
                    + " ReminderStore.plan, startCursor (StaffQueue); the Puts inside SubscriberStore.issueFeedToken (a transaction)"),
            call("dynamodb:UpdateItem", Resource.TABLE, "ReminderStore.claim, finish; StaffQueueStore.claim, finish, release; ChatStore.claim, sent, release, failed;"
                    + " StaffSubscriberStore.updateStaffSubscriber (a changed row); AddressStore.claimReminder (a shared address), addWay (StaffQueue)"),
            call("dynamodb:BatchWriteItem", Resource.TABLE, "StaffQueue → StaffSubscriberStore.writeAll (a staff member's subscriber, topic and"
                    + " follow-rule memberships); Dispatcher, StaffQueue → TokenStore.issueManageTokens (ahead)"),
            call("ses:SendEmail", Resource.SES_IDENTITY, SEND + " (reminders)"),
            call("ses:SendEmail", Resource.SES_CONFIGURATION_SET, SEND + " (reminders)"),
            call("ses:GetAccount", Resource.ANY, "Wiring.dispatcher → SesMailSender.maxSendRate"));

    /**
     * {@link SesNotificationHandler} → {@code SubscriberStore.suppress} (which leaves the subscription) and
     * {@code ReminderPlanner.cancelAll}.
     */
    public static final List<Call> BOUNCE = List.of(
            call("dynamodb:GetItem", Resource.TABLE, "SubscriberStore.suppress (the address index), byId, byEmail"),
            call("dynamodb:PutItem", Resource.TABLE, "SubscriberStore.suppress (marks the address); the Puts inside leave → update"),
            call("dynamodb:DeleteItem", Resource.TABLE,
                    "SubscriberStore.leave (the feed token); the membership Deletes inside leave → update"),
            call("dynamodb:Query", Resource.TABLE, "ReminderPlanner.cancelAll → ReminderStore.ofSubscriber"),
            call("dynamodb:UpdateItem", Resource.TABLE, "ReminderPlanner.cancelAll → ReminderStore.cancel; the Update inside"
                    + " SubscriberStore.leave → update (the subscriber's item)"));

    /**
     * {@link OfficeHandler} → {@code offices.Offices}: the key's office, staff rows read and written in bulk,
     * a person removed; {@code app.InternalDeadlines}: the rule and overrides, re-planned reminders and
     * queued "changed" items, the office feed secret. Sends nothing and makes no subscriber (the
     * dispatcher's staff queue does, and sends the queued items).
     */
    public static final List<Call> OFFICE = List.of(
            call("dynamodb:GetItem", Resource.TABLE, "OfficeStore.office (the office the authorizer vouched for; OfficeStore.officeIdOfKey"
                    + " first when called without it), StaffStore.staffRow; SubscriberStore.byId (remove);"
                    + " InternalDeadlineStore.feedSecret, officeOfSubscriber (GET /orgs, feed, internal deadlines)"),
            call("dynamodb:Query", Resource.TABLE, "StaffStore.staff, page (16 partitions); NoticeStore.notice (checking topics);"
                    + " ReminderStore.ofSubscriber (ReminderPlanner.cancelAll on remove)"),
            call("dynamodb:BatchGetItem", Resource.TABLE, "StaffStore.statuses (subscribers and address suppression);"
                    + " InternalDeadlineStore.subscribers (the staff's topics)"),
            call("dynamodb:UpdateItem", Resource.TABLE, "ReminderStore.cancel (ReminderPlanner.cancelAll on remove, planSubscriber"
                    + " when an internal deadline moves); the Update inside InternalDeadlineStore.feedSecret, rotateFeedSecret"
                    + " (a transaction: the office feed URL); the Update inside SubscriberStore.leave → update (remove);"
                    + " AddressStore.removeWay (remove)"),
            call("dynamodb:PutItem", Resource.TABLE, "StaffStore.putStaff (upload: the rows of a transaction that found a row"
                    + " changed, one by one; remove: the hidden row); the Puts inside StaffStore.putStaffAll (upload: 100"
                    + " conditional Puts of staff rows a transaction); the Puts inside SubscriberStore.leave → update (remove);"
                    + " InternalDeadlineStore.putRule, putOverride, putState; ReminderStore.plan, startCursor (internal deadlines);"
                    + " the Put inside InternalDeadlineStore.feedSecret, rotateFeedSecret"),
            call("dynamodb:DeleteItem", Resource.TABLE, "StaffSubscriberStore.delete (remove: the staff row, subscriber, follow rules);"
                    + " SubscriberStore.leave (feed token, memberships); InternalDeadlineStore.deleteOverride; the Delete"
                    + " inside InternalDeadlineStore.rotateFeedSecret (the old secret)"));

    /**
     * {@link WebHandler}: reads only. The calls page queries GSI1 (every notice, every deadline); a topic's
     * page and its cutoff download query the notice's partition.
     */
    public static final List<Call> WEB = List.of(
            call("dynamodb:Query", Resource.TABLE, "WebHandler (topic page, event.ics) → NoticeStore.notice"),
            call("dynamodb:Query", Resource.GSI1, "WebHandler (calls page) → NoticeStore.storedNotices (notices, allDeadlines)"));

    /**
     * {@link OfficeAuthorizer}: the key's item, nothing else (the role allows it on partition keys
     * {@code ORGKEY#…} only, {@code dynamodb:LeadingKeys}).
     */
    public static final List<Call> AUTHORIZER = List.of(
            call("dynamodb:GetItem", Resource.TABLE, "OfficeAuthorizer.officeOf → OfficeStore.officeIdOfKey;"
                    + " contextOf → EditorStore.editorIdOfKey (an editor's key)"));

    /**
     * {@link NoticeUploadHandler} → {@code upload.NoticeUploads}: a draft's item written once (a conditional Put),
     * read back by id, marked published; publishing an editor's draft runs {@code ingest.Ingestion} (the notice's
     * items, follow rules, reminders), as {@code ./cutoff ingest} does with the operator's credentials; publishing an
     * office's draft (a relay, {@code upload.Relays}) makes calls of the same kinds: {@code RelayStore} (a Query and a
     * transaction of Puts), the office's internal deadlines ({@code InternalDeadlines.setOverrides}: Query, Put, Update),
     * its staff rows and subscribers (Query, BatchGetItem), its relayed topics ({@code RelayedTopicsStore}: BatchGetItem,
     * Put), its staff's own choices ({@code ChoiceStore}: BatchGetItem), {@code FollowStore.expand} and the reminders.
     */
    public static final List<Call> NOTICE_UPLOAD = List.of(
            call("dynamodb:PutItem", Resource.TABLE, "NoticeUploads.upload → DraftStore.put; publish → Ingestion: the Puts inside"
                    + " NoticeStore.ingest's transactions, FollowExpansion (EXPANDED items, memberships), ReminderStore.plan;"
                    + " withdraw → the Puts inside NoticeStore.withdraw's transaction, AuditStore.append; a relay →"
                    + " RelayedTopicsStore.put (the office's relayed topics)"),
            call("dynamodb:GetItem", Resource.TABLE, "NoticeUploads.draft → DraftStore.get; publish → NoticeStore.feedStamp,"
                    + " SubscriberStore.byId, FollowedTopicsStore (the followers' offices)"),
            call("dynamodb:UpdateItem", Resource.TABLE, "publish → DraftStore.markPublished; the Updates inside NoticeStore.ingest"
                    + " (feed stamps), ReminderStore.cancel, FollowedTopicsStore.touch, SubscriberStore (a follower's topics)"),
            call("dynamodb:DeleteItem", Resource.TABLE, "publish → the Deletes inside NoticeStore.ingest and FollowExpansion"
                    + " (a pending expansion done)"),
            call("dynamodb:Query", Resource.TABLE, "publish → NoticeStore.notice, deadlines; FollowStore (a rule's followers);"
                    + " ReminderStore.ofSubscriber, NoticeStore.deadlinesOfTopics (ReminderPlanner); a draft's revision →"
                    + " NoticeStore.notice, SubscriberStore.subscriberIdsOf (a moved topic's subscribers)"),
            call("dynamodb:BatchGetItem", Resource.TABLE, "a draft's revision, a withdrawal → SubscriberStore.byIds (who would be"
                    + " told of a move or a withdrawal); a relay → SubscriberStore.byIds (the office's staff), ChoiceStore.of"
                    + " (topics they dropped), RelayedTopicsStore.relayed (the office's relayed topics)"),
            call("dynamodb:Query", Resource.GSI1, "a relay → NoticeStore.notices (is the call already public: the same document"
                    + " number, or issuer and title; upload.PublicCall)"),
            call("s3:PutObject", Resource.UPLOADS, "DirectUploads.offer → UploadBucket.presignPut: the uploader's PUT, made"
                    + " with the URL this role presigns (S3 authorises it as the role)"),
            call("s3:GetObject", Resource.UPLOADS, "DirectUploads.take → UploadBucket.read"),
            call("s3:DeleteObject", Resource.UPLOADS, "DirectUploads.take → UploadBucket.delete (whatever the outcome)"));

    /** Each Lambda handler class → its calls. */
    public static final Map<Class<?>, List<Call>> BY_HANDLER = Map.of(
            FeedHandler.class, FEED,
            SubscriptionHandler.class, SUBSCRIPTION,
            DispatchHandler.class, DISPATCH,
            SesNotificationHandler.class, BOUNCE,
            OfficeHandler.class, OFFICE,
            OfficeAuthorizer.class, AUTHORIZER,
            NoticeUploadHandler.class, NOTICE_UPLOAD,
            WebHandler.class, WEB);

    /**
     * Calls Lambda itself makes with a function's role, not the function's code: the asynchronous
     * invocation's OnFailure destination (AWS Lambda developer guide, "Capturing records of asynchronous
     * invocations": the execution role needs {@code sqs:SendMessage} on the queue). The template grants
     * them; no code path records them.
     */
    public static final Map<Class<?>, List<Call>> BY_LAMBDA = Map.of(
            DispatchHandler.class, List.of(call("sqs:SendMessage", Resource.DISPATCH_FAILURES,
                    "Lambda's asynchronous invocation: a run that failed all its attempts (EventInvokeConfig OnFailure)")));

    /** A handler's calls as {@link Call#key()}s. */
    public static Set<String> keys(Class<?> handler) {
        List<Call> calls = BY_HANDLER.get(handler);
        if (calls == null) {
            throw new IllegalArgumentException("no AWS calls listed for " + handler.getName());
        }
        Set<String> keys = new LinkedHashSet<>();
        calls.forEach(c -> keys.add(c.key()));
        return keys;
    }
}
