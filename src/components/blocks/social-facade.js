// A social post's facade (components/blocks/social.rs renders it) becomes
// the platform's own embed at the reader's tap, and not before: nothing is
// asked of the platform until then. The frame is sandboxed to what an embed
// needs (its scripts on its own origin, its player's full screen, opening
// the post in a new tab) and takes the facade's box. Plain JavaScript in
// every page's loader (prerender/src/html.rs), so that it works before the
// app and without it; a tap that opens a new tab (a modifier key, the middle
// button) follows the link instead.
{
  document.addEventListener('click', (event) => {
    const facade = event.target instanceof Element && event.target.closest('a.__SOCIAL_FACADE_CLASS__[data-frame]');
    if (!facade || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const frame = document.createElement('iframe');
    frame.className = 'social-frame';
    frame.title = facade.getAttribute('data-frame-title') || '';
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation');
    frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    frame.setAttribute('allowfullscreen', '');
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    const width = Number(facade.getAttribute('data-width')) || 16;
    const height = Number(facade.getAttribute('data-height')) || 9;
    frame.style.aspectRatio = `${width} / ${height}`;
    frame.src = facade.getAttribute('data-frame');
    // The post's own address stays within reach, should the platform
    // refuse to be framed.
    const open = document.createElement('a');
    open.className = 'social-open';
    open.href = facade.href;
    open.target = '_blank';
    open.rel = 'noopener noreferrer';
    open.textContent = facade.getAttribute('data-open-label') || facade.href;
    facade.replaceWith(frame, open);
    frame.focus();
  }, true);
}
