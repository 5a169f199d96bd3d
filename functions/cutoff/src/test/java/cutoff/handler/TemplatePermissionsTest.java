package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.testing.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's function roles against {@link AwsCalls}: the template is transformed offline with
 * aws-sam-translator ({@code infra/sam/transform.py}, the library SAM and CloudFormation's transform
 * use), each function's role is found through its {@code AWS::Lambda::Function}'s {@code Role}, and
 * its inline policies must allow every call {@link AwsCalls} lists for the function's handler, on the
 * listed resource, and nothing else; its managed policies may only be Lambda's basic execution role
 * (CloudWatch Logs) and X-Ray's write-only access (tracing).
 *
 * <p>Python with {@code aws-sam-translator} is found as {@code .ci/run} finds cfn-lint: {@code
 * -Dcutoff.python=}, then {@code ~/.pyenv/shims/python} ({@code /root} without {@code HOME}), then
 * {@code python3} on the PATH. Without one the test fails, saying so.
 */
class TemplatePermissionsTest {
    private static final String PREFIX = "arn:${AWS::Partition}:";
    private static final String ACCOUNT = "${AWS::Region}:${AWS::AccountId}:";

    /** {@link AwsCalls.Resource} → its ARN as the transformed template writes it (intrinsics kept as text). */
    static final Map<AwsCalls.Resource, String> ARNS = Map.of(
            AwsCalls.Resource.TABLE, PREFIX + "dynamodb:" + ACCOUNT + "table/${CutoffTable}",
            AwsCalls.Resource.GSI1, PREFIX + "dynamodb:" + ACCOUNT + "table/${CutoffTable}/index/GSI1",
            AwsCalls.Resource.SES_IDENTITY, PREFIX + "ses:" + ACCOUNT + "identity/${MailFromIdentity}",
            AwsCalls.Resource.SES_CONFIGURATION_SET, PREFIX + "ses:" + ACCOUNT + "configuration-set/${SesConfigurationSet}",
            AwsCalls.Resource.DISPATCH_FAILURES, "${DispatchFailures.Arn}",
            AwsCalls.Resource.UPLOADS, "${NoticeUploadBucket.Arn}/" + cutoff.upload.DirectUploads.PREFIX + "*",
            AwsCalls.Resource.ANY, "*");

