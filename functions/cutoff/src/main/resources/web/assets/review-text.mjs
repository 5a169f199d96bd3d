/*
 * The review pages' rules, apart from the page: a notice's dated readings and where their evidence is in the text,
 * the corrected reading built from the form, and the notice API's answers in words. Nothing here touches the DOM,
 * the network or storage, so `node --test` runs it (functions/cutoff/src/test/js/). It holds message keys, never a
 * sentence: the sentences are the page's (#review-messages, filled by the template from the message bundles).
 */

/** The largest notice file POST /notices takes (NoticeUploads.MAX_FILE_BYTES): 10 MiB. */
export const MAX_NOTICE_BYTES = 10 * 1024 * 1024;

/** What keeps a chosen file ({name, size}) from being sent: 'empty', 'too_large' (the API would answer 413), or null. */
export function noticeFileFault(file) {
  if (!file || !file.size) {
    return 'empty';
  }
  return file.size > MAX_NOTICE_BYTES ? 'too_large' : null;
}

/**
 * The largest file sent as the body of POST /notices: 4 MiB. Deployed, a body reaches the function base64-encoded
 * inside Lambda's 6 MB request (about 4.4 MiB of file); a larger one goes straight to storage (POST /notices/uploads,
 * a presigned PUT, POST /notices/uploads/{uploadId}), with its progress shown.
 */
export const DIRECT_BODY_BYTES = 4 * 1024 * 1024;

/** How a file of `size` bytes is sent: 'body' (POST /notices) or 'storage' (the presigned PUT, for the larger ones). */
export function uploadRoute(size) {
  return size > DIRECT_BODY_BYTES ? 'storage' : 'body';
}

/**
 * The headers of the presigned PUT (POST /notices/uploads's "headers") a page sets itself: all but those the browser
 * sets from the request and refuses from a script (Content-Length, from the file; Host, from the URL). Values as
 * strings; anything that is no object gives none.
 */
export function putHeaders(headers) {
  const out = {};
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) {
    return out;
  }
  Object.keys(headers).forEach(function (name) {
    if (!/^(content-length|host)$/i.test(name) && /^[A-Za-z0-9-]+$/.test(name)) {
      out[name] = String(headers[name]);
    }
  });
  return out;
}

/** Whole percent of `loaded` of `total` bytes, 0 to 100 (0 when the total is not known). */
export function percent(loaded, total) {
  if (!(total > 0) || !(loaded > 0)) {
    return 0;
  }
  return Math.min(100, Math.floor(loaded * 100 / total));
}

/** The ?year= field: '' (none) or a four-digit year the API takes (19xx, 20xx); false when it is neither. */
export function yearOk(text) {
  return text === '' || /^(19|20)\d\d$/.test(text);
}

/**
 * The kinds a highlight and its field are marked with, in the legend's order: the window's two ends, the call's
 * further deadlines (DeadlineKind.further()), and a foreign side's deadline.
 */
export const KINDS = ['OPENS', 'CLOSES', 'RECOMMENDATION', 'PAPER_COPY', 'PRE_PROPOSAL', 'FULL_PROPOSAL', 'RELAY', 'OTHER', 'FOREIGN'];

/** The further kinds a deadline can be given on the form (CallDeadline's kinds). */
export const FURTHER_KINDS = ['RECOMMENDATION', 'PAPER_COPY', 'PRE_PROPOSAL', 'FULL_PROPOSAL', 'RELAY', 'OTHER'];

/** A kind's message key: review_kind_closes. */
export function kindKey(kind) {
  return 'review_kind_' + String(kind).toLowerCase();
}

/** Where the window's span is split into its opening and its cutoff (申报时间为8月1日9:00至9月5日16:30). */
const WINDOW_SEPARATOR = /至|到|—|–|－|~|～/;

/**
 * Every dated reading of a notice, in the notice's order, each
 * {i, topic (index), kind, base (JSON Pointer of the reading's object), pointers {…field → pointer}, confidence,
 * reasons, source {line, from, to, text} or null, review (true when the reader asked a person to confirm it)}.
 * A window gives two: its opening (when it has one) and its cutoff; the cutoff holds the window's confidence, and when
 * the window's evidence names both ends, each takes its side of the span.
 */
