#!/usr/bin/env node
// The chat stand-in: WeCom group robots, DingTalk custom robots and Feishu/Lark custom bots on one local port, for
// Cutoff's tests and demo (started by cutoff.testing.ChatStandIn). Node only, no npm package.
//   node stand-in.js --host 127.0.0.1 --port 8006 [--robot wecom:<key> --robot dingtalk:<token>:<secret> ...]
// It checks what each real service checks, and answers with each one's own codes (see ChatService.java for the
// sources): the robot's token is known; DingTalk's and Feishu's signature and its timestamp within an hour; the body's
// shape; the message's size; the robot's rate (WeCom and DingTalk 20 a minute, DingTalk then blocked 10 minutes;
// Feishu 100 a minute and 5 a second). Where the pages we could check give no code (a malformed body, Feishu's
// oversized body), the answer is the stand-in's choice and says so in its words.
// Like infra/ses-local's wrapper: it exits when the JVM that started it goes (EOF on stdin) and prints "READY <port>".
//
// Control routes (the stand-in's own, under /_):
//   GET  /                      a page listing the robots and the messages each received
//   GET  /_messages[?token=T]   the same as JSON: [{service, token, at, title, text, body}]
//   POST /_robots               {"service","token","secret"?, "perMinute"?}: add a robot (or replace it)
//   DELETE /_robots/<token>     remove a robot (the real "robot removed from the group")
//   POST /_advance              {"ms": n}: move the stand-in's clock forward (rate windows and timestamp checks)
//   POST /_reset                forget every message and rate window
'use strict';

const http = require('http');
const crypto = require('crypto');

const args = process.argv.slice(2);
const config = { host: '127.0.0.1', port: 8006 };
const robots = new Map(); // token -> {service, token, secret, perMinute, sent: [ms], blockedUntil}
const messages = [];
let offsetMs = 0;
const now = () => Date.now() + offsetMs;
const SERVICES = { wecom: 20, dingtalk: 20, feishu: 100, lark: 100 };

function addRobot(service, token, secret, perMinute) {
  if (!(service in SERVICES) || !/^[A-Za-z0-9-]{8,128}$/.test(token || '')) {
    throw new Error(`a robot is wecom|dingtalk|feishu|lark and a token of 8-128 letters, digits or -; not ${service} ${token}`);
  }
  robots.set(token, { service, token, secret: secret || null, perMinute: perMinute || SERVICES[service], sent: [], blockedUntil: 0 });
}

for (let i = 0; i < args.length; i += 2) {
  const [name, value] = [args[i], args[i + 1]];
  if (name === '--host' && value) {
    config.host = value;
  } else if (name === '--port' && /^\d+$/.test(value || '') && Number(value) <= 65535) {
    config.port = Number(value);
  } else if (name === '--robot' && value) {
    const [service, token, secret] = value.split(':');
    try {
      addRobot(service, token, secret);
    } catch (e) {
      console.error(`stand-in.js: ${e.message}`);
      process.exit(2);
    }
  } else {
    console.error(`stand-in.js: usage: --host ADDRESS --port 0-65535 [--robot service:token[:secret]]...; not ${name} ${value === undefined ? '' : value}`);
    process.exit(2);
  }
}

const hmac = (key, message) => crypto.createHmac('sha256', key).update(message).digest('base64');
const same = (a, b) => typeof a === 'string' && typeof b === 'string' && a.length === b.length
  && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
const HOUR = 3600 * 1000;

