// The office page's pure helpers (web/assets/office-text.mjs), under node --test (./cutoff test runs this).
// Rules are tested over generated forms: every minute of a day, every day of a leap year, every code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterCutoff, beijing, beijingFormatter, CODES, format, fromLocalInput, isTopicId, MAX_UPLOAD_BYTES, ownChoicesText,
  rowProblem, ruleFault, sizeText, toLocalInput, translator, uploadFault, webcal
} from '../../main/resources/web/assets/office-text.mjs';
import { FIELDS } from '../../main/resources/web/assets/office-api.mjs';

/** A t() that shows which key and arguments it was given: key(arg|arg). */
const echo = (key, ...args) => key + '(' + args.join('|') + ')';
const pad = (n, w = 2) => String(n).padStart(w, '0');

test('format puts each argument in its place and leaves a placeholder without one as written', () => {
  for (let n = 0; n < 10; n++) {
    const args = Array.from({ length: n }, (_, i) => 'a' + i);
    const text = Array.from({ length: 10 }, (_, i) => '{' + i + '}').join(' ');
    const expected = Array.from({ length: 10 }, (_, i) => (i < n ? 'a' + i : '{' + i + '}')).join(' ');
    assert.equal(format(text, args), expected);
  }
  assert.equal(format('{1} before {0}, {0} again', ['x', 0]), '0 before x, x again');
});

test('translator: a known key is its message, an unknown one (or an inherited name) is the key itself', () => {
  const t = translator({ office_a: 'A {0}', office_b: '' });
  assert.equal(t('office_a', 7), 'A 7');
  assert.equal(t('office_b'), '');
  assert.equal(t('office_missing', 1), 'office_missing');
  assert.equal(t('toString'), 'toString');
});

test('every rejected-row code is worded with its column, or as the whole row, and an unknown code shows the reason', () => {
  for (const [code, key] of Object.entries(CODES)) {
    assert.equal(key, 'office_code_' + code);
    for (const field of Object.keys(FIELDS).concat([null, 'nonsense'])) {
      const where = field && FIELDS[field] ? 'office_column(' + FIELDS[field] + '()|' + field + ')' : 'office_row_whole()';
      assert.equal(rowProblem({ code: code, field: field, reason: 'English reason' }, echo),
        'office_err_field(' + where + '|' + key + '())');
    }
  }
  assert.equal(rowProblem({ code: 'new_code', field: 'email', reason: 'the server says' }, echo), 'the server says');
  assert.equal(rowProblem({ code: 'toString', field: 'email' }, echo), '');
  assert.equal(rowProblem({ field: 'email', reason: 'no code' }, echo), 'no code');
});

test('a datetime-local value in Beijing time and the API instant round-trip over every minute of a day', () => {
  for (let minute = 0; minute < 24 * 60; minute++) {
    const local = '2026-06-01T' + pad(Math.floor(minute / 60)) + ':' + pad(minute % 60);
    const iso = fromLocalInput(local);
    assert.equal(iso, local + ':00+08:00');
    assert.equal(Date.parse(iso), Date.UTC(2026, 5, 1, 0, minute) - 8 * 3600 * 1000);
    assert.equal(toLocalInput(iso), local);
  }
  assert.equal(fromLocalInput('2026-06-01T12:00:30'), '2026-06-01T12:00:30+08:00', 'seconds are kept');
  for (const bad of ['', null, undefined, '2026-06-01', '12:00', 'tomorrow']) {
    assert.equal(fromLocalInput(bad), null, String(bad));
  }
});

test('an instant in another offset is shown as Beijing wall time, over every day of a leap year', () => {
  for (let day = 0; day < 366; day++) {
    const utc = new Date(Date.UTC(2024, 0, 1 + day, 20, 30)); // 04:30 the next day in Beijing
    const iso = utc.toISOString().replace('Z', '+00:00');
    const next = new Date(Date.UTC(2024, 0, 2 + day));
    assert.equal(toLocalInput(iso), next.toISOString().slice(0, 10) + 'T04:30');
    const inZurich = new Date(utc.getTime() + 2 * 3600 * 1000).toISOString().slice(0, 19) + '+02:00';
    assert.equal(toLocalInput(inZurich), toLocalInput(iso), 'the same instant in any offset');
  }
  assert.equal(toLocalInput('not a date'), '');
});

