package cutoff.web;

import java.util.HashMap;
import java.util.Map;

/** The "add to calendar" links of a feed (the partial {@code calendar-links.mustache}). */
final class CalendarLinks {
    private CalendarLinks() {
    }

    /**
     * The links' view: {@code webcal://},
     * Google Calendar's and Outlook's subscribe links, and the https URL in a read-only field with a copy
     * button. The personal feed's page and a topic's page use it alike.
     *
     * @param https       the feed's https (or, locally, http) URL
     * @param name        the calendar's name Outlook shows
     * @param fieldId     the {@code id} of the field holding the URL
     * @param webcalLabel the webcal link's text; {@code fieldLabel} the field's label
     */
    static Map<String, Object> view(String https, String name, String fieldId, String webcalLabel, String fieldLabel) {
        String webcal = "webcal://" + https.replaceFirst("^https?://", "");
        Map<String, Object> calendar = new HashMap<>();
        calendar.put("feedUrl", https);
        calendar.put("webcalUrl", webcal);
        calendar.put("webcalLabel", webcalLabel);
        calendar.put("googleUrl", "https://calendar.google.com/calendar/r?cid=" + Layout.encode(webcal));
        calendar.put("outlookUrl", "https://outlook.live.com/calendar/0/addfromweb?url=" + Layout.encode(https) + "&name=" + Layout.encode(name));
        calendar.put("feedFieldId", fieldId);
        calendar.put("feedFieldLabel", fieldLabel);
        return calendar;
    }

}
