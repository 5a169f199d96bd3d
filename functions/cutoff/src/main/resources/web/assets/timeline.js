/* The topic page's timeline: adds the signed-in research office's internal deadline for this topic.
   The office page keeps sessionStorage["cutoff.office"] = {"orgId", "key"} (never a URL, cookie or
   localStorage); this fetches GET /orgs/{orgId}/internal-deadlines with the bearer key and draws the
   topic's "internal" marker on the same axis: x = data-width * (t - data-axis-start) / (axis span). */
(function () {
  'use strict';
  var svg = document.querySelector('svg.timeline');
  if (!svg) { return; }
  // On a narrow screen the drawing scrolls sideways: start with the cutoff in view (the part that matters).
  // Again when the width changes (a phone turned), unless the reader has scrolled it.
  var scroller = svg.parentNode, cutoff = svg.querySelector('g.marker[data-kind="cutoff"] circle'), placed = -1;
  function showCutoff() {
    if (!cutoff || scroller.scrollLeft !== Math.max(placed, 0) || scroller.scrollWidth <= scroller.clientWidth) { return; }
    // Where the cutoff is within the scrolled frame; its label runs to its left, so it goes two thirds across.
    var at = cutoff.getBoundingClientRect().left - scroller.getBoundingClientRect().left;
    if (at > scroller.clientWidth - 40 || at < 0) { scroller.scrollLeft += at - scroller.clientWidth * 2 / 3; }
    placed = scroller.scrollLeft;
  }
  showCutoff();
  window.addEventListener('resize', showCutoff);
  var office;
  try { office = JSON.parse(sessionStorage.getItem('cutoff.office') || 'null'); } catch (e) { office = null; }
  if (!office || !office.orgId || !office.key) { return; }
  var topicId = svg.getAttribute('data-topic-id');
  var NS = 'http://www.w3.org/2000/svg';

  function el(name, attrs, text) {
    var n = document.createElementNS(NS, name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { n.setAttribute(k, attrs[k]); } }
    if (text) { n.textContent = text; }
    return n;
  }

  function wall(ms) {
    // The internal deadline in Beijing time (UTC+08:00, no daylight saving), as the page writes ours.
    var d = new Date(ms + 8 * 3600000), p = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getUTCFullYear() + '-' + p(d.getUTCMonth() + 1) + '-' + p(d.getUTCDate()) + ' ' + p(d.getUTCHours()) + ':' + p(d.getUTCMinutes())
      + (document.documentElement.lang === 'en' ? ' Beijing time' : ' 北京时间');
  }

  function draw(at, source) {
    var start = +svg.getAttribute('data-axis-start'), end = +svg.getAttribute('data-axis-end'), width = +svg.getAttribute('data-width');
    var frame = svg.querySelector('g.axis-frame');
    var old = frame.querySelector('g.marker[data-kind="internal"]');
    if (old) { old.parentNode.removeChild(old); }
    var x = Math.max(0, Math.min(width, Math.round(width * (at - start) / (end - start))));
    var axisY = +svg.querySelector('line.axis').getAttribute('y1');
    var height = +svg.getAttribute('height'), textY = height + 6;
    var label = document.body.getAttribute('data-msg-internal') || 'internal', when = wall(at);
    var right = x < width - 160;
    var g = el('g', {'class': 'marker', 'data-kind': 'internal', 'data-at': String(at), 'data-source': source || ''});
    g.appendChild(el('line', {'class': 'tick', x1: x, y1: axisY, x2: x, y2: textY - 13}));
    g.appendChild(el('circle', {cx: x, cy: axisY, r: 5}));
    var t = el('text', {x: right ? x + 6 : x - 6, y: textY, 'text-anchor': right ? 'start' : 'end'});
    t.appendChild(el('tspan', {'class': 'what'}, label));
    t.appendChild(el('tspan', {'class': 'when', x: right ? x + 6 : x - 6, y: textY + 15}, when));
    g.appendChild(t);
    // Before the other markers: its tick is then painted under their labels (as the server orders them).
    frame.insertBefore(g, frame.querySelector('g.marker'));
    var newHeight = textY + 15 + 14;
    svg.setAttribute('height', newHeight);
    svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + newHeight);
    var desc = svg.querySelector('desc');
    if (desc) { desc.textContent += '; ' + label + ' ' + when; }
    var tbody = document.querySelector('table.deadlines tbody');
    if (tbody && !tbody.querySelector('tr[data-kind="internal"]')) {
      var tr = document.createElement('tr'), th = document.createElement('th'), td = document.createElement('td');
      tr.setAttribute('data-kind', 'internal'); tr.setAttribute('data-at', String(at)); th.setAttribute('scope', 'row');
      th.textContent = label; td.textContent = when;
      tr.appendChild(th); tr.appendChild(td); tr.appendChild(document.createElement('td'));
      // In time order, as the server lists the others (each row's data-at, epoch ms).
      var later = null, rows = tbody.querySelectorAll('tr[data-at]');
      for (var i = 0; i < rows.length && !later; i++) { if (+rows[i].getAttribute('data-at') > at) { later = rows[i]; } }
      tbody.insertBefore(tr, later);
    }
  }

  fetch('/orgs/' + encodeURIComponent(office.orgId) + '/internal-deadlines', {
    headers: {'Authorization': 'Bearer ' + office.key, 'Accept': 'application/json'}
  }).then(function (r) { return r.ok ? r.json() : null; }).then(function (body) {
    if (!body || !body.deadlines) { return; }
    for (var i = 0; i < body.deadlines.length; i++) {
      var d = body.deadlines[i];
      if (d.topicId === topicId && d.internal) {
        var at = Date.parse(d.internal);
        if (!isNaN(at)) { draw(at, d.source); }
      }
    }
  }).catch(function () { /* no internal deadline drawn: the page stays as the server rendered it */ });
})();
