/* GeneChat embed script. A clinic's page embeds the patient widget with one tag:
 *   <script src="https://HOST/widget.js" data-genechat-url="https://HOST" defer></script>
 * Optional: data-genechat-mode="inline" (render in place instead of a floating button),
 * data-genechat-poll-ms="4000" (how often counselor replies are checked).
 *
 * This script only places an iframe of HOST/widget/frame, the chat app served from GeneChat's own origin
 * (bot/web/static/widget.js runs in there). The patient's session token lives only inside that frame: the
 * host page's storage, DOM and globals never hold it, and the frame's storage is out of the page's reach.
 * The frame posts only UI state here (open or closed, the launcher's size), never a token or patient data;
 * messages from any other origin or window are ignored. Nothing is sent into the frame.
 */
(() => {
  "use strict";

  const script = document.currentScript || document.querySelector("script[data-genechat-url]");
  const scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  const BASE = ((script && script.dataset.genechatUrl) || scriptOrigin).replace(/\/+$/, "");
  const FRAME_ORIGIN = new URL(BASE + "/", location.href).origin;
  const MODE = (script && script.dataset.genechatMode) === "inline" ? "inline" : "floating";
  const POLL = Number(script && script.dataset.genechatPollMs) || 0;

  // An emailed link ends in #genechat-resume=<one-time token>: it is handed to the frame (in the frame's own
  // #fragment, which never reaches a server) and removed from this page's address at once.
  let fragment = "";
  const m = /(?:^#|&)genechat-resume=([A-Za-z0-9_-]+)/.exec(location.hash || "");
  if (m) {
    fragment = "#genechat-resume=" + m[1];
    try { history.replaceState(null, "", location.pathname + location.search); } catch (_) { location.hash = ""; }
  }
  const query = new URLSearchParams({ mode: MODE, parent: location.origin });
  if (POLL) query.set("poll", String(Math.max(500, Math.min(600000, Math.round(POLL)))));

  const frame = document.createElement("iframe");
  frame.id = "genechat-widget";
  frame.title = "GeneChat: questions about your genetic report";
  frame.setAttribute("allow", "clipboard-write");  // "Copy code" for the resume code
  frame.src = BASE + "/widget/frame?" + query + fragment;

  // Inline !important styles: the host page's own CSS (even its !important rules) cannot move or hide the frame.
  const style = (props) => { for (const [k, v] of Object.entries(props)) frame.style.setProperty(k, v, "important"); };
  style({ border: "0", margin: "0", padding: "0", display: "block", background: "transparent", "color-scheme": "normal",
    "max-height": "none", "min-width": "0", "min-height": "0", transform: "none", visibility: "visible", filter: "none" });
  const narrow = window.matchMedia("(max-width: 520px)");
  // Until the frame reports its launcher's size, the closed frame is as wide as it may be, so the launcher lays
  // out on one line if it can (a narrower guess would make it wrap, and report that).
  const ui = { ready: false, open: false, width: null, height: 56 };

  function place() {
    const shown = { opacity: ui.ready ? "1" : "0", "pointer-events": ui.ready ? "auto" : "none" };
    if (MODE === "inline") {
      style({ ...shown, position: "static", width: "100%", "max-width": "560px", height: "min(720px, calc(100vh - 40px))",
        "min-height": "560px", "border-radius": "14px", "box-shadow": "0 0 0 1px #d4dae1" });
      return;
    }
    const fixed = { ...shown, position: "fixed", "z-index": "2147483000", left: "auto", top: "auto", "max-width": "none" };
    if (!ui.open) {
      style({ ...fixed, right: "20px", bottom: "20px",
        width: ui.width ? `min(${ui.width}px, calc(100vw - 40px))` : "calc(100vw - 40px)",
        height: ui.height + "px", "border-radius": "999px", "box-shadow": "0 8px 24px rgba(16, 32, 56, .3)" });
    } else if (narrow.matches) {
      style({ ...fixed, right: "0", bottom: "0", width: "100%", height: "100%", "border-radius": "0", "box-shadow": "none" });
    } else {
      style({ ...fixed, right: "20px", bottom: "20px", width: "min(440px, calc(100vw - 40px))",
        height: "min(720px, calc(100vh - 40px))", "border-radius": "14px", "box-shadow": "0 12px 40px rgba(16, 32, 56, .22)" });
    }
  }

  window.addEventListener("message", (e) => {
    if (e.origin !== FRAME_ORIGIN || e.source !== frame.contentWindow) return;
    const d = e.data;
    if (!d || typeof d !== "object" || d.type !== "genechat:ui") return;
    const size = (v, fallback) => (Number.isFinite(v) && v > 0 && v < 2000 ? Math.ceil(v) : fallback);
    Object.assign(ui, { ready: true, open: d.open === true, width: size(d.width, ui.width || 320),
      height: size(d.height, ui.height) });
    place();
  });
  if (narrow.addEventListener) narrow.addEventListener("change", place);
  // A wider window may leave room for a launcher that had to wrap: widen the frame and let it measure again.
  window.addEventListener("resize", () => { if (!ui.open) { ui.width = null; place(); } });
  place();

  if (script && script.parentNode && MODE === "inline") script.parentNode.insertBefore(frame, script);
  else document.body.append(frame);
})();
