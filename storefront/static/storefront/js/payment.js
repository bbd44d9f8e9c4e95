/* Card payment with Stripe's server-side confirmation (DESIGN.md sections 5 and 10).
 *
 * The card is typed into Stripe's card Element; this script only ever sees a reference to it
 * (a PaymentMethod id from Stripe.js, a card id from localstripe's fake Stripe.js) and posts
 * that to our server, which creates and confirms the PaymentIntent. When the server answers
 * that the bank wants 3-D Secure, the authenticate page runs the bank's check and posts back.
 *
 * The one difference between Stripe and localstripe lives in the adapter below, chosen by the
 * STRIPE_JS_FLAVOUR setting (rendered as data-stripe-flavour), never by sniffing.
 */
(function () {
    "use strict";

    function describe(card) {
        if (!card) { return ""; }
        var brand = card.brand ? card.brand.charAt(0).toUpperCase() + card.brand.slice(1) : "Card";
        return brand + " ending " + card.last4;
    }

    var adapters = {
        // localstripe 1.15: createToken works and its card id is accepted as payment_method;
        // confirmCardPayment on an intent in requires_action opens its 3-D Secure pop-up.
        localstripe: function (stripe) {
            return {
                cardReference: function (card) {
                    return stripe.createToken(card).then(function (result) {
                        if (result.error || !result.token) {
                            return {error: result.error || {message: "Please check your card details."}};
                        }
                        return {id: result.token.card.id, label: describe(result.token.card)};
                    });
                },
                handleAction: function (clientSecret) {
                    return stripe.confirmCardPayment(clientSecret).then(function (result) {
                        return result.error ? {error: result.error} : {};
                    });
                }
            };
        },
        // Stripe.js v3.
        stripe: function (stripe) {
            return {
                cardReference: function (card) {
                    return stripe.createPaymentMethod({type: "card", card: card}).then(function (result) {
                        if (result.error) { return {error: result.error}; }
                        return {id: result.paymentMethod.id, label: describe(result.paymentMethod.card)};
                    });
                },
                handleAction: function (clientSecret) {
                    return stripe.handleNextAction({clientSecret: clientSecret}).then(function (result) {
                        return result.error ? {error: result.error} : {};
                    });
                }
            };
        }
    };

    // The Stripe object and the adapter for a form, or null when Stripe.js did not load.
    function adapterFor(form) {
        var make = adapters[form.getAttribute("data-stripe-flavour")];
        if (!make || typeof window.Stripe !== "function") { return null; }
        var stripe = window.Stripe(form.getAttribute("data-stripe-key"));
        return {stripe: stripe, flow: make(stripe)};
    }

    function showError(form, message) {
        var box = form.querySelector("#card-errors") || document.getElementById("card-errors");
        if (box) { box.textContent = message || ""; }
    }

    // Payment details: card Element -> reference -> our preview page.
    var paymentForm = document.getElementById("payment-form");
    if (paymentForm) {
        var payment = adapterFor(paymentForm);
        var button = paymentForm.querySelector("button[type=submit]");
        if (!payment) {
            showError(paymentForm, "The card form could not load. Please reload the page.");
        } else {
            var card = payment.stripe.elements().create("card", {hidePostalCode: true});
            card.mount("#card-element");
            card.on("change", function (event) {
                showError(paymentForm, event && event.error ? event.error.message : "");
            });
            button.disabled = false;
            paymentForm.addEventListener("submit", function (event) {
                event.preventDefault();
                button.disabled = true;
                showError(paymentForm, "");
                payment.flow.cardReference(card).then(function (result) {
                    if (result.error) {
                        showError(paymentForm, result.error.message || "Please check your card details.");
                        button.disabled = false;
                        return;
                    }
                    paymentForm.elements.payment_method.value = result.id;
                    paymentForm.elements.card_label.value = result.label;
                    paymentForm.submit();
                }, function () {
                    showError(paymentForm, "We could not reach the payment provider. Please try again.");
                    button.disabled = false;
                });
            });
        }
    }

    // 3-D Secure: run the bank's check, then let the server read the result from Stripe.
    var authForm = document.getElementById("authenticate-form");
    if (authForm) {
        var auth = adapterFor(authForm);
        if (auth) {
            auth.flow.handleAction(authForm.getAttribute("data-client-secret")).then(function () {
                authForm.submit();
            }, function () {
                authForm.submit();
            });
        }
    }
})();
