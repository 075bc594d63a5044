// Following a link to the same article in another language
// (components/translations.rs renders it under the headline) keeps the
// reader's place: the furthest paragraph they have read down to (the one at
// the top of the window), which the translation's page has at the same
// number. The furthest, not the one in view at the tap: the link is at the
// top, and scrolling back up to it passes every paragraph above. Plain
// JavaScript in every page's loader (prerender/src/html.rs), so that it
// works before the app and without it; taken in the capture phase, ahead of
// the app's router. A reader who has not read into the body follows the
// plain link, to the translation's top.
{
  const paragraphs = () =>
    document.querySelectorAll('article.article .article-body p[id^="__PARAGRAPH_ID_PREFIX__"]');
  const number = (paragraph) => Number(paragraph.id.slice('__PARAGRAPH_ID_PREFIX__'.length));
  let furthest = null;
  let framePending = false;
  let page = location.pathname;
  const notice = () => {
    framePending = false;
    // Most pages name no translation: their scrolling reads no layout here.
    if (!document.querySelector('a[__KEEPS_PLACE_ATTRIBUTE__]')) return;
    if (location.pathname !== page) {
      page = location.pathname;
      furthest = null;
    }
    const atTop = [...paragraphs()].find((paragraph) => paragraph.getBoundingClientRect().bottom > 0);
    // At the top: scrolled to, give or take a fraction of a pixel.
    if (atTop && !(atTop.getBoundingClientRect().top >= 8) && (!furthest || number(atTop) > number(furthest))) {
      furthest = atTop;
    }
  };
  addEventListener('scroll', () => {
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(notice);
  }, { passive: true });
  addEventListener('click', (event) => {
    const link = event.target instanceof Element && event.target.closest('a[__KEEPS_PLACE_ATTRIBUTE__]');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    notice();
    if (!furthest || !furthest.isConnected) return;
    event.preventDefault();
    location.assign(new URL(`#${furthest.id}`, link.href).href);
  }, { capture: true });
}
