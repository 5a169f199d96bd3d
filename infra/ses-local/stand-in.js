#!/usr/bin/env node
// aws-ses-v2-local as Cutoff's tests and demo run it (started by cutoff.testing.SesStandIn):
//   node stand-in.js --host 127.0.0.1 --port 8005      (--port 0: any free port)
// Why a wrapper rather than the package's own cli.js:
//  - it dies with the Java process that started it, even when that process is killed with kill -9
//    (no shutdown hook runs then): the parent holds our stdin open, and the kernel closes it when the
//    parent goes, so EOF on stdin means "the parent is gone". The parent pid is watched too, in case
//    stdin was redirected.
//  - it says "READY <port>" once it listens, so the parent knows that *this* process serves the port
//    (a health check would also be answered by another stand-in already on it);
//  - a failure to listen (port taken, bad host) is one line on stderr and exit code 1, not a hang.
'use strict';

const args = process.argv.slice(2);
const config = { host: '127.0.0.1', port: 8005 };
for (let i = 0; i < args.length; i += 2) {
  const [name, value] = [args[i], args[i + 1]];
  if (name === '--host' && value) {
    config.host = value;
  } else if (name === '--port' && /^\d+$/.test(value || '') && Number(value) <= 65535) {
    config.port = Number(value);
  } else {
    console.error(`stand-in.js: usage: --host ADDRESS --port 0-65535; not ${name} ${value === undefined ? '' : value}`);
    process.exit(2);
  }
}

process.on('uncaughtException', (e) => {
  // e.g. EADDRINUSE from the HTTP server's 'error' event, which the package does not handle.
  console.error(`aws-ses-v2-local could not start on ${config.host}:${config.port}: ${e.message}`);
  process.exit(1);
});

let server;
try {
  server = require('aws-ses-v2-local').default;
} catch (e) {
  console.error(`aws-ses-v2-local is not installed beside stand-in.js (run npm ci in ${__dirname}): ${e.message}`);
  process.exit(1);
}

// Express 5 calls the package's listen callback on a failed listen too, with no error, so try the
// address first to be able to say why (EADDRINUSE: the port is taken; EADDRNOTAVAIL: not a local address).
const probe = require('net').createServer();
probe.once('error', (e) => {
  console.error(`aws-ses-v2-local could not listen on ${config.host}:${config.port}: ${e.code || e.message}`
    + (e.code === 'EADDRINUSE' ? ' (the port is taken)' : ''));
  process.exit(1);
});
probe.listen(config.port, config.host, () => {
  probe.close(() => {
    server(config).then((s) => {
      const address = s.address();
      if (!address) {
        console.error(`aws-ses-v2-local could not listen on ${config.host}:${config.port}`);
        process.exit(1);
      }
      console.log(`READY ${address.port}`);
    });
  });
});

require('../stand-in-lifetime.js').exitWithParent();
