// Broadsheet's service worker. The prerenderer (prerender/src/pwa.rs) writes
// it into the build as /sw.js, filling in the app shell to precache, a
// version that changes with every build that changes the shell, where the
// content lives, and the names and rules it shares with the page.
//
// - The app shell (hashed JS, CSS, app.html, manifest, icons): precached
//   and served cache-first; a new build installs a new shell as a whole and
//   waits until the reader accepts the reload (no silent reload). The app's
//   code (its wasm and JS, APP_CODE) is kept in the shell's cache when a page
//   first loads it: a reader who only reads prerendered pages never does,
//   and pays nothing for it.
// - Documents (site.json, the index, articles) and pages, on this origin and
//   the content base's: network first with a short timeout, then the last
//   copy, so an online reader gets today's text and an offline one the last
//   they read. A page never cached falls back to the shell, and the app
//   routes; so does a kept page that names another build's shell files, gone
//   with that build's cache and from the host.
// - Only a document that is JSON is kept (a CMS's maintenance page answered
//   with 200 is not), and a 404 or 410 drops the copies of that address from
//   every cache, saved articles included.
// - Images: cache-first, at most MEDIA_LIMIT of them. A picture's rendition
//   (RENDITION) neither kept nor reachable is answered with its original,
//   when kept: what "Save for offline" keeps. Video streams from the
//   network (range requests do not cache).
// - Saved articles have a cache of their own, which reading never evicts.
// - A kept copy handed out because the network was slow is checked when the
//   network answers (a page, by the documents it carries): if the newsroom
//   has withdrawn it meanwhile, the copies go and the page, which asks once
//   it runs (WITHDRAWN_QUESTION), is told.
// - A prerendered page tells the worker it was read (KEEP_MESSAGE), with the
//   documents it carries: both are kept, so that the first page, which the
//   worker did not see come, and a page whose app slept read offline too.
// - A document the page asks for with `cache: 'no-cache'` (whether an
//   article was corrected since its page was made) is left to the network:
//   the page keeps what the host answers.
// - Copies are keyed without tracking parameters (utm_* and the like), as the
//   page keys them.
// - Storage is bounded (oldest out first) and a full disk never breaks a page.

const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const APP_CODE = __APP_CODE__;
// The names the page shares (src/platform/offline_cache.rs), filled in too.
const SHELL_CACHE_PREFIX = '__SHELL_CACHE_PREFIX__';
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${VERSION}`;
const DOCUMENT_CACHE = '__DOCUMENT_CACHE__';
const MEDIA_CACHE = '__MEDIA_CACHE__';
const SAVED_CACHE = '__SAVED_CACHE__';
const TRACKING_PARAMETERS = __TRACKING_PARAMETERS__;
const ACTIVATE_MESSAGE = '__ACTIVATE_MESSAGE__';
const WITHDRAWN_QUESTION = '__WITHDRAWN_QUESTION__';
const KEEP_MESSAGE = '__KEEP_MESSAGE__';
// The attribute under which a prerendered page carries its documents.
const EMBEDDED_DOCUMENT = new RegExp(`__EMBEDDED_DOCUMENT_ATTRIBUTE__="([^"]*)"`, 'g');
// The one a page is about (an article's own document), which goes with it.
const FOLLOWED_DOCUMENT = new RegExp(`__EMBEDDED_DOCUMENT_ATTRIBUTE__="([^"]*)" __FOLLOWED_DOCUMENT_ATTRIBUTE__`, 'g');
const APP_SHELL = '__APP_SHELL__';
// index.html's broadsheet:content-base, as the build read it.
const CONTENT_BASE = '__CONTENT_BASE__';
const CONTENT_ORIGIN = new URL(CONTENT_BASE, self.location.href).origin;
// A file of a build's shell, as a page names it (trunk's hashed names).
const SHELL_FILE = new RegExp(__SHELL_FILE_PATTERN__, 'g');
// A picture's rendition; its first group is its original's path.
const RENDITION = new RegExp(__RENDITION_PATTERN__);
const DOCUMENT_LIMIT = 60;
const MEDIA_LIMIT = 120;
const NETWORK_TIMEOUT_MS = 3000;
const MATCHING = { ignoreVary: true };
// The kept copies handed out while the network was slow, by key: a promise of
// whether the network then said the newsroom withdrew them. Held while the
// worker lives, for the page's question; the oldest go past the limit.
const LATE_VERDICTS = new Map();
const LATE_VERDICT_LIMIT = 50;
// The keys a 404 or 410 dropped while the worker lives: a page's late word
// that it was read (KEEP_MESSAGE) must not bring them back; the network's
// next good answer does.
const FORGOTTEN = new Set();

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(PRECACHE);
    // A device that kept an earlier version's code (its reader uses the
    // app) keeps this version's from the start, offline included.
    if (await keptAppCode()) await cache.addAll(APP_CODE);
  })());
});

