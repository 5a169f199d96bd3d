/*
 * The office page's internal deadlines: the office's rule (whole days before each cutoff, at a
 * Beijing time of day) and a per-topic override, through GET/PUT/DELETE /orgs/{orgId}/internal-deadlines and
 * /orgs/{orgId}/topics/{topicId}/internal-deadline. Nothing typed is lost on an error: fields are cleared
 * only after a success, and values being typed survive a reload of the list.
 */
import { api, orgPath, OVERRIDE_FIELDS } from './office-api.mjs';
import { afterCutoff, fromLocalInput, isTopicId, ruleFault, toLocalInput } from './office-text.mjs';
import { $, el, explain, inBeijing, langSuffix, say, t } from './office-page.mjs';

let ruleForm;
let beforeInput;
let atInput;

/** showInternal(d, settled): the view; settled names a topic whose typed override was just saved or removed. */
function showInternal(d, settled) {
  const rule = d.rule;
  const m = rule && /^P(\d+)D$/.exec(rule.before || '');
  if (rule && m) {
    $('office-rule-current').textContent = t('office_rule_current', m[1], rule.at);
    // Fill the form from the stored rule unless the person is typing in it.
    if (!ruleForm.contains(document.activeElement)) {
      beforeInput.value = m[1];
      atInput.value = rule.at;
    }
  } else {
    $('office-rule-current').textContent = t('office_rule_none');
  }
  $('office-rule-remove').hidden = !rule;

  const overrides = {};
  (d.overrides || []).forEach(function (o) {
    overrides[o.topicId] = o.at;
  });
  const body = $('office-topics-body');
  // Values being typed (differing from what the row was drawn with) survive a reload of the list.
  const typed = {};
  Array.prototype.forEach.call(body.querySelectorAll('input[data-topic]'), function (input) {
    if (input.value !== input.getAttribute('data-drawn') && input.getAttribute('data-topic') !== settled) {
      typed[input.getAttribute('data-topic')] = input.value;
    }
  });
  body.textContent = '';
  const seen = {};
  (d.deadlines || []).forEach(function (dl, n) {
    seen[dl.topicId] = true;
    body.appendChild(topicRow(dl, overrides[dl.topicId], typed[dl.topicId], n));
  });
  // A followed topic with no internal deadline yet gets a line too, so an override can be set on it.
  (d.topics || []).forEach(function (topic, n) {
    if (!seen[topic.topicId]) {
      seen[topic.topicId] = true;
      body.appendChild(topicRow(topic, overrides[topic.topicId], typed[topic.topicId], 500 + n));
    }
  });
  // An override whose topic has no line in "deadlines" still shows, so it can be removed.
  Object.keys(overrides).forEach(function (topicId, n) {
    if (!seen[topicId]) {
      body.appendChild(topicRow({ topicId: topicId, internal: overrides[topicId], source: 'override' },
        overrides[topicId], typed[topicId], 1000 + n));
    }
  });
  const count = body.children.length;
  $('office-topics-table').hidden = count === 0;
  $('office-topics-empty').hidden = count !== 0;
}

function topicRow(dl, override, typed, n) {
  const id = 'office-override-' + n;
  const link = el('a', { href: '/calls/' + encodeURIComponent(dl.topicId) + langSuffix(), text: dl.title || dl.topicId });
  const input = el('input', { type: 'datetime-local', id: id, 'data-topic': dl.topicId, step: '60' });
  input.setAttribute('data-drawn', toLocalInput(override || ''));
  input.value = typed !== undefined ? typed : toLocalInput(override || '');
  const label = el('label', { 'for': id, 'class': 'office-visually-hidden', text: t('office_override_label', dl.title || dl.topicId) });
  const save = el('button', { type: 'button', text: t('office_override_save') });
  save.setAttribute('aria-label', t('office_override_save_named', dl.title || dl.topicId));
  save.addEventListener('click', function () {
    saveOverride(dl, input, save);
  });
  const cells = [
    el('td', { 'data-label': t('office_col_topic') }, [link, dl.noticeId ? el('span', { 'class': 'office-hint', text: ' ' + dl.topicId }) : null]),
    el('td', { 'data-label': t('office_col_cutoff'), text: inBeijing(dl.cutoff) }),
    el('td', { 'data-label': t('office_col_internal') }, [
      dl.internal ? el('span', { text: inBeijing(dl.internal) }) : el('span', { text: t('office_internal_none') }),
      dl.internal ? el('span', { 'class': 'office-hint', text: ' ' + t(dl.source === 'override' ? 'office_source_override' : 'office_source_rule') }) : null
    ]),
    el('td', { 'data-label': t('office_col_override'), 'class': 'office-override' }, [label, input, save])
  ];
  if (override) {
    const remove = el('button', { type: 'button', 'class': 'office-quiet', text: t('office_override_remove') });
    remove.setAttribute('aria-label', t('office_override_remove_named', dl.title || dl.topicId));
    remove.addEventListener('click', function () {
      removeOverride(dl.topicId, remove);
    });
    cells[3].appendChild(remove);
  }
  return el('tr', null, cells);
}

