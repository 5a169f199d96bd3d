// The review page's large-file path (issue 19: the full 10 MiB when deployed) under node --test: which files go
// straight to storage, the presigned PUT's headers and progress (web/assets/review-text.mjs, review-api.mjs's putFile,
// with an XMLHttpRequest of the test's own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRECT_BODY_BYTES, MAX_NOTICE_BYTES, percent, putHeaders, uploadRoute } from '../../main/resources/web/assets/review-text.mjs';
import { putFile } from '../../main/resources/web/assets/review-api.mjs';

test('a file up to 4 MiB goes as the body, every larger one (to the 10 MiB limit) through storage', () => {
  assert.equal(DIRECT_BODY_BYTES, 4 * 1024 * 1024);
  for (let size = 1; size <= MAX_NOTICE_BYTES; size += 65_537) {
    assert.equal(uploadRoute(size), size > DIRECT_BODY_BYTES ? 'storage' : 'body', String(size));
  }
  for (const size of [DIRECT_BODY_BYTES - 1, DIRECT_BODY_BYTES]) {
    assert.equal(uploadRoute(size), 'body', String(size));
  }
  for (const size of [DIRECT_BODY_BYTES + 1, MAX_NOTICE_BYTES]) {
    assert.equal(uploadRoute(size), 'storage', String(size));
  }
});

test('the PUT sets the signed headers a script may set, never Content-Length or Host (the browser sets them)', () => {
  for (const name of ['Content-Length', 'content-length', 'CONTENT-LENGTH', 'Host', 'host']) {
    assert.deepEqual(putHeaders({ [name]: '10', 'x-amz-meta-a': 'b' }), { 'x-amz-meta-a': 'b' }, name);
  }
  assert.deepEqual(putHeaders({ 'Content-Type': 'application/pdf', 'X-Amz-Acl': 7 }), { 'Content-Type': 'application/pdf', 'X-Amz-Acl': '7' });
  assert.deepEqual(putHeaders({ 'bad name': 'x', 'a\nb': 'x' }), {}, 'no header a browser would refuse');
  for (const none of [null, undefined, 'Content-Length: 1', ['a'], 5]) {
    assert.deepEqual(putHeaders(none), {}, String(none));
  }
});

test('progress is a whole percent from 0 to 100, 0 when the total is unknown', () => {
  const total = 9_961_472;
  let last = -1;
  for (let loaded = 0; loaded <= total; loaded += 99_991) {
    const p = percent(loaded, total);
    assert.ok(Number.isInteger(p) && p >= last && p >= 0 && p <= 100, loaded + ': ' + p);
    last = p;
  }
  assert.equal(percent(total, total), 100);
  assert.equal(percent(total + 5, total), 100);
  assert.equal(percent(5, 0), 0);
  assert.equal(percent(5, undefined), 0);
  assert.equal(percent(undefined, 10), 0);
});

/** An XMLHttpRequest that records what it is told and answers as the test says. */
function fakeXhr(script) {
  const made = [];
  globalThis.XMLHttpRequest = class {
    constructor() {
      this.headers = {};
      this.upload = {};
      made.push(this);
    }
    open(method, url) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name, value) {
      this.headers[name] = value;
    }
    send(body) {
      this.body = body;
      queueMicrotask(() => script(this));
    }
  };
  return made;
}

test('putFile PUTs the file to the URL with the headers, with no key, reporting progress and the status', async () => {
  const made = fakeXhr((x) => {
    x.upload.onprogress({ loaded: 5, total: 10, lengthComputable: true });
    x.upload.onprogress({ loaded: 10, total: 10, lengthComputable: true });
    x.status = 200;
    x.responseText = '';
    x.onload();
  });
  const file = { size: 10 };
  const seen = [];
  const r = await putFile('http://127.0.0.1:1/b/uploads/org_a/id?X-Amz-Signature=s', { 'Content-Type': 'application/pdf' }, file,
    (loaded, total) => seen.push([loaded, total]));
  assert.deepEqual(r, { status: 200, text: '' });
  assert.equal(made[0].method, 'PUT');
  assert.equal(made[0].url, 'http://127.0.0.1:1/b/uploads/org_a/id?X-Amz-Signature=s');
  assert.deepEqual(made[0].headers, { 'Content-Type': 'application/pdf' }, 'no Authorization: the URL is the permission');
  assert.equal(made[0].body, file);
  assert.deepEqual(seen, [[5, 10], [10, 10]]);
});

test("putFile resolves the storage's refusal with its status and words, and a network failure as 0", async () => {
  fakeXhr((x) => {
    x.status = 403;
    x.responseText = '<Error><Code>SignatureDoesNotMatch</Code></Error>';
    x.onload();
  });
  assert.deepEqual(await putFile('u', {}, { size: 1 }), { status: 403, text: '<Error><Code>SignatureDoesNotMatch</Code></Error>' });
  for (const how of ['onerror', 'onabort', 'ontimeout']) {
    fakeXhr((x) => x[how]());
    assert.deepEqual(await putFile('u', {}, { size: 1 }, () => {}), { status: 0, text: '' }, how);
  }
});
