/* Money and ids for the exhibition point of sale (exhibitions, issue 12; loaded before pos.js).
 *
 * Prices are computed the way the server computes them: integer paise, the concession half up
 * (the server uses Decimal the same way), never through a fraction of a rupee in a float.
 */
(function () {
    "use strict";

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

    window.haatPos = window.haatPos || {};
    window.haatPos.money = {
        toPaise: toPaise, hundredths: hundredths, concessionPaise: concessionPaise,
        rupees: rupees, uuid4: uuid4, csrfToken: csrfToken
    };
})();
