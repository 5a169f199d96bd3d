/**
 * A research office's group chat (issue 19: offices reach their staff "where they talk"): WeCom (企业微信) group
 * robots, DingTalk (钉钉) custom robots and Feishu/Lark (飞书) custom bots, each a webhook the office copies from its
 * chat app. {@link cutoff.chat.ChatWebhook} recognises the copied URL (only the services' own hosts and paths: the
 * service and token are kept, never the URL), {@link cutoff.chat.ChatSigning} signs, {@link cutoff.chat.ChatBodies}
 * writes each service's request body, {@link cutoff.chat.ChatSender} is the seam ({@link cutoff.chat.WebhookSender}: the
 * JDK's {@code HttpClient}, no redirects), {@link cutoff.chat.ChatComposer} says what is posted. Below {@code store/}
 * (which keeps the connection and the queued posts) and {@code dispatch/} (which sends them).
 */
package cutoff.chat;
