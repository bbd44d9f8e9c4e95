/* Oscar's page set-up, without inline scripts (our Content Security Policy forbids them).
 * Oscar's templates put calls such as `oscar.init()` in an inline `onbodyload` block; ours name
 * them in <body data-oscar-init="oscar basket"> instead, and this file makes the calls. */
(function () {
    "use strict";
    // Oscar's "cancel" links went back with an inline onclick; ours carry data-history-back.
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("[data-history-back]");
        if (link) {
            event.preventDefault();
            window.history.back();
        }
    });
    var body = document.body;
    var names = (body.getAttribute("data-oscar-init") || "").split(/\s+/).filter(Boolean);
    if (!names.length || typeof window.jQuery === "undefined" || typeof window.oscar === "undefined") {
        return;
    }
    var oscar = window.oscar;
    var setUp = {
        "oscar": function () { oscar.init(); },
        "basket": function () { oscar.basket.init({ basketURL: body.getAttribute("data-basket-url") }); },
        "search": function () { oscar.search.init(); },
        "checkout-gateway": function () { oscar.checkout.gateway.init(); },
        "wishlists": function () { oscar.customer.wishlists.init(); },
        "notifications": function () { oscar.notifications.init(); }
    };
    window.jQuery(function () {
        names.forEach(function (name) {
            if (setUp[name]) { setUp[name](); }
        });
    });
})();
