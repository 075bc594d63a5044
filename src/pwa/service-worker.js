// Broadsheet's service worker. The prerenderer (prerender/src/pwa.rs) writes
// it into the build as /sw.js, filling in the app shell to precache, a
// version that changes with every build that changes the shell, where the
// content lives, and the names and rules it shares with the page.
//
// - The app shell (hashed wasm, JS, CSS, app.html, manifest, icons): precached
//   and served cache-first; a new build installs a new shell as a whole and
//   waits until the reader accepts the reload (no silent reload).
// - Documents (site.json, the index, articles) and pages, on this origin and
//   the content base's: network first with a short timeout, then the last
//   copy, so an online reader gets today's text and an offline one the last
//   they read. A page never cached falls back to the shell, and the app
//   routes; so does a kept page that names another build's shell files, gone
//   with that build's cache and from the host.
// - Only a document that is JSON is kept (a CMS's maintenance page answered
//   with 200 is not), and a 404 or 410 drops the copies of that address from
//   every cache, saved articles included.
// - Images: cache-first, at most MEDIA_LIMIT of them. Video streams from the
//   network (range requests do not cache).
// - Saved articles have a cache of their own, which reading never evicts.
// - Copies are keyed without tracking parameters (utm_* and the like), as the
//   page keys them.
// - Storage is bounded (oldest out first) and a full disk never breaks a page.

