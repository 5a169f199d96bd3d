/*
 * The office page (/office): a research office signs in with its key and manages its staff list,
 * its internal deadlines and its office feed through the office API (Authorization: Bearer <key>).
 *
 * - The key lives in sessionStorage["cutoff.office"] = {"orgId", "key"} only: never in a URL, a cookie
 *   or any other storage; it goes to the server only in the Authorization header. Signing out removes it.
 * - Every text comes from the page: the elements of #office-messages (one per message key, filled by the
 *   template from the message bundles); this file holds no Chinese or English sentence.
 * - Nothing typed is lost on an error: forms are never reset after a failure, only after a success.
 * - Loaded by the layout (layout.html.mustache, view flag officeScript) after the page's markup
 *   (office.html.mustache); no inline script or style, so the pages' CSP ('self' only) holds.
 * Plain script, no framework, no third party, no build step.
 */
(function () {
  'use strict';

  var STORE = 'cutoff.office';
  /** The largest upload the API takes (OfficeRoutes.MAX_UPLOAD_BYTES): 4 MiB. */
  var MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
  var PAGE = 100;
  var BEIJING_MS = 8 * 3600 * 1000;

  var app = document.getElementById('office-app');
  if (!app || app.hasAttribute('data-office-ready')) {
    return;
  }
  app.setAttribute('data-office-ready', '');
  var lang = (document.documentElement.getAttribute('lang') || 'zh').slice(0, 2) === 'en' ? 'en' : 'zh';

  // ---- messages -------------------------------------------------------------------------------------
  var messages = {};
  var list = document.querySelectorAll('#office-messages [data-key]');
  for (var i = 0; i < list.length; i++) {
    messages[list[i].getAttribute('data-key')] = list[i].textContent;
  }

  /** The message under key with {0}, {1}… replaced by the arguments; the key itself when missing. */
  function t(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    var text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return text.replace(/\{(\d+)\}/g, function (m, n) {
      return args[+n] === undefined ? m : String(args[+n]);
    });
  }

  /** The server's field names (the "field" of an error answer) as the page names them. */
  var FIELDS = {
    authorization: 'office_field_key',
    body: 'office_field_file',
    'content-type': 'office_field_file',
    email: 'office_field_email',
    before: 'office_field_before',
    at: 'office_field_at',
    topicId: 'office_field_topic',
    cursor: 'office_field_page',
    limit: 'office_field_page',
    // The upload's columns (a rejected row's "field").
    name: 'office_field_name',
    department: 'office_field_department',
    topics: 'office_field_topics',
    language: 'office_field_language',
    leadTimes: 'office_field_lead_times'
  };

  /** An error answer's code (internal deadlines) → its sentence; an unknown code shows the server's reason. */
  var API_CODES = {
    bad_period: 'office_api_bad_period',
    period_out_of_range: 'office_api_period_out_of_range',
    bad_time: 'office_api_bad_time',
    bad_date_time: 'office_api_bad_date_time',
    after_cutoff: 'office_api_after_cutoff',
    in_past: 'office_api_in_past',
    year_out_of_range: 'office_api_year_out_of_range',
    topic_closed: 'office_api_topic_closed',
    unknown_topic: 'office_api_unknown_topic'
  };

  /** A rejected row's code (errors[].code of an upload) → its message; an unknown code shows the server's reason. */
  var CODES = {
    missing_email: 'office_code_missing_email',
    bad_character: 'office_code_bad_character',
    address_too_long: 'office_code_address_too_long',
    quoted_local_part: 'office_code_quoted_local_part',
    space_in_address: 'office_code_space_in_address',
    no_at: 'office_code_no_at',
    empty_local_part: 'office_code_empty_local_part',
    empty_domain: 'office_code_empty_domain',
    address_literal: 'office_code_address_literal',
    bad_local_part_character: 'office_code_bad_local_part_character',
    local_part_dots: 'office_code_local_part_dots',
    local_part_too_long: 'office_code_local_part_too_long',
    ambiguous_domain: 'office_code_ambiguous_domain',
    bad_domain: 'office_code_bad_domain',
    too_many_cells: 'office_code_too_many_cells',
    null_entry: 'office_code_null_entry',
    wrong_domain: 'office_code_wrong_domain',
    duplicate: 'office_code_duplicate',
    text_too_long: 'office_code_text_too_long',
    control_character: 'office_code_control_character',
    bad_follow_rule: 'office_code_bad_follow_rule',
    unknown_topic: 'office_code_unknown_topic',
    too_many_rules: 'office_code_too_many_rules',
    no_topics: 'office_code_no_topics',
    too_many_topics: 'office_code_too_many_topics',
    bad_language: 'office_code_bad_language',
    bad_lead_time: 'office_code_bad_lead_time',
    too_many_lead_times: 'office_code_too_many_lead_times'
  };

  /** In an override's answer, "at" is the internal deadline, not the rule's time of day. */
  var OVERRIDE_FIELDS = { at: 'office_override_at_label' };

  var STATUS = {
    active: 'office_status_active',
    opted_out: 'office_status_opted_out',
    bounced: 'office_status_bounced'
  };

  // ---- small DOM helpers ----------------------------------------------------------------------------
  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') {
          e.textContent = attrs[k];
        } else {
          e.setAttribute(k, attrs[k]);
        }
      });
    }
    (children || []).forEach(function (c) {
      if (c) {
        e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
      }
    });
    return e;
  }

  /** Writes a status line (an aria-live region); kind: '', 'ok' or 'error'. */
  function say(id, text, kind) {
    var s = $(id);
    s.textContent = text || '';
    s.className = 'office-status' + (kind ? ' office-status-' + kind : '');
  }

  /** Links keep the page's language, as the layout's own links do. */
  function langSuffix() {
    return '?lang=' + lang;
  }

  // ---- session --------------------------------------------------------------------------------------
  function session() {
    try {
      var s = JSON.parse(window.sessionStorage.getItem(STORE) || 'null');
      return s && typeof s.orgId === 'string' && typeof s.key === 'string' ? s : null;
    } catch (e) {
      return null;
    }
  }

  // ---- the API --------------------------------------------------------------------------------------
  /**
   * One API call with the bearer key. Resolves {status, data, text}; data is the parsed JSON answer (or
   * null); status 0 when the network failed.
   */
  function api(method, path, body, key) {
    var s = session();
    var headers = { Authorization: 'Bearer ' + (key || (s && s.key) || '') };
    var init = { method: method, headers: headers, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return window.fetch(path, init).then(function (r) {
      return r.text().then(function (text) {
        var data = null;
        try {
          data = text ? JSON.parse(text) : null;
        } catch (e) {
          data = null;
        }
        return { status: r.status, data: data, text: text, response: r };
      });
    }, function () {
      return { status: 0, data: null, text: '' };
    });
  }

  function orgPath(rest) {
    return '/orgs/' + encodeURIComponent(session().orgId) + rest;
  }

  /**
   * An error answer in words: the field named as the page names it, and the code's sentence in the page's language
   * (the server's reason when it gives no code this page knows); fields maps a
   * field to another message key where the same name means something else (an override's "at").
   */
  function problem(r, fields) {
    if (r.status === 0) {
      return t('office_err_network');
    }
    // 401: no key, or (the function itself) a dead one; 403: API Gateway's office-key authorizer refused the key.
    if (r.status === 401 || r.status === 403) {
      return t('office_err_key');
    }
    if (r.status >= 500) {
      return t('office_err_server', r.status);
    }
    var d = r.data || {};
    // The API answers errors as JSON {"error", "field"}; anything else (a proxy's page) is named by its status.
    var reason = typeof d.error === 'string' ? d.error : String(r.status);
    if (typeof d.code === 'string' && Object.prototype.hasOwnProperty.call(API_CODES, d.code)) {
      reason = t(API_CODES[d.code]);
    }
    if (d.field) {
      var key = (fields && fields[d.field]) || FIELDS[d.field];
      var label = key ? t(key) : d.field;
      return t('office_err_field', label, reason);
    }
    return t('office_err_other', reason);
  }

  // ---- dates ----------------------------------------------------------------------------------------
  var beijingFormat = (function () {
    try {
      return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai', year: 'numeric', month: 'short', day: 'numeric',
        weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false
      });
    } catch (e) {
      return null;
    }
  })();

  /** An ISO offset date-time shown in Beijing time; a bare date (YYYY-MM-DD) as it is. */
  function beijing(iso) {
    if (!iso) {
      return '';
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      return iso;
    }
    var ms = Date.parse(iso);
    if (isNaN(ms)) {
      return iso;
    }
    var text = beijingFormat ? beijingFormat.format(new Date(ms)) : new Date(ms + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
    return t('office_beijing_time', text);
  }

  /** An ISO offset date-time as a datetime-local value in Beijing time (YYYY-MM-DDTHH:mm). */
  function toLocalInput(iso) {
    var ms = Date.parse(iso || '');
    return isNaN(ms) ? '' : new Date(ms + BEIJING_MS).toISOString().slice(0, 16);
  }

  /** A datetime-local value (Beijing time) as the API takes it: YYYY-MM-DDTHH:mm:00+08:00; null if not one. */
  function fromLocalInput(value) {
    var m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value || '');
    return m ? m[1] + (m[2] || ':00') + '+08:00' : null;
  }

  // ---- sign in / out --------------------------------------------------------------------------------
  var signin = $('office-signin');
  var keyInput = $('office-key');

  function showSignedIn(org) {
    $('office-name').textContent = org.name || org.orgId;
    signin.hidden = true;
    $('office-signed-in').hidden = false;
    showFeed(org.feedUrl);
    loadStaff(true);
    loadInternal();
  }

  function showSignedOut() {
    $('office-signed-in').hidden = true;
    signin.hidden = false;
    // Nothing of the office stays on the page once signed out.
    $('office-name').textContent = '';
    $('office-staff-body').textContent = '';
    $('office-upload-result').hidden = true;
    $('office-topics-body').textContent = '';
    ['office-feed-https', 'office-feed-webcal'].forEach(function (id) {
      $(id).value = '';
    });
    $('office-feed-subscribe').removeAttribute('href');
    $('office-rule-current').textContent = '';
    beforeInput.value = '';
    atInput.value = '';
    ['office-session-status', 'office-upload-status', 'office-staff-status', 'office-export-status',
      'office-internal-status', 'office-feed-status'].forEach(function (id) {
      say(id, '');
    });
  }

  signin.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var key = keyInput.value.trim();
    if (!key) {
      say('office-signin-status', t('office_signin_empty'), 'error');
      keyInput.setAttribute('aria-invalid', 'true');
      keyInput.focus();
      return;
    }
    var button = signin.querySelector('button[type=submit]');
    button.disabled = true;
    say('office-signin-status', t('office_signing_in'));
    api('GET', '/orgs', undefined, key).then(function (r) {
      button.disabled = false;
      if (r.status === 200 && r.data && r.data.orgId) {
        window.sessionStorage.setItem(STORE, JSON.stringify({ orgId: r.data.orgId, key: key }));
        keyInput.value = '';
        keyInput.removeAttribute('aria-invalid');
        say('office-signin-status', '');
        say('office-session-status', t('office_signed_in', r.data.name || r.data.orgId), 'ok');
        showSignedIn(r.data);
        $('office-signed-in-heading').focus();
      } else if (r.status === 401 || r.status === 403) {
        // The typed key stays in the field, so a typo can be corrected.
        keyInput.setAttribute('aria-invalid', 'true');
        say('office-signin-status', t('office_signin_bad_key'), 'error');
        keyInput.focus();
      } else {
        say('office-signin-status', problem(r), 'error');
      }
    });
  });

  $('office-signout').addEventListener('click', function () {
    window.sessionStorage.removeItem(STORE);
    showSignedOut();
    say('office-signin-status', t('office_signed_out'), 'ok');
    keyInput.focus();
  });

  // ---- upload -----------------------------------------------------------------------------------------
  var fileInput = $('office-file');
  var drop = $('office-drop');
  var chosen = null;

  function choose(file) {
    chosen = file || null;
    $('office-file-name').textContent = chosen ? t('office_file_chosen', chosen.name, sizeText(chosen.size)) : '';
    say('office-upload-status', '');
  }

  function sizeText(bytes) {
    return bytes < 1024 ? t('office_size_bytes', bytes)
      : bytes < 1024 * 1024 ? t('office_size_kib', (bytes / 1024).toFixed(1))
        : t('office_size_mib', (bytes / 1024 / 1024).toFixed(1));
  }

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
    var files = ev.dataTransfer && ev.dataTransfer.files;
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
    if (!/\.csv$/i.test(chosen.name) && !/csv/.test(chosen.type || '')) {
      say('office-upload-status', t('office_upload_not_csv', chosen.name), 'error');
      return;
    }
    if (chosen.size > MAX_UPLOAD_BYTES) {
      say('office-upload-status', t('office_upload_too_large', chosen.name, sizeText(chosen.size)), 'error');
      return;
    }
    upload(chosen);
  });

  function upload(file) {
    var s = session();
    var button = $('office-upload-button');
    var progress = $('office-upload-progress');
    var box = $('office-progress-box');
    button.disabled = true;
    box.hidden = false;
    progress.value = 0;
    progress.removeAttribute('aria-valuetext');
    say('office-upload-status', t('office_upload_sending', file.name, 0));
    var lastSaid = -1;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', orgPath('/staff'));
    xhr.setRequestHeader('Authorization', 'Bearer ' + s.key);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        var pct = Math.round(e.loaded * 100 / e.total);
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
      var data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (e) {
        data = null;
      }
      var r = { status: xhr.status, data: data, text: xhr.responseText };
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
        say('office-upload-status', problem(r), 'error');
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

  /**
   * A rejected row in words: the column named as the page names it (and as the file's header names it), and
   * the code's message in the page's language; a code this page does not know shows the server's reason.
   */
  function rowProblem(e) {
    var code = typeof e.code === 'string' && Object.prototype.hasOwnProperty.call(CODES, e.code) ? CODES[e.code] : null;
    if (!code) {
      return e.reason || '';
    }
    var where = e.field && FIELDS[e.field] ? t('office_column', t(FIELDS[e.field]), e.field) : t('office_row_whole');
    return t('office_err_field', where, t(code));
  }

  function showResult(d) {
    ['received', 'added', 'updated', 'unchanged', 'rejected'].forEach(function (k) {
      $('office-result-' + k).textContent = String(d[k] === undefined ? 0 : d[k]);
    });
    var body = $('office-errors-body');
    body.textContent = '';
    var errors = d.errors || [];
    errors.forEach(function (e) {
      body.appendChild(el('tr', null, [
        el('td', { 'data-label': t('office_col_line'), text: String(e.line) }),
        el('td', { 'data-label': t('office_col_email'), text: e.email || '' }),
        el('td', { 'data-label': t('office_col_reason'), text: rowProblem(e) })
      ]));
    });
    $('office-errors').hidden = errors.length === 0;
    $('office-errors-none').hidden = errors.length !== 0;
    $('office-upload-result').hidden = false;
  }

  // ---- the staff list -----------------------------------------------------------------------------
  var nextCursor = null;
  var shown = 0;

  function loadStaff(fromStart) {
    if (fromStart) {
      nextCursor = null;
      shown = 0;
    }
    var more = $('office-staff-more');
    more.disabled = true;
    say('office-staff-status', t('office_staff_loading'));
    var query = '?limit=' + PAGE + (nextCursor ? '&cursor=' + encodeURIComponent(nextCursor) : '');
    api('GET', orgPath('/staff') + query).then(function (r) {
      more.disabled = false;
      if (r.status !== 200 || !r.data) {
        say('office-staff-status', problem(r), 'error');
        return;
      }
      var body = $('office-staff-body');
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

  var OWN = {
    language: 'office_own_language',
    leadTimes: 'office_own_leadTimes',
    topics: 'office_own_topics'
  };

  /** The settings the person changed on their own preferences page (kept over uploads), as a hint; null for none. */
  function ownChoices(fields) {
    if (!fields || !fields.length) {
      return null;
    }
    return el('span', { 'class': 'office-hint', text: ' ' + t('office_own_choices', fields.map(function (f) {
      return OWN[f] ? t(OWN[f]) : f;
    }).join(', ')) });
  }

  function staffRow(p) {
    var status = el('span', { 'class': 'office-badge office-badge-' + (p.status || 'active'), text: t(STATUS[p.status] || 'office_status_active') });
    var actions = el('td', { 'data-label': t('office_col_action'), 'class': 'office-actions' });
    var row = el('tr', null, [
      el('td', { 'data-label': t('office_col_email'), 'class': 'office-email', text: p.email }),
      el('td', { 'data-label': t('office_col_name'), text: p.name || '' }),
      el('td', { 'data-label': t('office_col_department'), text: p.department || '' }),
      el('td', { 'data-label': t('office_col_topics'), text: (p.topics || []).join('; ') }),
      el('td', { 'data-label': t('office_col_status') }, [status, ownChoices(p.ownChoices)]),
      actions
    ]);
    var remove = el('button', { type: 'button', 'class': 'office-quiet', text: t('office_remove') });
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
    var question = el('span', { 'class': 'office-confirm', role: 'group' });
    var yes = el('button', { type: 'button', 'class': 'office-danger', text: t('office_remove_yes') });
    var no = el('button', { type: 'button', 'class': 'office-quiet', text: t('office_remove_no') });
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
          say('office-staff-status', problem(r), 'error');
        }
      });
    });
  }

  $('office-staff-more').addEventListener('click', function () {
    loadStaff(false);
  });

  // ---- export -------------------------------------------------------------------------------------
  $('office-export').addEventListener('click', function () {
    var button = this;
    button.disabled = true;
    say('office-export-status', t('office_export_working'));
    var s = session();
    window.fetch(orgPath('/staff.csv'), {
      headers: { Authorization: 'Bearer ' + s.key }, cache: 'no-store', credentials: 'omit'
    }).then(function (r) {
      if (!r.ok) {
        return r.text().then(function (text) {
          var data = null;
          try {
            data = JSON.parse(text);
          } catch (e) {
            data = null;
          }
          throw { status: r.status, data: data, text: text };
        });
      }
      return r.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var a = el('a', { href: url, download: 'staff.csv' });
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 10000);
      button.disabled = false;
      say('office-export-status', t('office_export_done'), 'ok');
    }, function (r) {
      button.disabled = false;
      say('office-export-status', problem(r && r.status !== undefined ? r : { status: 0 }), 'error');
    });
  });

  // ---- internal deadlines -----------------------------------------------------------------------------
  var ruleForm = $('office-rule');
  var beforeInput = $('office-rule-before');
  var atInput = $('office-rule-at');

  /** showInternal(d, settled): the view; settled names a topic whose typed override was just saved or removed. */
  function showInternal(d, settled) {
    var rule = d.rule;
    var m = rule && /^P(\d+)D$/.exec(rule.before || '');
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

    var overrides = {};
    (d.overrides || []).forEach(function (o) {
      overrides[o.topicId] = o.at;
    });
    var body = $('office-topics-body');
    // Values being typed (differing from what the row was drawn with) survive a reload of the list.
    var typed = {};
    Array.prototype.forEach.call(body.querySelectorAll('input[data-topic]'), function (input) {
      if (input.value !== input.getAttribute('data-drawn') && input.getAttribute('data-topic') !== settled) {
        typed[input.getAttribute('data-topic')] = input.value;
      }
    });
    body.textContent = '';
    var seen = {};
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
    var count = body.children.length;
    $('office-topics-table').hidden = count === 0;
    $('office-topics-empty').hidden = count !== 0;
  }

  function topicRow(dl, override, typed, n) {
    var id = 'office-override-' + n;
    var link = el('a', { href: '/calls/' + encodeURIComponent(dl.topicId) + langSuffix(), text: dl.title || dl.topicId });
    var input = el('input', { type: 'datetime-local', id: id, 'data-topic': dl.topicId, step: '60' });
    input.setAttribute('data-drawn', toLocalInput(override || ''));
    input.value = typed !== undefined ? typed : toLocalInput(override || '');
    var label = el('label', { 'for': id, 'class': 'office-visually-hidden', text: t('office_override_label', dl.title || dl.topicId) });
    var save = el('button', { type: 'button', text: t('office_override_save') });
    save.setAttribute('aria-label', t('office_override_save_named', dl.title || dl.topicId));
    save.addEventListener('click', function () {
      saveOverride(dl, input, save);
    });
    var cells = [
      el('td', { 'data-label': t('office_col_topic') }, [link, dl.noticeId ? el('span', { 'class': 'office-hint', text: ' ' + dl.topicId }) : null]),
      el('td', { 'data-label': t('office_col_cutoff'), text: beijing(dl.cutoff) }),
      el('td', { 'data-label': t('office_col_internal') }, [
        dl.internal ? el('span', { text: beijing(dl.internal) }) : el('span', { text: t('office_internal_none') }),
        dl.internal ? el('span', { 'class': 'office-hint', text: ' ' + t(dl.source === 'override' ? 'office_source_override' : 'office_source_rule') }) : null
      ]),
      el('td', { 'data-label': t('office_col_override'), 'class': 'office-override' }, [label, input, save])
    ];
    if (override) {
      var remove = el('button', { type: 'button', 'class': 'office-quiet', text: t('office_override_remove') });
      remove.setAttribute('aria-label', t('office_override_remove_named', dl.title || dl.topicId));
      remove.addEventListener('click', function () {
        removeOverride(dl.topicId, remove);
      });
      cells[3].appendChild(remove);
    }
    return el('tr', null, cells);
  }

  function loadInternal(settled) {
    api('GET', orgPath('/internal-deadlines')).then(function (r) {
      if (r.status === 200 && r.data) {
        showInternal(r.data, settled);
      } else {
        say('office-internal-status', problem(r), 'error');
      }
    });
  }

  /** A PUT or DELETE whose 200 answer is the whole internal-deadline view; 204 reloads it. */
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
      say('office-internal-status', problem(r, fields), 'error');
      return false;
    });
  }

  ruleForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var days = beforeInput.value.trim();
    var at = (atInput.value || '').slice(0, 5);
    beforeInput.removeAttribute('aria-invalid');
    atInput.removeAttribute('aria-invalid');
    if (!/^\d{1,3}$/.test(days)) {
      beforeInput.setAttribute('aria-invalid', 'true');
      say('office-internal-status', t('office_rule_before_invalid'), 'error');
      beforeInput.focus();
      return;
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
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

  /** Saves the override typed for a listed topic (dl: its line of "deadlines"). */
  function saveOverride(dl, input, button) {
    var topicId = dl.topicId;
    var at = fromLocalInput(input.value);
    var name = dl.title || topicId;
    var problemText = !at ? t('office_override_invalid', name)
      : dl.cutoff && dl.cutoff.length > 10 && Date.parse(at) >= Date.parse(dl.cutoff)
        ? t('office_override_after_cutoff', name, beijing(dl.cutoff)) : null;
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

  // An override for a topic that is not listed (no rule yet, or not followed by anyone yet).
  $('office-override-other').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var topicInput = $('office-override-topic');
    var atField = $('office-override-at');
    var topicId = topicInput.value.trim();
    topicInput.removeAttribute('aria-invalid');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(topicId)) {
      topicInput.setAttribute('aria-invalid', 'true');
      say('office-internal-status', t('office_override_topic_invalid'), 'error');
      topicInput.focus();
      return;
    }
    var at = fromLocalInput(atField.value);
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

  // ---- the office feed ---------------------------------------------------------------------------------
  function showFeed(url) {
    if (!url) {
      return;
    }
    var webcal = url.replace(/^https?:/i, 'webcal:');
    $('office-feed-https').value = url;
    $('office-feed-webcal').value = webcal;
    $('office-feed-subscribe').setAttribute('href', webcal);
  }

  function copy(inputId) {
    var input = $(inputId);
    var text = input.value;
    var ok = function () {
      say('office-feed-status', t('office_copied'), 'ok');
    };
    var fallback = function () {
      input.focus();
      input.select();
      var done = false;
      try {
        done = document.execCommand('copy');
      } catch (e) {
        done = false;
      }
      if (done) {
        ok();
      } else {
        say('office-feed-status', t('office_copy_failed'), 'error');
      }
    };
    if (!text) {
      return;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(ok, fallback);
    } else {
      fallback();
    }
  }

  $('office-copy-https').addEventListener('click', function () {
    copy('office-feed-https');
  });
  $('office-copy-webcal').addEventListener('click', function () {
    copy('office-feed-webcal');
  });

  var rotateBox = $('office-rotate-confirm');
  $('office-rotate').addEventListener('click', function () {
    rotateBox.hidden = false;
    this.setAttribute('aria-expanded', 'true');
    $('office-rotate-yes').focus();
  });
  $('office-rotate-no').addEventListener('click', function () {
    rotateBox.hidden = true;
    $('office-rotate').setAttribute('aria-expanded', 'false');
    $('office-rotate').focus();
  });
  $('office-rotate-yes').addEventListener('click', function () {
    var button = this;
    button.disabled = true;
    api('POST', orgPath('/feed')).then(function (r) {
      button.disabled = false;
      if (r.status === 200 && r.data && r.data.feedUrl) {
        showFeed(r.data.feedUrl);
        rotateBox.hidden = true;
        $('office-rotate').setAttribute('aria-expanded', 'false');
        say('office-feed-status', t('office_feed_rotated'), 'ok');
        $('office-feed-https').focus();
      } else {
        say('office-feed-status', problem(r), 'error');
      }
    });
  });

  // ---- start ---------------------------------------------------------------------------------------
  var s = session();
  if (!s) {
    showSignedOut();
    return;
  }
  // A key kept from earlier in this browser session: check it is still good.
  api('GET', '/orgs').then(function (r) {
    if (r.status === 200 && r.data && r.data.orgId === s.orgId) {
      showSignedIn(r.data);
    } else if (r.status === 401 || r.status === 403 || (r.status === 200 && r.data && r.data.orgId !== s.orgId)) {
      window.sessionStorage.removeItem(STORE);
      showSignedOut();
      say('office-signin-status', t('office_session_expired'), 'error');
    } else {
      showSignedOut();
      say('office-signin-status', problem(r), 'error');
    }
  });
})();
