// NPIP Planner works offline: this service worker keeps a copy of the app's own files (nothing else: the app makes
// no other requests). Network first, so a new release is picked up whenever the site is reachable; the copy serves
// when it is not. Its scope is the folder it is served from, so it works under any sub-path.
const CACHE = "npip-planner";

// On install, copy the page and every file it names (hashed names change with each release).
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch("./", { cache: "no-cache" });
      if (!page.ok) return;
      const html = await page.clone().text();
      await cache.put("./", page);
      const files = new Set(["./favicon.svg"]);
      for (const match of html.matchAll(/\.\/[\w.-]+\.(?:js|wasm|css|svg)/g)) files.add(match[0]);
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
