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

  /** Estimated width of 12 px text, as the server's Timeline.textWidth: CJK and full-width 12 px, others 7 px. */
  function estimate(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) { w += s.charCodeAt(i) >= 0x2E80 ? 12 : 7; }
    return w;
  }

  /** A label's width, px: its longer line as the browser sets it (the estimate when not rendered). */
  function labelWidth(text) {
    var spans = text.querySelectorAll('tspan'), w = 0;
    for (var i = 0; i < spans.length; i++) {
      var m = 0;
      try { m = spans[i].getComputedTextLength(); } catch (e) { m = 0; }
      w = Math.max(w, Math.ceil(m) || estimate(spans[i].textContent));
    }
    return w;
  }

  /**
   * Lays out every marker's label again, the server's way (Timeline.draw: lanes of labels below the axis, each
   * label in the first lane where it overlaps no other, 10 px apart), so the added marker gets a free lane; and
   * more, as a marker near the cutoff needs: no tick runs through another marker's label (a tick crosses every
   * lane above its own), and a label turns to the side away from the other markers when it can. Deepest lane
   * first in the drawing (as the server orders them), so a label's halo is painted over any tick behind it.
   * Returns the height the drawing needs, px.
   */
  function layout(frame, axisY) {
    var LANE = 40, FIRST = axisY + 26, GAP = 10, CLEAR = 4;
    var x0 = +svg.getAttribute('data-x0') || 0, total = +svg.getAttribute('width');
    var gs = frame.querySelectorAll('g.marker'), items = [];
    for (var i = 0; i < gs.length; i++) {
      var text = gs[i].querySelector('text');
      items.push({g: gs[i], text: text, at: +gs[i].getAttribute('data-at'), x: +gs[i].querySelector('circle').getAttribute('cx'),
        w: labelWidth(text)});
    }
    items.sort(function (a, b) { return a.at - b.at; });
    var placed = [];
    function free(item, lane, left, right, strict) {
      for (var k = 0; k < placed.length; k++) {
        var p = placed[k];
        if (p.lane === lane && p.left < right + GAP && left - GAP < p.right) { return false; }
        if (strict && p.lane < lane && p.left - CLEAR <= item.x && item.x <= p.right + CLEAR) { return false; }
        if (strict && p.lane > lane && left - CLEAR <= p.x && p.x <= right + CLEAR) { return false; }
      }
      return true;
    }
    items.forEach(function (item) {
      var sides = [];
      [true, false].forEach(function (right) {
        var left = right ? item.x : item.x - item.w - 6, rightEdge = right ? item.x + 6 + item.w : item.x;
        if (right ? x0 + rightEdge <= total - 2 : x0 + left >= 2) {
          // How many other markers the label would cover: fewer first, then the right side (the server's default).
          var covers = items.filter(function (o) { return o !== item && o.x >= left - CLEAR && o.x <= rightEdge + CLEAR; }).length;
          sides.push({right: right, left: left, rightEdge: rightEdge, covers: covers});
        }
      });
      if (!sides.length) { sides.push({right: false, left: item.x - item.w - 6, rightEdge: item.x, covers: 0}); }
      sides.sort(function (a, b) { return a.covers - b.covers || (b.right ? 1 : 0) - (a.right ? 1 : 0); });
      var chosen = null;
      [true, false].forEach(function (strict) {
        for (var lane = 0; !chosen && lane <= items.length; lane++) {
          for (var s = 0; s < sides.length && !chosen; s++) {
            if (free(item, lane, sides[s].left, sides[s].rightEdge, strict)) { chosen = {lane: lane, side: sides[s]}; }
          }
        }
      });
      placed.push({item: item, lane: chosen.lane, left: chosen.side.left, right: chosen.side.rightEdge, x: item.x,
        toRight: chosen.side.right});
    });
    var lanes = 0;
    placed.forEach(function (p) {
      var y = FIRST + p.lane * LANE, tx = p.toRight ? p.x + 6 : p.x - 6, spans = p.item.text.querySelectorAll('tspan');
      p.item.text.setAttribute('x', tx);
      p.item.text.setAttribute('y', y);
      p.item.text.setAttribute('text-anchor', p.toRight ? 'start' : 'end');
      if (spans.length > 1) { spans[1].setAttribute('x', tx); spans[1].setAttribute('y', y + 15); }
      p.item.g.querySelector('line.tick').setAttribute('y2', y - 13);
      p.item.g.setAttribute('data-lane', String(p.lane));
      lanes = Math.max(lanes, p.lane + 1);
    });
    placed.sort(function (a, b) { return b.lane - a.lane || a.item.at - b.item.at; });
    placed.forEach(function (p) { frame.appendChild(p.item.g); });
    return FIRST + (lanes - 1) * LANE + 15 + 14;
  }

  function draw(at, source) {
    var start = +svg.getAttribute('data-axis-start'), end = +svg.getAttribute('data-axis-end'), width = +svg.getAttribute('data-width');
    var frame = svg.querySelector('g.axis-frame');
    var old = frame.querySelector('g.marker[data-kind="internal"]');
    if (old) { old.parentNode.removeChild(old); }
    var x = Math.max(0, Math.min(width, Math.round(width * (at - start) / (end - start))));
    var axisY = +svg.querySelector('line.axis').getAttribute('y1');
    var label = document.body.getAttribute('data-msg-internal') || 'internal', when = wall(at);
    var g = el('g', {'class': 'marker', 'data-kind': 'internal', 'data-at': String(at), 'data-source': source || ''});
    g.appendChild(el('line', {'class': 'tick', x1: x, y1: axisY, x2: x, y2: axisY}));
    g.appendChild(el('circle', {cx: x, cy: axisY, r: 5}));
    var t = el('text', {x: x + 6, y: axisY + 26, 'text-anchor': 'start'});
    t.appendChild(el('tspan', {'class': 'what'}, label));
    t.appendChild(el('tspan', {'class': 'when', x: x + 6, y: axisY + 41}, when));
    g.appendChild(t);
    frame.appendChild(g);
    // Every label again, the new one on a free lane, clear of the others' ticks (the cutoff's is often near).
    var newHeight = layout(frame, axisY);
    svg.setAttribute('height', newHeight);
    svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + newHeight);
    var nowLine = frame.querySelector('g.now line');
    if (nowLine) { nowLine.setAttribute('y2', newHeight - 6); }
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
