// Live tail of a server's console log: asks the API for the lines after the last one shown every 2 seconds and
// appends them (progressive: without it, reload the page). An incomplete last line (a prompt) is replaced when it
// grows.
(function () {
  'use strict';
  var log = document.getElementById('console-log');
  var url = log && log.getAttribute('data-live');
  if (!url) {
    return;
  }
  var next = log.getAttribute('data-next') || '0';
  var empty = document.querySelector('[data-testid="console-empty"]');

  function atBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 24;
  }

  function show(lines) {
    var follow = atBottom();
    var last = log.lastElementChild;
    if (lines.length > 0 && last && last.getAttribute('data-complete') === 'false') {
      last.remove();
    }
    lines.forEach(function (line) {
      var span = document.createElement('span');
      span.className = 'console-line';
      span.id = 'L' + line.offset;
      span.setAttribute('data-complete', String(line.complete));
      span.title = line.capturedAt;
      span.textContent = line.text;
      log.appendChild(span);
    });
    if (lines.length > 0 && empty) {
      empty.hidden = true;
    }
    if (follow) {
      log.scrollTop = log.scrollHeight;
    }
  }

  function poll() {
    fetch(url + '?after=' + encodeURIComponent(next), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer) {
          show(answer.lines);
          next = String(answer.next);
        }
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  log.scrollTop = log.scrollHeight;
  setTimeout(poll, 2000);
})();