/** Reads the office's internal deadlines and shows them; settled as in showInternal. */
export function loadInternal(settled) {
  api('GET', orgPath('/internal-deadlines')).then(function (r) {
    if (r.status === 200 && r.data) {
      showInternal(r.data, settled);
    } else {
      say('office-internal-status', explain(r), 'error');
    }
  });
}

/** A PUT or DELETE whose 200 answer is the whole internal-deadline view; 204 reloads it. Resolves whether it took. */
function changeInternal(method, path, body, done, button, settled, fields) {
  if (button) {
    button.disabled = true;
  }
  say('office-internal-status', t('office_saving'));
  return api(method, path, body).then(function (r) {
    if (button) {
      button.disabled = false;
    }
    if (r.status === 200 && r.data) {
      showInternal(r.data, settled);
      say('office-internal-status', done, 'ok');
      return true;
    }
    if (r.status === 204) {
      loadInternal(settled);
      say('office-internal-status', done, 'ok');
      return true;
    }
    say('office-internal-status', explain(r, fields), 'error');
    return false;
  });
}

/** Saves the override typed for a listed topic (dl: its line of "deadlines"). */
function saveOverride(dl, input, button) {
  const topicId = dl.topicId;
  const at = fromLocalInput(input.value);
  const name = dl.title || topicId;
  const problemText = !at ? t('office_override_invalid', name)
    : afterCutoff(at, dl.cutoff) ? t('office_override_after_cutoff', name, inBeijing(dl.cutoff)) : null;
  if (problemText) {
    input.setAttribute('aria-invalid', 'true');
    say('office-internal-status', problemText, 'error');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  changeInternal('PUT', orgPath('/topics/' + encodeURIComponent(topicId) + '/internal-deadline'), { at: at },
    t('office_override_saved', topicId), button, topicId, OVERRIDE_FIELDS).then(function (ok) {
    // Refused by the server (a date already gone, say): the field is marked and focused, its value kept.
    if (!ok) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });
}

function removeOverride(topicId, button) {
  changeInternal('DELETE', orgPath('/topics/' + encodeURIComponent(topicId) + '/internal-deadline'), undefined,
    t('office_override_removed', topicId), button, topicId);
}

/** Nothing of the office's deadlines stays on the page once signed out. */
export function clearInternal() {
  $('office-topics-body').textContent = '';
  $('office-rule-current').textContent = '';
  beforeInput.value = '';
  atInput.value = '';
}

/** Wires the rule form, its remove button and the form for an unlisted topic's override. */
export function initDeadlines() {
  ruleForm = $('office-rule');
  beforeInput = $('office-rule-before');
  atInput = $('office-rule-at');

  ruleForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    const days = beforeInput.value.trim();
    const at = (atInput.value || '').slice(0, 5);
    beforeInput.removeAttribute('aria-invalid');
    atInput.removeAttribute('aria-invalid');
    const fault = ruleFault(days, at);
    if (fault === 'before') {
      beforeInput.setAttribute('aria-invalid', 'true');
      say('office-internal-status', t('office_rule_before_invalid'), 'error');
      beforeInput.focus();
      return;
    }
    if (fault === 'at') {
      atInput.setAttribute('aria-invalid', 'true');
      say('office-internal-status', t('office_rule_at_invalid'), 'error');
      atInput.focus();
      return;
    }
    changeInternal('PUT', orgPath('/internal-deadlines'), { before: 'P' + parseInt(days, 10) + 'D', at: at },
      t('office_rule_saved', parseInt(days, 10), at), $('office-rule-save'));
  });

  $('office-rule-remove').addEventListener('click', function () {
    changeInternal('DELETE', orgPath('/internal-deadlines'), undefined, t('office_rule_removed'), this);
  });

  // An override for a topic that is not listed (no rule yet, or not followed by anyone yet).
  $('office-override-other').addEventListener('submit', function (ev) {
    ev.preventDefault();
    const topicInput = $('office-override-topic');
    const atField = $('office-override-at');
    const topicId = topicInput.value.trim();
    topicInput.removeAttribute('aria-invalid');
    if (!isTopicId(topicId)) {
      topicInput.setAttribute('aria-invalid', 'true');
      say('office-internal-status', t('office_override_topic_invalid'), 'error');
      topicInput.focus();
      return;
    }
    const at = fromLocalInput(atField.value);
    if (!at) {
      atField.setAttribute('aria-invalid', 'true');
      say('office-internal-status', t('office_override_invalid', topicId), 'error');
      atField.focus();
      return;
    }
    atField.removeAttribute('aria-invalid');
    changeInternal('PUT', orgPath('/topics/' + encodeURIComponent(topicId) + '/internal-deadline'), { at: at },
      t('office_override_saved', topicId), $('office-override-other-save'), topicId, OVERRIDE_FIELDS).then(function (ok) {
      if (ok) {
        topicInput.value = '';
        atField.value = '';
      }
    });
  });
}
