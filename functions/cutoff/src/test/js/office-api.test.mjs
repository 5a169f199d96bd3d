// The office page's API helper (web/assets/office-api.mjs) under node --test, with a fetch and a sessionStorage of
// the test's own: what each call sends, and every answer (the export's download too) read the same way.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { answer, api, API_CODES, FIELDS, orgPath, OVERRIDE_FIELDS, problem, session, STORE } from '../../main/resources/web/assets/office-api.mjs';

const echo = (key, ...args) => key + '(' + args.join('|') + ')';
const stored = new Map();
globalThis.sessionStorage = {
  getItem: (k) => (stored.has(k) ? stored.get(k) : null),
  setItem: (k, v) => stored.set(k, String(v)),
  removeItem: (k) => stored.delete(k)
};
let calls = [];
let next = () => new Response('{}', { status: 200 });
globalThis.fetch = (path, init) => {
  calls.push({ path: path, init: init });
  return Promise.resolve().then(() => next());
};

beforeEach(() => {
  stored.clear();
  calls = [];
  stored.set(STORE, JSON.stringify({ orgId: 'org_0123456789abcdef0123', key: 'k-live' }));
});

test('session: only a kept {orgId, key} of strings counts', () => {
  assert.deepEqual(session(), { orgId: 'org_0123456789abcdef0123', key: 'k-live' });
  for (const bad of ['null', '{}', '{"orgId":1,"key":"k"}', '{"orgId":"o"}', 'not json', '"text"']) {
    stored.set(STORE, bad);
    assert.equal(session(), null, bad);
  }
  stored.delete(STORE);
  assert.equal(session(), null);
});

test('orgPath names the kept office, escaped', () => {
  stored.set(STORE, JSON.stringify({ orgId: 'a/b?c', key: 'k' }));
  assert.equal(orgPath('/staff'), '/orgs/a%2Fb%3Fc/staff');
});

test('a call carries the kept key as a bearer token, JSON when it has a body, and no cookie or cache', async () => {
  next = () => new Response('{"ok":true}', { status: 200 });
  const r = await api('PUT', '/orgs/x/internal-deadlines', { before: 'P3D', at: '16:30' });
  assert.deepEqual(r, { status: 200, data: { ok: true }, text: '{"ok":true}' });
  const { path, init } = calls[0];
  assert.equal(path, '/orgs/x/internal-deadlines');
  assert.equal(init.method, 'PUT');
  assert.equal(init.headers.Authorization, 'Bearer k-live');
  assert.equal(init.headers['Content-Type'], 'application/json');
  assert.equal(init.body, '{"before":"P3D","at":"16:30"}');
  assert.equal(init.credentials, 'omit');
  assert.equal(init.cache, 'no-store');
  await api('GET', '/orgs');
  assert.equal(calls[1].init.body, undefined);
  assert.equal(calls[1].init.headers['Content-Type'], undefined);
});

test('signing in sends the typed key, not a kept one; with neither the header is bare', async () => {
  await api('GET', '/orgs', undefined, { key: 'k-typed' });
  assert.equal(calls[0].init.headers.Authorization, 'Bearer k-typed');
  stored.clear();
  await api('GET', '/orgs');
  assert.equal(calls[1].init.headers.Authorization, 'Bearer ');
});

test('answers: JSON parsed, anything else kept as text, a failed network as status 0', async () => {
  for (const [status, text, data] of [[200, '{"a":1}', { a: 1 }], [204, '', null], [502, '<html>Bad gateway</html>', null], [400, '{"error"', null]]) {
    next = () => new Response(status === 204 ? null : text, { status: status });
    assert.deepEqual(await api('GET', '/orgs'), { status: status, data: data, text: text });
    assert.deepEqual(answer(status, text), { status: status, data: data, text: text });
  }
  next = () => {
    throw new TypeError('Failed to fetch');
  };
  assert.deepEqual(await api('GET', '/orgs'), { status: 0, data: null, text: '' });
});

test('the export: a 200 is a download (blob), an error reads as every other call and says the same words', async () => {
  next = () => new Response('\ufeffemail,name\r\n', { status: 200, headers: { 'Content-Type': 'text/csv' } });
  const ok = await api('GET', '/orgs/x/staff.csv', undefined, { blob: true });
  assert.equal(ok.status, 200);
  // The body as sent, BOM included (Blob.text() would drop it): the file the browser saves.
  assert.deepEqual([...new Uint8Array(await ok.blob.arrayBuffer())].slice(0, 4), [0xef, 0xbb, 0xbf, 0x65]);
  assert.equal(ok.blob.size, Buffer.byteLength('\ufeffemail,name\r\n'));
  for (const [status, body] of [[401, ''], [403, '{"message":"Forbidden"}'], [404, '{"error":"no such office"}'], [429, ''], [500, ''], [503, 'down']]) {
    next = () => new Response(body, { status: status });
    const asExport = await api('GET', '/orgs/x/staff.csv', undefined, { blob: true });
    const asCall = await api('GET', '/orgs/x/staff');
    assert.equal(asExport.blob, undefined, String(status));
    assert.deepEqual(asExport, asCall);
    assert.equal(problem(asExport, echo), problem(asCall, echo));
  }
  next = () => {
    throw new TypeError('offline');
  };
  assert.equal(problem(await api('GET', '/orgs/x/staff.csv', undefined, { blob: true }), echo), 'office_err_network()');
});

test('problem: network, key, server, then the field and the code in the page\'s words, else the reason', () => {
  assert.equal(problem({ status: 0 }, echo), 'office_err_network()');
  assert.equal(problem({ status: 401, data: { error: 'x' } }, echo), 'office_err_key()');
  assert.equal(problem({ status: 403, data: null }, echo), 'office_err_key()');
  for (const status of [500, 502, 503, 504]) {
    assert.equal(problem({ status: status, data: { error: 'x', field: 'email' } }, echo), 'office_err_server(' + status + ')');
  }
  for (const [field, key] of Object.entries(FIELDS)) {
    assert.equal(problem({ status: 400, data: { error: 'bad', field: field } }, echo), 'office_err_field(' + key + '()|bad)');
    for (const [code, sentence] of Object.entries(API_CODES)) {
      assert.equal(problem({ status: 400, data: { error: 'bad', field: field, code: code } }, echo),
        'office_err_field(' + key + '()|' + sentence + '())');
    }
  }
  assert.equal(problem({ status: 400, data: { error: 'bad', field: 'at' } }, echo, OVERRIDE_FIELDS),
    'office_err_field(office_override_at_label()|bad)', 'an override\'s "at" is its own field');
  assert.equal(problem({ status: 400, data: { error: 'bad', field: 'mystery' } }, echo), 'office_err_field(mystery|bad)');
  assert.equal(problem({ status: 400, data: { error: 'bad', code: 'not_known' } }, echo), 'office_err_other(bad)');
  assert.equal(problem({ status: 413, data: null, text: '<html>' }, echo), 'office_err_other(413)');
  assert.equal(problem({ status: 409, data: { error: 42 } }, echo), 'office_err_other(409)');
});