test('beijing: a bare date as it is, an instant in the message with Beijing wall time, in both languages', () => {
  for (const lang of ['zh', 'en']) {
    const show = beijingFormatter(lang);
    assert.equal(beijing('2026-06-01', echo, show), '2026-06-01');
    assert.equal(beijing('', echo, show), '');
    assert.equal(beijing('soon', echo, show), 'soon');
    for (let hour = 0; hour < 24; hour++) {
      const text = beijing('2026-06-01T' + pad(hour) + ':05:00Z', echo, show);
      const wall = pad((hour + 8) % 24) + ':05';
      assert.match(text, /^office_beijing_time\(.*\)$/);
      assert.ok(text.includes(wall), text + ' shows ' + wall);
    }
  }
  // Without Intl's zone data the fallback is YYYY-MM-DD HH:mm in Beijing.
  const plain = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
  assert.equal(beijing('2026-12-31T20:00:00Z', echo, plain), 'office_beijing_time(2027-01-01 04:00)');
});

test('the rule form: whole days of one to three digits and an HH:mm time, else the field at fault', () => {
  for (let h = 0; h < 24; h++) {
    for (let m = 0; m < 60; m++) {
      assert.equal(ruleFault('3', pad(h) + ':' + pad(m)), null);
    }
  }
  for (const at of ['24:00', '7:30', '12:60', '', '12-30', '1230']) {
    assert.equal(ruleFault('3', at), 'at', at);
  }
  for (const days of ['1', '60', '999']) {
    assert.equal(ruleFault(days, '16:30'), null, days);
  }
  for (const days of ['', '-1', '1.5', '1000', 'P3D', 'three']) {
    assert.equal(ruleFault(days, 'bad'), 'before', days + ': the days are named first');
  }
});

test('an override at or after a timed cutoff is caught before sending; a date-only cutoff is left to the API', () => {
  const cutoff = '2026-06-10T16:30:00+08:00';
  assert.equal(afterCutoff('2026-06-10T16:29:00+08:00', cutoff), false);
  assert.equal(afterCutoff('2026-06-10T16:30:00+08:00', cutoff), true);
  assert.equal(afterCutoff('2026-06-10T08:30:00Z', cutoff), true, 'the same instant, another offset');
  assert.equal(afterCutoff('2026-06-11T00:00:00+08:00', '2026-06-10'), false);
  assert.equal(afterCutoff('2026-06-11T00:00:00+08:00', undefined), false);
});

test('an upload is a .csv name or a CSV type, at most 4 MiB', () => {
  assert.equal(MAX_UPLOAD_BYTES, 4 * 1024 * 1024);
  for (const name of ['staff.csv', 'STAFF.CSV', 'a.b.Csv']) {
    assert.equal(uploadFault({ name: name, type: '', size: 10 }), null, name);
  }
  assert.equal(uploadFault({ name: 'staff', type: 'text/csv', size: 10 }), null);
  assert.equal(uploadFault({ name: 'staff.xlsx', type: 'application/vnd.ms-excel', size: 10 }), 'not_csv');
  assert.equal(uploadFault({ name: 'staff.csv.txt', type: 'text/plain', size: 10 }), 'not_csv');
  assert.equal(uploadFault({ name: 'staff.csv', type: 'text/csv', size: MAX_UPLOAD_BYTES }), null);
  assert.equal(uploadFault({ name: 'staff.csv', type: 'text/csv', size: MAX_UPLOAD_BYTES + 1 }), 'too_large');
});

test('sizes in bytes, KiB and MiB at each boundary', () => {
  assert.equal(sizeText(0, echo), 'office_size_bytes(0)');
  assert.equal(sizeText(1023, echo), 'office_size_bytes(1023)');
  assert.equal(sizeText(1024, echo), 'office_size_kib(1.0)');
  assert.equal(sizeText(1024 * 1024 - 1, echo), 'office_size_kib(1024.0)');
  assert.equal(sizeText(1024 * 1024, echo), 'office_size_mib(1.0)');
  assert.equal(sizeText(MAX_UPLOAD_BYTES + 1, echo), 'office_size_mib(4.0)');
});

test('own choices are named in the list order given, unknown ones as they are; none is no hint', () => {
  assert.equal(ownChoicesText([], echo), null);
  assert.equal(ownChoicesText(undefined, echo), null);
  assert.equal(ownChoicesText(['language', 'leadTimes', 'topics', 'later'], echo),
    'office_own_choices(office_own_language(), office_own_leadTimes(), office_own_topics(), later)');
});

test('topic ids and webcal URLs', () => {
  for (const id of ['2026-8-304af3-t1', 'a', 'A.b_c-1']) {
    assert.ok(isTopicId(id), id);
  }
  for (const id of ['', '-t1', '.t1', 't 1', 't/1', '专题一']) {
    assert.ok(!isTopicId(id), id);
  }
  assert.equal(webcal('https://cutoff.example.org/feeds/orgs/abc.ics'), 'webcal://cutoff.example.org/feeds/orgs/abc.ics');
  assert.equal(webcal('HTTP://127.0.0.1:8080/feeds/orgs/abc.ics'), 'webcal://127.0.0.1:8080/feeds/orgs/abc.ics');
});
