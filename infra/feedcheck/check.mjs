// Reads iCalendar feeds with ical.js (Mozilla's parser, as in Thunderbird) and prints what a calendar
// app would show: one JSON object per event, its start as a UTC instant computed by ical.js from the
// feed's own VTIMEZONE. Usage: node check.mjs FEED.ics  ->  JSON array on stdout.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
const calendar = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(vtimezone);
}
const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  const tzid = vevent.getFirstProperty('dtstart').getParameter('tzid') || null;
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
    dtstamp: vevent.getFirstPropertyValue('dtstamp').toJSDate().toISOString(),
  };
});
process.stdout.write(JSON.stringify({
  name: calendar.getFirstPropertyValue('x-wr-calname'),
  refresh: String(calendar.getFirstPropertyValue('refresh-interval') || ''),
  events,
}, null, 1));
