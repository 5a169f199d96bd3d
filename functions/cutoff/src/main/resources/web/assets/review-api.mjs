/*
 * The notice API as the review pages call it (Authorization: Bearer <editor's or office's key>), and who is signed in.
 *
 * - A research office's key is kept where the office page keeps it, sessionStorage["cutoff.office"] = {"orgId", "key"},
 *   so signing in on one page signs in on the other; an editor's key (the office routes do not know it) in
 *   sessionStorage["cutoff.editor"] = {"key"}. Never in a URL, a cookie or any other storage; it goes to the server
 *   only in the Authorization header. Signing in keeps one and drops the other; signing out drops both.
 * - Nothing here runs on import, so `node --test` can load it with its own fetch and sessionStorage.
 */
import { answer, STORE as OFFICE_STORE } from './office-api.mjs';

export const EDITOR_STORE = 'cutoff.editor';

/** The signed-in key: {kind: 'office', orgId, key} or {kind: 'editor', key}; null when there is none. */
export function reviewSession() {
  const s = globalThis.sessionStorage;
  try {
    const office = JSON.parse(s.getItem(OFFICE_STORE) || 'null');
    if (office && typeof office.orgId === 'string' && typeof office.key === 'string') {
      return { kind: 'office', orgId: office.orgId, key: office.key };
    }
    const editor = JSON.parse(s.getItem(EDITOR_STORE) || 'null');
    if (editor && typeof editor.key === 'string') {
      return { kind: 'editor', key: editor.key };
    }
  } catch (e) {
    return null;
  }
  return null;
}

/** Keeps a key that signed in: an office's (with its orgId) where /office finds it, an editor's apart. */
export function keep(who) {
  const s = globalThis.sessionStorage;
  if (who.kind === 'office') {
    s.setItem(OFFICE_STORE, JSON.stringify({ orgId: who.orgId, key: who.key }));
    s.removeItem(EDITOR_STORE);
  } else {
    s.setItem(EDITOR_STORE, JSON.stringify({ key: who.key }));
    s.removeItem(OFFICE_STORE);
  }
}

/** Forgets every kept key (this tab's office and editor keys). */
export function forget() {
  globalThis.sessionStorage.removeItem(OFFICE_STORE);
  globalThis.sessionStorage.removeItem(EDITOR_STORE);
}

/**
 * One call with the bearer key (the kept one, or the key being signed in with). body: an object (sent as JSON),
 * or a Blob/File (sent as it is: a notice file). Resolves {status, data, text}; status 0 when the network failed.
 */
export function call(method, path, body, key) {
  const s = reviewSession();
  const headers = { Authorization: 'Bearer ' + (key || (s && s.key) || '') };
  const init = { method: method, headers: headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined && body !== null) {
    if (typeof Blob !== 'undefined' && body instanceof Blob) {
      headers['Content-Type'] = 'application/octet-stream';
      init.body = body;
    } else {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  return globalThis.fetch(path, init).then(function (r) {
    return r.text().then(function (text) {
      return answer(r.status, text);
    });
  }).catch(function () {
    return { status: 0, data: null, text: '' };
  });
}

/**
 * A file PUT to storage with the presigned URL POST /notices/uploads gave (no key: the URL is the permission), with
 * `headers` (the signed ones a page may set: putHeaders) and onProgress(loaded, total) as it goes. Resolves {status,
 * text}; status 0 when the network failed or the storage's CORS rule refused this page.
 */
export function putFile(url, headers, file, onProgress) {
  return new Promise(function (resolve) {
    const xhr = new globalThis.XMLHttpRequest();
    xhr.open('PUT', url);
    Object.keys(headers || {}).forEach(function (name) {
      xhr.setRequestHeader(name, headers[name]);
    });
    if (xhr.upload && onProgress) {
      xhr.upload.onprogress = function (ev) {
        onProgress(ev.loaded, ev.lengthComputable ? ev.total : file.size);
      };
    }
    xhr.onload = function () {
      resolve({ status: xhr.status, text: xhr.responseText || '' });
    };
    xhr.onerror = xhr.onabort = xhr.ontimeout = function () {
      resolve({ status: 0, text: '' });
    };
    xhr.send(file);
  });
}

/**
 * Who a key is, by asking the office routes (GET /orgs): 200 an office {kind: 'office', orgId, name}; 404 a key the
 * authorizer took that is no office's, an editor's {kind: 'editor'}; 401/403 not a key; anything else: the answer,
 * as {kind: null, answer}.
 */
export function whoIs(key) {
  return call('GET', '/orgs', undefined, key).then(function (r) {
    if (r.status === 200 && r.data && typeof r.data.orgId === 'string') {
      return { kind: 'office', orgId: r.data.orgId, name: r.data.name || r.data.orgId, key: key };
    }
    if (r.status === 404) {
      return { kind: 'editor', key: key };
    }
    return { kind: null, answer: r };
  });
}
