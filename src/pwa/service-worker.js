// Broadsheet's service worker. The prerenderer (prerender/src/pwa.rs) writes
// it into the build as /sw.js, filling in the app shell to precache, a
// version that changes with every build that changes the shell, and the cache
// names it shares with the page.
//
// - The app shell (hashed wasm, JS, CSS, app.html, manifest, icons): precached
//   and served cache-first; a new build installs a new shell as a whole and
//   waits until the reader accepts the reload (no silent reload).
// - Documents (site.json, the index, articles) and pages: network first with a
//   short timeout, then the last copy, so an online reader gets today's text
//   and an offline one the last they read. A page never cached falls back to
//   the shell, and the app routes.
// - Images: cache-first, at most MEDIA_LIMIT of them. Video streams from the
//   network (range requests do not cache).
// - Storage is bounded (oldest out first) and a full disk never breaks a page.

const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
// The names the page shares (src/platform/offline_cache.rs), filled in too.
const SHELL_CACHE_PREFIX = '__SHELL_CACHE_PREFIX__';
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${VERSION}`;
const DOCUMENT_CACHE = '__DOCUMENT_CACHE__';
const MEDIA_CACHE = '__MEDIA_CACHE__';
const ACTIVATE_MESSAGE = '__ACTIVATE_MESSAGE__';
const APP_SHELL = '__APP_SHELL__';
const DOCUMENT_LIMIT = 60;
const MEDIA_LIMIT = 120;
const NETWORK_TIMEOUT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === ACTIVATE_MESSAGE) self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.pathname.endsWith('.json')) {
    event.respondWith(networkFirst(request));
  } else if (request.destination === 'image') {
    event.respondWith(image(request));
  }
});

async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request, { cacheName });
  return cached || fetch(request);
}

/// The network's answer within the timeout, kept for next time; otherwise the
/// last copy; otherwise the network's late answer or its failure.
async function networkFirst(request) {
  const network = fetch(request).then((response) => {
    if (response.ok) keep(DOCUMENT_CACHE, request, response.clone(), DOCUMENT_LIMIT);
    return response;
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const answer = await Promise.race([network, timeout]);
    if (answer) return answer;
  } catch (offline) {
    // Fall through to the cache.
  }
  const cached = await caches.match(request, { cacheName: DOCUMENT_CACHE });
  return cached || network;
}

async function page(request) {
  try {
    return await networkFirst(request);
  } catch (offline) {
    const shell = await caches.match(APP_SHELL, { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw offline;
  }
}

async function image(request) {
  const cached = await caches.match(request, { cacheName: MEDIA_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) keep(MEDIA_CACHE, request, response.clone(), MEDIA_LIMIT);
  return response;
}

/// Stores a response, dropping the oldest entries over the limit. A full disk
/// (QuotaExceededError) costs only the copy.
async function keep(cacheName, request, response, limit) {
  try {
    const cache = await caches.open(cacheName);
    await cache.delete(request);
    await cache.put(request, response);
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
  } catch (full) {
    // Reading goes on without the copy.
  }
}
