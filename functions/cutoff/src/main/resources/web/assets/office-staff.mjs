/*
 * The office page's staff: the CSV upload (with progress, the per-row report), the staff list a page at a
 * time (statuses, the settings people changed themselves, removal with a confirm step) and the export.
 * Nothing typed or chosen is lost on an error: the chosen file stays chosen until an upload succeeds.
 */
import { answer, api, orgPath, session } from './office-api.mjs';
import { ownChoicesText, rowProblem, sizeText, STATUS, uploadFault } from './office-text.mjs';
import { $, el, explain, say, t } from './office-page.mjs';
import { loadInternal } from './office-deadlines.mjs';

/** Staff rows asked for at a time (the API takes 1–500). */
const PAGE = 100;

let fileInput;
let chosen = null;
let nextCursor = null;
let shown = 0;

function choose(file) {
  chosen = file || null;
  $('office-file-name').textContent = chosen ? t('office_file_chosen', chosen.name, sizeText(chosen.size, t)) : '';
  say('office-upload-status', '');
}

function upload(file) {
  const s = session();
  const button = $('office-upload-button');
  const progress = $('office-upload-progress');
  const box = $('office-progress-box');
  button.disabled = true;
  box.hidden = false;
  progress.value = 0;
  progress.removeAttribute('aria-valuetext');
  say('office-upload-status', t('office_upload_sending', file.name, 0));
  let lastSaid = -1;
  // XMLHttpRequest, not fetch: only it reports the upload's progress.
  const xhr = new XMLHttpRequest();
  xhr.open('POST', orgPath('/staff'));
  xhr.setRequestHeader('Authorization', 'Bearer ' + s.key);
  xhr.setRequestHeader('Content-Type', 'text/csv');
  xhr.upload.addEventListener('progress', function (e) {
    if (e.lengthComputable) {
      const pct = Math.round(e.loaded * 100 / e.total);
      progress.value = pct;
      progress.setAttribute('aria-valuetext', pct + '%');
      // The live region speaks at most every 25 %.
      if (pct === 100 || pct - lastSaid >= 25) {
        lastSaid = pct;
        say('office-upload-status', t('office_upload_sending', file.name, pct));
      }
    }
  });
  xhr.upload.addEventListener('load', function () {
    progress.value = 100;
    say('office-upload-status', t('office_upload_checking'));
  });
  xhr.addEventListener('load', function () {
    button.disabled = false;
    box.hidden = true;
    const r = answer(xhr.status, xhr.responseText);
    const data = r.data;
    if (xhr.status === 200 && data) {
      showResult(data);
      fileInput.value = '';
      choose(null);
      say('office-upload-status', t('office_upload_done', data.received, data.rejected),
        data.rejected ? 'error' : 'ok');
      loadStaff(true);
      loadInternal();
    } else if (xhr.status === 413) {
      say('office-upload-status', t('office_upload_limit', (data && data.error) || ''), 'error');
    } else {
      say('office-upload-status', explain(r), 'error');
    }
  });
  ['error', 'abort', 'timeout'].forEach(function (type) {
    xhr.addEventListener(type, function () {
      button.disabled = false;
      box.hidden = true;
      say('office-upload-status', t('office_err_network'), 'error');
    });
  });
  xhr.send(file);
}

function showResult(d) {
  ['received', 'added', 'updated', 'unchanged', 'rejected'].forEach(function (k) {
    $('office-result-' + k).textContent = String(d[k] === undefined ? 0 : d[k]);
  });
  const body = $('office-errors-body');
  body.textContent = '';
  const errors = d.errors || [];
  errors.forEach(function (e) {
    body.appendChild(el('tr', null, [
      el('td', { 'data-label': t('office_col_line'), text: String(e.line) }),
      el('td', { 'data-label': t('office_col_email'), text: e.email || '' }),
      el('td', { 'data-label': t('office_col_reason'), text: rowProblem(e, t) })
    ]));
  });
  $('office-errors').hidden = errors.length === 0;
  $('office-errors-none').hidden = errors.length !== 0;
  $('office-upload-result').hidden = false;
}

/** Reads the staff list: from the start, or the next page after what is shown. */
export function loadStaff(fromStart) {
  if (fromStart) {
    nextCursor = null;
    shown = 0;
  }
  const more = $('office-staff-more');
  more.disabled = true;
  say('office-staff-status', t('office_staff_loading'));
  const query = '?limit=' + PAGE + (nextCursor ? '&cursor=' + encodeURIComponent(nextCursor) : '');
  api('GET', orgPath('/staff') + query).then(function (r) {
    more.disabled = false;
    if (r.status !== 200 || !r.data) {
      say('office-staff-status', explain(r), 'error');
      return;
    }
    const body = $('office-staff-body');
    if (fromStart) {
      body.textContent = '';
    }
    (r.data.staff || []).forEach(function (p) {
      body.appendChild(staffRow(p));
      shown++;
    });
    nextCursor = r.data.next || null;
    more.hidden = !nextCursor;
    $('office-staff-table').hidden = shown === 0;
    say('office-staff-status', shown === 0 ? t('office_staff_empty')
      : nextCursor ? t('office_staff_shown_more', shown) : t('office_staff_shown', shown));
  });
}

