// Broadsheet embed page: runs in the partner's iframe, in <head>, before the
// first paint. It applies the options of the frame's address and tells the
// partner's page (embed.js) the embed's height whenever it changes.
(function () {
  var query = new URLSearchParams(location.search);
  var root = document.documentElement;
  var theme = query.get("theme");
  root.setAttribute("data-theme", theme === "light" || theme === "dark" ? theme : "auto");
  root.setAttribute("data-mode", query.get("mode") === "card" ? "card" : "full");
  var maxHeight = parseInt(query.get("max-height"), 10);
  // Below this an embed shows too little to be worth cutting.
  maxHeight = maxHeight >= 200 ? Math.min(maxHeight, 100000) : 0;
  var reported = 0;

  // Cut the article so that the whole embed, its footer too, fits maxHeight.
  function fit(clip) {
    if (!maxHeight) return;
    clip.style.maxHeight = "";
    var chrome = root.getBoundingClientRect().height - clip.getBoundingClientRect().height;
    var room = Math.max(120, Math.floor(maxHeight - chrome));
    var cut = clip.scrollHeight > room;
    clip.style.maxHeight = cut ? room + "px" : "";
    root.toggleAttribute("data-cut", cut);
  }

  function report() {
    var clip = document.querySelector(".embed-clip");
    if (clip) fit(clip);
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === reported || window.parent === window) return;
    reported = height;
    window.parent.postMessage(
      { type: "broadsheet:embed-size", height: height, title: document.title },
      "*"
    );
  }

  function start() {
    // Images, fonts, a wider or narrower frame, a caption opening: every
    // change of size shows up here.
    if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
    addEventListener("resize", report);
    addEventListener("load", report);
    document.addEventListener("load", report, true);
    if (document.fonts) document.fonts.ready.then(report);
    report();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
