/* The exhibition point of sale (exhibitions, issue 12).
 *
 * - A sale gets its id here (a UUID) before anything is sent. Cash and UPI sales are written to
 *   this phone's localStorage first, then sent; if the network is down they stay in the queue and
 *   are sent when it returns (the "online" event, page load, and every 20 seconds). The server
 *   keys the sale by its id, so a sale sent twice is recorded once and the resend gets the first
 *   answer; only an answer from the server takes a sale off the queue.
 * - Prices are computed the way the server computes them (integer paise, concession half up) and
 *   the total is sent along: the server refuses a sale whose total differs.
 * - Card payments need the network: the card Element gives a reference (Stripe.js or
 *   localstripe's, as storefront/static/storefront/js/payment.js) and the server charges it.
 * - No inline scripts: strings come from data-t-* attributes of the page.
 */
(function () {
    "use strict";
    var root = document.querySelector("[data-pos]");
    if (!root) { return; }

    function t(name) { return root.getAttribute("data-t-" + name) || ""; }
    function $(sel, el) { return (el || root).querySelector(sel); }
    function $all(sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); }

    var QUEUE_KEY = "haat-pos:queue:" + root.getAttribute("data-event") + ":" + root.getAttribute("data-user");
    var store = null;
    try { store = window.localStorage; } catch (e) { store = null; }

    // --- money, in integer paise ----------------------------------------------------------
    function toPaise(text) {
        var parts = String(text).split(".");
        var rupees = parseInt(parts[0], 10) || 0;
        var paise = parts[1] ? parseInt((parts[1] + "00").slice(0, 2), 10) : 0;
        return rupees * 100 + paise;
    }
    function hundredths(percentText) {
        if (percentText === "" || percentText === null || percentText === undefined) { return null; }
        var n = Number(percentText);
        if (!isFinite(n)) { return NaN; }
        return Math.round(n * 100);
    }
    function concessionPaise(unit, p100) {
        // unit x percent / 100, half up, in integers (the server uses Decimal the same way).
        return Math.floor((unit * p100 + 5000) / 10000);
    }
    function rupees(paise) {
        var whole = Math.floor(paise / 100), rest = paise % 100;
        var s = whole.toLocaleString("en-IN");
        return "₹" + s + (rest ? "." + (rest < 10 ? "0" : "") + rest : "");
    }
    function uuid4() {
        if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
        var b = new Uint8Array(16);
        window.crypto.getRandomValues(b);
        b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
        var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
        return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
    }
    function csrfToken() {
        var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
        if (m) { return decodeURIComponent(m[1]); }
        var input = document.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

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

    // --- the queue of sales waiting to be sent ----------------------------------------------------
    function readQueue() {
        if (!store) { return memoryQueue; }
        try { return JSON.parse(store.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
    }
    var memoryQueue = [];
    function writeQueue(queue) {
        if (!store) { memoryQueue = queue; return; }
        try { store.setItem(QUEUE_KEY, JSON.stringify(queue)); } catch (e) { memoryQueue = queue; }
    }
    function enqueue(sale) {
        var queue = readQueue();
        queue.push(sale);
        writeQueue(queue);
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
        var n = readQueue().length;
        queueBanner.hidden = n === 0;
        queueText.textContent = t("pending-count") + " " + n;
    }
    function post(sale) {
        var body = {};
        Object.keys(sale).forEach(function (k) { if (k !== "title") { body[k] = sale[k]; } });
        return fetch(root.getAttribute("data-sale-url"), {
            method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "Accept": "application/json"},
            body: JSON.stringify(body)
        }).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (data) {
                return {status: response.status, data: data};
            });
        });
    }
    var flushing = false;
    function flush() {
        if (flushing) { return Promise.resolve(); }
        var queue = readQueue();
        if (!queue.length) { showQueue(); return Promise.resolve(); }
        flushing = true;
        var sale = queue[0];
        return post(sale).then(function (result) {
            if (result.status === 200 || result.status === 201 || result.status === 400) {
                // The server answered: recorded (now or before), or refused for good.
                writeQueue(readQueue().filter(function (s) { return s.id !== sale.id; }));
                var refused = result.status === 400;
                showSale(sale, refused ? "refused" : "sent", result.data);
                if (doneSaleId === sale.id) { showDone(result.data, refused); }
                flushing = false;
                showQueue();
                return flush();
            }
            flushing = false;  // 5xx, 403 after a sign-out...: keep it and try later
            showQueue();
        }, function () {
            flushing = false;  // no network: keep it
            showQueue();
        });
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
            flush().then(function () {
                if (readQueue().some(function (s) { return s.id === sale.id; })) { doneQueued.hidden = false; }
            });
        });
    });

    // --- card ------------------------------------------------------------------------------------
    var card = null, cardFlow = null, cardError = $("[data-card-error]");
    var adapters = {
        localstripe: function (stripe) {
            return function (el) {
                return stripe.createToken(el).then(function (r) {
                    return r.error || !r.token ? {error: r.error || {}} : {id: r.token.card.id};
                });
            };
        },
        stripe: function (stripe) {
            return function (el) {
                return stripe.createPaymentMethod({type: "card", card: el}).then(function (r) {
                    return r.error ? {error: r.error} : {id: r.paymentMethod.id};
                });
            };
        }
    };
    function mountCard() {
        if (card) { return; }
        var make = adapters[root.getAttribute("data-stripe-flavour")];
        if (!make || typeof window.Stripe !== "function") { cardError.textContent = t("card-failed"); return; }
        var stripe = window.Stripe(root.getAttribute("data-stripe-key"));
        cardFlow = make(stripe);
        card = stripe.elements().create("card", {hidePostalCode: true});
        card.mount("#pos-card-element");
    }
    function payByCard(button) {
        if (!card || !cardFlow) { cardError.textContent = t("card-failed"); return; }
        if (!navigator.onLine) { cardError.textContent = t("card-offline"); return; }
        button.disabled = true; cardError.textContent = "";
        var sale = buildSale("card");
        cardFlow(card).then(function (ref) {
            if (ref.error) { throw ref.error; }
            sale.payment_method = ref.id;
            return post(sale);
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
    window.addEventListener("online", function () { showNet(); render(); flush(); });
    window.addEventListener("offline", showNet);
    window.setInterval(function () { if (navigator.onLine) { flush(); } }, 20000);

    // Sales kept from an earlier visit are shown, then sent.
    readQueue().forEach(function (sale) { showSale(sale, "waiting"); takeFromHeld(sale); });
    showNet(); render(); showQueue(); flush();

    if ("serviceWorker" in navigator && root.getAttribute("data-sw-url")) {
        navigator.serviceWorker.register(root.getAttribute("data-sw-url"), {scope: root.getAttribute("data-sw-scope")})
            .catch(function () { /* the page works without it */ });
    }
})();