function staffRow(p) {
  const status = el('span', { 'class': 'office-badge office-badge-' + (p.status || 'active'), text: t(STATUS[p.status] || 'office_status_active') });
  const own = ownChoicesText(p.ownChoices, t);
  const actions = el('td', { 'data-label': t('office_col_action'), 'class': 'office-actions' });
  const row = el('tr', null, [
    el('td', { 'data-label': t('office_col_email'), 'class': 'office-email', text: p.email }),
    el('td', { 'data-label': t('office_col_name'), text: p.name || '' }),
    el('td', { 'data-label': t('office_col_department'), text: p.department || '' }),
    el('td', { 'data-label': t('office_col_topics'), text: (p.topics || []).join('; ') }),
    el('td', { 'data-label': t('office_col_status') }, [status, own ? el('span', { 'class': 'office-hint', text: ' ' + own }) : null]),
    actions
  ]);
  const remove = el('button', { type: 'button', 'class': 'office-quiet', text: t('office_remove') });
  remove.setAttribute('aria-label', t('office_remove_named', p.email));
  remove.addEventListener('click', function () {
    confirmRemove(p.email, row, actions, remove);
  });
  actions.appendChild(remove);
  return row;
}

/** The confirm step: the row asks again, with "remove" and "keep" buttons. */
function confirmRemove(email, row, actions, remove) {
  remove.hidden = true;
  const question = el('span', { 'class': 'office-confirm', role: 'group' });
  const yes = el('button', { type: 'button', 'class': 'office-danger', text: t('office_remove_yes') });
  const no = el('button', { type: 'button', 'class': 'office-quiet', text: t('office_remove_no') });
  question.appendChild(el('span', { text: t('office_remove_confirm', email) }));
  question.appendChild(yes);
  question.appendChild(no);
  actions.appendChild(question);
  yes.focus();
  no.addEventListener('click', function () {
    actions.removeChild(question);
    remove.hidden = false;
    remove.focus();
  });
  yes.addEventListener('click', function () {
    yes.disabled = true;
    api('DELETE', orgPath('/staff/' + encodeURIComponent(email))).then(function (r) {
      if (r.status === 204 || r.status === 404) {
        row.parentNode.removeChild(row);
        shown = Math.max(0, shown - 1);
        say('office-staff-status', t('office_removed', email), 'ok');
        $('office-staff-heading').focus();
        loadInternal();
      } else {
        yes.disabled = false;
        say('office-staff-status', explain(r), 'error');
      }
    });
  });
}

/** The list as CSV (GET /orgs/{orgId}/staff.csv), downloaded as staff.csv; its errors read as every call's. */
function exportList(button) {
  button.disabled = true;
  say('office-export-status', t('office_export_working'));
  api('GET', orgPath('/staff.csv'), undefined, { blob: true }).then(function (r) {
    button.disabled = false;
    if (!r.blob) {
      say('office-export-status', explain(r), 'error');
      return;
    }
    const url = URL.createObjectURL(r.blob);
    const a = el('a', { href: url, download: 'staff.csv' });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
    say('office-export-status', t('office_export_done'), 'ok');
  });
}

/** Nothing of the office's staff stays on the page once signed out. */
export function clearStaff() {
  $('office-staff-body').textContent = '';
  $('office-upload-result').hidden = true;
}

/** Wires the file input, the drop zone, the upload form, "more" and the export. */
export function initStaff() {
  fileInput = $('office-file');
  const drop = $('office-drop');
  fileInput.addEventListener('change', function () {
    choose(fileInput.files && fileInput.files[0]);
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (ev) {
      ev.preventDefault();
      drop.classList.add('office-drop-over');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function (ev) {
      ev.preventDefault();
      drop.classList.remove('office-drop-over');
    });
  });
  drop.addEventListener('drop', function (ev) {
    const files = ev.dataTransfer && ev.dataTransfer.files;
    if (files && files.length) {
      choose(files[0]);
    }
  });

  $('office-upload').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!chosen) {
      say('office-upload-status', t('office_upload_no_file'), 'error');
      fileInput.focus();
      return;
    }
    const fault = uploadFault(chosen);
    if (fault === 'not_csv') {
      say('office-upload-status', t('office_upload_not_csv', chosen.name), 'error');
      return;
    }
    if (fault === 'too_large') {
      say('office-upload-status', t('office_upload_too_large', chosen.name, sizeText(chosen.size, t)), 'error');
      return;
    }
    upload(chosen);
  });

  $('office-staff-more').addEventListener('click', function () {
    loadStaff(false);
  });

  $('office-export').addEventListener('click', function () {
    exportList(this);
  });
}