export function readings(notice) {
  const out = [];
  (notice.topics || []).forEach(function (topic, ti) {
    const w = topic.window;
    if (w) {
      const base = '/topics/' + ti + '/window';
      let opensSource = null;
      let closesSource = w.source || null;
      if (w.opens && w.source) {
        const span = w.source.text.slice(w.source.from, w.source.to);
        const m = WINDOW_SEPARATOR.exec(span);
        if (m && m.index > 0) {
          opensSource = Object.assign({}, w.source, { to: trimEnd(w.source.text, w.source.from, w.source.from + m.index) });
          closesSource = Object.assign({}, w.source, { from: w.source.from + m.index + m[0].length });
        }
      }
      if (w.opens) {
        out.push({ topic: ti, kind: 'OPENS', base: base, field: 'opens', confidence: 'sure', reasons: [], source: opensSource, review: false });
      }
      out.push({ topic: ti, kind: 'CLOSES', base: base, field: 'closes', confidence: w.confidence || 'sure',
        reasons: w.reasons || [], source: closesSource, review: w.confidence === 'review' });
    }
    (topic.deadlines || []).forEach(function (d, di) {
      out.push({ topic: ti, kind: d.kind, base: '/topics/' + ti + '/deadlines/' + di, field: 'closes',
        confidence: d.confidence || 'sure', reasons: d.reasons || [], source: d.source || null, review: d.confidence === 'review',
        closesAt: instantOf(d.closes) });
    });
    (topic.foreignDeadlines || []).forEach(function (f, fi) {
      out.push({ topic: ti, kind: 'FOREIGN', base: '/topics/' + ti + '/foreignDeadlines/' + fi, field: 'date',
        confidence: f.confidence || 'sure', reasons: f.reasons || [], source: f.source || null, review: f.confidence === 'review' });
    });
  });
  out.forEach(function (r, i) {
    r.i = i;
  });
  return out;
}

/** A notice's date or date-time as epoch ms, a date alone at its start in Beijing time; NaN when it is neither. */
export function instantOf(value) {
  const v = splitDate(value);
  if (!v.date) {
    return NaN;
  }
  return Date.parse(v.date + 'T' + (v.time || '00:00') + ':00' + v.offset);
}

function trimEnd(text, from, to) {
  let end = to;
  while (end > from && /\s/.test(text[end - 1])) {
    end--;
  }
  return end;
}

/** The offset in text where each line starts: starts[0] is line 1's. */
export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Where a source's span is in the text, as [start, end) offsets, or null when it cannot be found. The sentence
 * (source.text) starts on its line (source.line, 1-based) and may run on over the next lines: it is walked
 * alongside the text from there, the line breaks and spaces the text has and the sentence does not skipped. When
 * the sentence does not line up (a line the reader joined otherwise), the span itself is looked for from its line
 * on, then anywhere, its characters allowed to be split by a line break.
 */
export function locate(text, starts, source) {
  if (!source || typeof source.text !== 'string' || source.to <= source.from) {
    return null;
  }
  const lineStart = source.line && source.line >= 1 && source.line <= starts.length ? starts[source.line - 1] : 0;
  const aligned = align(text, lineStart, source);
  if (aligned) {
    return aligned;
  }
  const span = source.text.slice(source.from, source.to).replace(/\s+/g, '');
  if (!span) {
    return null;
  }
  const pattern = new RegExp(Array.from(span).map(escape).join('\\s*'), 'g');
  for (const from of lineStart > 0 ? [lineStart, 0] : [0]) {
    pattern.lastIndex = from;
    const m = pattern.exec(text);
    if (m) {
      return [m.index, m.index + m[0].length];
    }
  }
  return null;
}

