// NPIP Planner works offline: this service worker keeps a copy of the app's own files (nothing else: the app makes
// no other requests). Network first, so a new release is picked up whenever the site is reachable; the copy serves
// when it is not. Its scope is the folder it is served from, so it works under any sub-path.
const CACHE = "npip-planner";

// On install, copy the page and every file it names (hashed names change with each release). The page names them
// however the build wrote them: relative (`./npip-planner-….js`, the static build), from the site's root
// (`/npip-planner-….js`, `./x serve` and a plain `trunk build`) or in full; quoted or not (the HTML is minified). So
// every token that ends like an asset is resolved against the page's address, and those of this origin are kept.
const ASSET = /[^\s"'`<>=(),]+\.(?:js|wasm|css|svg)\b/g;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch("./", { cache: "no-cache" });
      if (!page.ok) return;
      const html = await page.clone().text();
      await cache.put("./", page);
      const files = new Set([new URL("./favicon.svg", page.url).href]);
      for (const [token] of html.matchAll(ASSET)) {
        const url = new URL(token, page.url);
        if (url.origin === self.location.origin) files.add(url.href);
      }
      await cache.addAll([...files]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request.mode === "navigate" ? "./" : request, response.clone());
        return response;
      } catch (offline) {
        const copy = await cache.match(request.mode === "navigate" ? "./" : request, { ignoreSearch: true });
        if (copy) return copy;
        throw offline;
      }
    })(),
  );
});
