// Reads iCalendar feeds with ical.js (Mozilla's parser, as in Thunderbird) and prints what a calendar
// app would show: one JSON object per event, its start as a UTC instant computed by ical.js from the
// feed's own VTIMEZONE. Usage: node check.mjs FEED.ics [WALL_TIMES.json]  ->  JSON object on stdout:
//   {name, refresh, events: [{uid, summary, ..., startUtc, endUtc, ...}], offsets?}
// With WALL_TIMES.json ({"Europe/Oslo": ["2026-03-29T01:30:00", ...], ...}, local wall times in each
// zone), "offsets" gives, per TZID, the UTC offset in seconds that ical.js's ICAL.Timezone#utcOffset
// derives for each of those wall times from the feed's VTIMEZONE (null when the feed has no such zone).
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
const calendar = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(vtimezone);
}
// ICAL.Event looks through every VEVENT of the calendar for its exceptions (RECURRENCE-ID) when not
// given them: quadratic in a feed of tens of thousands of events. Find them once and pass them.
const vevents = calendar.getAllSubcomponents('vevent');
const exceptions = vevents.filter((vevent) => vevent.hasProperty('recurrence-id'));
const events = vevents.map((vevent) => {
  const event = new ICAL.Event(vevent, vevent.hasProperty('recurrence-id') ? {} : { exceptions });
  const start = event.startDate;
  const tzid = vevent.getFirstProperty('dtstart').getParameter('tzid') || null;
  const dtend = vevent.getFirstProperty('dtend');
  const end = dtend ? dtend.getFirstValue() : null;
  return {
    uid: event.uid,
    summary: event.summary,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    isDate: start.isDate,
    tzid,
    tzKnown: tzid === null || ICAL.TimezoneService.has(tzid),
    date: start.isDate ? start.toString() : null,
    startUtc: start.isDate ? null : start.toJSDate().toISOString(),
    endTzid: dtend ? dtend.getParameter('tzid') || null : null,
    endDate: end && end.isDate ? end.toString() : null,
    endUtc: end && !end.isDate ? end.toJSDate().toISOString() : null,
    url: vevent.getFirstPropertyValue('url'),
    description: vevent.getFirstPropertyValue('description'),
    dtstamp: vevent.getFirstPropertyValue('dtstamp').toJSDate().toISOString(),
  };
});
let offsets;
if (process.argv[3]) {
  offsets = {};
  const wallTimes = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  for (const [tzid, walls] of Object.entries(wallTimes)) {
    const zone = ICAL.TimezoneService.has(tzid) ? ICAL.TimezoneService.get(tzid) : null;
    offsets[tzid] = walls.map((wall) => (zone ? zone.utcOffset(ICAL.Time.fromDateTimeString(wall)) : null));
  }
}
process.stdout.write(JSON.stringify({
  name: calendar.getFirstPropertyValue('x-wr-calname'),
  refresh: String(calendar.getFirstPropertyValue('refresh-interval') || ''),
  events,
  offsets,
}, null, 1));
