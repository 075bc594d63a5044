// The reader's settings (src/context/settings.rs), applied to <html> before the
// first paint, so the page never flashes in the wrong size or colours: index.html
// loads this file as a classic script in <head>, which runs before the body is
// painted. A file, not an inline script, so that the Content Security Policy
// needs no hash for it and is the same for every build.
(function (root) {
  root.setAttribute("data-theme", "auto");
  try {
    var kept = JSON.parse(localStorage.getItem("broadsheet:settings")) || {};
    if (kept.theme === "light" || kept.theme === "dark") root.setAttribute("data-theme", kept.theme);
    if (kept.size >= 1 && kept.size <= 5) root.setAttribute("data-text-size", String(kept.size));
    if (kept.face === "sans") root.setAttribute("data-face", "sans");
    var pictures = kept.pictures;
  } catch (unreadable) {}
  // Pictures wait for a tap (src/components/figure.rs) when the reader chose
  // so, or left it to the browser and the browser asks to save data.
  var browserSaves = false;
  try {
    browserSaves = !!(navigator.connection && navigator.connection.saveData) ||
      matchMedia("(prefers-reduced-data: reduce)").matches;
  } catch (unsupported) {}
  if (pictures === "on-tap" || (pictures !== "always" && browserSaves)) root.setAttribute("data-save-data", "");
  // What the device can do that the page shows before the app, if any, runs:
  // the system share sheet (the share bar's Share button), reading aloud
  // (the Listen button).
  if (navigator.share) root.setAttribute("data-can-share", "");
  if ("speechSynthesis" in window) root.setAttribute("data-can-speak", "");
})(document.documentElement);
