/*
 * A draft's review (/review/{draftId}): the notice text with every date the reader took highlighted at its evidence
 * (a colour, a label and, for a reading to confirm, a marker per kind), beside the reading as a form (each topic's
 * window, further and foreign-side deadlines). A highlight is a link to its field; focusing a field brings its
 * evidence into view. Saving PUTs the whole corrected reading (the API records what a person set); publishing POSTs
 * the publish route and shows its answer, or why not. The revision (what publishing would move, and how many change
 * emails) and the record (who uploaded, corrected, published) are shown.
 *
 * Everything from the draft goes into the page as text (textContent, text nodes, one attribute at a time), never as
 * markup: a notice holding <script> shows those characters and runs nothing.
 */
import { call } from './review-api.mjs';
import { FURTHER_KINDS, getAt, highlights, joinDate, KINDS, kindKey, officeReading, problem, readings, reasonLines, ruleOf,
  setAt, setByPerson, sizeText, splitDate, topicOfLine } from './review-text.mjs';
import { $, el, say } from './office-page.mjs';

let page = null;
let draftId = '';
let draft = null;
let working = null;
let items = [];
let markOf = {};
let dirty = false;
let busy = false;
/** A relay's office date added on the form, per topic index: the working reading's last deadline of that topic is it. */
let officeAdded = {};
/** The office's internal-deadline rule ({days, at}), null for none, undefined while not known. */
let officeRule;

/** Empties the draft's part of the page (signed out: nothing of the draft stays). */
export function clearDraft() {
  draft = null;
  working = null;
  items = [];
  markOf = {};
  dirty = false;
  officeAdded = {};
  officeRule = undefined;
  ['review-notice-title', 'review-notice-number', 'review-notice-issuer', 'review-notice-kind', 'review-notice-file',
    'review-pending-list', 'review-missing', 'review-legend', 'review-text', 'review-topics', 'review-published-counts',
    'review-published-links', 'review-revision-counts', 'review-revision-moves', 'review-record', 'review-form-reasons',
    'review-unplaced', 'review-published-summary', 'review-published-dates', 'review-published-where'].forEach(function (id) {
    const e = $(id);
    if (e) {
      e.textContent = '';
    }
  });
  ['review-draft', 'review-none', 'review-published', 'review-revision', 'review-relay-note'].forEach(function (id) {
    if ($(id)) {
      $(id).hidden = true;
    }
  });
  ['review-load-status', 'review-form-status'].forEach(function (id) {
    if ($(id)) {
      say(id, '');
    }
  });
}

/** Loads the draft with the signed-in key and shows it; another key's draft, or none, is "no such draft". */
export function loadDraft(p, id) {
  page = p;
  draftId = id;
  if (!$('review-form').hasAttribute('data-wired')) {
    wire();
  }
  say('review-load-status', page.t('review_loading'));
  return call('GET', '/notices/drafts/' + encodeURIComponent(id)).then(function (r) {
    if (r.status === 200 && r.data && r.data.notice) {
      say('review-load-status', '');
      show(r.data);
    } else if (r.status === 404) {
      clearDraft();
      say('review-load-status', '');
      $('review-none').hidden = false;
    } else if (r.status === 401 || r.status === 403) {
      page.expired();
    } else {
      say('review-load-status', problem(r, 'load', page.t), 'error');
    }
  });
}

function wire() {
  const form = $('review-form');
  form.setAttribute('data-wired', '');
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    save();
  });
  $('review-publish').addEventListener('click', publish);
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('focusin', function (ev) {
    const row = ev.target.closest('[data-item]');
    if (row) {
      activate(+row.getAttribute('data-item'));
    }
  });
  $('review-text').addEventListener('click', function (ev) {
    const mark = ev.target.closest('a[data-items]');
    if (!mark) {
      return;
    }
    ev.preventDefault();
    const first = +mark.getAttribute('data-items').split(' ')[0];
    const field = $('review-f' + first + '-main');
    if (field) {
      field.focus();
      field.scrollIntoView({ block: 'center' });
    }
  });
}

