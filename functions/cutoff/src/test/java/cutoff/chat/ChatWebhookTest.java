package cutoff.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhook URLs taken: generated from each service's real form, every variant of scheme, host, port, user info,
 * encoding, path and query; only the real forms (hosts in any case, spaces around) are taken.
 */
class ChatWebhookTest {
    private static final String KEY = "693a91f6-7b2c-4bc4-97a0-0ec2aaaa5aaa";
    private static final String DING = "b10deee3d9e2dbc21ce57eb9f80da23a643ebe83154dd6b086486da2c833acb6";
    private static final String FEI = "5e3d587e-d78e-4a07-bd07-265f269f86fd";

    /** service → {host, path before the token, the token}. */
    private static final Map<ChatService, String[]> REAL = Map.of(
            ChatService.WECOM, new String[] {"qyapi.weixin.qq.com", "/cgi-bin/webhook/send?key=", KEY},
            ChatService.DINGTALK, new String[] {"oapi.dingtalk.com", "/robot/send?access_token=", DING},
            ChatService.FEISHU, new String[] {"open.feishu.cn", "/open-apis/bot/v2/hook/", FEI},
            ChatService.LARK, new String[] {"open.larksuite.com", "/open-apis/bot/v2/hook/", FEI});

    @Test
    void takesEachServicesRealFormInAnyHostCase() throws Exception {
        for (var e : REAL.entrySet()) {
            String[] r = e.getValue();
            for (String host : List.of(r[0], r[0].toUpperCase(Locale.ROOT), Character.toUpperCase(r[0].charAt(0)) + r[0].substring(1))) {
                for (String around : List.of("", " ", "\t", "\n ")) {
                    ChatWebhook w = ChatWebhook.parse(around + "https://" + host + r[1] + r[2] + around, null);
                    assertEquals(e.getKey(), w.service(), host);
                    assertEquals(r[2], w.token());
                    assertNull(w.secret());
                }
            }
        }
    }

    @Test
    void refusesEveryOtherScheme_host_port_userInfo_encoding_path_andQuery() {
        for (var e : REAL.entrySet()) {
            String[] r = e.getValue();
            String host = r[0];
            String path = r[1];
            String token = r[2];
            List<String> bad = new ArrayList<>();
            for (String scheme : List.of("http://", "HTTPS://", "ftp://", "//", "https:/", "https:///", "", "javascript:", "file://")) {
                bad.add(scheme + host + path + token);
            }
            for (String h : List.of(host + ".evil.example", "evil" + host, "x." + host, host + ".", host.replace('.', '-'),
                    "127.0.0.1", "[::1]", "169.254.169.254", "2130706433", "0x7f000001", "localhost", "evil.example",
                    host.replace("o", "%6f"), host.replace("o", "\u043e"), host + "\\@evil.example")) {
                bad.add("https://" + h + path + token);
            }
            for (String port : List.of(":443", ":80", ":8443", ":", ":0")) {
                bad.add("https://" + host + port + path + token);
            }
            for (String user : List.of("user@", "user:pass@", "evil.example@", host + "@")) {
                bad.add("https://" + user + host + path + token);
            }
            bad.add("https://" + host + "@evil.example" + path + token);
            bad.add("https://" + host + "#@evil.example" + path + token);
            bad.add("https://" + host + path.replace("/", "//") + token);
            bad.add("https://" + host + path.toUpperCase(Locale.ROOT) + token);
            bad.add("https://" + host + "/x/.." + path + token);
            bad.add("https://" + host + path.replace("e", "%65") + token);
            bad.add("https://" + host + path + token.substring(0, 4) + "%2F" + token.substring(4));
            bad.add("https://" + host + path + token + "/");
            bad.add("https://" + host + path + token + "#x");
            bad.add("https://" + host + path + token + "?x=1");
            bad.add("https://" + host + path + token + "&x=1");
            bad.add("https://" + host + path + token + "&redirect=https://evil.example");
            bad.add("https://" + host + path + token + " https://evil.example");
            bad.add("https://" + host + path + "short");
            bad.add("https://" + host + path + "a".repeat(200));
            bad.add("https://" + host + path + token.replace('a', '@'));
            bad.add("https://" + host + path);
            bad.add("https://" + host);
            bad.add("https://" + host + "/");
            for (String u : bad) {
                ChatWebhook.BadWebhook refused = assertThrows(ChatWebhook.BadWebhook.class, () -> ChatWebhook.parse(u, null), u);
                assertEquals("webhook", refused.field());
                assertFalse(refused.getMessage().contains("evil"), refused.getMessage());
            }
        }
    }

    @Test
    void aServiceOnAnotherServicesPathIsRefused() {
        for (var a : REAL.entrySet()) {
            for (var b : REAL.entrySet()) {
                if (!a.getValue()[1].equals(b.getValue()[1])) {
                    String u = "https://" + a.getValue()[0] + b.getValue()[1] + b.getValue()[2];
                    assertThrows(ChatWebhook.BadWebhook.class, () -> ChatWebhook.parse(u, null), u);
                }
            }
        }
    }

    @Test
    void aSecretIsTakenForSigningServicesOnly_andNeverShown() throws Exception {
        String secret = "SEC" + "0123456789abcdef".repeat(4);
        ChatWebhook ding = ChatWebhook.parse("https://oapi.dingtalk.com/robot/send?access_token=" + DING, " " + secret + " ");
        assertEquals(secret, ding.secret());
        assertFalse(ding.toString().contains(secret));
        assertFalse(ding.toString().contains(DING));
        assertTrue(ding.maskedToken().startsWith(DING.substring(0, 4)));
        assertFalse(ding.maskedToken().contains(DING.substring(0, 8)));
        assertNull(ChatWebhook.parse("https://open.feishu.cn/open-apis/bot/v2/hook/" + FEI, "  ").secret());
        ChatWebhook.BadWebhook wecom = assertThrows(ChatWebhook.BadWebhook.class,
                () -> ChatWebhook.parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY, secret));
        assertEquals("secret", wecom.field());
        for (String bad : List.of("short", "a b c d e f g h", "x".repeat(129), "abc\ndefghij", "秘密秘密秘密秘密秘密")) {
            ChatWebhook.BadWebhook refused = assertThrows(ChatWebhook.BadWebhook.class,
                    () -> ChatWebhook.parse("https://open.feishu.cn/open-apis/bot/v2/hook/" + FEI, bad));
            assertEquals("secret", refused.field());
            assertFalse(refused.getMessage().contains(bad));
        }
    }

    @Test
    void noURLOrAnOverlongOneIsRefusedNamingTheField() {
        for (String u : new String[] {null, "", "   ", "https://open.feishu.cn/open-apis/bot/v2/hook/" + "a".repeat(400)}) {
            assertEquals("webhook", assertThrows(ChatWebhook.BadWebhook.class, () -> ChatWebhook.parse(u, null)).field());
        }
    }

    @Test
    void thePostURLIsBuiltFromTheServicesOwnBase() throws Exception {
        for (var e : REAL.entrySet()) {
            String[] r = e.getValue();
            ChatWebhook w = ChatWebhook.parse("https://" + r[0].toUpperCase(Locale.ROOT) + r[1] + r[2], null);
            assertEquals("https://" + r[0] + r[1] + r[2], new WebhookSender(null, java.time.Clock.systemUTC()).uri(w, 0).toString());
            assertEquals("http://127.0.0.1:9/x" + r[1] + r[2],
                    new WebhookSender("http://127.0.0.1:9/x", java.time.Clock.systemUTC()).uri(w, 0).toString());
        }
    }
}
