// The S3 stand-in's signature check (sigv4.js) against Amazon's own worked example of a presigned URL ("Authenticating
// Requests: Using Query Parameters (AWS Signature Version 4)", S3 API reference), and the ways a request is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);

const { verify } = require('./sigv4.js');
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const QUERY = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request'
  + '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host';
const SIGNATURE = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
const AT = new Date('2013-05-24T01:00:00Z');

function request(query, headers = {}, method = 'GET') {
  return { method, url: `/test.txt?${query}`, headers: { host: 'examplebucket.s3.amazonaws.com', ...headers } };
}

test("Amazon's presigned example is taken", () => {
  assert.equal(verify(request(`${QUERY}&X-Amz-Signature=${SIGNATURE}`), KEY, SECRET, AT), null);
});

test('a changed signature, path, host or key is refused', () => {
  const other = SIGNATURE.replace(/^a/, 'b');
  assert.equal(verify(request(`${QUERY}&X-Amz-Signature=${other}`), KEY, SECRET, AT).code, 'SignatureDoesNotMatch');
  const moved = { ...request(`${QUERY}&X-Amz-Signature=${SIGNATURE}`), url: `/other.txt?${QUERY}&X-Amz-Signature=${SIGNATURE}` };
  assert.equal(verify(moved, KEY, SECRET, AT).code, 'SignatureDoesNotMatch');
  assert.equal(verify(request(`${QUERY}&X-Amz-Signature=${SIGNATURE}`, { host: 'elsewhere.example' }), KEY, SECRET, AT).code,
    'SignatureDoesNotMatch');
  assert.equal(verify(request(`${QUERY}&X-Amz-Signature=${SIGNATURE}`), KEY, 'another secret', AT).code, 'SignatureDoesNotMatch');
  assert.equal(verify(request(`${QUERY}&X-Amz-Signature=${SIGNATURE}`), 'S3RVER', SECRET, AT).code, 'InvalidAccessKeyId');
});

test('after X-Amz-Expires the URL is refused, and a longer X-Amz-Expires breaks the signature', () => {
  const late = new Date('2013-05-25T00:00:01Z');
  assert.equal(verify(request(`${QUERY}&X-Amz-Signature=${SIGNATURE}`), KEY, SECRET, late).message, 'Request has expired');
  const longer = QUERY.replace('X-Amz-Expires=86400', 'X-Amz-Expires=172800');
  assert.equal(verify(request(`${longer}&X-Amz-Signature=${SIGNATURE}`), KEY, SECRET, late).code, 'SignatureDoesNotMatch');
  const week = QUERY.replace('X-Amz-Expires=86400', 'X-Amz-Expires=604801');
  assert.equal(verify(request(`${week}&X-Amz-Signature=${SIGNATURE}`), KEY, SECRET, AT).code, 'AuthorizationQueryParametersError');
});

test('a signed header must carry its signed value: a PUT of another length is refused, one without a length too', () => {
  // Signed here with content-length 5; sent with 6.
  const crypto = require('node:crypto');
  const query = QUERY.replace('X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=content-length%3Bhost');
  const canonical = ['PUT', '/test.txt', query, 'content-length:5\nhost:examplebucket.s3.amazonaws.com\n', 'content-length;host',
    'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', '20130524T000000Z', '20130524/us-east-1/s3/aws4_request',
    crypto.createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key = crypto.createHmac('sha256', 'AWS4' + SECRET).update('20130524').digest();
  for (const part of ['us-east-1', 's3', 'aws4_request']) key = crypto.createHmac('sha256', key).update(part).digest();
  const signature = crypto.createHmac('sha256', key).update(toSign).digest('hex');
  const put = (length) => request(`${query}&X-Amz-Signature=${signature}`, length === undefined ? {} : { 'content-length': length }, 'PUT');
  assert.equal(verify(put('5'), KEY, SECRET, AT), null);
  assert.equal(verify(put('6'), KEY, SECRET, AT).code, 'SignatureDoesNotMatch');
  assert.equal(verify(put(undefined), KEY, SECRET, AT).code, 'MissingContentLength');
});

test('an unsigned request is refused: the bucket is private', () => {
  assert.equal(verify({ method: 'GET', url: '/test.txt', headers: { host: 'h' } }, KEY, SECRET, AT).code, 'AccessDenied');
});
