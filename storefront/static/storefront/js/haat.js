/* Haat storefront behaviour. Small, dependency-free, progressive: every feature works
 * without it (search is visible, the sort form has a submit button, thumbnails are links). */
(function () {
    "use strict";
    var root = document.documentElement;
    root.classList.remove("no-js");
    root.classList.add("js");

    // Header search on phones: a button shows and hides the search box.
    var toggle = document.querySelector(".search-toggle");
    var panel = document.getElementById("site-search");
    if (toggle && panel) {
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            var open = !panel.classList.contains("is-open");
            panel.classList.toggle("is-open", open);
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            if (open) {
                var input = panel.querySelector("input[type=search]");
                if (input) { input.focus(); }
            }
        });
        panel.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && panel.classList.contains("is-open")) {
                panel.classList.remove("is-open");
                toggle.setAttribute("aria-expanded", "false");
                toggle.focus();
            }
        });
    }

    // The header's language menu (a <details>, which opens without script): Escape or a tap
    // outside closes it.
    Array.prototype.forEach.call(document.querySelectorAll("details.lang-menu"), function (menu) {
        document.addEventListener("click", function (event) {
            if (menu.open && !menu.contains(event.target)) { menu.open = false; }
        });
        menu.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && menu.open) {
                menu.open = false;
                menu.querySelector("summary").focus();
            }
        });
    });

    // The category menu on a phone scrolls sideways: the arrow at its edge goes at the end, a
    // fade shows at the start once scrolled, and the current page's link starts in view.
    Array.prototype.forEach.call(document.querySelectorAll("[data-scroll-hint]"), function (nav) {
        var list = nav.querySelector("ul");
        if (!list) { return; }
        var update = function () {
            var end = list.scrollLeft + list.clientWidth >= list.scrollWidth - 4;
            nav.classList.toggle("is-at-end", end);
            nav.classList.toggle("is-scrolled", list.scrollLeft > 4);
        };
        // The current page's link clear of the fade and arrow at the edge (about 3.5rem).
        var current = list.querySelector("[aria-current]");
        var edge = 60;
        if (current && current.offsetLeft + current.offsetWidth > list.clientWidth - edge) {
            list.scrollLeft = current.offsetLeft + current.offsetWidth - list.clientWidth + edge;
        }
        list.addEventListener("scroll", update, { passive: true });
        window.addEventListener("resize", update);
        update();
    });

    // Sort menus submit themselves when changed.
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosubmit] select"), function (select) {
        select.addEventListener("change", function () {
            if (select.form.requestSubmit) { select.form.requestSubmit(); } else { select.form.submit(); }
        });
    });

    // Forms marked data-once (placing an order) submit once: the button is disabled after.
    Array.prototype.forEach.call(document.querySelectorAll("form[data-once]"), function (form) {
        form.addEventListener("submit", function () {
            Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
                window.setTimeout(function () { b.disabled = true; }, 0);
            });
        });
    });

    // Product gallery: thumbnails swap the main photo.
    var main = document.getElementById("gallery-main");
    if (main) {
        var thumbs = document.querySelectorAll("[data-gallery-src]");
        Array.prototype.forEach.call(thumbs, function (thumb) {
            thumb.addEventListener("click", function (event) {
                event.preventDefault();
                main.src = thumb.getAttribute("data-gallery-src");
                main.alt = thumb.getAttribute("data-gallery-alt") || main.alt;
                Array.prototype.forEach.call(thumbs, function (t) { t.removeAttribute("aria-current"); });
                thumb.setAttribute("aria-current", "true");
            });
        });
    }
})();