/** The page for a draft as the API answered it. */
function show(d) {
  const t = page.t;
  draft = d;
  working = JSON.parse(JSON.stringify(d.notice));
  items = readings(d.notice);
  dirty = false;
  officeAdded = {};
  $('review-none').hidden = true;
  $('review-draft').hidden = false;
  const n = d.notice;
  $('review-notice-title').textContent = n.title || t('review_none_given');
  $('review-notice-number').textContent = n.documentNumber || t('review_none_given');
  $('review-notice-issuer').textContent = n.issuer || t('review_none_given');
  $('review-notice-kind').textContent = t(d.public ? 'review_draft_public' : 'review_draft_relay');
  $('review-relay-note').hidden = !isRelay();
  $('review-notice-file').textContent = t('review_file_fact', d.format, sizeText(d.fileBytes || 0, t), page.beijing(d.uploadedAt));
  fillList('review-pending-list', d.review || []);
  $('review-pending').hidden = !(d.review || []).length;
  fillList('review-missing', d.missing || []);
  $('review-missing-box').hidden = !(d.missing || []).length;
  showText(d.text || '');
  showForm(n);
  if (isRelay()) {
    officeHints();
    loadRule();
  }
  showRevision(d.revision);
  showRecord(d.record || []);
}

function fillList(id, lines) {
  const list = $(id);
  list.textContent = '';
  lines.forEach(function (line) {
    list.appendChild(el('li', { text: String(line) }));
  });
}

/** True for a research office's draft: a relay for its staff only (the draft's "public": false). */
function isRelay() {
  return !!draft && draft.public === false;
}

/** Reads the office's internal-deadline rule (GET /orgs/{orgId}/internal-deadlines) for the office-date hints. */
function loadRule() {
  const orgId = page.who && page.who.orgId;
  if (!orgId) {
    return;
  }
  call('GET', '/orgs/' + encodeURIComponent(orgId) + '/internal-deadlines').then(function (r) {
    if (r.status === 200 && r.data) {
      officeRule = ruleOf(r.data);
      officeHints();
    }
  });
}

/** Each relay topic's hint under its office date: the reader's date to check, the office's rule, or that one is needed. */
function officeHints() {
  const t = page.t;
  document.querySelectorAll('#review-topics [data-office-hint]').forEach(function (hint) {
    const kind = hint.getAttribute('data-office-hint');
    hint.textContent = kind === 'read' ? t('review_office_hint_read') : kind === 'set' ? t('review_office_hint_set')
      : officeRule === undefined ? t('review_office_hint_empty')
        : officeRule ? t('review_office_hint_rule', officeRule.days, officeRule.at) : t('review_office_hint_none');
  });
}

/** True when a person set the value at pointer, something inside it, or the list that holds it. */
function bySomeone(pointer) {
  return (draft.setByPerson || []).some(function (p) {
    return p === pointer || p.indexOf(pointer + '/') === 0 || pointer.indexOf(p + '/') === 0;
  });
}

/** A reading's label: its kind's name (the same words on the highlight, the legend and the field). */
function kindName(kind) {
  return page.t(kindKey(KINDS.indexOf(kind) >= 0 ? kind : 'OTHER'));
}

function kindClass(kind) {
  return 'review-kind-' + (KINDS.indexOf(kind) >= 0 ? kind : 'OTHER').toLowerCase().replace(/_/g, '-');
}

