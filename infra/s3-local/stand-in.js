#!/usr/bin/env node
// s3rver as Cutoff's tests and demo run it (started by cutoff.testing.S3StandIn):
//   node stand-in.js --host 127.0.0.1 --port 0 --bucket cutoff-uploads [--cors-origin http://127.0.0.1:8080]
// Why a wrapper rather than s3rver's own cli.js:
//  - s3rver 3.7.1 does not check Signature Version 4 signatures ("Signature version 4 calculation is unimplemented":
//    any V4 signature passes). Real S3 does, and the upload function's presigned PUT relies on it: the URL signs
//    Content-Length, so a PUT of another size must be refused. sigv4.js checks every request here as S3 does (header
//    and presigned query-string signatures, the credential scope, X-Amz-Expires and the request's age, the signed
//    headers' values) before s3rver sees it; an unsigned request is refused (the bucket is private), except a CORS
//    preflight (OPTIONS), which S3 answers without one.
//  - it dies with the Java process that started it (EOF on stdin; the parent pid is watched too);
//  - it says "READY <port>" once it listens, and a failure to listen is one line on stderr and exit code 1;
//  - the bucket is made at start (with a CORS rule for the demo's page when --cors-origin is given), in a folder of
//    its own that is removed when it exits.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const args = process.argv.slice(2);
const config = { host: '127.0.0.1', port: 4568, bucket: 'cutoff-uploads', corsOrigin: '' };
for (let i = 0; i < args.length; i += 2) {
  const [name, value] = [args[i], args[i + 1]];
  if (name === '--host' && value) {
    config.host = value;
  } else if (name === '--port' && /^\d+$/.test(value || '') && Number(value) <= 65535) {
    config.port = Number(value);
  } else if (name === '--bucket' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value || '')) {
    config.bucket = value;
  } else if (name === '--cors-origin' && /^https?:\/\/[^\s/]+$/.test(value || '')) {
    config.corsOrigin = value;
  } else {
    console.error('stand-in.js: usage: --host ADDRESS --port 0-65535 --bucket NAME [--cors-origin http(s)://HOST[:PORT]];'
      + ` not ${name} ${value === undefined ? '' : value}`);
    process.exit(2);
  }
}

process.on('uncaughtException', (e) => {
  console.error(`s3rver could not start on ${config.host}:${config.port}: ${e.message}`);
  process.exit(1);
});

let S3rver;
let S3Error;
try {
  S3rver = require('s3rver');
  S3Error = require('s3rver/lib/models/error');
} catch (e) {
  console.error(`s3rver is not installed beside stand-in.js (run npm ci in ${__dirname}): ${e.message}`);
  process.exit(1);
}
const { verify, ACCESS_KEY, SECRET_KEY } = require('./sigv4');

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cutoff-s3-'));
process.on('exit', () => fs.rmSync(directory, { recursive: true, force: true }));

const cors = config.corsOrigin ? [`<CORSConfiguration><CORSRule><AllowedOrigin>${config.corsOrigin}</AllowedOrigin>`
  + '<AllowedMethod>PUT</AllowedMethod><AllowedHeader>content-type</AllowedHeader><MaxAgeSeconds>600</MaxAgeSeconds>'
  + '</CORSRule></CORSConfiguration>'] : [];

const server = new S3rver({
  address: config.host,
  port: config.port,
  silent: true,
  directory,
  vhostBuckets: false,
  configureBuckets: [{ name: config.bucket, configs: cors }],
});

// First of s3rver's middleware: a request whose signature S3 would refuse never reaches it. An S3Error thrown here is
// answered as s3rver answers its own (XML, its status).
// A refused request's body is read (up to DRAIN_BYTES) before the answer, so that the client, still sending it, reads
// the answer on a connection that stays usable; a larger one gets the answer and the connection closed.
const DRAIN_BYTES = 16 * 1024 * 1024;

function drain(req) {
  return new Promise((resolve) => {
    let read = 0;
    req.on('data', (chunk) => {
      read += chunk.length;
      if (read > DRAIN_BYTES) {
        req.pause();
        resolve(false);
      }
    });
    req.on('end', () => resolve(true));
    req.on('error', () => resolve(false));
    req.resume();
  });
}

server.middleware.unshift(async (ctx, next) => {
  if (ctx.method !== 'OPTIONS') {
    const refusal = verify(ctx.req, ACCESS_KEY, SECRET_KEY, new Date());
    if (refusal) {
      if (!(await drain(ctx.req))) {
        ctx.set('Connection', 'close');
      }
      throw new S3Error(refusal.code, refusal.message, refusal.detail || {});
    }
  }
  return next();
});

// Try the address first to be able to say why a listen fails (EADDRINUSE: the port is taken).
const probe = require('net').createServer();
probe.once('error', (e) => {
  console.error(`s3rver could not listen on ${config.host}:${config.port}: ${e.code || e.message}`
    + (e.code === 'EADDRINUSE' ? ' (the port is taken)' : ''));
  process.exit(1);
});
probe.listen(config.port, config.host, () => {
  probe.close(() => {
    server.run().then((address) => {
      console.log(`READY ${address.port}`);
    }, (e) => {
      console.error(`s3rver could not listen on ${config.host}:${config.port}: ${e.message}`);
      process.exit(1);
    });
  });
});

require('../stand-in-lifetime.js').exitWithParent();
// A signal ends it through exit too, so that the bucket's folder is removed.
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