    /** Managed policies a function role may have: logs (AWSLambdaBasicExecutionRole) and tracing. */
    static final Set<String> MANAGED = Set.of(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess");

    private static JsonNode transformed;

    @BeforeAll
    static void transform() throws Exception {
        transformed = transformTemplate();
    }

    /** template.yaml as the CloudFormation JSON that SAM deploys (intrinsics kept), by infra/sam/transform.py. */
    static JsonNode transformTemplate() throws Exception {
        String python = python();
        Path out = Files.createTempFile("cutoff-template", ".json");
        Path err = Files.createTempFile("cutoff-template", ".err");
        try {
            Process p = new ProcessBuilder(python, "infra/sam/transform.py", "template.yaml")
                    .directory(Project.root().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("infra/sam/transform.py took over 120 s");
            }
            if (p.exitValue() != 0) {
                fail("infra/sam/transform.py failed (" + p.exitValue() + "): " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new ObjectMapper().readTree(out.toFile());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The first Python that imports samtranslator, or a failure naming the places looked at. */
    static String python() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getProperty("cutoff.python");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        String home = System.getProperty("user.home");
        candidates.add((home == null || home.isBlank() || home.equals("?") ? "/root" : home) + "/.pyenv/shims/python");
        candidates.add("/root/.pyenv/shims/python");
        candidates.add("python3");
        List<String> tried = new ArrayList<>();
        for (String candidate : new LinkedHashSet<>(candidates)) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import samtranslator")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
                p.destroyForcibly();
                tried.add(candidate + " (no samtranslator)");
            } catch (IOException notThere) {
                tried.add(candidate + " (not found)");
            }
        }
        fail("no Python with aws-sam-translator (pip install aws-sam-translator, or cfn-lint, which brings it);"
                + " looked at " + String.join(", ", tried) + "; set -Dcutoff.python=/path/to/python");
        return null;
    }

    /** Function logical id → its handler class name, from the transformed template. */
    private static Map<String, String> functions() {
        Map<String, String> result = new LinkedHashMap<>();
        transformed.get("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::Lambda::Function")) {
                result.put(e.getKey(), e.getValue().get("Properties").get("Handler").asText().split("::")[0]);
            }
        });
        return result;
    }

    private static JsonNode roleOf(String function) {
        JsonNode role = transformed.get("Resources").get(function).get("Properties").get("Role");
        assertTrue(role.has("Fn::GetAtt"), function + "'s role is made in the template: " + role);
        JsonNode resource = transformed.get("Resources").get(role.get("Fn::GetAtt").get(0).asText());
        assertEquals("AWS::IAM::Role", resource.get("Type").asText());
        return resource.get("Properties");
    }

    /** Every (action, resource ARN) an inline policy of the role allows, as "action resource". */
    private static Set<String> granted(String function, JsonNode role) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode policy : role.path("Policies")) {
            for (JsonNode statement : list(policy.get("PolicyDocument").get("Statement"))) {
                assertEquals("Allow", statement.get("Effect").asText(), function + ": " + statement);
                assertFalse(statement.has("NotAction") || statement.has("NotResource"),
                        function + " has a statement this test does not read: " + statement);
                // The one condition read here narrows and never widens: the partition keys a DynamoDB call may touch.
                assertTrue(!statement.has("Condition") || LEADING_KEYS.matcher(statement.get("Condition").toString()).matches(),
                        function + " has a condition this test does not read: " + statement);
                for (JsonNode action : list(statement.get("Action"))) {
                    for (JsonNode resource : list(statement.get("Resource"))) {
                        grants.add(action.asText() + " " + arn(resource));
                    }
                }
            }
        }
        return grants;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (node.isArray()) {
            node.forEach(result::add);
        } else {
            result.add(node);
        }
        return result;
    }

    private static final Pattern LEADING_KEYS = Pattern.compile("\\{\"ForAllValues:StringLike\":\\{\"dynamodb:LeadingKeys\":\\[[^]]+]}}");
    private static final Pattern TABLE_ARN = Pattern.compile("\\$\\{(\\w+)\\.Arn}");

    /**
     * A resource as text: {@code Fn::GetAtt [T, Arn]} and {@code ${T.Arn}} of a DynamoDB table become its
     * ARN with {@code ${T}} for the name (as SAM's policy templates write it); {@code Fn::Sub} with a
     * variable map has the variables put in; {@code Ref X} is {@code ${X}}.
     */
    static String arn(JsonNode resource) {
        if (resource.isTextual()) {
            return resource.asText();
        }
        if (resource.has("Ref")) {
            return "${" + resource.get("Ref").asText() + "}";
        }
        if (resource.has("Fn::GetAtt")) {
            return tableArns("${" + resource.get("Fn::GetAtt").get(0).asText() + "." + resource.get("Fn::GetAtt").get(1).asText() + "}");
        }
        if (resource.has("Fn::Sub")) {
            JsonNode sub = resource.get("Fn::Sub");
            if (sub.isTextual()) {
                return tableArns(sub.asText());
            }
            String text = sub.get(0).asText();
            for (var v : (Iterable<Map.Entry<String, JsonNode>>) sub.get(1)::fields) {
                String value = arn(v.getValue());
                text = text.replace("${" + v.getKey() + "}", value);
            }
            return tableArns(text);
        }
        throw new AssertionError("a resource this test does not read: " + resource);
    }

    private static String tableArns(String text) {
        Matcher m = TABLE_ARN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonNode target = transformed.get("Resources").get(m.group(1));
            String replacement = target != null && target.get("Type").asText().equals("AWS::DynamoDB::Table")
                    ? PREFIX + "dynamodb:" + ACCOUNT + "table/${" + m.group(1) + "}" : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** True when a grant ("action resource", either with IAM's * and ? wildcards) covers a call. */
    static boolean covers(String grant, String call) {
        String[] g = grant.split(" ", 2);
        String[] c = call.split(" ", 2);
        return glob(g[0]).matcher(c[0]).matches() && glob(g[1]).matcher(c[1]).matches();
    }

    /** IAM's wildcards: * any run of characters, ? one; actions compare without case. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** What AwsCalls lists for a handler, as "action resource-ARN". */
    private static Set<String> expected(Class<?> handler) {
        Set<String> result = new TreeSet<>();
        for (AwsCalls.Call c : AwsCalls.BY_HANDLER.get(handler)) {
            result.add(c.action() + " " + ARNS.get(c.resource()));
        }
        for (AwsCalls.Call c : AwsCalls.BY_LAMBDA.getOrDefault(handler, List.of())) {
            result.add(c.action() + " " + ARNS.get(c.resource()));
        }
        return result;
    }

    @Test
    void everyListedAction_isAnIamAction_notAnApiOperationIamDoesNotKnow() {
        AwsCalls.BY_HANDLER.values().forEach(calls -> calls.forEach(c ->
                assertFalse(c.action().startsWith("dynamodb:Transact"), c.action() + ": IAM authorises a transaction item by item")));
    }

    @Test
    void theAuthorizersRole_readsTheKeysItemsOnly() {
        JsonNode statement = roleOf("OfficeAuthorizerFunction").get("Policies").get(0).get("PolicyDocument").get("Statement").get(0);
        assertEquals("dynamodb:GetItem", statement.get("Action").asText());
        assertEquals("[\"ORGKEY#*\",\"EDKEY#*\"]", statement.get("Condition").get("ForAllValues:StringLike").get("dynamodb:LeadingKeys").toString(),
                "the partition keys of office keys (cutoff.store.CutoffTable.officeKeyPk) and editor keys (EditorStore.keyPk)");
    }

    @Test
    void everyFunction_hasAHandlerWithItsCallsListed() throws Exception {
        Map<String, String> functions = functions();
        assertEquals(8, functions.size(), functions.toString());
        Set<Class<?>> handlers = new LinkedHashSet<>();
        for (String handler : functions.values()) {
            handlers.add(Class.forName(handler));
        }
        assertEquals(AwsCalls.BY_HANDLER.keySet(), handlers, "AwsCalls lists exactly the template's handlers");
    }

    @Test
    void eachRole_allowsEveryCallItsCodeMakes_andNoOtherAction() throws Exception {
        List<String> problems = new ArrayList<>();
        for (var f : functions().entrySet()) {
            JsonNode role = roleOf(f.getKey());
            Set<String> granted = granted(f.getKey(), role);
            Set<String> expected = expected(Class.forName(f.getValue()));
            for (String call : expected) {
                if (granted.stream().noneMatch(g -> covers(g, call))) {
                    problems.add(f.getKey() + " is not allowed " + call);
                }
            }
            for (String grant : granted) {
                if (!expected.contains(grant)) {
                    problems.add(f.getKey() + " is allowed " + grant + ", which AwsCalls does not list for " + f.getValue());
                }
            }
            for (JsonNode managed : role.path("ManagedPolicyArns")) {
                if (!MANAGED.contains(managed.asText())) {
                    problems.add(f.getKey() + " has managed policy " + managed + " (only " + MANAGED + ")");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void sendingIsAllowedOnTheIdentityAndTheConfigurationSet_theTemplateSendsWith() {
        // The configuration set the functions send with is the one whose ARN they are granted.
        JsonNode env = transformed.get("Resources").get("DispatchFunction").get("Properties").get("Environment").get("Variables");
        assertEquals("SesConfigurationSet", env.get("SES_CONFIGURATION_SET").get("Ref").asText());
        assertEquals("AWS::SES::ConfigurationSet", transformed.get("Resources").get("SesConfigurationSet").get("Type").asText());
        for (String function : List.of("SubscriptionFunction", "DispatchFunction")) {
            Set<String> granted = granted(function, roleOf(function));
            assertTrue(granted.contains("ses:SendEmail " + ARNS.get(AwsCalls.Resource.SES_CONFIGURATION_SET)), function);
            assertTrue(granted.contains("ses:SendEmail " + ARNS.get(AwsCalls.Resource.SES_IDENTITY)), function);
        }
    }

    @Test
    void theChecks_catchAWiderGrant() {
        // SAM's DynamoDBCrudPolicy, as the functions had: Scan and the index wildcard are caught.
        JsonNode crud;
        try {
            crud = new ObjectMapper().readTree("""
                    {"Policies": [{"PolicyDocument": {"Statement": [{"Effect": "Allow",
                      "Action": ["dynamodb:GetItem", "dynamodb:Scan"],
                      "Resource": [{"Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
                                                {"tableName": {"Ref": "CutoffTable"}}]},
                                   {"Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*",
                                                {"tableName": {"Ref": "CutoffTable"}}]}]}]}}]}""");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> granted = granted("example", crud);
        assertTrue(granted.contains("dynamodb:GetItem " + ARNS.get(AwsCalls.Resource.TABLE)), granted.toString());
        assertTrue(covers("dynamodb:Query " + ARNS.get(AwsCalls.Resource.TABLE) + "/index/*",
                "dynamodb:Query " + ARNS.get(AwsCalls.Resource.GSI1)));
        assertFalse(covers("dynamodb:Query " + ARNS.get(AwsCalls.Resource.TABLE),
                "dynamodb:Query " + ARNS.get(AwsCalls.Resource.GSI1)));
        assertFalse(covers("ses:SendEmail " + ARNS.get(AwsCalls.Resource.SES_IDENTITY),
                "ses:SendEmail " + ARNS.get(AwsCalls.Resource.SES_CONFIGURATION_SET)));
        Set<String> extra = new TreeSet<>(granted);
        extra.removeAll(expected(FeedHandler.class));
        assertEquals(Set.of("dynamodb:GetItem " + ARNS.get(AwsCalls.Resource.TABLE) + "/index/*",
                "dynamodb:Scan " + ARNS.get(AwsCalls.Resource.TABLE),
                "dynamodb:Scan " + ARNS.get(AwsCalls.Resource.TABLE) + "/index/*"), extra);
    }
}
