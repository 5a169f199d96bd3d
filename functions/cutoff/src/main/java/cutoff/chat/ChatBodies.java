package cutoff.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A post as each service's request body (the shapes in {@link ChatService}): WeCom and DingTalk markdown, Feishu/Lark a
 * rich-text {@code post}. Text from notices is shown as text: in markdown, the characters that would make a link, a
 * heading, emphasis or one of WeCom's {@code <font>} tags are replaced by their full-width forms, so a title cannot
 * post a link of its own.
 */
public final class ChatBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatBodies() {
    }

    /**
     * The JSON body of a post.
     *
     * @param signature for Feishu/Lark with a secret: {@code {timestamp seconds, sign}} to put in the body; else {@code null}
     */
    public static String body(ChatService service, ChatPost post, String[] signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (service) {
            case WECOM -> {
                body.put("msgtype", "markdown");
                body.put("markdown", Map.of("content", markdown(post, "\n")));
            }
            case DINGTALK -> {
                body.put("msgtype", "markdown");
                Map<String, Object> md = new LinkedHashMap<>();
                md.put("title", post.title());
                // DingTalk's markdown needs a blank line between paragraphs.
                md.put("text", markdown(post, "\n\n"));
                body.put("markdown", md);
            }
            case FEISHU, LARK -> {
                if (signature != null) {
                    body.put("timestamp", signature[0]);
                    body.put("sign", signature[1]);
                }
                List<List<Map<String, String>>> content = new ArrayList<>();
                for (String line : post.lines()) {
                    content.add(List.of(Map.of("tag", "text", "text", line)));
                }
                if (post.link() != null) {
                    content.add(List.of(Map.of("tag", "a", "text", post.linkText(), "href", post.link())));
                }
                Map<String, Object> zh = new LinkedHashMap<>();
                zh.put("title", post.title());
                zh.put("content", content);
                body.put("msg_type", "post");
                body.put("content", Map.of("post", Map.of("zh_cn", zh)));
            }
            default -> throw new IllegalStateException(service.id());
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The markdown text of WeCom ({@code "\n"} between lines) and DingTalk ({@code "\n\n"}). */
    static String markdown(ChatPost post, String between) {
        StringBuilder b = new StringBuilder("**").append(text(post.title())).append("**");
        for (String line : post.lines()) {
            b.append(between).append(text(line));
        }
        if (post.link() != null) {
            b.append(between).append('[').append(text(post.linkText())).append("](").append(post.link()).append(')');
        }
        return b.toString();
    }

    /** Text shown as text in markdown: {@code []()<>*_`#~|} as their full-width forms. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(ChatPost.ESCAPED.indexOf(c) >= 0 ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return b.toString();
    }
}
