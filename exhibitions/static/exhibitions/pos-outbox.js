/* The sales a phone at the stall keeps until the server has them (exhibitions, issue 12; loaded
 * before pos.js, which makes one outbox for the page).
 *
 * A cash or UPI sale is written to this phone's localStorage first (kept in memory when the
 * browser gives no storage), then sent; if the network is down it stays in the queue and is sent
 * when the network returns. The server keys the sale by its id, so a sale sent twice is recorded
 * once and the resend gets the first answer; only an answer from the server (recorded now or
 * before, or refused for good) takes a sale off the queue.
 */
(function () {
    "use strict";

    // options: key (where the queue is kept), url (the sale API), csrfToken(),
    // onAnswer(sale, answer, refused) for each sale the server answered, and onChange() after
    // each try (the queue may be shorter).
    function outbox(options) {
        var store = null;
        try { store = window.localStorage; } catch (e) { store = null; }
        var memoryQueue = [];

        function read() {
            if (!store) { return memoryQueue; }
            try { return JSON.parse(store.getItem(options.key) || "[]"); } catch (e) { return []; }
        }
        function write(queue) {
            if (!store) { memoryQueue = queue; return; }
            try { store.setItem(options.key, JSON.stringify(queue)); } catch (e) { memoryQueue = queue; }
        }
        function add(sale) {
            var queue = read();
            queue.push(sale);
            write(queue);
        }
        function post(sale) {
            var body = {};
            Object.keys(sale).forEach(function (k) { if (k !== "title") { body[k] = sale[k]; } });
            return fetch(options.url, {
                method: "POST", credentials: "same-origin",
                headers: {"Content-Type": "application/json", "X-CSRFToken": options.csrfToken(), "Accept": "application/json"},
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
            var queue = read();
            if (!queue.length) { options.onChange(); return Promise.resolve(); }
            flushing = true;
            var sale = queue[0];
            return post(sale).then(function (result) {
                if (result.status === 200 || result.status === 201 || result.status === 400) {
                    // The server answered: recorded (now or before), or refused for good.
                    write(read().filter(function (s) { return s.id !== sale.id; }));
                    options.onAnswer(sale, result.data, result.status === 400);
                    flushing = false;
                    options.onChange();
                    return flush();
                }
                flushing = false;  // 5xx, 403 after a sign-out...: keep it and try later
                options.onChange();
            }, function () {
                flushing = false;  // no network: keep it
                options.onChange();
            });
        }
        return {read: read, add: add, post: post, flush: flush};
    }

    window.haatPos = window.haatPos || {};
    window.haatPos.outbox = outbox;
})();
