package cutoff.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The public mail domains an office may not vouch for, and how {@code org create} refuses them. */
class PublicMailDomainsTest {
    private final PublicMailDomains list = PublicMailDomains.shipped();

    /** Every entry of the shipped file: {@code =name} for a public-suffix entry (that name only). */
    private static List<String> entries() throws IOException {
        try (InputStream in = PublicMailDomains.class.getResourceAsStream("/office/public-mail-domains.txt")) {
            List<String> result = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    result.add(line.strip());
                }
            }
            return result;
        }
    }

    @Test
    void theMajorProviders_worldwideAndChinese_areListed() {
        String[] providers = {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
                "yahoo.co.jp", "yahoo.co.uk", "yahoo.com.cn", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
                "gmx.de", "gmx.net", "mail.ru", "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com", "yeah.net", "sina.com",
                "sina.cn", "sohu.com", "foxmail.com", "139.com", "189.cn", "aliyun.com", "tom.com", "21cn.com", "wo.cn"};
        for (String p : providers) {
            assertEquals(Optional.of(p), list.listed(p), p);
        }
    }

    @Test
    void aDomainUnderAListedProvider_isListedAsThatProvider_butOnlyAtALabelBoundary() {
        assertEquals(Optional.of("qq.com"), list.listed("mail.qq.com"));
        assertEquals(Optional.of("163.com"), list.listed("vip.163.com"));
        assertEquals(Optional.of("gmail.com"), list.listed("a.b.gmail.com"));
        assertEquals(Optional.empty(), list.listed("badqq.com"), "not under qq.com");
        assertEquals(Optional.empty(), list.listed("qq.com.example.edu.cn"));
        for (String ours : List.of("example.edu.cn", "tsinghua.edu.cn", "mails.tsinghua.edu.cn", "fudan.edu.cn", "sjtu.edu.cn",
                "cas.cn", "stcsm.sh.gov.cn", "nus.edu.sg", "xn--fsqu00a.cn")) {
            assertEquals(Optional.empty(), list.listed(ours), ours);
        }
    }

    @Test
    void everyEntry_isListed_andADomainUnderIt_isToo_unlessTheEntryIsAPublicSuffix() throws IOException {
        List<String> entries = entries();
        assertTrue(entries.size() > 10_000, "the whole published list: " + entries.size());
        Random random = new Random(15);
        int exactOnly = 0;
        for (String e : entries) {
            String name = e.startsWith("=") ? e.substring(1) : e;
            assertTrue(name.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+"), "stored form: " + e);
            assertEquals(Optional.of(name), list.listed(name), e);
            String under = "x" + random.nextInt(1_000_000) + "." + name;
            if (e.startsWith("=")) {
                exactOnly++;
                // A public suffix (net.ua): others register their own domains under it.
                assertTrue(list.listed(under).map(l -> !l.equals(name)).orElse(true), under);
            } else {
                assertEquals(Optional.of(name), list.listed(under), under);
            }
        }
        assertTrue(exactOnly > 0 && exactOnly < 10, "a few public-suffix entries: " + exactOnly);
        assertEquals(Optional.empty(), list.listed("kpi.net.ua"));
        assertEquals(Optional.of("net.ua"), list.listed("net.ua"));
    }

    @Test
    void anOffice_onAPublicDomain_isRefused_namingTheDomainAndTheFlag_unlessAllowed() {
        for (String typed : List.of("gmail.com", "@Gmail.COM", " qq.com ", "163.com")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Office.checkedDomains("某某大学科研处", List.of("example.edu.cn", typed), false), typed);
            String domain = typed.strip().replace("@", "").toLowerCase(java.util.Locale.ROOT);
            assertTrue(e.getMessage().startsWith("--email-domain " + domain + " is a public mail domain"), e.getMessage());
            assertTrue(e.getMessage().contains("--allow-public-domain"), e.getMessage());
        }
        IllegalArgumentException under = assertThrows(IllegalArgumentException.class,
                () -> Office.checkedDomains("x", List.of("mail.qq.com"), false));
        assertTrue(under.getMessage().startsWith("--email-domain mail.qq.com is under qq.com, a public mail domain"), under.getMessage());
        assertEquals(List.of("gmail.com", "mail.qq.com"), Office.checkedDomains("x", List.of("gmail.com", "mail.qq.com"), true));
        assertEquals(List.of("example.edu.cn"), Office.checkedDomains("x", List.of("example.edu.cn"), false));
    }
}
