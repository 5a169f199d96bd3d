/* Cutoff's proof-of-work for the subscription form (no third party): on submit, find s so that
   SHA-256("<challenge>:" + s) starts with `bits` zero bits (the hidden field's data-bits), put it in the
   form's `solution` field and submit. The server issued the challenge with the page. Outside a browser
   (a test runs it in Node) only cutoffSolve is defined. */
function cutoffZeroBits(h, bits) {
  for (var i = 0; i < bits; i++) { if (h[i >> 3] & (0x80 >> (i & 7))) { return false; } }
  return true;
}
async function cutoffSolve(token, bits) {
  var enc = new TextEncoder();
  for (var n = 0; ; n++) {
    var s = n.toString(36);
    var h = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(token + ':' + s)));
    if (cutoffZeroBits(h, bits)) { return s; }
  }
}
if (typeof document !== 'undefined') (function () {
  'use strict';
  var challenge = document.querySelector('form input[name=challenge]');
  if (!challenge) { return; }
  var form = challenge.form, note = document.getElementById('challenge-note');
  form.addEventListener('submit', function (ev) {
    if (form.elements.solution.value) { return; }
    ev.preventDefault();
    if (note) { note.hidden = false; }
    cutoffSolve(challenge.value, +challenge.getAttribute('data-bits')).then(function (s) { form.elements.solution.value = s; form.submit(); });
  });
})();