/** The notice text, each reading's evidence a link to its field. */
function showText(text) {
  const t = page.t;
  const box = $('review-text');
  box.textContent = '';
  markOf = {};
  const placed = highlights(text, items);
  let at = 0;
  placed.marks.forEach(function (m, k) {
    if (m.start > at) {
      box.appendChild(document.createTextNode(text.slice(at, m.start)));
    }
    const first = items[m.items[0]];
    const review = m.items.some(function (i) { return items[i].review; });
    const labels = m.items.map(function (i) { return kindName(items[i].kind); })
      .filter(function (l, x, all) { return all.indexOf(l) === x; });
    const a = el('a', {
      href: '#review-f' + first.i + '-main', id: 'review-mark-' + k, 'data-items': m.items.join(' '),
      class: 'review-mark ' + kindClass(first.kind) + (review ? ' review-mark-review' : '')
    }, [
      el('span', { class: 'review-tag', text: labels.join(' · ') + (review ? ' ' + t('review_marker_review') : '') }),
      document.createTextNode(text.slice(m.start, m.end))
    ]);
    box.appendChild(a);
    m.items.forEach(function (i) {
      markOf[i] = a;
    });
    at = m.end;
  });
  if (at < text.length) {
    box.appendChild(document.createTextNode(text.slice(at)));
  }
  const legend = $('review-legend');
  legend.textContent = '';
  KINDS.filter(function (kind) {
    return items.some(function (r) { return r.kind === kind; });
  }).forEach(function (kind) {
    legend.appendChild(el('li', {}, [el('span', { class: 'review-mark ' + kindClass(kind) }, [el('span', { class: 'review-tag', text: kindName(kind) })])]));
  });
  if (items.some(function (r) { return r.review; })) {
    legend.appendChild(el('li', {}, [el('span', { class: 'review-mark review-mark-review' }, [el('span', { class: 'review-tag', text: t('review_marker_review') })]),
      ' ' + t('review_legend_review')]));
  }
  const unplaced = $('review-unplaced');
  unplaced.hidden = !placed.unplaced.length;
  unplaced.textContent = placed.unplaced.length ? t('review_unplaced', placed.unplaced.map(function (i) { return kindName(items[i].kind); }).join(', ')) : '';
}

/** The reading as a form: per topic its window, further and foreign-side deadlines. */
function showForm(n) {
  const t = page.t;
  const holder = $('review-topics');
  holder.textContent = '';
  (n.topics || []).forEach(function (topic, ti) {
    const set = el('fieldset', { class: 'review-topic' }, [
      el('legend', { text: t('review_topic', topic.key ? topic.key + ' ' + (topic.title || '') : (topic.title || ''), topic.id) })
    ]);
    const mine = items.filter(function (r) { return r.topic === ti; });
    if (!topic.window) {
      set.appendChild(el('p', { class: 'office-status-error', text: t('review_no_window') }));
    } else {
      set.appendChild(el('h3', { text: t('review_window') }));
      mine.filter(function (r) { return r.kind === 'OPENS' || r.kind === 'CLOSES'; }).forEach(function (r) {
        set.appendChild(row(r));
      });
      set.appendChild(el('p', { class: 'review-zone' }, [el('span', { class: 'review-label', text: t('review_zone') + ' ' }),
        el('span', { text: topic.window.zone || 'Asia/Shanghai' })]));
    }
    // A relay: the office's own date for its staff, first (the reader's RELAY date, else an empty field).
    const own = isRelay() ? officeReading(items, ti) : null;
    if (isRelay()) {
      set.appendChild(officeBlock(ti, own));
    }
    const further = mine.filter(function (r) { return r !== own && r.kind !== 'OPENS' && r.kind !== 'CLOSES' && r.kind !== 'FOREIGN'; });
    if (further.length) {
      set.appendChild(el('h3', { text: t('review_further') }));
      further.forEach(function (r) { set.appendChild(row(r)); });
    }
    const foreign = mine.filter(function (r) { return r.kind === 'FOREIGN'; });
    if (foreign.length) {
      set.appendChild(el('h3', { text: t('review_foreign') }));
      foreign.forEach(function (r) { set.appendChild(row(r)); });
    }
    holder.appendChild(set);
  });
}

