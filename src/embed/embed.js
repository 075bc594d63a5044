/* Broadsheet embeds. Paste where an article should appear:
   <div data-broadsheet-article="ARTICLE-ID"></div>
   <script async src="https://OUR-SITE/embed.js"></script>
   Optional on the div: data-theme="light|dark|auto", data-mode="full|card",
   data-max-height="600". Each becomes a sandboxed iframe that sizes itself. */
(function () {
  var script = document.currentScript;
  if (!script || window.BroadsheetEmbeds) return;
  var origin = new URL(script.src).origin;
  // The frames this script made, held weakly: a frame the partner's page
  // removes is forgotten with it.
  var made = new WeakSet();
  window.BroadsheetEmbeds = { scan: scan };

  function embed(host) {
    var id = host.getAttribute("data-broadsheet-article");
    if (host.hasAttribute("data-broadsheet-embedded") || !/^[a-z0-9-]{1,128}$/.test(id)) return;
    var query = new URLSearchParams();
    ["theme", "mode", "max-height"].forEach(function (name) {
      var value = host.getAttribute("data-" + name);
      if (value) query.set(name, value);
    });
    var frame = document.createElement("iframe");
    frame.src = origin + "/embed/" + id + (String(query) ? "?" + query : "");
    frame.title = host.textContent.trim() || "Article";
    frame.loading = "lazy";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
    frame.setAttribute("allow", "fullscreen");
    frame.style.cssText = "display:block;width:100%;height:" + (query.get("mode") === "card" ? 480 : 640) + "px;border:0";
    host.setAttribute("data-broadsheet-embedded", "");
    host.replaceChildren(frame);
    made.add(frame);
  }

  function scan() {
    document.querySelectorAll("[data-broadsheet-article]").forEach(embed);
  }

  // Only what a change added is looked at: a busy partner page (a feed, a
  // ticker) costs no scan of the whole page per change.
  function scanAdded(records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.hasAttribute("data-broadsheet-article")) embed(node);
        node.querySelectorAll("[data-broadsheet-article]").forEach(embed);
      });
    });
  }

  // Only our origin, only from a frame this script made, only a sane height.
  addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "broadsheet:embed-size") return;
    var height = data.height;
    if (typeof height !== "number" || !(height >= 1 && height <= 100000)) return;
    document.querySelectorAll("[data-broadsheet-embedded] > iframe").forEach(function (frame) {
      if (!made.has(frame) || frame.contentWindow !== event.source) return;
      frame.style.height = Math.ceil(height) + "px";
      if (typeof data.title === "string" && data.title) frame.title = data.title.slice(0, 300);
    });
  });

  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  new MutationObserver(scanAdded).observe(document.documentElement, { childList: true, subtree: true });
})();
