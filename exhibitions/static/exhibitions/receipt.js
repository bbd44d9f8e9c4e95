/* Receipt page: the print button (no inline handlers under the CSP) and select-to-copy link. */
(function () {
    "use strict";
    var print = document.querySelector("[data-print]");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
    var link = document.querySelector("[data-share-link]");
    if (link) { link.addEventListener("focus", function () { link.select(); }); }
})();
