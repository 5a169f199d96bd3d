/*
 * The office page (/office): a research office signs in with its key and manages its staff list
 * (office-staff.mjs), its internal deadlines (office-deadlines.mjs) and its office feed (office-feed.mjs)
 * through the office API (office-api.mjs: Authorization: Bearer <key>). This module signs in and out and starts.
 *
 * - The key lives in sessionStorage["cutoff.office"] = {"orgId", "key"} only: never in a URL, a cookie
 *   or any other storage; it goes to the server only in the Authorization header. Signing out removes it.
 * - Every text comes from the page: the elements of #office-messages (one per message key, filled by the
 *   template from the message bundles); these modules hold no Chinese or English sentence.
 * - Nothing typed is lost on an error: forms are never reset after a failure, only after a success.
 * - Loaded by the layout (layout.html.mustache, view flag officeScript) as <script type="module">, which runs
 *   after the page's markup (office.html.mustache) is parsed; no inline script or style, so the pages' CSP
 *   ('self' only) holds, and imports are same-origin files of /assets/ (Assets names them by version).
 * Plain ES modules, no framework, no third party, no build step.
 */
import { api, STORE, session } from './office-api.mjs';
import { $, explain, say, t } from './office-page.mjs';
import { clearStaff, initStaff, loadStaff } from './office-staff.mjs';
import { clearInternal, initDeadlines, loadInternal } from './office-deadlines.mjs';
import { clearFeed, initFeed, showFeed } from './office-feed.mjs';
import { clearChat, initChat, loadChat } from './office-chat.mjs';

const app = $('office-app');
if (app && !app.hasAttribute('data-office-ready')) {
  app.setAttribute('data-office-ready', '');
  start();
}

function start() {
  const signin = $('office-signin');
  const keyInput = $('office-key');

  function showSignedIn(org) {
    $('office-name').textContent = org.name || org.orgId;
    signin.hidden = true;
    $('office-signed-in').hidden = false;
    showFeed(org.feedUrl);
    loadStaff(true);
    loadInternal();
    loadChat();
  }

  function showSignedOut() {
    $('office-signed-in').hidden = true;
    signin.hidden = false;
    // Nothing of the office stays on the page once signed out.
    $('office-name').textContent = '';
    clearStaff();
    clearInternal();
    clearFeed();
    clearChat();
    ['office-session-status', 'office-upload-status', 'office-staff-status', 'office-export-status',
      'office-internal-status', 'office-feed-status', 'office-chat-status'].forEach(function (id) {
      say(id, '');
    });
  }

  initStaff();
  initDeadlines();
  initFeed();
  initChat();

  signin.addEventListener('submit', function (ev) {
    ev.preventDefault();
    const key = keyInput.value.trim();
    if (!key) {
      say('office-signin-status', t('office_signin_empty'), 'error');
      keyInput.setAttribute('aria-invalid', 'true');
      keyInput.focus();
      return;
    }
    const button = signin.querySelector('button[type=submit]');
    button.disabled = true;
    say('office-signin-status', t('office_signing_in'));
    api('GET', '/orgs', undefined, { key: key }).then(function (r) {
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
        say('office-signin-status', explain(r), 'error');
      }
    });
  });

  $('office-signout').addEventListener('click', function () {
    window.sessionStorage.removeItem(STORE);
    showSignedOut();
    say('office-signin-status', t('office_signed_out'), 'ok');
    keyInput.focus();
  });

  const s = session();
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
      say('office-signin-status', explain(r), 'error');
    }
  });
}
