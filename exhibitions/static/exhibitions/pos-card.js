/* The card form of the exhibition point of sale (exhibitions, issue 12; loaded before pos.js).
 *
 * Card payments need the network: the card Element gives a reference (Stripe.js's payment
 * method, or localstripe's token, as storefront/static/storefront/js/payment.js) and the server
 * charges it. Nothing of the card itself reaches the shop.
 */
(function () {
    "use strict";

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

    // flavour: "stripe" or "localstripe"; key: the publishable key; selector: where the card
    // Element goes. mount() is false when the card form cannot be shown (no Stripe.js).
    function cardForm(flavour, key, selector) {
        var card = null, flow = null;
        return {
            mount: function () {
                if (card) { return true; }
                var make = adapters[flavour];
                if (!make || typeof window.Stripe !== "function") { return false; }
                var stripe = window.Stripe(key);
                flow = make(stripe);
                card = stripe.elements().create("card", {hidePostalCode: true});
                card.mount(selector);
                return true;
            },
            ready: function () { return !!(card && flow); },
            reference: function () { return flow(card); }
        };
    }

    window.haatPos = window.haatPos || {};
    window.haatPos.cardForm = cardForm;
})();
