/* Cutoff pages: live countdowns and copy buttons. Progressive: the server renders every time; this only
   adds the time left (<time data-countdown datetime="UTC ISO">) and makes [data-copy] buttons copy. */
(function () {
  'use strict';
  var body = document.body;
  function msg(name, n) { return (body.getAttribute('data-msg-' + name) || '').replace('{0}', n); }

  function left(ms) {
    if (ms <= 0) { return msg('passed'); }
    var minutes = Math.floor(ms / 60000), days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60);
    var parts = [];
    if (days > 0) { parts.push(msg('days', days)); }
    if (days < 10 && hours > 0) { parts.push(msg('hours', hours)); }
    if (days === 0) { parts.push(msg('minutes', minutes % 60)); }
    return msg('left', parts.join(' '));
  }

  // The server's clock at rendering (data-now, epoch ms) against this browser's: counts from the server's
  // "now", so a wrong clock here (or the demo's moved clock) does not make an open call look closed.
  var serverNow = +body.getAttribute('data-now'), skew = serverNow > 0 ? serverNow - Date.now() : 0;

  function tick() {
    var now = Date.now() + skew;
    var times = document.querySelectorAll('time[data-countdown]');
    for (var i = 0; i < times.length; i++) {
      var at = Date.parse(times[i].getAttribute('datetime'));
      var out = times[i].parentNode.querySelector('.countdown');
      if (!isNaN(at) && out) { out.textContent = '(' + left(at - now) + ')'; }
    }
  }
  tick();
  setInterval(tick, 30000);

  var buttons = document.querySelectorAll('button[data-copy]');
  for (var j = 0; j < buttons.length; j++) {
    buttons[j].addEventListener('click', function (ev) {
      var button = ev.currentTarget, field = document.getElementById(button.getAttribute('data-copy'));
      if (!field) { return; }
      var label = button.textContent;
      function done() { button.textContent = msg('copied'); setTimeout(function () { button.textContent = label; }, 2000); }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      } else {
        field.select();
        try { if (document.execCommand('copy')) { done(); } } catch (e) { /* the text stays selected */ }
      }
    });
  }
})();
