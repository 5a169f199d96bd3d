/*
 * The office page's office feed: its capability URL (https and webcal:) with copy buttons and a subscribe
 * link, and a new secret on request (POST /orgs/{orgId}/feed; the old URL answers 404 at once).
 */
import { api, orgPath } from './office-api.mjs';
import { webcal } from './office-text.mjs';
import { $, explain, say, t } from './office-page.mjs';

/** Shows the office feed's URL (https, webcal:, the subscribe link); nothing for none. */
export function showFeed(url) {
  if (!url) {
    return;
  }
  const calendar = webcal(url);
  $('office-feed-https').value = url;
  $('office-feed-webcal').value = calendar;
  $('office-feed-subscribe').setAttribute('href', calendar);
}

/** Nothing of the office's feed stays on the page once signed out. */
export function clearFeed() {
  ['office-feed-https', 'office-feed-webcal'].forEach(function (id) {
    $(id).value = '';
  });
  $('office-feed-subscribe').removeAttribute('href');
}

function copy(inputId) {
  const input = $(inputId);
  const text = input.value;
  const ok = function () {
    say('office-feed-status', t('office_copied'), 'ok');
  };
  const fallback = function () {
    input.focus();
    input.select();
    let done = false;
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

/** Wires the copy buttons and the two-step "new feed URL". */
export function initFeed() {
  $('office-copy-https').addEventListener('click', function () {
    copy('office-feed-https');
  });
  $('office-copy-webcal').addEventListener('click', function () {
    copy('office-feed-webcal');
  });

  const rotateBox = $('office-rotate-confirm');
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
    const button = this;
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
        say('office-feed-status', explain(r), 'error');
      }
    });
  });
}
