// Amazon S3's check of a request's Signature Version 4, for the S3 stand-in (stand-in.js), which s3rver 3.7.1 does not
// make. As S3 documents it ("Authenticating Requests (AWS Signature Version 4)", S3 API reference):
//  - an Authorization header (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…) with X-Amz-Date within
//    15 minutes of now and X-Amz-Content-Sha256 as the payload's hash, or
//  - a presigned URL: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires (1 to 604800 s), X-Amz-SignedHeaders,
//    X-Amz-Signature in the query, valid from X-Amz-Date to X-Amz-Date + X-Amz-Expires, the payload UNSIGNED-PAYLOAD;
// the credential scope is <key>/<yyyymmdd of X-Amz-Date>/<region>/s3/aws4_request, host is signed, and the signature
// is HMAC-SHA256 over the string to sign with the key derived from the secret. The canonical request takes the signed
// headers' values as the request carries them: a request whose Content-Length differs from the signed one (or that has
// none: S3 wants a length on a PUT) is refused with SignatureDoesNotMatch, as S3 refuses it.
// Not checked: the payload's hash against the body (S3 does for a header-signed request with a hex hash; Cutoff's
// code sends those without a body: GetObject, DeleteObject).
'use strict';

const crypto = require('crypto');

// s3rver's own account, which its handlers look the key up in once this check has passed.
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';
const ALGORITHM = 'AWS4-HMAC-SHA256';
const SKEW_MS = 15 * 60 * 1000;

function encode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return s;
  }
}

function hex(data) {
  return crypto.createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key, data) {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

// yyyyMMdd'T'HHmmss'Z' -> Date, or null.
function amzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s || '');
  if (!m) {
    return null;
  }
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return isNaN(d) ? null : d;
}

function refused(code, message, detail) {
  return { code, message, detail };
}

/**
 * Why S3 would refuse this request's signature, or null when it would take it.
 *
 * @param {import('http').IncomingMessage} req the request as received (its raw URL and headers)
 * @param {Date} now the server's time
 * @returns {{code: string, message: string}|null}
 */
function verify(req, accessKey, secretKey, now) {
  const url = req.url || '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const pairs = (q < 0 ? '' : url.slice(q + 1)).split('&').filter((p) => p !== '').map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [decode(p), ''] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
  });
  const query = new Map(pairs);
  const header = req.headers.authorization;
  const presigned = query.has('X-Amz-Algorithm') || query.has('X-Amz-Signature');
  if (!header && !presigned) {
    return refused('AccessDenied', 'Access Denied');
  }
  if (header && presigned) {
    return refused('InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter,'
      + ' Signature query string parameter or the Authorization header should be specified');
  }
  let credential;
  let signedHeaders;
  let signature;
  let date;
  let payload;
  if (presigned) {
    for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders',
      'X-Amz-Signature']) {
      if (!query.has(name)) {
        return refused('AuthorizationQueryParametersError', 'Query-string authentication version 4 requires the'
          + ' X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires'
          + ' parameters.');
      }
    }
    if (query.get('X-Amz-Algorithm') !== ALGORITHM) {
      return refused('AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    }
    credential = query.get('X-Amz-Credential');
    signedHeaders = query.get('X-Amz-SignedHeaders');
    signature = query.get('X-Amz-Signature');
    date = query.get('X-Amz-Date');
    payload = query.get('X-Amz-Content-Sha256') || 'UNSIGNED-PAYLOAD';
    const expires = query.get('X-Amz-Expires');
    if (!/^\d+$/.test(expires) || Number(expires) < 1 || Number(expires) > 604800) {
      return refused('AuthorizationQueryParametersError', 'X-Amz-Expires must be less than a week (in seconds); that'
        + ' is, the given X-Amz-Expires must be less than 604800 seconds');
    }
    const signedAt = amzDate(date);
    if (!signedAt) {
      return refused('AuthorizationQueryParametersError', 'X-Amz-Date must be in the ISO8601 Long Format'
        + ' "yyyyMMdd\'T\'HHmmss\'Z\'"');
    }
    if (now.getTime() > signedAt.getTime() + Number(expires) * 1000) {
      return refused('AccessDenied', 'Request has expired', {
        'X-Amz-Expires': expires,
        Expires: new Date(signedAt.getTime() + Number(expires) * 1000).toISOString().replace(/\.\d+/, ''),
        ServerTime: now.toISOString().replace(/\.\d+/, ''),
      });
    }
    if (signedAt.getTime() - now.getTime() > SKEW_MS) {
      return refused('AccessDenied', 'Request is not valid yet');
    }
  } else {
    const m = /^AWS4-HMAC-SHA256 +Credential=([^, ]+), *SignedHeaders=([^, ]+), *Signature=([0-9a-f]+)$/.exec(header.trim());
    if (!m) {
      return refused('AuthorizationHeaderMalformed', 'The authorization header is malformed; the authorization header'
        + ' requires three components: Credential, SignedHeaders, and Signature.');
    }
    [, credential, signedHeaders, signature] = m;
    date = req.headers['x-amz-date'];
    payload = req.headers['x-amz-content-sha256'];
    if (!payload) {
      return refused('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    }
    const signedAt = amzDate(date);
    if (!signedAt) {
      return refused('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    }
    if (Math.abs(now.getTime() - signedAt.getTime()) > SKEW_MS) {
      return refused('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    }
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[2] === '' || scope[3] !== 's3' || scope[4] !== 'aws4_request') {
    return refused('AuthorizationHeaderMalformed', `The credential scope is malformed: ${credential}`);
  }
  if (scope[0] !== accessKey) {
    return refused('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  if (scope[1] !== date.slice(0, 8)) {
    return refused('AuthorizationHeaderMalformed', `The credential's date ${scope[1]} is not the request's ${date}`);
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host') || names.some((n, i) => n !== n.toLowerCase() || (i > 0 && names[i - 1] >= n))) {
    return refused('AuthorizationHeaderMalformed', 'SignedHeaders must include host, in lower case, sorted');
  }
  if (req.method === 'PUT' && req.headers['content-length'] === undefined) {
    return refused('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const canonicalHeaders = names.map((n) => {
    const value = req.headers[n];
    return `${n}:${value === undefined ? '' : String(value).trim().replace(/\s+/g, ' ')}\n`;
  }).join('');
  const canonicalQuery = pairs.filter(([k]) => !(presigned && k === 'X-Amz-Signature'))
    .map(([k, v]) => [encode(k), encode(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`).join('&');
  const canonicalRequest = [req.method, rawPath, canonicalQuery, canonicalHeaders, signedHeaders, payload].join('\n');
  const stringToSign = [ALGORITHM, date, scope.slice(1).join('/'), hex(canonicalRequest)].join('\n');
  let key = hmac('AWS4' + secretKey, scope[1]);
  key = hmac(key, scope[2]);
  key = hmac(key, scope[3]);
  key = hmac(key, scope[4]);
  const expected = crypto.createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const given = String(signature);
  if (given.length !== expected.length
    || !crypto.timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'))) {
    return refused('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you'
      + ' provided. Check your key and signing method.', { CanonicalRequest: canonicalRequest, StringToSign: stringToSign });
  }
  return null;
}

module.exports = { verify, ACCESS_KEY, SECRET_KEY };
