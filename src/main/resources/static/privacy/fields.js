// Privacy Center forms (a file of its own: the pages' Content-Security-Policy runs no inline script).
// Everything here only helps while typing; the server checks every field again and names the ones to fix.
(function () {
  'use strict';

  function length(text) {
    return Array.from(text).length; // characters as people count them (a Chinese character or an emoji is one)
  }

  // "N characters left" under every field with a limit, instead of cutting what was typed or pasted.
  function updateCounter(input) {
    var counter = document.getElementById(input.id + '-counter');
    var limit = parseInt(input.getAttribute('data-limit'), 10);
    if (!counter || !limit) {
      return;
    }
    var left = limit - length(input.value);
    var template = counter.getAttribute(left < 0 ? 'data-over' : 'data-left');
    counter.textContent = template.replace('{0}', String(Math.abs(left)));
    counter.classList.toggle('over', left < 0);
  }

  function watch(input) {
    input.addEventListener('input', function () { updateCounter(input); });
    if (input.value) {
      updateCounter(input);
    }
  }

  // CORRECT: the value's input follows the detail chosen (a date picker, a phone keypad, an email keyboard),
  // with that detail's hint and limit.
  var TYPES = { DATE: 'date', PHONE: 'tel', EMAIL: 'email', TEXT: 'text', ADDRESS: 'text' };
  var AUTOCOMPLETE = { PHONE: 'tel', EMAIL: 'email', ADDRESS: 'street-address' };

  function followChoice(select) {
    var input = document.getElementById(select.getAttribute('data-value'));
    var hint = document.getElementById(input.id + '-hint');
    var option = select.options[select.selectedIndex];
    var kind = option.getAttribute('data-input');
    if (!kind) {
      return;
    }
    input.type = TYPES[kind] || 'text';
    input.setAttribute('autocomplete', AUTOCOMPLETE[kind] || 'off');
    input.setAttribute('data-limit', option.getAttribute('data-limit'));
    if (hint) {
      hint.textContent = option.getAttribute('data-hint');
    }
    updateCounter(input);
  }

  document.querySelectorAll('[data-limit]').forEach(watch);
  document.querySelectorAll('select[data-correction-field]').forEach(function (select) {
    select.addEventListener('change', function () { followChoice(select); });
  });
})();
