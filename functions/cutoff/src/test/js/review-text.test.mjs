// The review pages' pure rules (web/assets/review-text.mjs), under node --test (./cutoff test runs this).
// Rules are tested over generated forms: a sentence broken at every place, every minute of a day, every status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIELDS, getAt, highlights, instantOf, joinDate, KINDS, kindKey, lineStarts, locate, MAX_NOTICE_BYTES, noticeFileFault, officeReading,
  problem, readings, reasonLines, ruleOf, setAt, setByPerson, splitDate, STATUS_KEYS, topicOfLine, yearOk
} from '../../main/resources/web/assets/review-text.mjs';

const echo = (key, ...args) => key + '(' + args.join('|') + ')';
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** A sentence with a date in it, as the reader's source names it: {text, from, to}. */
function sentence(before, date, after) {
  return { text: before + date + after, from: before.length, to: before.length + date.length };
}

test('locate finds the span from its line on, wherever the text breaks the sentence over lines (and adds spaces)', () => {
  const s = sentence('网上申报截止时间为', '2026年9月5日16:30', '，逾期不予受理。');
  const head = ['关于组织申报示例项目的通知', '各有关单位：', '一、申报要求'];
  for (let cut = 0; cut <= s.text.length; cut++) {
    for (const gap of ['\n', '\n  ', ' \n']) {
      const body = s.text.slice(0, cut) + gap + s.text.slice(cut);
      const text = head.join('\n') + '\n' + body + '\n（盖章）';
      const range = locate(text, lineStarts(text), { line: head.length + 1, from: s.from, to: s.to, text: s.text });
      assert.ok(range, 'found with a break at ' + cut);
      assert.equal(text.slice(range[0], range[1]).replace(/\s+/g, ''), '2026年9月5日16:30', 'break at ' + cut);
    }
  }
});

test('locate takes the occurrence on the source\'s line, not an earlier one, and a line that does not line up falls back to the span', () => {
  const lines = ['截止时间为9月5日。', '其他', '推荐单位于9月5日前报送。'];
  const text = lines.join('\n');
  const s = sentence('推荐单位于', '9月5日', '前报送。');
  const r = locate(text, lineStarts(text), { line: 3, from: s.from, to: s.to, text: s.text });
  assert.deepEqual(r, [text.indexOf('推荐') + 5, text.indexOf('推荐') + 9]);
  // The sentence as the reader joined it differs from the text (a heading glued on): the span is still found on its line.
  const glued = { line: 3, from: 7, to: 11, text: '二、推荐单位于9月5日前报送。' };
  assert.deepEqual(locate(text, lineStarts(text), glued), r);
  // Not there at all: null.
  assert.equal(locate(text, lineStarts(text), { line: 1, from: 0, to: 5, text: '10月1日前' }), null);
  assert.equal(locate(text, lineStarts(text), null), null);
});

function notice(window, deadlines, foreign) {
  return { id: 'n', topics: [{ id: 'n-t1', title: 'T', window: window, deadlines: deadlines || [], foreignDeadlines: foreign || [] }] };
}

test('readings: a window gives its opening and its cutoff, each its side of the span; then further and foreign-side ones', () => {
  for (const sep of ['至', '到', '—', '－', '~', '～']) {
    const s = sentence('申报时间为', '2026年8月1日9:00' + sep + '9月5日16:30', '。');
    const rs = readings(notice({ opens: '2026-08-01T09:00:00+08:00', closes: '2026-09-05T16:30:00+08:00', confidence: 'review',
      reasons: ['why'], source: Object.assign({ line: 1 }, s) },
    [{ kind: 'PAPER_COPY', closes: '2026-09-10', confidence: 'sure' }],
    [{ partner: 'Finland', date: '2026-09-30', confidence: 'review', reasons: ['r'] }]));
    assert.deepEqual(rs.map((r) => r.kind), ['OPENS', 'CLOSES', 'PAPER_COPY', 'FOREIGN']);
    assert.deepEqual(rs.map((r) => r.i), [0, 1, 2, 3]);
    assert.equal(s.text.slice(rs[0].source.from, rs[0].source.to), '2026年8月1日9:00', sep);
    assert.equal(s.text.slice(rs[1].source.from, rs[1].source.to), '9月5日16:30', sep);
    assert.deepEqual(rs.map((r) => r.review), [false, true, false, true], 'the window\'s confidence is its cutoff\'s');
    assert.deepEqual(rs.map((r) => r.base), ['/topics/0/window', '/topics/0/window', '/topics/0/deadlines/0', '/topics/0/foreignDeadlines/0']);
  }
  // A window without an opening: its whole span is the cutoff's.
  const s = sentence('截止时间为', '9月5日', '。');
  const only = readings(notice({ closes: '2026-09-05', source: Object.assign({ line: 1 }, s) }));
  assert.deepEqual(only.map((r) => [r.kind, r.source.from, r.source.to]), [['CLOSES', s.from, s.to]]);
});

