/*
 * The notice pages (issue 19): /review, where an editor or a research office signs in with its key and sends a
 * notice file (review-upload.mjs), and /review/{draftId}, the draft's text beside its reading as a form
 * (review-draft.mjs). This module signs in and out and starts the page's part.
 *
 * - The key: review-api.mjs (sessionStorage only; an office's key is the one /office keeps, so one sign-in serves both).
 * - Every text comes from the page: #review-messages (one element per message key, filled by the template from the
 *   message bundles); these modules hold no Chinese or English sentence.
 * - Everything from a draft goes into the page as text (textContent, text nodes, attributes set one by one): never as
 *   markup, so a notice that contains <script> shows it as text.
 * - Loaded by the layout (view flag reviewScript) as <script type="module">; no inline script or style, so the pages'
 *   CSP ('self' only) holds.
 */
import { forget, keep, reviewSession, whoIs } from './review-api.mjs';
import { beijingFormatter, translator } from './office-text.mjs';
import { $, lang, say } from './office-page.mjs';
import { initUpload } from './review-upload.mjs';
import { clearDraft, loadDraft } from './review-draft.mjs';

const app = $('review-app');
if (app && !app.hasAttribute('data-review-ready')) {
  app.setAttribute('data-review-ready', '');
  start(app.getAttribute('data-mode'));
}

function start(mode) {
  const messages = {};
  document.querySelectorAll('#review-messages [data-key]').forEach(function (item) {
    messages[item.getAttribute('data-key')] = item.textContent;
  });
  const show = beijingFormatter(lang);
  const page = {
    lang: lang,
    t: translator(messages),
    /** An instant (ISO) in Beijing time, in the page's language. */
    beijing: function (iso) {
      const ms = Date.parse(iso || '');
      return isNaN(ms) ? (iso || '') : page.t('review_beijing_time', show(ms));
    },
    /** The kept key is no longer good: back to the sign-in form, saying so. */
    expired: function () {
      forget();
      showSignedOut();
      say('review-signin-status', page.t('review_session_expired'), 'error');
    }
  };
  const t = page.t;
  const signin = $('review-signin');
  const keyInput = $('review-key');

  function showSignedIn(who) {
    page.who = who;
    $('review-who-label').textContent = t(who.kind === 'office' ? 'review_signed_in_office' : 'review_signed_in_editor');
    $('review-who').textContent = who.kind === 'office' ? (who.name || who.orgId) : '';
    signin.hidden = true;
    $('review-signed-in').hidden = false;
    if (mode === 'draft') {
      loadDraft(page, draftIdFromPath());
    }
  }

  function showSignedOut() {
    $('review-signed-in').hidden = true;
    signin.hidden = false;
    $('review-who').textContent = '';
    say('review-session-status', '');
    if (mode === 'draft') {
      clearDraft();
    }
  }

  if (mode === 'upload') {
    initUpload(page);
  }

  signin.addEventListener('submit', function (ev) {
    ev.preventDefault();
    const key = keyInput.value.trim();
    if (!key) {
      say('review-signin-status', t('review_signin_empty'), 'error');
      keyInput.setAttribute('aria-invalid', 'true');
      keyInput.focus();
      return;
    }
    const button = signin.querySelector('button[type=submit]');
    button.disabled = true;
    say('review-signin-status', t('review_signing_in'));
    whoIs(key).then(function (who) {
      button.disabled = false;
      if (who.kind) {
        keep(who);
        keyInput.value = '';
        keyInput.removeAttribute('aria-invalid');
        say('review-signin-status', '');
        say('review-session-status', t('review_signed_in', who.kind === 'office' ? who.name : t('review_editor')), 'ok');
        showSignedIn(who);
        $('review-who-heading').focus();
      } else if (who.answer.status === 401 || who.answer.status === 403) {
        // The typed key stays in the field, so a typo can be corrected.
        keyInput.setAttribute('aria-invalid', 'true');
        say('review-signin-status', t('review_signin_bad_key'), 'error');
        keyInput.focus();
      } else {
        say('review-signin-status', who.answer.status === 0 ? t('review_err_network') : t('review_err_server', who.answer.status), 'error');
      }
    });
  });

  $('review-signout').addEventListener('click', function () {
    forget();
    showSignedOut();
    say('review-signin-status', t('review_signed_out'), 'ok');
    keyInput.focus();
  });

  const s = reviewSession();
  if (!s) {
    showSignedOut();
    return;
  }
  // A key kept from earlier in this tab (here or on /office): check it is still good.
  whoIs(s.key).then(function (who) {
    if (who.kind && (who.kind !== 'office' || who.orgId === s.orgId)) {
      showSignedIn(who);
    } else if (!who.kind && (who.answer.status === 401 || who.answer.status === 403)) {
      page.expired();
    } else if (who.kind) {
      page.expired();
    } else {
      showSignedOut();
      say('review-signin-status', who.answer.status === 0 ? t('review_err_network') : t('review_err_server', who.answer.status), 'error');
    }
  });
}

/** The draft's id: the path's last segment (/review/{draftId}). */
function draftIdFromPath() {
  const parts = window.location.pathname.split('/');
  return decodeURIComponent(parts[parts.length - 1] || '');
}
