/*
 * The office API as the office page calls it (Authorization: Bearer <key>), and its error answers in words.
 * The key lives in sessionStorage["cutoff.office"] = {"orgId", "key"} only: never in a URL, a cookie or any
 * other storage; it goes to the server only in the Authorization header. Nothing here runs on import, so
 * `node --test` can load it with its own fetch and sessionStorage (functions/cutoff/src/test/js/).
 */

export const STORE = 'cutoff.office';

/** The kept {orgId, key}, or null when there is none (or it is not one). */
export function session() {
  try {
    const s = JSON.parse(globalThis.sessionStorage.getItem(STORE) || 'null');
    return s && typeof s.orgId === 'string' && typeof s.key === 'string' ? s : null;
  } catch (e) {
    return null;
  }
}

/** The signed-in office's path: /orgs/{orgId} + rest. */
export function orgPath(rest) {
  return '/orgs/' + encodeURIComponent(session().orgId) + rest;
}

/** An answer as the page reads it: {status, data, text}; data is the parsed JSON body, or null. */
export function answer(status, text) {
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  return { status: status, data: data, text: text };
}

/**
 * One API call with the bearer key (the kept one, or the key being signed in with). Resolves {status, data,
 * text}, status 0 when the network failed; with blob, a 2xx answer's body as {status, blob} (a download), any
 * other answer as above, so an export's errors read as every other call's.
 */
export function api(method, path, body, { key, blob } = {}) {
  const s = session();
  const headers = { Authorization: 'Bearer ' + (key || (s && s.key) || '') };
  const init = { method: method, headers: headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return globalThis.fetch(path, init).then(function (r) {
    if (blob && r.ok) {
      return r.blob().then(function (b) {
        return { status: r.status, data: null, text: '', blob: b };
      });
    }
    return r.text().then(function (text) {
      return answer(r.status, text);
    });
  }).catch(function () {
    return { status: 0, data: null, text: '' };
  });
}

/** The server's field names (the "field" of an error answer) as the page names them. */
export const FIELDS = {
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

/** In an override's answer, "at" is the internal deadline, not the rule's time of day. */
export const OVERRIDE_FIELDS = { at: 'office_override_at_label' };

/** An error answer's code (internal deadlines) → its sentence; an unknown code shows the server's reason. */
export const API_CODES = {
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

/**
 * An error answer in words (t: the page's messages): the field named as the page names it, and the code's
 * sentence in the page's language (the server's reason when it gives no code this page knows); fields maps a
 * field to another message key where the same name means something else (an override's "at").
 */
export function problem(r, t, fields) {
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
  const d = r.data || {};
  // The API answers errors as JSON {"error", "field"}; anything else (a proxy's page) is named by its status.
  let reason = typeof d.error === 'string' ? d.error : String(r.status);
  if (typeof d.code === 'string' && Object.prototype.hasOwnProperty.call(API_CODES, d.code)) {
    reason = t(API_CODES[d.code]);
  }
  if (d.field) {
    const key = (fields && fields[d.field]) || FIELDS[d.field];
    const label = key ? t(key) : d.field;
    return t('office_err_field', label, reason);
  }
  return t('office_err_other', reason);
}