test('highlights: one per span in text order, readings of the same span share it, an overlapping or missing one is unplaced', () => {
  const text = '甲截止时间为9月5日。乙于9月10日前。';
  const src = (date) => ({ line: 1, from: text.indexOf(date), to: text.indexOf(date) + date.length, text: text });
  const items = [
    { i: 0, source: src('9月10日') },
    { i: 1, source: src('9月5日') },
    { i: 2, source: src('9月5日') },
    { i: 3, source: { line: 1, from: text.indexOf('5日'), to: text.indexOf('5日') + 2, text: text } },
    { i: 4, source: { line: 1, from: 0, to: 3, text: '不存在的' } },
    { i: 5, source: null }
  ];
  const h = highlights(text, items);
  assert.deepEqual(h.marks.map((m) => [text.slice(m.start, m.end), m.items]), [['9月5日', [1, 2]], ['9月10日', [0]]]);
  assert.deepEqual(h.unplaced, [3, 4]);
});

test('joinDate and splitDate: every minute of a day goes there and back, at its offset; a bare date stays bare', () => {
  for (let m = 0; m < 24 * 60; m++) {
    const time = pad(Math.floor(m / 60)) + ':' + pad(m % 60);
    const v = joinDate('2026-09-05', time, '+08:00');
    assert.equal(v, '2026-09-05T' + time + ':00+08:00');
    assert.deepEqual(splitDate(v), { date: '2026-09-05', time: time, offset: '+08:00' });
  }
  assert.equal(joinDate('2026-09-05', '', '+08:00'), '2026-09-05');
  assert.deepEqual(splitDate('2026-09-05'), { date: '2026-09-05', time: '', offset: '+08:00' });
  assert.deepEqual(splitDate('2026-09-05T16:30:00Z'), { date: '2026-09-05', time: '16:30', offset: '+00:00' });
  assert.equal(joinDate('', '16:30', '+08:00'), null);
  assert.equal(joinDate('2026-9-5', '', '+08:00'), null);
  assert.equal(joinDate('2026-09-05', '4pm', '+08:00'), null);
});

test('JSON Pointers: get and set (RFC 6901 escapes), removal, and what a person set at or under a pointer', () => {
  const doc = { topics: [{ window: { closes: 'a', 'x/y': 1, 'm~n': 2 } }] };
  assert.equal(getAt(doc, '/topics/0/window/closes'), 'a');
  assert.equal(getAt(doc, '/topics/0/window/x~1y'), 1);
  assert.equal(getAt(doc, '/topics/0/window/m~0n'), 2);
  assert.equal(getAt(doc, '/topics/3/window'), undefined);
  setAt(doc, '/topics/0/window/closes', 'b');
  setAt(doc, '/topics/0/window/x~1y', undefined);
  assert.deepEqual(doc.topics[0].window, { closes: 'b', 'm~n': 2 });
  const set = ['/topics/0/window/closes', '/topics/1/deadlines/0'];
  assert.ok(setByPerson(set, '/topics/0/window/closes'));
  assert.ok(setByPerson(set, '/topics/1'));
  assert.ok(!setByPerson(set, '/topics/0/window/close'));
  assert.ok(!setByPerson(set, '/topics/1/deadlines/00'));
  assert.ok(!setByPerson(undefined, '/topics'));
});

test('a notice file is checked before it is sent: empty, over 10 MiB, or fine; a year is four digits or nothing', () => {
  assert.equal(noticeFileFault({ name: 'a.pdf', size: 0 }), 'empty');
  assert.equal(noticeFileFault(null), 'empty');
  assert.equal(noticeFileFault({ name: 'a.pdf', size: MAX_NOTICE_BYTES }), null);
  assert.equal(noticeFileFault({ name: 'a.pdf', size: MAX_NOTICE_BYTES + 1 }), 'too_large');
  for (let y = 1800; y < 2200; y++) {
    assert.equal(yearOk(String(y)), y >= 1900 && y < 2100, String(y));
  }
  assert.ok(yearOk(''));
  assert.ok(!yearOk('26'));
});

