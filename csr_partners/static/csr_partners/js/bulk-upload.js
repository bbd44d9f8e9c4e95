// Progress of a recipients file being checked: polls the upload's status and reloads the page
// once the check has finished (the page then shows the saved recipients or every fault).
(function () {
  "use strict";
  var box = document.querySelector(".bulk-upload[data-status='checking']");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector(".bulk-progress");
  var text = box.querySelector(".bulk-progress-text");
  var delay = 500;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (data.status !== "checking") {
          window.location.reload();
          return;
        }
        if (bar && data.total) {
          bar.max = data.total;
          bar.value = data.done;
        }
        if (text && data.total) {
          text.textContent = text.textContent.replace(/\d+ of \d+/, data.done + " of " + data.total);
        }
        delay = Math.min(delay * 1.5, 4000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 4000); });
  }
  window.setTimeout(poll, delay);
})();