// Each service's answers.
const answers = {
  wecom: {
    ok: () => ({ errcode: 0, errmsg: 'ok' }),
    unknown: () => ({ errcode: 93000, errmsg: 'invalid webhook url, hint: [stand-in]' }),
    fast: () => ({ errcode: 45009, errmsg: 'api freq out of limit' }),
    large: () => ({ errcode: 40058, errmsg: 'markdown.content exceed max length 4096. invalid Request Parameter' }),
    shape: (why) => ({ errcode: 40035, errmsg: `invalid parameter (stand-in: ${why})` }),
  },
  dingtalk: {
    ok: () => ({ errcode: 0, errmsg: 'ok' }),
    unknown: () => ({ errcode: 300001, errmsg: 'token is not exist' }),
    fast: () => ({ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' }),
    sign: () => ({ errcode: 310000, errmsg: 'sign not match' }),
    time: () => ({ errcode: 310000, errmsg: 'invalid timestamp' }),
    large: () => ({ errcode: 40035, errmsg: 'message too long (stand-in: over 20000 bytes)' }),
    shape: (why) => ({ errcode: 40035, errmsg: `invalid parameter (stand-in: ${why})` }),
  },
  feishu: {
    ok: () => ({ code: 0, data: {}, msg: 'success' }),
    unknown: () => ({ code: 19001, data: {}, msg: 'param invalid: incoming webhook access token invalid' }),
    fast: () => ({ code: 11232, data: {}, msg: 'frequency limited' }),
    sign: () => ({ code: 19021, data: {}, msg: 'sign match fail or timestamp is not within one hour from current time' }),
    large: () => ({ code: 9499, data: {}, msg: 'Bad Request (stand-in: the body is over 20 KB)' }),
    shape: (why) => ({ code: 9499, data: {}, msg: `Bad Request (stand-in: ${why})` }),
  },
};
answers.lark = answers.feishu;

function textOf(service, body) {
  if (service === 'wecom') {
    if (body.msgtype === 'markdown' && body.markdown && typeof body.markdown.content === 'string') {
      return { title: body.markdown.content.split('\n')[0], text: body.markdown.content, bytes: Buffer.byteLength(body.markdown.content) };
    }
    if (body.msgtype === 'text' && body.text && typeof body.text.content === 'string') {
      return { title: body.text.content.split('\n')[0], text: body.text.content, bytes: Buffer.byteLength(body.text.content) };
    }
    return null;
  }
  if (service === 'dingtalk') {
    if (body.msgtype === 'markdown' && body.markdown && typeof body.markdown.title === 'string' && typeof body.markdown.text === 'string') {
      return { title: body.markdown.title, text: body.markdown.text, bytes: Buffer.byteLength(body.markdown.text) };
    }
    if (body.msgtype === 'text' && body.text && typeof body.text.content === 'string') {
      return { title: body.text.content.split('\n')[0], text: body.text.content, bytes: Buffer.byteLength(body.text.content) };
    }
    return null;
  }
  if (body.msg_type === 'text' && body.content && typeof body.content.text === 'string') {
    return { title: body.content.text.split('\n')[0], text: body.content.text };
  }
  if (body.msg_type === 'post' && body.content && body.content.post) {
    const lang = body.content.post.zh_cn || body.content.post.en_us;
    if (!lang || !Array.isArray(lang.content)) {
      return null;
    }
    const lines = lang.content.map((row) => (Array.isArray(row) ? row : []).map((e) => (e.tag === 'a' ? `${e.text} <${e.href}>` : e.text || '')).join(''));
    return { title: lang.title || '', text: lines.join('\n') };
  }
  return null;
}

// Rate: true when the robot may post now (and counts it).
function admitted(robot, t) {
  if (robot.blockedUntil > t) {
    return false;
  }
  robot.sent = robot.sent.filter((s) => s > t - 60000);
  const lastSecond = robot.sent.filter((s) => s > t - 1000).length;
  if (robot.sent.length >= robot.perMinute || (robot.service === 'feishu' || robot.service === 'lark') && lastSecond >= 5) {
    if (robot.service === 'dingtalk') {
      robot.blockedUntil = t + 10 * 60000;
    }
    return false;
  }
  robot.sent.push(t);
  return true;
}

function webhook(service, token, query, raw) {
  const a = answers[service];
  const robot = robots.get(token);
  if (!robot || (robot.service !== service && !(robot.service === 'lark' && service === 'feishu') && !(robot.service === 'feishu' && service === 'lark'))) {
    return a.unknown();
  }
  const t = now();
  let body;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    return a.shape('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null) {
    return a.shape('the body is not a JSON object');
  }
  if (robot.secret && service === 'dingtalk') {
    const ts = query.get('timestamp');
    const sign = query.get('sign');
    if (!/^\d{1,16}$/.test(ts || '') || Math.abs(t - Number(ts)) > HOUR) {
      return a.time();
    }
    if (!same(sign, hmac(robot.secret, `${ts}\n${robot.secret}`))) {
      return a.sign();
    }
  }
  if (robot.secret && robot.service !== 'wecom' && service !== 'dingtalk') {
    const ts = String(body.timestamp || '');
    if (!/^\d{1,12}$/.test(ts) || Math.abs(t - Number(ts) * 1000) > HOUR
        || !same(body.sign, crypto.createHmac('sha256', `${ts}\n${robot.secret}`).update('').digest('base64'))) {
      return a.sign();
    }
  }
  if ((service === 'feishu' || service === 'lark') && Buffer.byteLength(raw) > 20 * 1024) {
    return a.large();
  }
  const text = textOf(service, body);
  if (!text) {
    return a.shape('not a message of a type this robot takes');
  }
  if (service === 'wecom' && text.bytes > 4096 || service === 'dingtalk' && text.bytes > 20000) {
    return a.large();
  }
  if (!admitted(robot, t)) {
    return a.fast();
  }
  messages.push({ service: robot.service, token, at: new Date(t).toISOString(), title: text.title, text: text.text, body });
  return a.ok();
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page() {
  const rows = messages.slice().reverse().map((m) => `<tr><td>${escape(m.at)}</td><td>${escape(m.service)}</td>`
    + `<td>${escape(m.token.slice(0, 4))}…</td><td><pre>${escape(m.text)}</pre></td></tr>`).join('');
  const list = [...robots.values()].map((r) => `<li>${escape(r.service)} ${escape(r.token.slice(0, 4))}… `
    + `(${r.secret ? 'signed' : 'unsigned'}, ${r.perMinute}/min): ${messages.filter((m) => m.token === r.token).length} messages</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chat stand-in</title>
<style>body{font-family:sans-serif;margin:1em}td{vertical-align:top;border-top:1px solid #ccc;padding:.3em}pre{white-space:pre-wrap;margin:0}</style>
</head><body><h1>Chat stand-in: WeCom, DingTalk, Feishu/Lark robots</h1><h2>Robots</h2><ul>${list}</ul>
<h2>Messages (newest first)</h2><table><tr><th>received</th><th>service</th><th>robot</th><th>text</th></tr>${rows}</table>
<p><a href="/_messages">as JSON</a></p></body></html>`;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size <= 1024 * 1024) {
      chunks.push(c);
    }
  });
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://stand-in');
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    const json = (status, o) => send(status, 'application/json; charset=utf-8', JSON.stringify(o));
    try {
      const path = url.pathname;
      if (req.method === 'POST' && path === '/cgi-bin/webhook/send') {
        return json(200, webhook('wecom', url.searchParams.get('key'), url.searchParams, raw));
      }
      if (req.method === 'POST' && path === '/robot/send') {
        return json(200, webhook('dingtalk', url.searchParams.get('access_token'), url.searchParams, raw));
      }
      const hook = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(path);
      if (req.method === 'POST' && hook) {
        return json(200, webhook('feishu', hook[1], url.searchParams, raw));
      }
      if (req.method === 'GET' && path === '/') {
        return send(200, 'text/html; charset=utf-8', page());
      }
      if (req.method === 'GET' && path === '/_messages') {
        const token = url.searchParams.get('token');
        return json(200, messages.filter((m) => !token || m.token === token));
      }
      if (req.method === 'POST' && path === '/_robots') {
        const r = JSON.parse(raw);
        addRobot(r.service, r.token, r.secret, r.perMinute);
        return json(200, { added: r.token });
      }
      const robot = /^\/_robots\/([^/]+)$/.exec(path);
      if (req.method === 'DELETE' && robot) {
        return json(200, { removed: robots.delete(robot[1]) });
      }
      if (req.method === 'POST' && path === '/_advance') {
        offsetMs += Number(JSON.parse(raw).ms) || 0;
        return json(200, { offsetMs });
      }
      if (req.method === 'POST' && path === '/_reset') {
        messages.length = 0;
        robots.forEach((r) => { r.sent = []; r.blockedUntil = 0; });
        return json(200, { reset: true });
      }
      return json(404, { error: `the chat stand-in has no ${req.method} ${path}` });
    } catch (e) {
      return json(400, { error: e.message });
    }
  });
});

server.once('error', (e) => {
  console.error(`the chat stand-in could not listen on ${config.host}:${config.port}: ${e.code || e.message}`
    + (e.code === 'EADDRINUSE' ? ' (the port is taken)' : ''));
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  console.log(`READY ${server.address().port}`);
});

require('../stand-in-lifetime.js').exitWithParent();