test('problem: every status an action can get is said with its sentence, naming the field, and keeps the server\'s reason', () => {
  for (const action of Object.keys(STATUS_KEYS)) {
    for (const status of Object.keys(STATUS_KEYS[action])) {
      for (const field of Object.keys(FIELDS)) {
        const said = problem({ status: +status, data: { error: 'why', field: field } }, action, echo);
        const label = FIELDS[field] === 'review_field_body' ? (action === 'upload' ? 'review_field_file' : 'review_field_reading') : FIELDS[field];
        assert.equal(said, 'review_err_field(' + label + '()|' + STATUS_KEYS[action][status] + '()|why)');
      }
    }
  }
  assert.equal(problem({ status: 0 }, 'upload', echo), 'review_err_network()');
  assert.equal(problem({ status: 401, data: {} }, 'save', echo), 'review_err_key()');
  assert.equal(problem({ status: 403, data: { message: 'Forbidden' } }, 'upload', echo), 'review_err_key()');
  assert.equal(problem({ status: 500, data: null }, 'publish', echo), 'review_err_server(500)');
  assert.equal(problem({ status: 501, data: { error: 'relay', field: 'draftId' } }, 'publish', echo),
    'review_err_field(review_field_draft()|review_err_relay()|relay)');
  assert.equal(problem({ status: 418, data: null }, 'save', echo), 'review_err_plain(review_err_other()|418)');
  assert.deepEqual(reasonLines({ data: { reasons: 'a\n\nb\n' } }), ['a', 'b']);
  assert.deepEqual(reasonLines({ data: {} }), []);
  // The API's refusal lists its reasons (NoticeUploadHandler.refusal: "reasons": [...]).
  assert.deepEqual(reasonLines({ data: { reasons: ['a', ' ', 'b'] } }), ['a', 'b']);
});

test('a relay refusal\'s line is placed at the topic it names, the longest name first, by name or by id', () => {
  // Topics 专题一 … 专题十二, each with a title; the API's lines as OfficeDates and PublicCall write them.
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
  const topics = numerals.map((n, i) => ({ id: 'r0123456789abcdef-0123456789-t' + (i + 1), key: '专题' + n, title: '示例方向' }));
  topics.forEach((topic, i) => {
    const name = topic.key + ' ' + topic.title;
    assert.equal(topicOfLine('topic ' + name + ': the office\'s date 2026-06-12 17:00 is in the past', topics), i, name);
    assert.equal(topicOfLine('topic ' + name + ' (' + topic.id + ') needs the office\'s date: add a RELAY deadline', topics), i);
    assert.equal(topicOfLine('topic ' + name + ' (x-1) is not a topic of the public notice', topics), i);
  });
  const untitled = [{ id: 'a-t1', title: 'Only' }];
  assert.equal(topicOfLine('topic Only: the public call\'s topic a-t1 has no live cutoff', untitled), 0);
  assert.equal(topicOfLine('a topic has no cutoff', topics), -1);
  assert.equal(topicOfLine('topic 专题十三 示例方向: x', topics), -1);
});

test('a relay topic\'s office date is its earliest RELAY deadline, whatever the order or form', () => {
  const dates = ['2026-06-12T17:00:00+08:00', '2026-06-10', '2026-06-11T09:00:00+08:00', '2026-06-10T00:30:00+09:00'];
  // Every order of the four dates: the earliest instant wins (2026-06-10T00:30+09:00 is 06-09 23:30 Beijing time).
  const orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
  for (const order of orders) {
    const notice = { topics: [{ id: 't1', deadlines: order.map(k => ({ kind: 'RELAY', closes: dates[k] })).concat([{ kind: 'RECOMMENDATION', closes: '2026-06-01' }]) },
      { id: 't2', deadlines: [{ kind: 'PAPER_COPY', closes: '2026-06-01' }] }] };
    const items = readings(notice);
    const own = officeReading(items, 0);
    assert.equal(getAt(notice, own.base).closes, dates[3], order.join(','));
    assert.equal(officeReading(items, 1), null, 'no RELAY deadline: none');
  }
  assert.equal(instantOf('2026-06-10'), Date.parse('2026-06-10T00:00:00+08:00'));
  assert.ok(isNaN(instantOf('June')));
});

test('the office\'s rule as the office API answers it', () => {
  for (let days = 0; days <= 60; days += 7) {
    assert.deepEqual(ruleOf({ rule: { before: 'P' + days + 'D', at: '12:00' } }), { days: days, at: '12:00' });
  }
  assert.equal(ruleOf({ rule: null }), null);
  assert.equal(ruleOf({}), null);
  assert.equal(ruleOf({ rule: { before: 'PT3H', at: '12:00' } }), null);
});

test('every kind has its message key', () => {
  assert.deepEqual(KINDS.map(kindKey), ['review_kind_opens', 'review_kind_closes', 'review_kind_recommendation', 'review_kind_paper_copy',
    'review_kind_pre_proposal', 'review_kind_full_proposal', 'review_kind_relay', 'review_kind_other', 'review_kind_foreign']);
});
