// The reading progress bar's motion (components/reading_aids.rs renders the
// bar): every `.reading-progress-bar` on the page at the share of the article
// read so far, from one passive scroll listener that reads the page once a
// frame, whatever article is shown. Plain JavaScript in every page's loader
// (prerender/src/html.rs), so that it moves before the app and without it.
{
  let framePending = false;
  const show = () => {
    framePending = false;
    const bar = document.querySelector('.reading-progress-bar');
    const article = document.querySelector('article.article');
    if (!bar || !article) return;
    const area = article.getBoundingClientRect();
    const readable = Math.max(area.height - innerHeight, 1);
    const read = Math.min(Math.max(-area.top / readable, 0), 1);
    bar.style.transform = `scaleX(${read.toFixed(4)})`;
  };
  const onScroll = () => {
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(show);
  };
  for (const type of ['scroll', 'resize']) addEventListener(type, onScroll, { passive: true });
  show();
}
