// How every page starts (src/islands/): the prerenderer puts this file,
// its names filled in from the Rust that owns them, in front of trunk's
// loader in `loader-HASH.js` (prerender/src/html.rs), which every page runs
// as a module. It registers the service worker, and on a prerendered page it
// keeps the app asleep until it is needed: the page is complete as served,
// and a reader who only reads should not download the app's code.
//
// What wakes the app on a prerendered page, each a thing it alone can do:
// - the reader reaches for an interactive part (a pointer or a key down,
//   focus, a click in a `[__ISLAND_ATTRIBUTE__]` mark, a video that cannot
//   play): a click is replayed on the living part once the islands are up;
// - the reader chose another interface language than the page's;
// - the app's code is kept on the device already: waking it is free;
// - the host's copy of the page's article differs from the one the page
//   was made from, or is gone (the app then checks it and takes over);
// - the app runs installed, or a new version of it is waiting.
// The app, once awake, decides each case itself; this file only notices.
// Asleep or not, the page and the documents it carries are kept for offline
// by the service worker, which this file asks to.

const root = document.documentElement;

// The browser's offer to install the app (Chromium makes it to every visitor
// of an installable site) is kept for the app (src/pwa/install.rs), which
// makes it at the end of a page once it is awake: the offer alone is not
// worth the app's download to a reader who only reads. Kept from the
// browser's own bar, which would interrupt the reading, as the app does.
addEventListener('beforeinstallprompt', (offer) => {
  if (localStorage.getItem('__INSTALL_DISMISSED_KEY__') !== null) return;
  offer.preventDefault();
  window.__INSTALL_OFFER__ = offer;
});

// The service worker, under the Trusted Types policy that names its one
// address (the Content Security Policy allows exactly that policy).
const serviceWorkers = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
const registered = serviceWorkers
  ? serviceWorkers
      .register(
        window.trustedTypes
          ? trustedTypes.createPolicy('__POLICY__', {
              createScriptURL: (url) => {
                if (url !== '__SERVICE_WORKER__') throw new TypeError(`not the service worker: ${url}`);
                return url;
              },
            }).createScriptURL('__SERVICE_WORKER__')
          : '__SERVICE_WORKER__',
      )
      .catch(() => null)
  : Promise.resolve(null);

/// Resolves when the prerendered page needs the app; until then the page
/// says it is asleep. `code` names the app's files, fetched ahead as soon as
/// the reader reaches for a part, so that the click finds them on the way.
function appNeeded(code) {
  // Needed at once: the page is not marked asleep, since it will not stay.
  const now = wantedAtOnce();
  if (now) {
    root.setAttribute('__READY_ATTRIBUTE__-woken', now);
    return Promise.resolve();
  }
  root.setAttribute('__READY_ATTRIBUTE__', 'asleep');
  const listening = new AbortController();
  const on = (type, listener) => addEventListener(type, listener, { capture: true, signal: listening.signal });
  let warm = false;
  const warmUp = () => {
    if (warm) return;
    warm = true;
    const link = Object.assign(document.createElement('link'), { rel: 'modulepreload', href: code[0] });
    document.head.append(link);
    appCode(code[1]);
  };
  return new Promise((woken) => {
    // What woke the app is left on the page, for whoever wonders why.
    let awake = false;
    const wake = (reason) => {
      if (awake) return;
      awake = true;
      listening.abort();
      root.setAttribute('__READY_ATTRIBUTE__-woken', reason);
      woken();
    };
    const island = (target) => target instanceof Element && target.closest('[__ISLAND_ATTRIBUTE__]');
    // A link in an island (a share network's) works without the app.
    const reaching = (event) => island(event.target) && !event.target.closest('a[href]');
    for (const type of ['pointerdown', 'keydown', 'focusin']) on(type, (event) => reaching(event) && warmUp());
    // The click, not the press, wakes the app: a part replaced between a
    // press and its release would lose the click. A click on a part not yet
    // alive, the app awake or on its way, is replayed once it is.
    // A part the waking app replaced between a press and its release gets
    // no click at all (Chromium, Firefox and WebKit alike): a release over
    // the same island is taken for one, and the living part is clicked.
    // Should an engine click after all, its click takes the replay's place.
    let pressed = null;
    let released = null;
    addEventListener('pointerdown', (event) => {
      const mark = island(event.target);
      pressed = mark && !mark.hasAttribute('__ISLAND_ALIVE_ATTRIBUTE__')
        ? { element: event.target, mark, place: placeOf(event.target) } : null;
    }, { capture: true });
    addEventListener('pointerup', (event) => {
      const press = pressed;
      pressed = null;
      if (!press || press.element.isConnected || island(event.target) !== press.mark) return;
      released = press.place;
      setTimeout(() => {
        if (released) replayOnceAlive(released);
        released = null;
      });
    }, { capture: true });
    addEventListener('click', (event) => {
      if (released) {
        replayOnceAlive(released, event.target);
        released = null;
        return;
      }
      const mark = island(event.target);
      if (!mark || mark.hasAttribute('__ISLAND_ALIVE_ATTRIBUTE__') || event.target.closest('a[href]')) return;
      replayOnceAlive(placeOf(event.target));
      wake('click');
    }, { capture: true });
    // Media errors do not bubble: caught on the way down.
    on('error', (event) => island(event.target) && wake('media error'));

    // The app has run here and its code is kept on the device (by the
    // service worker): waking it costs no download, and it brings what it
    // adds to a page it did not make (the offline banner, the marks of what
    // is kept, client-side routes), online or not.
    if ('caches' in window) {
      caches.match(code[1]).then((kept) => kept && (window.requestIdleCallback || setTimeout)(() => wake('kept')), () => {});
    }
    // A new version, installed while an older one runs the page, is offered
    // by the app (src/pwa/registration.rs).
    // (A first install takes control quietly: no older one runs the page.)
    const update = () => serviceWorkers.controller && wake('update');
    registered.then((registration) => {
      if (!registration) return;
      if (registration.waiting) update();
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker && worker.addEventListener('statechange', () => worker.state === 'installed' && update());
      });
    });
    changedSinceMade().then((changed) => {
      if (changed) return wake('article changed');
      // The app, when it wakes, need not ask again.
      if (changed === false) root.setAttribute('__CURRENT_ATTRIBUTE__', '');
      keepForOffline(carried(), []);
    });
  });
}

