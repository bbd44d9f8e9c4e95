/* The exhibition point of sale (exhibitions, issue 12): the screen a seller at the stall uses.
 * The page loads pos-money.js, pos-outbox.js and pos-card.js before this (window.haatPos).
 *
 * - A sale gets its id here (a UUID) before anything is sent. Cash and UPI sales go to the
 *   outbox (pos-outbox.js): kept on this phone first, then sent; if the network is down they
 *   stay and are sent when it returns (the "online" event, page load, and every 20 seconds).
 * - Prices are computed the way the server computes them (pos-money.js) and the total is sent
 *   along: the server refuses a sale whose total differs.
 * - Card payments need the network: the card form (pos-card.js) gives a reference and the
 *   server charges it.
 * - No inline scripts: strings come from data-t-* attributes of the page.
 */
(function () {
    "use strict";
    var root = document.querySelector("[data-pos]");
    if (!root) { return; }

    function t(name) { return root.getAttribute("data-t-" + name) || ""; }
    function $(sel, el) { return (el || root).querySelector(sel); }
    function $all(sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); }

    var money = window.haatPos.money;
    var toPaise = money.toPaise, hundredths = money.hundredths, concessionPaise = money.concessionPaise;
    var rupees = money.rupees, uuid4 = money.uuid4;

    // --- the pieces at the event ------------------------------------------------------------
    var items = {};
    $all("[data-item]").forEach(function (el) {
        items[el.getAttribute("data-product")] = {
            el: el, id: el.getAttribute("data-product"), title: el.getAttribute("data-title"),
            unit: toPaise(el.getAttribute("data-price")), held: parseInt(el.getAttribute("data-held"), 10) || 0,
            code: el.getAttribute("data-code") || ""
        };
        el.addEventListener("click", function () { add(el.getAttribute("data-product")); });
    });
    function showHeld(item) {
        var left = item.held - (cart[item.id] || 0);
        var text = item.el.querySelector("[data-held-text]");
        if (text) { text.textContent = text.textContent.replace(/\d+/, String(Math.max(left, 0))); }
        item.el.disabled = left <= 0;
    }

    // --- the sale being made ----------------------------------------------------------------
    var cart = {};
    var linesEl = $("[data-lines]"), totalEl = $("[data-total]"), errorEl = $("[data-cart-error]");
    var concessionEl = $("[data-concession]"), percentEl = $("[data-percent]"), reasonEl = $("[data-reason]");

    function add(id) {
        var item = items[id];
        if (!item) { return; }
        if ((cart[id] || 0) >= item.held) { showError(t("none-left")); return; }
        cart[id] = (cart[id] || 0) + 1;
        render();
    }
    function removeOne(id) {
        if (!cart[id]) { return; }
        cart[id] -= 1;
        if (!cart[id]) { delete cart[id]; }
        render();
    }
    function showError(message) {
        errorEl.textContent = message || "";
        errorEl.hidden = !message;
    }
    function concessionState() {
        if (!concessionEl || !concessionEl.value) { return {id: null, p100: 0}; }
        var option = concessionEl.options[concessionEl.selectedIndex];
        var max = hundredths(option.getAttribute("data-max"));
        var p100 = hundredths(percentEl.value);
        if (p100 === null) { p100 = max; }
        return {id: concessionEl.value, p100: p100, max: max, reason: (reasonEl.value || "").trim(),
                percent: percentEl.value === "" ? option.getAttribute("data-max") : percentEl.value};
    }
    function totals() {
        var c = concessionState(), list = 0, total = 0;
        var p100 = isNaN(c.p100) ? 0 : c.p100;
        Object.keys(cart).forEach(function (id) {
            var unit = items[id].unit;
            list += unit * cart[id];
            total += (unit - concessionPaise(unit, p100)) * cart[id];
        });
        return {list: list, total: total, concession: c};
    }
    function problem() {
        if (!Object.keys(cart).length) { return t("empty"); }
        var c = concessionState();
        if (c.id) {
            if (isNaN(c.p100) || c.p100 <= 0 || c.p100 > c.max) { return t("over-limit") + " " + (c.max / 100) + "%."; }
            if (c.reason.length < 3) { return t("reason-needed"); }
        }
        return "";
    }
    function render() {
        linesEl.innerHTML = "";
        var ids = Object.keys(cart);
        if (!ids.length) {
            var empty = document.createElement("li");
            empty.className = "ws-empty";
            empty.textContent = t("empty");
            linesEl.appendChild(empty);
        }
        ids.forEach(function (id) {
            var li = document.createElement("li");
            li.className = "pos-line";
            var name = document.createElement("span");
            name.textContent = items[id].title + " × " + cart[id];
            var price = document.createElement("span");
            price.textContent = rupees(items[id].unit * cart[id]);
            var minus = document.createElement("button");
            minus.type = "button"; minus.className = "pos-line__remove"; minus.textContent = "−";
            minus.setAttribute("aria-label", t("remove") + ": " + items[id].title);
            minus.addEventListener("click", function () { removeOne(id); });
            li.appendChild(name); li.appendChild(price); li.appendChild(minus);
            linesEl.appendChild(li);
        });
        Object.keys(items).forEach(function (id) { showHeld(items[id]); });
        var sums = totals();
        totalEl.textContent = rupees(sums.total);
        var issue = problem();
        $all("[data-pay]").forEach(function (b) {
            b.disabled = !!issue || (b.getAttribute("data-pay") === "card" && !navigator.onLine);
        });
        if (!issue || issue === t("empty")) { showError(""); } else { showError(issue); }
    }
    [concessionEl, percentEl, reasonEl].forEach(function (el) {
        if (el) { el.addEventListener("input", render); el.addEventListener("change", render); }
    });

    // --- finding a piece: search box, a handheld scanner (types the code and Enter), camera ---
    var search = $("[data-search]"), findError = $("[data-find-error]");
    function filter() {
        var q = (search.value || "").trim().toLowerCase();
        Object.keys(items).forEach(function (id) {
            var it = items[id];
            it.el.parentNode.hidden = q && it.title.toLowerCase().indexOf(q) < 0 && it.code.toLowerCase().indexOf(q) < 0;
        });
    }
    function byCode(code) {
        code = String(code || "").trim().toUpperCase();
        var found = null;
        Object.keys(items).forEach(function (id) { if (items[id].code && items[id].code === code) { found = id; } });
        return found;
    }
    if (search) {
        search.addEventListener("input", function () { findError.hidden = true; filter(); });
        search.addEventListener("keydown", function (event) {
            if (event.key !== "Enter") { return; }
            event.preventDefault();
            var id = byCode(search.value);
            if (id) { add(id); search.value = ""; filter(); }
            else if (/^HAAT-/i.test(search.value.trim())) { findError.textContent = t("scan-none"); findError.hidden = false; }
        });
    }
    var scanButton = $("[data-scan]"), video = $("[data-scan-video]");
    if (scanButton && "BarcodeDetector" in window && navigator.mediaDevices) {
        scanButton.hidden = false;
        scanButton.addEventListener("click", function () {
            var detector = new window.BarcodeDetector({formats: ["qr_code"]});
            navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (stream) {
                video.srcObject = stream; video.hidden = false; video.play();
                function stop() { stream.getTracks().forEach(function (tr) { tr.stop(); }); video.hidden = true; }
                function look() {
                    detector.detect(video).then(function (codes) {
                        if (codes.length) {
                            stop();
                            var id = byCode(codes[0].rawValue);
                            if (id) { add(id); } else { findError.textContent = t("scan-none"); findError.hidden = false; }
                        } else if (!video.hidden) { window.setTimeout(look, 250); }
                    }, function () { stop(); });
                }
                look();
            }, function () { scanButton.hidden = true; });
        });
    }

    // --- panels -----------------------------------------------------------------------------
    var cartBox = $("[data-cart-box]");
    function show(name) {
        $all("[data-panel]").forEach(function (p) { p.hidden = p.getAttribute("data-panel") !== name; });
        cartBox.hidden = !!name;
        // While taking the money, the panel is the whole screen: nothing to tap by mistake.
        $all(".pos-find, [data-items]").forEach(function (el) { el.hidden = !!name; });
        if (name) { window.scrollTo(0, 0); }
        $all("[data-amount]").forEach(function (el) { el.textContent = rupees(totals().total); });
        var first = name && $("[data-panel=" + name + "] h2");
        if (first) { first.setAttribute("tabindex", "-1"); first.focus(); }
    }
    $all("[data-cancel]").forEach(function (b) { b.addEventListener("click", function () { show(null); }); });
    $("[data-next]").addEventListener("click", function () {
        cart = {};
        if (concessionEl) { concessionEl.value = ""; percentEl.value = ""; reasonEl.value = ""; }
        render(); show(null);
    });

    var upiImage = $("[data-upi-qr]"), upiOffline = $("[data-upi-offline]");
    var pendingRef = null;
    $all("[data-pay]").forEach(function (button) {
        button.addEventListener("click", function () {
            var method = button.getAttribute("data-pay");
            if (problem()) { render(); return; }
            pendingRef = uuid4();
            if (method === "upi") {
                var amount = totals().total;
                if (navigator.onLine) {
                    upiImage.src = root.getAttribute("data-qr-url") + "?amount=" + amount + "&ref=EV-" + pendingRef.replace(/-/g, "").slice(0, 10).toUpperCase();
                    upiImage.hidden = false; upiOffline.hidden = true;
                } else {
                    upiImage.hidden = true; upiOffline.hidden = false;
                }
            }
            if (method === "card") {
                if (!navigator.onLine) { showError(t("card-offline")); return; }
                mountCard();
            }
            show(method);
        });
    });
    if (upiImage) {
        upiImage.addEventListener("error", function () { upiImage.hidden = true; upiOffline.hidden = false; });
    }

    function buildSale(method) {
        var sums = totals(), c = sums.concession;
        return {
            id: pendingRef || uuid4(),
            made_at: new Date().toISOString(),
            method: method,
            lines: Object.keys(cart).map(function (id) { return {product: Number(id), quantity: cart[id]}; }),
            concession: c.id ? Number(c.id) : null,
            percent: c.id ? String(c.percent) : null,
            reason: c.id ? c.reason : "",
            total_paise: sums.total,
            title: Object.keys(cart).map(function (id) { return items[id].title + " × " + cart[id]; }).join(", ")
        };
    }
    function takeFromHeld(sale) {
        sale.lines.forEach(function (line) {
            var item = items[String(line.product)];
            if (item) { item.held = Math.max(item.held - line.quantity, 0); }
        });
    }

    // --- the sales waiting to be sent (pos-outbox.js) and today's list --------------------------
    var outbox = window.haatPos.outbox({
        key: "haat-pos:queue:" + root.getAttribute("data-event") + ":" + root.getAttribute("data-user"),
        url: root.getAttribute("data-sale-url"),
        csrfToken: money.csrfToken,
        onAnswer: function (sale, answer, refused) {
            showSale(sale, refused ? "refused" : "sent", answer);
            if (doneSaleId === sale.id) { showDone(answer, refused); }
        },
        onChange: function () { showQueue(); }
    });
    function enqueue(sale) {
        outbox.add(sale);
        showSale(sale, "waiting");
        showQueue();
    }
    var salesList = $("[data-sales]");
    function showSale(sale, state, answer) {
        var li = salesList.querySelector('[data-sale-id="' + sale.id + '"]');
        if (!li) {
            li = document.createElement("li");
            li.className = "pos-sale";
            li.setAttribute("data-sale-id", sale.id);
            salesList.insertBefore(li, salesList.firstChild);
        }
        li.innerHTML = "";
        var ref = document.createElement(answer && answer.receipt_url ? "a" : "span");
        ref.className = "pos-sale__ref";
        ref.textContent = (answer && answer.reference) || "EV-" + sale.id.replace(/-/g, "").slice(0, 10).toUpperCase();
        if (answer && answer.receipt_url) { ref.href = answer.receipt_url; }
        var what = document.createElement("span");
        what.textContent = sale.method.toUpperCase() + " · " + rupees(sale.total_paise) + (sale.title ? " · " + sale.title : "");
        var badge = document.createElement("span");
        badge.className = "ws-badge pos-badge--" + state;
        badge.textContent = t(state === "waiting" ? "waiting" : state === "refused" ? "refused" : "sent");
        li.appendChild(ref); li.appendChild(what); li.appendChild(badge);
        if (answer && answer.error) {
            var err = document.createElement("span");
            err.className = "ws-error"; err.textContent = answer.error;
            li.appendChild(err);
        }
    }
    var queueBanner = $("[data-queue-banner]"), queueText = $("[data-queue-text]");
    function showQueue() {
        var n = outbox.read().length;
        queueBanner.hidden = n === 0;
        queueText.textContent = t("pending-count") + " " + n;
    }

    // --- confirming a payment ---------------------------------------------------------------------
    var doneSaleId = null;
    var doneText = $("[data-done-text]"), doneQueued = $("[data-done-queued]"), doneLinks = $("[data-done-links]");
    function showDone(answer, refused) {
        doneQueued.hidden = true;
        if (refused) {
            doneText.textContent = (answer && answer.error) || t("refused");
            doneLinks.hidden = true;
            return;
        }
        doneText.textContent = answer.reference + " · " + rupees(answer.total_paise);
        if (answer.receipt_url) {
            $("[data-receipt-link]").href = answer.receipt_url;
            doneLinks.hidden = false;
        }
    }
    $all("[data-confirm]").forEach(function (button) {
        button.addEventListener("click", function () {
            var method = button.getAttribute("data-confirm");
            if (method === "card") { return payByCard(button); }
            var sale = buildSale(method);
            enqueue(sale);           // kept on the phone before anything is sent
            takeFromHeld(sale);
            doneSaleId = sale.id;
            doneText.textContent = rupees(sale.total_paise);
            doneLinks.hidden = true;
            doneQueued.hidden = navigator.onLine;
            cart = {}; render();
            show("done");
            outbox.flush().then(function () {
                if (outbox.read().some(function (s) { return s.id === sale.id; })) { doneQueued.hidden = false; }
            });
        });
    });

    // --- card (pos-card.js) ------------------------------------------------------------------------
    var cardError = $("[data-card-error]");
    var cardForm = window.haatPos.cardForm(root.getAttribute("data-stripe-flavour"),
                                           root.getAttribute("data-stripe-key"), "#pos-card-element");
    function mountCard() {
        if (!cardForm.mount()) { cardError.textContent = t("card-failed"); }
    }
    function payByCard(button) {
        if (!cardForm.ready()) { cardError.textContent = t("card-failed"); return; }
        if (!navigator.onLine) { cardError.textContent = t("card-offline"); return; }
        button.disabled = true; cardError.textContent = "";
        var sale = buildSale("card");
        cardForm.reference().then(function (ref) {
            if (ref.error) { throw ref.error; }
            sale.payment_method = ref.id;
            return outbox.post(sale);
        }).then(function (result) {
            button.disabled = false;
            if (result.status >= 400 || result.data.status !== "paid") {
                cardError.textContent = result.data.error || result.data.message || t("card-failed");
                return;
            }
            delete sale.payment_method;
            takeFromHeld(sale);
            showSale(sale, "sent", result.data);
            doneSaleId = sale.id;
            showDone(result.data, false);
            cart = {}; render();
            show("done");
        }, function (error) {
            button.disabled = false;
            cardError.textContent = (error && error.message) || t("card-offline");
        });
    }

    // --- the network ------------------------------------------------------------------------------
    var net = $("[data-net]"), netText = $("[data-net-text]");
    function showNet() {
        var online = navigator.onLine;
        net.classList.toggle("pos-net--off", !online);
        netText.textContent = online ? t("online") : t("offline");
        var cardButton = $("[data-pay=card]");
        if (cardButton && !online) { cardButton.disabled = true; }
    }
    window.addEventListener("online", function () { showNet(); render(); outbox.flush(); });
    window.addEventListener("offline", showNet);
    window.setInterval(function () { if (navigator.onLine) { outbox.flush(); } }, 20000);

    // Sales kept from an earlier visit are shown, then sent.
    outbox.read().forEach(function (sale) { showSale(sale, "waiting"); takeFromHeld(sale); });
    showNet(); render(); showQueue(); outbox.flush();

    if ("serviceWorker" in navigator && root.getAttribute("data-sw-url")) {
        navigator.serviceWorker.register(root.getAttribute("data-sw-url"), {scope: root.getAttribute("data-sw-scope")})
            .catch(function () { /* the page works without it */ });
    }
})();