/**
 * A relay topic's office date: the reading's RELAY deadline as its row (no kind to choose: it is the office's), or an
 * empty date and time that saving adds to the reading as the topic's RELAY deadline; a hint, and a line for a refusal.
 */
function officeBlock(ti, own) {
  const t = page.t;
  const id = 'review-office-' + ti;
  const hint = el('p', { class: 'office-hint', id: id + '-hint', 'data-office-hint': !own ? 'empty' : bySomeone(own.base) ? 'set' : 'read' });
  const problemLine = el('p', { class: 'office-status office-status-error review-office-problem', id: id + '-problem' });
  problemLine.hidden = true;
  let field;
  if (own) {
    field = row(own, true);
  } else {
    const date = input({ id: id + '-main', type: 'date', 'data-part': 'date', value: '', 'aria-describedby': id + '-hint' });
    const time = input({ id: id + '-time', type: 'time', 'data-part': 'time', value: '', 'aria-describedby': id + '-hint' });
    field = el('div', { class: 'review-field review-kind-relay', id: id + '-field', 'data-office-new': String(ti) }, [
      el('p', { class: 'review-field-head' }, [el('span', { class: 'review-mark review-kind-relay' }, [el('span', { class: 'review-tag', text: t('review_office_tag') })])]),
      el('div', { class: 'review-inputs' }, [labelled(id + '-main', t('review_office_date'), date), labelled(id + '-time', t('review_office_time'), time)])
    ]);
  }
  const box = el('div', { class: 'review-office', id: id, 'data-office-topic': String(ti) }, [
    el('h3', { text: t('review_office_heading') }), field, hint, problemLine]);
  return box;
}

function input(attrs) {
  return el('input', attrs);
}

function labelled(id, labelText, control, hint) {
  return el('div', { class: 'review-control' }, [el('label', { for: id, text: labelText }), control, hint || null]);
}

