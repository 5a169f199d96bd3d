/*
 * The office page's group chat: connect a WeCom, DingTalk or Feishu/Lark robot by its webhook URL (and signing
 * secret), see it (token masked; the secret is never shown), post a test message, disconnect
 * (GET|PUT|DELETE /orgs/{orgId}/chat, POST /orgs/{orgId}/chat/test). A chat that refused a post says why.
 */
import { api, orgPath } from './office-api.mjs';
import { $, explain, say, t } from './office-page.mjs';

const SERVICES = { wecom: 'office_chat_service_wecom', dingtalk: 'office_chat_service_dingtalk', feishu: 'office_chat_service_feishu',
  lark: 'office_chat_service_lark' };
const REASONS = { UNKNOWN_ROBOT: 'office_chat_reason_unknown_robot', BAD_SIGNATURE: 'office_chat_reason_bad_signature',
  NOT_ALLOWED: 'office_chat_reason_not_allowed', OTHER: 'office_chat_reason_other' };

/** A refusal's reason in words. */
function reason(code) {
  return t(REASONS[code] || 'office_chat_reason_other');
}

/** Shows the chat as GET answers it. */
export function showChat(view) {
  const connected = !!(view && view.connected);
  $('office-chat-connected').hidden = !connected;
  $('office-chat-test').disabled = !connected;
  $('office-chat-disconnect').disabled = !connected;
  if (!connected) {
    $('office-chat-summary').textContent = t('office_chat_none');
    $('office-chat-failed').textContent = '';
    $('office-chat-failed').hidden = true;
    return;
  }
  $('office-chat-summary').textContent = t('office_chat_summary', SERVICES[view.service] ? t(SERVICES[view.service]) : view.service, view.token,
    view.signed ? t('office_chat_signed') : t('office_chat_unsigned'), String(view.posts.sent), String(view.posts.pending));
  const failed = $('office-chat-failed');
  if (view.failed) {
    failed.textContent = t('office_chat_failed', reason(view.failed.reason), view.failed.words);
    failed.hidden = false;
  } else {
    failed.textContent = '';
    failed.hidden = true;
  }
}

/** Reads the office's chat. */
export function loadChat() {
  return api('GET', orgPath('/chat')).then(function (r) {
    if (r.status === 200 && r.data) {
      showChat(r.data);
    } else {
      say('office-chat-status', explain(r), 'error');
    }
  });
}

/** Nothing of the office's chat stays on the page once signed out. */
export function clearChat() {
  $('office-chat-webhook').value = '';
  $('office-chat-secret').value = '';
  showChat(null);
}

/** Wires connect, test and disconnect. */
export function initChat() {
  $('office-chat-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    const webhook = $('office-chat-webhook').value.trim();
    const secret = $('office-chat-secret').value.trim();
    if (!webhook) {
      say('office-chat-status', t('office_chat_webhook_empty'), 'error');
      $('office-chat-webhook').setAttribute('aria-invalid', 'true');
      $('office-chat-webhook').focus();
      return;
    }
    const button = this.querySelector('button[type=submit]');
    button.disabled = true;
    api('PUT', orgPath('/chat'), secret ? { webhook: webhook, secret: secret } : { webhook: webhook }).then(function (r) {
      button.disabled = false;
      if (r.status === 200 && r.data) {
        $('office-chat-webhook').value = '';
        $('office-chat-secret').value = '';
        $('office-chat-webhook').removeAttribute('aria-invalid');
        showChat(r.data);
        say('office-chat-status', t('office_chat_connected'), 'ok');
      } else {
        if (r.status === 400 && r.data && (r.data.field === 'webhook' || r.data.field === 'secret')) {
          // The API's sentence is English: the page says it in its own language.
          const field = $('office-chat-' + r.data.field);
          field.setAttribute('aria-invalid', 'true');
          field.focus();
          say('office-chat-status', t(r.data.field === 'webhook' ? 'office_chat_webhook_bad' : 'office_chat_secret_bad'), 'error');
        } else {
          say('office-chat-status', explain(r), 'error');
        }
      }
    });
  });
  $('office-chat-test').addEventListener('click', function () {
    const button = this;
    button.disabled = true;
    api('POST', orgPath('/chat/test')).then(function (r) {
      button.disabled = false;
      if (r.status === 200) {
        say('office-chat-status', t('office_chat_tested'), 'ok');
      } else if (r.status === 422 && r.data && r.data.reason) {
        say('office-chat-status', reason(r.data.reason), 'error');
      } else if (r.status === 429) {
        say('office-chat-status', t('office_chat_throttled'), 'error');
      } else {
        say('office-chat-status', explain(r), 'error');
      }
      loadChat();
    });
  });
  $('office-chat-disconnect').addEventListener('click', function () {
    const button = this;
    button.disabled = true;
    api('DELETE', orgPath('/chat')).then(function (r) {
      if (r.status === 204 || r.status === 404) {
        showChat(null);
        say('office-chat-status', t('office_chat_disconnected'), 'ok');
      } else {
        button.disabled = false;
        say('office-chat-status', explain(r), 'error');
      }
    });
  });
}