/// Whether an earlier version's shell cache holds the app's code.
async function keptAppCode() {
  for (const name of await caches.keys()) {
    if (!name.startsWith(SHELL_CACHE_PREFIX) || name === SHELL_CACHE) continue;
    const cache = await caches.open(name);
    if ((await cache.keys()).some((request) => request.url.endsWith('.wasm'))) return true;
  }
  return false;
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === ACTIVATE_MESSAGE) {
    self.skipWaiting();
  } else if (event.data && event.data.question === WITHDRAWN_QUESTION && event.ports[0]) {
    // Answered on the port the page sent: it listens there from the start.
    const port = event.ports[0];
    const addresses = Array.isArray(event.data.addresses) ? event.data.addresses : [];
    event.waitUntil(withdrawnSinceKept(addresses).then((withdrawn) => port.postMessage(withdrawn)));
  } else if (event.data && event.data.keep === KEEP_MESSAGE && typeof event.data.page === 'string') {
    const list = (name) => (Array.isArray(event.data[name]) ? event.data[name] : []);
    event.waitUntil(keepPage(event.data.page, list('documents'), list('code')));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET') return;
  const ours = url.origin === self.location.origin;
  if (!ours && url.origin !== CONTENT_ORIGIN) return;
  if (ours && PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (ours && APP_CODE.includes(url.pathname)) {
    event.respondWith(keptFirst(request, SHELL_CACHE));
  } else if (ours && request.mode === 'navigate') {
    event.respondWith(page(request, event));
  } else if (url.pathname.endsWith('.json')) {
    // The page asking the host whether an article was corrected since its
    // page was made: not answered from copies. (A reload's own navigation
    // is no-cache too; pages are handled above.)
    if (request.cache === 'no-cache') return;
    event.respondWith(networkFirst(request, isJson, event).then(({ response }) => response));
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

/// The cached copy, else the network's, kept for next time.
async function keptFirst(request, cacheName) {
  const cached = await caches.match(request, { cacheName });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(cacheName).then((cache) => cache.put(request, copy)).catch(() => {});
  }
  return response;
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
/// answer or its failure. Says whether the answer is a kept copy, and, for a
/// kept copy, `late`: a promise of whether the network then said it is gone.
async function networkFirst(request, worthKeeping, event) {
  const key = offlineKey(request.url);
  const network = fromNetwork(request, key, worthKeeping);
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const answer = await Promise.race([network, timeout]);
    if (answer) return { response: answer, kept: false };
  } catch (offline) {
    // Fall through to the cache.
  }
  const cached = await lastCopy(key);
  if (cached) {
    const late = network.then(isGone, () => false);
    // The worker stays up for the late answer, whose copies it must update.
    event.waitUntil(late);
    rememberVerdict(key, late);
    return { response: cached, kept: true, late };
  }
  return { response: await network, kept: false };
}

/// The network's answer, kept for next time if it is `worthKeeping`; a 404
/// or 410 drops every copy of the address.
function fromNetwork(request, key, worthKeeping) {
  return fetch(request).then(async (response) => {
    if (isGone(response)) {
      if (request.mode === 'navigate') await forgetFollowed(key);
      await forget(key);
    } else if (response.ok && await worthKeeping(response.clone())) {
      FORGOTTEN.delete(key);
      await keepFresh(key, response.clone());
    }
    return response;
  });
}

function isGone(response) {
  return response.status === 404 || response.status === 410;
}

function rememberVerdict(key, late) {
  LATE_VERDICTS.delete(key);
  LATE_VERDICTS.set(key, late);
  for (const old of [...LATE_VERDICTS.keys()].slice(0, Math.max(0, LATE_VERDICTS.size - LATE_VERDICT_LIMIT))) {
    LATE_VERDICTS.delete(old);
  }
}

/// Whether the network has said, since a kept copy of one of `addresses` was
/// handed out, that the newsroom withdrew it; waits for that answer.
/// Each hand-out is asked about once: an article published again later is
/// not withdrawn.
async function withdrawnSinceKept(addresses) {
  const keys = addresses
    .map((address) => { try { return offlineKey(new URL(address, self.location.href).href); } catch (unreadable) { return ''; } })
    .filter((key) => LATE_VERDICTS.has(key));
  const verdicts = await Promise.all(keys.map((key) => LATE_VERDICTS.get(key)));
  for (const key of keys) LATE_VERDICTS.delete(key);
  return verdicts.some((withdrawn) => withdrawn);
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

async function page(request, event) {
  const shell = () => caches.match(APP_SHELL, { cacheName: SHELL_CACHE });
  try {
    const { response, kept, late } = await networkFirst(request, anything, event);
    if (!kept) return response;
    const html = await response.clone().text();
    // The host answers a withdrawn article's address with the app's page, so
    // what says it is gone is the documents the kept page carries.
    const key = offlineKey(request.url);
    const withdrawn = Promise.all([late, ...embeddedDocuments(html).map(checkDocument)])
      .then(async (verdicts) => {
        const gone = verdicts.some((verdict) => verdict);
        if (gone) await forget(key);
        return gone;
      });
    event.waitUntil(withdrawn);
    rememberVerdict(key, withdrawn);
    // A page kept from an earlier build names that build's stylesheet and
    // script, gone with its shell cache and from the host: it would open
    // unstyled and never start. The current shell renders it from the
    // documents instead.
    if (namesAnotherShell(html)) return (await shell()) || response;
    return response;
  } catch (offline) {
    const cached = await shell();
    if (cached) return cached;
    throw offline;
  }
}

/// A page as read, though the worker may not have seen it come (the first
/// page, which it did not control yet): the documents it carries, as the
/// page has them, the page itself unless kept already, and the app's code
/// it ran (from the browser's cache, as a rule).
async function keepPage(page, documents, code) {
  for (const file of code) {
    const url = new URL(file, page);
    if (url.origin === self.location.origin && APP_CODE.includes(url.pathname)) {
      await keptFirst(new Request(url), SHELL_CACHE).catch(() => {});
    }
  }
  for (const [address, text] of documents) {
    let url;
    try {
      url = new URL(address, page);
    } catch (unreadable) {
      continue;
    }
    if (url.origin !== self.location.origin && url.origin !== CONTENT_ORIGIN) continue;
    const copy = new Response(text, { headers: { 'Content-Type': 'application/json' } });
    const key = offlineKey(url.href);
    if (!FORGOTTEN.has(key) && await isJson(copy.clone())) await keepFresh(key, copy);
  }
  const key = offlineKey(page);
  if (new URL(page).origin === self.location.origin && !(await lastCopy(key))) {
    await fromNetwork(new Request(page), key, anything).catch(() => {});
  }
}

/// A page the newsroom took down takes its own document with it, as kept
/// with the page (a reader who read it while the app slept kept both).
async function forgetFollowed(key) {
  const kept = await lastCopy(key);
  if (!kept) return;
  const html = await kept.text();
  for (const [, address] of html.matchAll(FOLLOWED_DOCUMENT)) {
    await forget(offlineKey(new URL(address.replaceAll('&amp;', '&'), key).href));
  }
}

/// The addresses of the documents a prerendered page carries.
function embeddedDocuments(html) {
  return [...html.matchAll(EMBEDDED_DOCUMENT)].map(([, address]) => address.replaceAll('&amp;', '&'));
}

/// Asks the network for a document a kept page carries, keeping the answer as
/// a read document's; says whether the newsroom withdrew it.
async function checkDocument(address) {
  try {
    const request = new Request(new URL(address, self.location.href), { cache: 'no-cache' });
    return isGone(await fromNetwork(request, offlineKey(request.url), isJson));
  } catch (unreachable) {
    return false;
  }
}

function namesAnotherShell(html) {
  return (html.match(SHELL_FILE) || []).some((file) => !PRECACHE.includes(file) && !APP_CODE.includes(file));
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
    const original = await keptOriginal(request.url);
    if (original) return original;
    if (ours) throw refused;
    return fetch(request);
  }
  if (response.ok) keep(MEDIA_CACHE, key, response.clone(), MEDIA_LIMIT);
  return response;
}

/// The kept original of a rendition at `address`, if any: browsers decode a
/// picture by its bytes, not by the type its `<source>` named.
async function keptOriginal(address) {
  const url = new URL(address);
  if (!RENDITION.test(url.pathname)) return undefined;
  url.pathname = url.pathname.replace(RENDITION, '/$1');
  const key = offlineKey(url.href);
  return (await caches.match(key, { ...MATCHING, cacheName: SAVED_CACHE }))
    || (await caches.match(key, { ...MATCHING, cacheName: MEDIA_CACHE }));
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
  FORGOTTEN.add(key);
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