/** One reading's row: its kind's label, its inputs, its reasons and confirmation, and what a person set. */
function row(r, office) {
  const t = page.t;
  const i = r.i;
  const value = getAt(draft.notice, r.base);
  const people = draft.setByPerson || [];
  const id = 'review-f' + i;
  const children = [];
  const head = el('p', { class: 'review-field-head' }, [
    el('span', { class: 'review-mark ' + kindClass(r.kind) }, [el('span', { class: 'review-tag', text: kindName(r.kind) })]),
    r.kind === 'FOREIGN' ? ' ' + [value.partner, value.asWritten].filter(Boolean).join(' · ') : value.asWritten ? ' ' + value.asWritten : null,
    r.review ? el('strong', { class: 'review-flag', text: ' ' + t('review_marker_review') }) : null
  ]);
  children.push(head);
  const controls = el('div', { class: 'review-inputs' });
  if (r.kind === 'FOREIGN') {
    controls.appendChild(labelled(id + '-agency', t('review_agency'), input({ id: id + '-agency', type: 'text', 'data-part': 'agency', value: value.agency || '' })));
    controls.appendChild(labelled(id + '-zone', t('review_foreign_zone'), input({ id: id + '-zone', type: 'text', 'data-part': 'zone', value: value.zone || '', spellcheck: 'false', autocomplete: 'off' })));
    controls.appendChild(labelled(id + '-main', t('review_date'), input({ id: id + '-main', type: 'date', 'data-part': 'date', value: value.date || '' })));
    controls.appendChild(labelled(id + '-time', t('review_time_foreign'), input({ id: id + '-time', type: 'time', 'data-part': 'time', value: (value.time || '').slice(0, 5) })));
    if (value.sameAsOurs) {
      children.push(el('p', { class: 'office-hint', text: t('review_same_as_ours') }));
    }
  } else {
    const v = splitDate(r.kind === 'OPENS' ? value.opens : value.closes);
    if (r.kind !== 'OPENS' && r.kind !== 'CLOSES' && !office) {
      const select = el('select', { id: id + '-kind', 'data-part': 'kind' });
      FURTHER_KINDS.forEach(function (k) {
        const o = el('option', { value: k, text: kindName(k) });
        if (k === value.kind) {
          o.selected = true;
        }
        select.appendChild(o);
      });
      controls.appendChild(labelled(id + '-kind', t('review_deadline_kind'), select));
    }
    const described = office ? { 'aria-describedby': 'review-office-' + r.topic + '-hint' } : {};
    controls.appendChild(labelled(id + '-main', t(office ? 'review_office_date' : r.kind === 'OPENS' ? 'review_opens_date' : r.kind === 'CLOSES' ? 'review_closes_date' : 'review_date'),
      input(Object.assign({ id: id + '-main', type: 'date', 'data-part': 'date', value: v.date, 'data-offset': v.offset }, described))));
    controls.appendChild(labelled(id + '-time', t(office ? 'review_office_time' : 'review_time_beijing'),
      input(Object.assign({ id: id + '-time', type: 'time', 'data-part': 'time', value: v.time }, described))));
    if (value.who && r.kind !== 'CLOSES' && r.kind !== 'OPENS') {
      children.push(el('p', { class: 'office-hint', text: t('review_who', value.who) }));
    }
  }
  children.push(controls);
  if ((r.reasons || []).length) {
    children.push(el('ul', { class: 'review-reasons', 'aria-label': t('review_reasons') }, r.reasons.map(function (reason) {
      return el('li', { text: String(reason) });
    })));
  }
  const confirmable = r.kind !== 'OPENS' && (r.review || setByPerson(people, r.base + '/confidence'));
  if (confirmable) {
    const box = input({ id: id + '-confirm', type: 'checkbox', 'data-part': 'confirm' });
    box.checked = value.confidence === 'sure';
    children.push(el('p', { class: 'review-confirm' }, [box, el('label', { for: id + '-confirm', text: t('review_confirm') })]));
  }
  const byPerson = setByPerson(people, r.base + '/' + r.field) || (r.kind !== 'OPENS' && setByPerson(people, r.base + '/confidence'))
    || (r.kind === 'FOREIGN' && (setByPerson(people, r.base + '/time') || setByPerson(people, r.base + '/agency') || setByPerson(people, r.base + '/zone')))
    || (r.kind !== 'FOREIGN' && r.kind !== 'OPENS' && r.kind !== 'CLOSES' && setByPerson(people, r.base + '/kind'));
  if (byPerson) {
    children.push(el('p', { class: 'review-by-person', text: t('review_set_by_person') }));
  }
  return el('div', { class: 'review-field ' + kindClass(r.kind) + (r.review ? ' review-field-review' : ''), id: 'review-field-' + i, 'data-item': String(i) }, children);
}

