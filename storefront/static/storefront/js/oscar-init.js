/* Oscar's page set-up, without inline scripts (our Content Security Policy forbids them).
 * Oscar's templates put calls such as `oscar.init()` in an inline `onbodyload` block; ours name
 * them in <body data-oscar-init="oscar basket"> instead, and this file makes the calls. */
(function () {
    "use strict";
    // Oscar's "cancel" links went back (or closed their popup) with an inline onclick; ours
    // carry data-history-back (data-window-close).
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("[data-history-back], [data-window-close]");
        if (link) {
            event.preventDefault();
            if (link.hasAttribute("data-window-close")) {
                window.close();
            } else {
                window.history.back();
            }
        }
    });
    // Oscar's image widget hid its upload button from an inline onload once the chosen image
    // showed (onerror: showed it again and said so); ours marks the <img> data-image-preview.
    // load and error do not bubble, so they are caught on the way down.
    function imagePreview(event) {
        var img = event.target;
        if (!img.hasAttribute || !img.hasAttribute("data-image-preview")) { return; }
        var button = img.parentNode.querySelector('[id^="upload_button_"]');
        if (event.type === "load") {
            if (button) { button.hidden = true; button.style.display = "none"; }
        } else if (img.getAttribute("src")) {
            if (button) { button.hidden = false; button.style.display = ""; }
            window.alert(img.getAttribute("data-error-message"));
        }
    }
    document.addEventListener("load", imagePreview, true);
    document.addEventListener("error", imagePreview, true);
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
        "notifications": function () { oscar.notifications.init(); },
        // The dashboard (templates/oscar/dashboard/): what Oscar's layout ran inline.
        "dashboard": function () {
            var hash = window.location.hash;
            if (hash) {
                try {
                    window.jQuery('.bs-docs-sidenav a[href="' + hash + '"]').tab("show");
                } catch (e) { /* an address fragment that is no selector */ }
            }
            window.jQuery(".nav-list a").on("shown.bs.tab", function (e) {
                window.location.hash = e.target.hash;
            });
            oscar.dashboard.init({ languageCode: document.documentElement.lang || "en" });
        },
        "bulk-actions": function () { oscar.dashboard.bulk_actions.init(); },
        "search-errors": function () { window.jQuery("#SearchModal").modal("show"); },
        "product-attributes": function () { oscar.dashboard.product_attributes.init(); },
        "product-lists": function () { oscar.dashboard.product_lists.init(); },
        "product-bulk-action": function () {
            oscar.dashboard.product_bulk_action.init({ formBound: body.getAttribute("data-form-bound") === "true" });
        },
        "offers": function () { oscar.dashboard.offers.init(); },
        "ranges": function () { oscar.dashboard.ranges.init(); },
        "range-reorder": function () {
            oscar.dashboard.reordering.init({ wrapper: ".product_list", submit_url: body.getAttribute("data-reorder-url") });
        },
        "reports": function () { oscar.dashboard.reports.init(); },
        // An email's HTML preview, written into its frame so its CSS stays off the page.
        "email-preview": function () {
            var frame = document.getElementById("preview_box");
            if (!frame) { return; }
            var doc = frame.contentWindow.document;
            doc.open();
            doc.write(frame.textContent);
            doc.close();
        },
        "order-detail": function () {
            oscar.dashboard.orders.initTabs();
            oscar.dashboard.orders.initTable();
        }
    };
    window.jQuery(function () {
        names.forEach(function (name) {
            if (setUp[name]) { setUp[name](); }
        });
    });
})();