const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
// The names the page shares (src/platform/offline_cache.rs), filled in too.
const SHELL_CACHE_PREFIX = '__SHELL_CACHE_PREFIX__';
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${VERSION}`;
const DOCUMENT_CACHE = '__DOCUMENT_CACHE__';
const MEDIA_CACHE = '__MEDIA_CACHE__';
const SAVED_CACHE = '__SAVED_CACHE__';
const TRACKING_PARAMETERS = __TRACKING_PARAMETERS__;
const ACTIVATE_MESSAGE = '__ACTIVATE_MESSAGE__';
const APP_SHELL = '__APP_SHELL__';
// index.html's broadsheet:content-base, as the build read it.
const CONTENT_BASE = '__CONTENT_BASE__';
const CONTENT_ORIGIN = new URL(CONTENT_BASE, self.location.href).origin;
// A file of a build's shell, as a page names it (trunk's hashed names).
const SHELL_FILE = new RegExp(__SHELL_FILE_PATTERN__, 'g');
const DOCUMENT_LIMIT = 60;
const MEDIA_LIMIT = 120;
const NETWORK_TIMEOUT_MS = 3000;
const MATCHING = { ignoreVary: true };

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
  if (request.method !== 'GET') return;
  const ours = url.origin === self.location.origin;
  if (!ours && url.origin !== CONTENT_ORIGIN) return;
  if (ours && PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (ours && request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.pathname.endsWith('.json')) {
    event.respondWith(networkFirst(request, isJson).then(({ response }) => response));
  } else if (request.destination === 'image') {
    event.respondWith(image(request, ours));
  }
});

/// The key a copy is kept under: the address without its fragment and its
/// tracking parameters (offline_key in src/platform/offline_cache.rs).
function offlineKey(address) {
  const url = new URL(address);
  url.hash = '';
  const pairs = url.search.slice(1).split('&').filter((pair) => pair !== '');
  const kept = pairs.filter((pair) => !isTracking(pair.split('=')[0]));
  if (kept.length !== pairs.length) url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href;
}

function isTracking(name) {
  const lower = name.toLowerCase();
  return TRACKING_PARAMETERS.some((tracking) =>
    tracking.endsWith('*') ? lower.startsWith(tracking.slice(0, -1)) : lower === tracking);
}

async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request, { cacheName });
  return cached || fetch(request);
}

/// The last copy of a key: the reading cache's, else a saved article's.
async function lastCopy(key) {
  for (const cacheName of [DOCUMENT_CACHE, SAVED_CACHE]) {
    const cached = await caches.match(key, { ...MATCHING, cacheName });
    if (cached) return cached;
  }
  return undefined;
}

/// The network's answer within the timeout, kept for next time if it is
/// `worthKeeping`; otherwise the last copy; otherwise the network's late
/// answer or its failure. Says whether the answer is a kept copy.
async function networkFirst(request, worthKeeping) {
  const key = offlineKey(request.url);
  const network = fetch(request).then(async (response) => {
    if (response.status === 404 || response.status === 410) {
      await forget(key);
    } else if (response.ok && await worthKeeping(response.clone())) {
      await keepFresh(key, response.clone());
    }
    return response;
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const answer = await Promise.race([network, timeout]);
    if (answer) return { response: answer, kept: false };
  } catch (offline) {
    // Fall through to the cache.
  }
  const cached = await lastCopy(key);
  if (cached) return { response: cached, kept: true };
  return { response: await network, kept: false };
}

/// A document is kept only when it is JSON: a CMS's maintenance or login page
/// answered with 200 at a document's address must not replace a good copy.
async function isJson(response) {
  try {
    const value = JSON.parse(await response.text());
    return value !== null && typeof value === 'object';
  } catch (notJson) {
    return false;
  }
}

async function anything() {
  return true;
}

async function page(request) {
  const shell = () => caches.match(APP_SHELL, { cacheName: SHELL_CACHE });
  try {
    const { response, kept } = await networkFirst(request, anything);
    // A page kept from an earlier build names that build's stylesheet and
    // script, gone with its shell cache and from the host: it would open
    // unstyled and never start. The current shell renders it from the
    // documents instead.
    if (kept && namesAnotherShell(await response.clone().text())) return (await shell()) || response;
    return response;
  } catch (offline) {
    const cached = await shell();
    if (cached) return cached;
    throw offline;
  }
}

function namesAnotherShell(html) {
  return (html.match(SHELL_FILE) || []).some((file) => !PRECACHE.includes(file));
}

/// Cache first. A picture on the content origin is asked for with CORS, so
/// that it can be kept; one whose host refuses that is shown, not kept.
async function image(request, ours) {
  const key = offlineKey(request.url);
  const cached = (await caches.match(key, { ...MATCHING, cacheName: MEDIA_CACHE }))
    || (await caches.match(key, { ...MATCHING, cacheName: SAVED_CACHE }));
  if (cached) return cached;
  let response;
  try {
    response = ours ? await fetch(request) : await fetch(request.url, { mode: 'cors', credentials: 'omit' });
  } catch (refused) {
    if (ours) throw refused;
    return fetch(request);
  }
  if (response.ok) keep(MEDIA_CACHE, key, response.clone(), MEDIA_LIMIT);
  return response;
}

/// Keeps a fresh answer in the reading cache, and in the saved articles'
/// cache where the reader saved it, so that a saved article stays current.
async function keepFresh(key, response) {
  const saved = await caches.match(key, { ...MATCHING, cacheName: SAVED_CACHE });
  if (saved) await keep(SAVED_CACHE, key, response.clone(), Infinity);
  await keep(DOCUMENT_CACHE, key, response, DOCUMENT_LIMIT);
}

/// The newsroom says the address is gone (404, 410): no cache keeps it.
async function forget(key) {
  for (const cacheName of [DOCUMENT_CACHE, SAVED_CACHE, MEDIA_CACHE]) {
    try {
      const cache = await caches.open(cacheName);
      await cache.delete(key, MATCHING);
    } catch (unavailable) {
      // Nothing kept, nothing to drop.
    }
  }
}

/// Stores a response, dropping the oldest entries over the limit. A full disk
/// (QuotaExceededError) costs only the copy.
async function keep(cacheName, key, response, limit) {
  try {
    const cache = await caches.open(cacheName);
    await cache.delete(key, MATCHING);
    await cache.put(key, response);
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
  } catch (full) {
    // Reading goes on without the copy.
  }
}
