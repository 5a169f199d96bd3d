/*
 * The office page's words and dates, apart from the page: nothing here touches the DOM, the network or storage,
 * so `node --test` runs it (functions/cutoff/src/test/js/, part of ./cutoff test). The sentences are the page's
 * (#office-messages, filled by the template from the message bundles); this file holds message keys, never a sentence.
 */
import { FIELDS } from './office-api.mjs';

/** A message's text with {0}, {1}… replaced by args; a placeholder without an argument stays as written. */
export function format(text, args) {
  return text.replace(/\{(\d+)\}/g, function (m, n) {
    return args[+n] === undefined ? m : String(args[+n]);
  });
}

/** t(key, ...args) over messages (message key → text); a missing key shows as the key itself. */
export function translator(messages) {
  return function t(key, ...args) {
    const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return format(text, args);
  };
}

/** A rejected row's code (errors[].code of an upload) → its message; an unknown code shows the server's reason. */
export const CODES = {
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

/**
 * A rejected row in words: the column named as the page names it (and as the file's header names it), and
 * the code's message in the page's language; a code this page does not know shows the server's reason.
 */
export function rowProblem(e, t) {
  const code = typeof e.code === 'string' && Object.prototype.hasOwnProperty.call(CODES, e.code) ? CODES[e.code] : null;
  if (!code) {
    return e.reason || '';
  }
  const where = e.field && FIELDS[e.field] ? t('office_column', t(FIELDS[e.field]), e.field) : t('office_row_whole');
  return t('office_err_field', where, t(code));
}

/** A staff member's status (GET /orgs/{orgId}/staff) → its message; anything else reads as active. */
export const STATUS = {
  active: 'office_status_active',
  opted_out: 'office_status_opted_out',
  bounced: 'office_status_bounced'
};

/** The settings a person may change on their own preferences page (the list's ownChoices) → their names. */
export const OWN = {
  language: 'office_own_language',
  leadTimes: 'office_own_leadTimes',
  topics: 'office_own_topics'
};

/** The settings the person changed on their own preferences page, as one hint; null for none. */
export function ownChoicesText(fields, t) {
  if (!fields || !fields.length) {
    return null;
  }
  return t('office_own_choices', fields.map(function (f) {
    return OWN[f] ? t(OWN[f]) : f;
  }).join(', '));
}

/** The largest upload the API takes (OfficeRoutes.MAX_UPLOAD_BYTES): 4 MiB. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

/**
 * What keeps a chosen file ({name, type, size}) from being sent: 'not_csv' (neither a .csv name nor a CSV
 * type), 'too_large' (over MAX_UPLOAD_BYTES, which the API would refuse with 413), or null.
 */
export function uploadFault(file) {
  if (!/\.csv$/i.test(file.name) && !/csv/.test(file.type || '')) {
    return 'not_csv';
  }
  return file.size > MAX_UPLOAD_BYTES ? 'too_large' : null;
}

/** A file's size in bytes, KiB or MiB (one decimal). */
export function sizeText(bytes, t) {
  return bytes < 1024 ? t('office_size_bytes', bytes)
    : bytes < 1024 * 1024 ? t('office_size_kib', (bytes / 1024).toFixed(1))
      : t('office_size_mib', (bytes / 1024 / 1024).toFixed(1));
}

/** Beijing's offset from UTC (no daylight saving since 1991). */
export const BEIJING_MS = 8 * 3600 * 1000;

/**
 * An instant (ms since the epoch) as Beijing wall time in the page's language ('zh' or 'en'): Intl's format
 * (weekday, day, month, year, 24-hour time), or YYYY-MM-DD HH:mm where Intl lacks the zone.
 */
export function beijingFormatter(lang) {
  try {
    const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: 'short', day: 'numeric',
      weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false
    });
    return function (ms) {
      return f.format(new Date(ms));
    };
  } catch (e) {
    return function (ms) {
      return new Date(ms + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
    };
  }
}

/** An ISO offset date-time shown in Beijing time (show: a beijingFormatter); a bare date (YYYY-MM-DD) or a non-date as it is. */
export function beijing(iso, t, show) {
  if (!iso) {
    return '';
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    return iso;
  }
  const ms = Date.parse(iso);
  if (isNaN(ms)) {
    return iso;
  }
  return t('office_beijing_time', show(ms));
}

/** An ISO offset date-time as a datetime-local value in Beijing time (YYYY-MM-DDTHH:mm); '' if not one. */
export function toLocalInput(iso) {
  const ms = Date.parse(iso || '');
  return isNaN(ms) ? '' : new Date(ms + BEIJING_MS).toISOString().slice(0, 16);
}

/** A datetime-local value (Beijing time) as the API takes it: YYYY-MM-DDTHH:mm:00+08:00; null if not one. */
export function fromLocalInput(value) {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value || '');
  return m ? m[1] + (m[2] || ':00') + '+08:00' : null;
}

/**
 * The rule form's fields (days before the cutoff, time of day HH:mm) checked as the API will: the name of
 * the field at fault ('before' or 'at'), or null when both are well formed. The API holds the range (P1D–P60D).
 */
export function ruleFault(days, at) {
  if (!/^\d{1,3}$/.test(days)) {
    return 'before';
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
    return 'at';
  }
  return null;
}

/** Whether text can be a topic id (the API's own check decides whether one exists). */
export function isTopicId(text) {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text);
}

/** An override instant (ISO, +08:00) at or after a timed cutoff; a date-only cutoff is left to the API. */
export function afterCutoff(at, cutoff) {
  return !!cutoff && cutoff.length > 10 && Date.parse(at) >= Date.parse(cutoff);
}

/** A feed's https URL as the webcal: URL calendar apps subscribe to. */
export function webcal(url) {
  return url.replace(/^https?:/i, 'webcal:');
}