/// Why the page needs its app before the reader does anything, if it does:
/// the reader chose another interface language than the page's (the app
/// renders it in theirs), or the app runs installed.
function wantedAtOnce() {
  let kept = {};
  try {
    kept = JSON.parse(localStorage.getItem('__SETTINGS_KEY__')) || {};
  } catch (unreadable) {}
  if (kept.lang && kept.lang !== root.lang) return 'language';
  if (matchMedia('(display-mode: standalone)').matches) return 'installed';
  return null;
}

let wasmResponse = null;

/// The app's wasm, fetched once: ahead of the click when the reader reaches
/// for a part, else when trunk's lines below ask for it. (A preload link
/// would not do: WebKit fetches the file again for the app.)
function appCode(url) {
  return wasmResponse || (wasmResponse = fetch(url));
}

/// Whether the host's copy of the page's article differs from the copy
/// embedded in the page, or is gone; asked past every cache but the host's.
/// `undefined` when there is no article or no answer.
async function changedSinceMade() {
  const embedded = document.querySelector('script[__FOLLOWED_DOCUMENT_ATTRIBUTE__]');
  if (!embedded) return undefined;
  try {
    const response = await fetch(embedded.getAttribute('__EMBEDDED_DOCUMENT_ATTRIBUTE__'), { cache: 'no-cache' });
    if (response.status === 404 || response.status === 410) return true;
    if (!response.ok) return undefined;
    const same = (text) => JSON.stringify(JSON.parse(text));
    return same(await response.text()) !== same(embedded.textContent);
  } catch (offlineOrUnreadable) {
    return undefined;
  }
}

/// A page with no content of its own (`app.html`) whose app cannot be
/// fetched (offline, before the app ever ran here) says so.
function appUnavailable(error) {
  const notice = document.getElementById('app-unavailable');
  if (notice && !document.getElementById('__PRERENDERED_ID__')) notice.hidden = false;
  throw error;
}

/// The documents this page carries, as address and text.
function carried() {
  return [...document.querySelectorAll('script[__EMBEDDED_DOCUMENT_ATTRIBUTE__]')].map(
    (script) => [script.getAttribute('__EMBEDDED_DOCUMENT_ATTRIBUTE__'), script.textContent]);
}

/// Asks the service worker to keep this page, as read, with `documents` it
/// carries and the app's `code` it ran, for offline (the worker may not
/// have seen them come: it controls no page of the first visit).
async function keepForOffline(documents, code) {
  try {
    if (!(await registered)) return;
    const worker = (await serviceWorkers.ready).active;
    worker && worker.postMessage({ keep: '__KEEP_MESSAGE__', page: location.href, documents, code });
  } catch (unavailable) {}
}

let replay = null;

/// Where a part stands: its island, by order on the page, and its place in
/// it; and whether it has focus.
function placeOf(target) {
  const control = target.closest('button, summary, [role="button"]') || target;
  const mark = control.closest('[__ISLAND_ATTRIBUTE__]');
  const path = [];
  for (let node = control; node !== mark; node = node.parentElement) {
    path.unshift([...node.parentElement.children].indexOf(node));
  }
  const island = [...document.querySelectorAll('[__ISLAND_ATTRIBUTE__]')].indexOf(mark);
  return { island, path, focused: document.activeElement === control };
}

/// Clicks the living part at `place`, unless the click `landed` in it.
function clickAt({ island, path, focused }, landed) {
  const mark = document.querySelectorAll('[__ISLAND_ATTRIBUTE__]')[island];
  // A part its island could not bring to life is left as it is.
  if (!mark || !mark.hasAttribute('__ISLAND_ALIVE_ATTRIBUTE__')) return;
  let living = mark;
  for (const at of path) living = living && living.children[at];
  if (!living || (landed && living.contains(landed))) return;
  if (focused) living.focus();
  living.click();
}

/// Clicks the part at `place` once the islands are up (at once if they
/// are): a click the app was not awake, or not yet up, to hear.
function replayOnceAlive(place, landed) {
  if (root.getAttribute('__READY_ATTRIBUTE__') === 'islands') {
    clickAt(place, landed);
    return;
  }
  const waiting = replay === null;
  replay = place;
  if (!waiting) return;
  // The islands are up, or the app took the page over (no part to click).
  new MutationObserver((_, observer) => {
    const ready = root.getAttribute('__READY_ATTRIBUTE__');
    if (ready !== 'islands') {
      if (ready === 'app') observer.disconnect();
      return;
    }
    observer.disconnect();
    const place = replay;
    replay = null;
    clickAt(place);
  }).observe(root, { attributes: true, attributeFilter: ['__READY_ATTRIBUTE__'] });
}