function escape(c) {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function align(text, lineStart, source) {
  const s = source.text;
  const at = new Array(s.length + 1);
  let i = lineStart;
  let j = 0;
  while (j < s.length) {
    if (i < text.length && text[i] === s[j]) {
      at[j] = i;
      i++;
      j++;
    } else if (i < text.length && /\s/.test(text[i])) {
      i++;
    } else if (/\s/.test(s[j])) {
      at[j] = i;
      j++;
    } else {
      return null;
    }
  }
  return [at[source.from], at[source.to - 1] + 1];
}

/**
 * The highlights to draw: the readings' evidence as ranges of the text, in text order and never overlapping, each
 * {start, end, items: [reading index…]} (readings with the very same span share one); a reading whose evidence is not
 * found, or overlaps another highlight, is in unplaced (its field is still on the form).
 */
export function highlights(text, items) {
  const starts = lineStarts(text);
  const found = [];
  const unplaced = [];
  items.forEach(function (r) {
    const range = r.source ? locate(text, starts, r.source) : null;
    if (range) {
      found.push({ start: range[0], end: range[1], item: r.i });
    } else if (r.source) {
      unplaced.push(r.i);
    }
  });
  found.sort(function (a, b) {
    return a.start - b.start || a.end - b.end || a.item - b.item;
  });
  const marks = [];
  found.forEach(function (f) {
    const last = marks[marks.length - 1];
    if (last && last.start === f.start && last.end === f.end) {
      last.items.push(f.item);
    } else if (last && f.start < last.end) {
      unplaced.push(f.item);
    } else {
      marks.push({ start: f.start, end: f.end, items: [f.item] });
    }
  });
  return { marks: marks, unplaced: unplaced.sort(function (a, b) { return a - b; }) };
}

/** The value at a JSON Pointer (RFC 6901) in a document; undefined when there is none. */
export function getAt(doc, pointer) {
  return segments(pointer).reduce(function (node, key) {
    return node === undefined || node === null ? undefined : node[key];
  }, doc);
}

/** Sets the value at a JSON Pointer whose parent exists; undefined removes the member. */
export function setAt(doc, pointer, value) {
  const keys = segments(pointer);
  const last = keys.pop();
  const parent = keys.reduce(function (node, key) {
    return node[key];
  }, doc);
  if (value === undefined) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
}

function segments(pointer) {
  return pointer.split('/').slice(1).map(function (s) {
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
  });
}

/** True when a person set the value at pointer, or something inside it (setByPerson: the draft's pointers). */
export function setByPerson(list, pointer) {
  return (list || []).some(function (p) {
    return p === pointer || p.indexOf(pointer + '/') === 0;
  });
}

/**
 * A date or date-time as the notice writes it ({date: 'YYYY-MM-DD', time: 'HH:mm' or '', offset: '+08:00'}):
 * 2026-09-05T16:30:00+08:00, or 2026-09-05 without a time; null when the date is not one.
 */
export function joinDate(date, time, offset) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date || '')) {
    return null;
  }
  if (!time) {
    return date;
  }
  const m = /^(\d{2}:\d{2})(:\d{2})?$/.exec(time);
  return m ? date + 'T' + m[1] + (m[2] || ':00') + (offset || '+08:00') : null;
}

/** A date or date-time of the notice split for the form: {date, time ('' when none), offset}. */
export function splitDate(value) {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(value || '');
  if (!m) {
    return { date: '', time: '', offset: '+08:00' };
  }
  return { date: m[1], time: m[2] || '', offset: m[3] === 'Z' ? '+00:00' : m[3] || '+08:00' };
}

/** The message key of an API status for an action ('upload', 'save', 'publish', 'load'); null for one not named. */
export const STATUS_KEYS = {
  upload: { 400: 'review_err_year', 413: 'review_err_too_large', 415: 'review_err_format', 422: 'review_err_unreadable' },
  save: { 400: 'review_err_malformed', 404: 'review_err_no_draft', 413: 'review_err_reading_large', 415: 'review_err_malformed',
    422: 'review_err_topics' },
  publish: { 404: 'review_err_no_draft', 409: 'review_err_not_publishable', 422: 'review_err_incomplete', 501: 'review_err_relay' },
  relay: { 404: 'review_err_no_draft', 409: 'review_err_not_publishable', 422: 'review_err_relay_dates', 501: 'review_err_relay' },
  load: { 404: 'review_err_no_draft' }
};