/** Brings a reading's evidence into view inside the text box (the page itself does not move) and marks it. */
function activate(i) {
  document.querySelectorAll('#review-text a.review-active').forEach(function (a) {
    a.classList.remove('review-active');
  });
  const mark = markOf[i];
  if (!mark) {
    return;
  }
  mark.classList.add('review-active');
  const box = $('review-text');
  const top = mark.offsetTop;
  if (top < box.scrollTop || top + mark.offsetHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

/** A field changed: its reading in the working copy follows it. */
function changed(ev) {
  const fresh = ev.target.closest('[data-office-new]');
  if (fresh) {
    dirty = true;
    fresh.classList.add('review-field-changed');
    readOfficeDate(fresh);
    return;
  }
  const row = ev.target.closest('[data-item]');
  if (!row) {
    return;
  }
  dirty = true;
  row.classList.add('review-field-changed');
  readRow(items[+row.getAttribute('data-item')], row);
}

/**
 * Copies a row's inputs into the working reading; answers the first input at fault (a date that is none, a zone
 * that is no zone) or null.
 */
function readRow(r, row) {
  const part = function (name) {
    return row.querySelector('[data-part=' + name + ']');
  };
  const date = part('date');
  const time = part('time');
  const confirm = part('confirm');
  let fault = null;
  if (r.kind === 'FOREIGN') {
    setAt(working, r.base + '/agency', part('agency').value.trim() || null);
    const zone = part('zone').value.trim();
    if (zone && !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
      fault = part('zone');
    }
    setAt(working, r.base + '/zone', zone || null);
    if (date.value && !/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      fault = fault || date;
    }
    setAt(working, r.base + '/date', date.value || null);
    setAt(working, r.base + '/time', time.value ? time.value.slice(0, 5) : null);
  } else {
    const value = joinDate(date.value, time.value, date.getAttribute('data-offset'));
    if (r.kind === 'OPENS' && !date.value) {
      setAt(working, r.base + '/opens', null);
    } else if (value === null) {
      fault = date;
    } else {
      setAt(working, r.base + '/' + r.field, value);
    }
    const kind = part('kind');
    if (kind) {
      setAt(working, r.base + '/kind', kind.value);
    }
  }
  if (confirm) {
    // Confirmed: sure, and the reader's reasons go (a reading with reasons is shown "to be verified" wherever it is
    // published); unticked again: back to review, with the reasons the draft had.
    setAt(working, r.base + '/confidence', confirm.checked ? 'sure' : 'review');
    const reasons = getAt(draft.notice, r.base + '/reasons');
    setAt(working, r.base + '/reasons', confirm.checked || !reasons || !reasons.length ? undefined : reasons);
  }
  return fault;
}

/**
 * Copies a relay topic's new office date into the working reading as the topic's RELAY deadline (Beijing time; a date
 * without a time falls at the office rule's time, else 16:30), or takes it out when the field is emptied; answers the
 * input at fault (a time without a date, a date that is none) or null.
 */
function readOfficeDate(block) {
  const ti = +block.getAttribute('data-office-new');
  const topic = working.topics[ti];
  const list = topic.deadlines || (topic.deadlines = []);
  if (officeAdded[ti]) {
    list.pop();
    officeAdded[ti] = false;
  }
  const date = block.querySelector('[data-part=date]');
  const time = block.querySelector('[data-part=time]');
  if (!date.value && !time.value) {
    return null;
  }
  const value = joinDate(date.value, time.value, '+08:00');
  if (value === null) {
    return date;
  }
  list.push({ kind: 'RELAY', closes: value, asWritten: null, who: (page.who && page.who.name) || null, confidence: 'sure' });
  officeAdded[ti] = true;
  return null;
}

/** Every row read again; the first input at fault is marked, focused and named. */
function checkAll() {
  let first = null;
  document.querySelectorAll('#review-topics [data-office-new]').forEach(function (block) {
    block.querySelectorAll('[aria-invalid]').forEach(function (e) {
      e.removeAttribute('aria-invalid');
    });
    const fault = readOfficeDate(block);
    if (fault) {
      fault.setAttribute('aria-invalid', 'true');
      first = first || fault;
    }
  });
  document.querySelectorAll('#review-topics [data-item]').forEach(function (row) {
    row.querySelectorAll('[aria-invalid]').forEach(function (e) {
      e.removeAttribute('aria-invalid');
    });
    const fault = readRow(items[+row.getAttribute('data-item')], row);
    if (fault) {
      fault.setAttribute('aria-invalid', 'true');
      first = first || fault;
    }
  });
  return first;
}

function save() {
  if (busy || !draft) {
    return Promise.resolve(false);
  }
  const t = page.t;
  const fault = checkAll();
  if (fault) {
    const label = document.querySelector('label[for="' + fault.id + '"]');
    say('review-form-status', t('review_err_field', label ? label.textContent : fault.id, t('review_err_value'), fault.value), 'error');
    fault.focus();
    return Promise.resolve(false);
  }
  busy = true;
  say('review-form-status', t('review_saving'));
  clearReasons();
  return call('PUT', '/notices/drafts/' + encodeURIComponent(draftId), working).then(function (r) {
    busy = false;
    if (r.status === 200 && r.data && r.data.notice) {
      show(r.data);
      say('review-form-status', t('review_saved', (r.data.setByPerson || []).length), 'ok');
      return true;
    }
    if (r.status === 401 || r.status === 403) {
      page.expired();
      return false;
    }
    say('review-form-status', problem(r, 'save', t), 'error');
    return false;
  });
}

function clearReasons() {
  $('review-form-reasons').textContent = '';
  $('review-form-reasons').hidden = true;
  document.querySelectorAll('#review-topics .review-office-problem').forEach(function (p) {
    p.textContent = '';
    p.hidden = true;
  });
}

/**
 * A relay refused (422): each reason that names a topic is also shown under that topic's office date, whose field is
 * marked; the first such field gets the focus. Answers how many were placed.
 */
function placeReasons(lines) {
  let first = null;
  let placed = 0;
  lines.forEach(function (line) {
    const ti = topicOfLine(line, draft.notice.topics);
    const box = ti >= 0 ? $('review-office-' + ti) : null;
    if (!box) {
      return;
    }
    const p = box.querySelector('.review-office-problem');
    p.textContent = p.textContent ? p.textContent + ' ' + line : line;
    p.hidden = false;
    placed++;
    const field = box.querySelector('input[data-part=date]');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      const ids = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (ids.indexOf(p.id) < 0) {
        ids.push(p.id);
        field.setAttribute('aria-describedby', ids.join(' '));
      }
      first = first || field;
    }
  });
  if (first) {
    first.focus();
  }
  return placed;
}

function publish() {
  if (busy || !draft) {
    return;
  }
  const t = page.t;
  (dirty ? save() : Promise.resolve(true)).then(function (ok) {
    if (!ok) {
      return;
    }
    busy = true;
    clearReasons();
    say('review-form-status', t('review_publishing'));
    call('POST', '/notices/drafts/' + encodeURIComponent(draftId) + '/publish').then(function (r) {
      busy = false;
      if (r.status === 200 && r.data) {
        say('review-form-status', r.data.relay ? t('review_relay_published') : t('review_published', r.data.noticeId || ''), 'ok');
        showPublished(r.data);
        // The record now holds the publication.
        call('GET', '/notices/drafts/' + encodeURIComponent(draftId)).then(function (again) {
          if (again.status === 200 && again.data && again.data.notice) {
            showRevision(again.data.revision);
            showRecord(again.data.record || []);
          }
        });
        return;
      }
      if (r.status === 401 || r.status === 403) {
        page.expired();
        return;
      }
      say('review-form-status', problem(r, isRelay() ? 'relay' : 'publish', t), 'error');
      const lines = reasonLines(r);
      fillList('review-form-reasons', lines);
      $('review-form-reasons').hidden = !lines.length;
      if (isRelay() && r.status === 422) {
        placeReasons(lines);
      }
    });
  });
}

const PUBLISHED = ['added', 'moved', 'updated', 'withdrawn', 'unchanged', 'remindersPlanned', 'followersGivenTopics'];
/** A relay's counts: what was stored for the office (0 when attached to a public call), reminders, change emails. */
const RELAYED = ['added', 'moved', 'updated', 'withdrawn', 'unchanged', 'remindersPlanned', 'staffTold'];

function counts(id, answer, keys) {
  const dl = $(id);
  dl.textContent = '';
  keys.forEach(function (k) {
    const v = answer[k];
    dl.appendChild(el('div', { 'data-count': k }, [el('dt', { text: page.t('review_count_' + k.toLowerCase()) }),
      el('dd', { text: String(Array.isArray(v) ? v.length : v === undefined || v === null ? 0 : v) })]));
  });
}

function showPublished(answer) {
  const relay = answer.relay === true;
  // Attached to a public call, nothing of the call was stored for the office: only reminders and change emails count.
  counts('review-published-counts', answer, !relay ? PUBLISHED : answer.attachedTo ? RELAYED.slice(-2) : RELAYED);
  $('review-published-heading').textContent = page.t(relay ? 'review_relay_published_title' : 'review_published_title');
  const links = $('review-published-links');
  links.textContent = '';
  showRelayed(relay ? answer : null);
  if (draft && draft.public) {
    (draft.notice.topics || []).forEach(function (topic) {
      links.appendChild(el('li', {}, [el('a', { href: '/calls/' + encodeURIComponent(topic.id) + '?lang=' + page.lang,
        text: page.t('review_topic_page', topic.title || topic.id) })]));
    });
  }
  $('review-published').hidden = false;
  $('review-published-heading').focus();
}

/**
 * A relay's answer in words: how many staff it reached, each topic's internal deadline and where it came from, and
 * whether it was attached to the public call (links to its topic pages) or kept for the office only. null: hidden.
 */
function showRelayed(answer) {
  const t = page.t;
  const summary = $('review-published-summary');
  const dates = $('review-published-dates');
  const where = $('review-published-where');
  summary.textContent = '';
  dates.textContent = '';
  where.textContent = '';
  summary.hidden = dates.hidden = where.hidden = !answer;
  if (!answer) {
    return;
  }
  summary.textContent = t('review_relay_reach', answer.staff || 0, answer.staffGivenTopics || 0);
  const topics = (draft && draft.notice.topics) || [];
  (answer.internalDeadlines || []).forEach(function (d, i) {
    const topic = topics[i] || {};
    const name = topic.key ? topic.key + ' ' + (topic.title || '') : (topic.title || d.topicId);
    const source = ['relay', 'override', 'rule'].indexOf(d.source) >= 0 ? d.source : 'relay';
    const item = el('li', { 'data-topic': String(d.topicId), 'data-source': source, 'data-at': String(d.at) }, [
      el('strong', { text: name }), ' ', t('review_relay_date', page.beijing(d.at), t('review_relay_source_' + source))]);
    if (answer.attachedTo) {
      item.appendChild(document.createTextNode(' '));
      item.appendChild(el('a', { href: '/calls/' + encodeURIComponent(d.topicId) + '?lang=' + page.lang, text: t('review_relay_public_page', String(d.topicId)) }));
    }
    dates.appendChild(item);
  });
  if (answer.attachedTo) {
    where.textContent = t('review_relay_attached', String(answer.attachedTo));
  } else {
    where.textContent = t('review_relay_private', String(answer.noticeId || ''));
  }
  where.appendChild(document.createTextNode(' '));
  where.appendChild(el('a', { href: '/office?lang=' + page.lang, text: t('review_relay_office_page') }));
}

function showRevision(revision) {
  const section = $('review-revision');
  if (!revision) {
    section.hidden = true;
    return;
  }
  counts('review-revision-counts', revision, ['added', 'moved', 'updated', 'withdrawn', 'changeEmails']);
  fillList('review-revision-moves', (revision.moved || []).map(function (uid) {
    return page.t('review_moves', uid);
  }));
  section.hidden = false;
}

function showRecord(record) {
  const body = $('review-record');
  body.textContent = '';
  const t = page.t;
  record.forEach(function (e) {
    const action = ['uploaded', 'corrected', 'published'].indexOf(e.action) >= 0 ? t('review_action_' + e.action) : String(e.action || '');
    body.appendChild(el('tr', {}, [
      el('td', { 'data-label': t('review_col_at'), text: page.beijing(e.at) }),
      el('td', { 'data-label': t('review_col_action'), text: action }),
      el('td', { 'data-label': t('review_col_by'), class: 'office-email', text: String(e.by || '') }),
      el('td', { 'data-label': t('review_col_detail'), text: String(e.detail || '') })
    ]));
  });
}
