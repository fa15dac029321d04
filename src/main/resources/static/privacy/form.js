// A second click while the first submission is on its way would only replay it (same Idempotency-Key);
// disabling the button just saves the round trip. (A file of its own: the pages' Content-Security-Policy runs no
// inline script.)
document.getElementById('request-form').addEventListener('submit', function () {
  var b = document.getElementById('submit');
  setTimeout(function () { b.disabled = true; }, 0);
});
