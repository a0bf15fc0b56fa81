// Refreshes a running deployment's timeline once a second until it rests (progressive: without it, reload the page).
(function () {
  'use strict';
  function refresh() {
    var timeline = document.getElementById('timeline');
    var url = timeline && timeline.getAttribute('data-live');
    if (!url) {
      return;
    }
    fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html) {
          var holder = document.createElement('div');
          holder.innerHTML = html;
          var fresh = holder.querySelector('#timeline');
          if (fresh) {
            timeline.replaceWith(fresh);
            if (!fresh.getAttribute('data-live')) {
              // At rest: reload once so the rest of the page (access instructions) shows the outcome.
              window.location.reload();
              return;
            }
          }
        }
        setTimeout(refresh, 1000);
      })
      .catch(function () { setTimeout(refresh, 5000); });
  }
  setTimeout(refresh, 1000);
})();
