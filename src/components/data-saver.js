// Pictures that wait for the reader (components/figure.rs renders them):
// while the page saves data (`__SAVE_DATA_ATTRIBUTE__` on the root, set by
// reader-settings.js before the first paint and by the settings panel), the
// stylesheet shows a placeholder in place of each picture but the article's
// lead, and a tap in its frame shows it. A video in the body fetches nothing
// and names its poster in `__WAITING_POSTER_ATTRIBUTE__`: when the page does
// not save data, that becomes its poster and it fetches its metadata (its
// length, and whether it can be played at all), once. Plain JavaScript in every page's loader
// (prerender/src/html.rs), so that it works before the app and without it,
// on the app's own pages too.
{
  const root = document.documentElement;
  document.addEventListener('click', (event) => {
    const frame = event.target instanceof Element && event.target.closest('.__PICTURE_FRAME_CLASS__');
    if (frame) frame.setAttribute('__PICTURE_SHOWN_ATTRIBUTE__', '');
  });
  const showPosters = () => {
    if (root.hasAttribute('__SAVE_DATA_ATTRIBUTE__')) return;
    for (const video of document.querySelectorAll('video[__WAITING_POSTER_ATTRIBUTE__]')) {
      const poster = video.getAttribute('__WAITING_POSTER_ATTRIBUTE__');
      video.removeAttribute('__WAITING_POSTER_ATTRIBUTE__');
      if (poster && !video.hasAttribute('poster')) video.setAttribute('poster', poster);
      if (video.preload === 'none') video.preload = 'metadata';
    }
  };
  // Saving data from now on: a picture already downloaded stays shown (its
  // bytes are spent), before the stylesheet's placeholder is ever painted.
  const keepDownloaded = () => {
    if (!root.hasAttribute('__SAVE_DATA_ATTRIBUTE__')) return;
    for (const img of document.querySelectorAll('.__PICTURE_FRAME_CLASS__ img')) {
      if (img.complete && img.naturalWidth > 0) img.closest('.__PICTURE_FRAME_CLASS__').setAttribute('__PICTURE_SHOWN_ATTRIBUTE__', '');
    }
  };
  showPosters();
  new MutationObserver((changes) => {
    if (changes.some((change) => change.type === 'attributes')) keepDownloaded();
    if (changes.some((change) => change.type === 'attributes' || change.addedNodes.length > 0)) showPosters();
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['__SAVE_DATA_ATTRIBUTE__'] });
}
