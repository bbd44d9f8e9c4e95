/* The workshop form survives a dropped connection.
 * - Every typed value (not the photos, which browsers do not let a page keep) is kept in this
 *   phone's localStorage while the form is filled, and put back if the page is reloaded.
 * - The form is sent with fetch: if the network fails, nothing is lost and a banner says to press
 *   Save again; if the server answers, its page is shown (the next page, or the form with errors).
 * - A page that shows a saved batch clears what was kept for it.
 */
(function () {
    "use strict";
    var PREFIX = "haat-workshop:";
    var store = null;
    try { store = window.localStorage; } catch (e) { store = null; }

    document.querySelectorAll("[data-clear-kept]").forEach(function (el) {
        if (!store) return;
        el.getAttribute("data-clear-kept").split(" ").forEach(function (key) { store.removeItem(PREFIX + key); });
    });

    var form = document.querySelector("form[data-keep-form]");
    if (!form) return;
    var key = PREFIX + form.getAttribute("data-keep-form");
    var banner = document.querySelector("[data-offline-banner]");
    var sending = form.querySelector("[data-sending]");

    function fields() {
        return Array.prototype.filter.call(form.elements, function (el) {
            return el.name && el.type !== "file" && el.type !== "hidden" && el.type !== "submit";
        });
    }
    function keep() {
        if (!store) return;
        var values = {};
        fields().forEach(function (el) { values[el.name] = el.value; });
        try { store.setItem(key, JSON.stringify(values)); } catch (e) { /* storage full */ }
    }
    // A fresh form (not one the server sent back with errors) gets the kept values back.
    if (store && document.querySelector("[data-fresh-form]")) {
        var kept = null;
        try { kept = JSON.parse(store.getItem(key) || "null"); } catch (e) { kept = null; }
        if (kept) {
            fields().forEach(function (el) { if (kept[el.name] !== undefined && kept[el.name] !== "") el.value = kept[el.name]; });
        }
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);

    // One-off kinds need a shop price; products in the shop have theirs.
    var what = form.querySelector("[name=what]");
    var oneOff = form.querySelector("[data-one-off-only]");
    function toggleOneOff() { if (what && oneOff) oneOff.hidden = what.value.indexOf("c:") !== 0; }
    if (what) { what.addEventListener("change", toggleOneOff); toggleOneOff(); }

    var photos = form.querySelector("input[type=file]");
    var count = form.querySelector("[data-photo-count]");
    if (photos && count) {
        photos.addEventListener("change", function () {
            var n = photos.files.length;
            count.textContent = n ? (count.getAttribute("data-chosen") || "Photos chosen: ") + n + " ✓" : count.getAttribute("data-none") || count.textContent;
        });
    }

    form.addEventListener("submit", function (event) {
        if (!window.fetch || !window.FormData) return; // plain submit
        event.preventDefault();
        keep();
        var data = new FormData(form);
        if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
        var buttons = form.querySelectorAll("button[type=submit]");
        buttons.forEach(function (b) { b.disabled = true; });
        if (sending) sending.hidden = false;
        if (banner) banner.hidden = true;
        // Not form.action: the submit buttons are named "action" and shadow it.
        fetch(form.getAttribute("action") || window.location.href, { method: "POST", body: data, credentials: "same-origin" })
            .then(function (response) {
                if (response.redirected) { window.location.assign(response.url); return null; }
                return response.text().then(function (html) {
                    document.open(); document.write(html); document.close();
                });
            })
            .catch(function () {
                buttons.forEach(function (b) { b.disabled = false; });
                if (sending) sending.hidden = true;
                if (banner) { banner.hidden = false; banner.scrollIntoView({ block: "center" }); }
            });
    });
})();
