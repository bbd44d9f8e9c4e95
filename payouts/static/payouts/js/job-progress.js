// Progress of a staff long job (a payout run being drafted, a month's statements being made):
// polls the job's status and reloads the page once it is over (the page then shows the draft or
// the zip to download). Without JavaScript the page refreshes itself (a meta refresh).
(function () {
  "use strict";
  var box = document.querySelector(".job-progress[data-running='1']");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector(".job-progress-bar");
  var text = box.querySelector(".job-progress-text");
  var delay = 500;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (!data.running) {
          window.location.reload();
          return;
        }
        if (bar && data.total) {
          bar.max = data.total;
          bar.value = data.done;
        }
        if (text && data.text) { text.textContent = data.text; }
        delay = Math.min(delay * 1.5, 4000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 4000); });
  }
  window.setTimeout(poll, delay);
})();