/** The server's "field" of an error answer as the page names it. */
export const FIELDS = {
  authorization: 'review_field_key',
  body: 'review_field_body',
  year: 'review_field_year',
  draftId: 'review_field_draft',
  'content-type': 'review_field_body'
};

/**
 * An API answer that is not a success, in words (t: the page's messages): the field it names, as the page names it
 * (a notice file on upload, the reading on save), what the status means for that action, and the server's own
 * reason after it, which says exactly what is wrong.
 */
export function problem(r, action, t) {
  if (r.status === 0) {
    return t('review_err_network');
  }
  if (r.status === 401 || r.status === 403) {
    return t('review_err_key');
  }
  if (r.status >= 500 && r.status !== 501) {
    return t('review_err_server', r.status);
  }
  const d = r.data || {};
  const reason = typeof d.error === 'string' ? d.error : typeof d.message === 'string' ? d.message : String(r.status);
  const keys = STATUS_KEYS[action] || {};
  const sentence = keys[r.status] ? t(keys[r.status]) : t('review_err_other');
  let field = d.field && FIELDS[d.field] ? FIELDS[d.field] : null;
  if (field === 'review_field_body') {
    field = action === 'upload' ? 'review_field_file' : 'review_field_reading';
  }
  const label = field ? t(field) : d.field || null;
  return label ? t('review_err_field', label, sentence, reason) : t('review_err_plain', sentence, reason);
}

/**
 * The lines of a refusal's "reasons" (a publish refused while readings wait for review, a relay's topic without its
 * date): the API's list, or a text of one reason a line; none empty.
 */
export function reasonLines(r) {
  const d = r.data || {};
  const lines = Array.isArray(d.reasons) ? d.reasons.map(String) : typeof d.reasons === 'string' ? d.reasons.split('\n') : [];
  return lines.filter(function (l) { return l.trim() !== ''; });
}

/**
 * The topic (its index in notice.topics) a relay refusal's line is about, or -1: the API names a topic "topic <key>
 * <title>" (Topic.displayName), some lines with its id in brackets after it (OfficeDates, PublicCall). The longest name
 * that matches wins, so 专题一 is not taken for 专题十一.
 */
export function topicOfLine(line, topics) {
  let best = -1;
  let bestLength = -1;
  (topics || []).forEach(function (topic, ti) {
    const name = topic.key ? topic.key + ' ' + (topic.title || '') : (topic.title || '');
    const named = name && (line.indexOf('topic ' + name + ':') === 0 || line.indexOf('topic ' + name + ' (') === 0);
    const byId = topic.id && line.indexOf('(' + topic.id + ')') >= 0;
    if ((named || byId) && name.length > bestLength) {
      best = ti;
      bestLength = name.length;
    }
  });
  return best;
}

/**
 * The reading a relay's topic takes as the office's own date (OfficeDates.officeDeadline): its earliest RELAY
 * deadline, as one of readings(); null when the topic has none.
 */
export function officeReading(items, ti) {
  let best = null;
  items.forEach(function (r) {
    if (r.topic === ti && r.kind === 'RELAY') {
      const at = r.closesAt === undefined ? NaN : r.closesAt;
      if (!best || (!isNaN(at) && (isNaN(best.closesAt) || at < best.closesAt))) {
        best = r;
      }
    }
  });
  return best;
}

/** An office's internal-deadline rule as the office API answers it ({before: 'P3D', at: '12:00'}): {days, at}, or null. */
export function ruleOf(answer) {
  const rule = answer && answer.rule;
  const m = rule && /^P(\d+)D$/.exec(rule.before || '');
  return m && /^\d{2}:\d{2}$/.test(rule.at || '') ? { days: +m[1], at: rule.at } : null;
}

/** A file's size in bytes, KiB or MiB (one decimal). */
export function sizeText(bytes, t) {
  return bytes < 1024 ? t('review_size_bytes', bytes)
    : bytes < 1024 * 1024 ? t('review_size_kib', (bytes / 1024).toFixed(1))
      : t('review_size_mib', (bytes / 1024 / 1024).toFixed(1));
}
