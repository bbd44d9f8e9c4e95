/* Service worker of the exhibition point of sale (scope /workshop/events/).
 * Network first for the sale pages, so staff always see the server's stock when online; the
 * last copy is kept so the page still opens when the stall has no network. Static files
 * (hashed names in production) are served from the cache once fetched. Sales themselves are
 * POSTs and never touched here: pos-outbox.js keeps and resends them. */
var CACHE = "haat-pos-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") { return; }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) { return; }
    var isSalePage = request.mode === "navigate" && /\/workshop\/events\/\d+\/sell\/$/.test(url.pathname);
    var isStatic = url.pathname.indexOf("/static/") === 0;
    if (isSalePage) {
        event.respondWith(fetch(request).then(function (response) {
            if (response.ok) {
                var copy = response.clone();
                caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
            }
            return response;
        }).catch(function () {
            return caches.match(request).then(function (hit) { return hit || Response.error(); });
        }));
    } else if (isStatic) {
        event.respondWith(caches.match(request).then(function (hit) {
            return hit || fetch(request).then(function (response) {
                if (response.ok) {
                    var copy = response.clone();
                    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
                }
                return response;
            });
        }));
    }
});
