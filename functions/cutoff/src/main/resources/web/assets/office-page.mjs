/*
 * The office page's own document: its language, its messages (#office-messages, one element per message key,
 * filled by the template from the bundles), and the small DOM helpers the feature modules share.
 * Text only ever goes in as text (textContent, text nodes): titles and reasons come from notices and files.
 */
import { beijing, beijingFormatter, translator } from './office-text.mjs';
import { problem } from './office-api.mjs';

export const lang = (document.documentElement.getAttribute('lang') || 'zh').slice(0, 2) === 'en' ? 'en' : 'zh';

const messages = {};
document.querySelectorAll('#office-messages [data-key]').forEach(function (item) {
  messages[item.getAttribute('data-key')] = item.textContent;
});

/** The message under key with {0}, {1}… replaced by the arguments; the key itself when missing. */
export const t = translator(messages);

const show = beijingFormatter(lang);

/** An ISO offset date-time shown in Beijing time in the page's language; a bare date as it is. */
export function inBeijing(iso) {
  return beijing(iso, t, show);
}

/** An error answer of the office API in the page's words (see office-api.mjs's problem). */
export function explain(r, fields) {
  return problem(r, t, fields);
}

export function $(id) {
  return document.getElementById(id);
}

/** An element with attributes (text: its text) and children (elements or strings; null ones skipped). */
export function el(tag, attrs, children) {
  const e = document.createElement(tag);
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
export function say(id, text, kind) {
  const s = $(id);
  s.textContent = text || '';
  s.className = 'office-status' + (kind ? ' office-status-' + kind : '');
}

/** Links keep the page's language, as the layout's own links do. */
export function langSuffix() {
  return '?lang=' + lang;
}
