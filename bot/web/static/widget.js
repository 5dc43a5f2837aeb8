/* GeneChat patient widget: the chat app. It runs inside the iframe page /widget/frame (bot/web/routes.py),
 * served from GeneChat's own origin, which the clinic's page gets from the one-tag embed script
 * (/widget.js = bot/web/static/embed.js). So the session token it keeps in localStorage belongs to
 * GeneChat's origin, out of the embedding page's reach. The frame page passes data-genechat-mode,
 * data-genechat-poll-ms and data-genechat-parent (the embedding page's origin, checked by the server).
 * Renders inside a Shadow DOM; every piece of text is inserted as text (never as HTML). Its safety wording
 * and the upload limit come from GET /api/widget-config when it starts.
 */
(() => {
  "use strict";

  const script = document.currentScript || document.querySelector("script[data-genechat-url]");
  const scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  const BASE = ((script && script.dataset.genechatUrl) || scriptOrigin).replace(/\/+$/, "");
  const POLL_MS = Math.max(500, Number(script && script.dataset.genechatPollMs) || 4000);
  const MODE = (script && script.dataset.genechatMode) === "inline" ? "inline" : "floating";
  const STORE_KEY = "genechat:" + BASE;
  // The page around the frame (embed.js) is told only UI state, at its own origin, never "*" (see tellHost).
  const FRAMED = window.parent !== window;
  const sameOriginParent = () => { try { return window.parent.location.origin === location.origin; } catch (_) { return false; } };
  const PARENT = FRAMED ? ((script && script.dataset.genechatParent) || (sameOriginParent() ? location.origin : "")) : "";

  // Connection and service messages only. Safety and health wording and the upload limit come from the
  // server (GET /api/widget-config, built from bot/safety/wording.py), where every sentence is checked.
  const WORDS = {
    network: "We could not reach GeneChat. Check your internet connection, then try again.",
    server: "Something went wrong on our side. Please try again in a moment.",
    busy: "Too many requests in a short time. Please wait a minute, then try again.",
    starting: "GeneChat is still starting up. Please try again in a minute.",
    overloaded: "GeneChat is very busy right now. Please try again in a moment.",
    ended: "This chat has ended or expired. You can start a new one.",
  };
  // The one safety sentence the widget keeps: when the server (and so its wording) cannot be reached, a
  // patient may still be in an emergency. No phone numbers: this must be right in every country.
  const EMERGENCY_FALLBACK = "If this is an emergency, call your local emergency number now.";

  // ---------- small DOM helpers: children become text nodes, never parsed as markup ----------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "hidden") el.hidden = true;
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  // The mark is drawn with SVG elements (no emoji: many systems lack an emoji font).
  function logo() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 32 32"); svg.setAttribute("class", "logo"); svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M11 5c0 8 10 8 10 16s-10 8-10 6M21 5c0 8-10 8-10 16M12 10h8M12 22h8");
    for (const [k, v] of [["stroke", "currentColor"], ["stroke-width", "2.5"], ["fill", "none"], ["stroke-linecap", "round"]]) path.setAttribute(k, v);
    svg.append(path);
    return svg;
  }
  const paragraphs = (text, cls) =>
    String(text || "").split(/\n{2,}/).filter((p) => p.trim()).map((p) => h("p", { class: cls }, p.trim()));
  const safeUrl = (u) => (/^https?:\/\//i.test(String(u || "")) ? String(u) : null);
  const shortUrl = (u) => String(u).replace(/^https?:\/\/(www\.)?/i, "").replace(/\/$/, "");

  // ---------- API client ----------
  class ApiError extends Error {
    constructor(code, status, message) { super(message || code); this.code = code; this.status = status; this.detail = message || ""; }
  }
  const state = { session: null, token: null, cards: [], reportMeta: null, seen: new Set(), pollTimer: null,
    escalationCards: [], escalations: new Map(), counselorTimes: [], casesShown: new Set(), sending: false, consentVersion: null, pending: null,
    config: null };

  // A 503 "overloaded" is answered before the request runs (the server's load shedder), so sending it again
  // is safe for any method; a few quick tries spare the patient a "very busy" error on a short burst, such as
  // the confirm screen asking for several genes' suggestions at once.
  const SHED_TRIES = 4;
  async function api(method, path, opts = {}) {
    for (let attempt = 1; ; attempt++) {
      try { return await apiOnce(method, path, opts); }
      catch (e) {
        if (!(e instanceof ApiError) || e.code !== "overloaded" || attempt >= SHED_TRIES) throw e;
        await new Promise((r) => setTimeout(r, Math.max(e.retryAfter, 0.25) * 1000 * (0.75 + Math.random() / 2)));
      }
    }
  }
  async function apiOnce(method, path, opts) {
    const headers = { Accept: "application/json" };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    let body;
    if (opts.form) body = opts.form;
    else if (opts.json !== undefined) { headers["Content-Type"] = "application/json"; body = JSON.stringify(opts.json); }
    let res;
    try { res = await fetch(BASE + path, { method, headers, body, credentials: "omit" }); }
    catch (_) { throw new ApiError("network", 0, ""); }
    if (res.status === 204) return null;
    let data = null;
    try { data = await res.json(); } catch (_) { data = null; }
    if (!res.ok) {
      const err = (data && data.error) || {};
      const e = new ApiError(err.code || "http_" + res.status, res.status, typeof err.message === "string" ? err.message : "");
      e.retryAfter = Number(res.headers.get("Retry-After")) || 1;
      throw e;
    }
    return data;
  }
  // The server's wording and limits; resume() loads them before any screen that uses them is shown.
  const say = () => state.config.wording;
  async function loadConfig() {
    if (state.config) return;
    const c = await api("GET", "/api/widget-config");
    if (!c || !c.wording || !Number.isFinite(c.upload_limit_bytes)) throw new ApiError("bad_config", 500, "");
    state.config = c;
    footer.textContent = c.wording.footer;
  }

  function plainError(err, uploadContext) {
    if (!(err instanceof ApiError) || err.status === 0) return WORDS.network;
    const upload = uploadContext && state.config
      ? { 413: say().upload_too_big, 415: say().upload_wrong_type, 422: say().upload_unreadable }[err.status] : null;
    if (upload) return upload;
    if (err.status === 401 || err.status === 403 || err.status === 404) return WORDS.ended;
    if (err.status === 429) return WORDS.busy;
    if (err.status === 503) return err.code === "overloaded" ? WORDS.overloaded : WORDS.starting;
    if (err.status >= 500) return WORDS.server;
    return err.detail || WORDS.server;
  }
  const sessionGone = (err) => err instanceof ApiError && [401, 403, 404].includes(err.status);

  // ---------- persistence (this browser, so a new tab resumes; only the session id and token, never report data) ----------
  const save = () => {
    try { localStorage.setItem(STORE_KEY, JSON.stringify({ session: state.session, token: state.token })); }
    catch (_) { /* storage may be blocked: the chat still works until reload */ }
  };
  const load = () => { try { return JSON.parse(localStorage.getItem(STORE_KEY) || "null"); } catch (_) { return null; } };
  const forget = () => {
    stopPolling();
    Object.assign(state, { session: null, token: null, cards: [], reportMeta: null, seen: new Set(), escalationCards: [],
      escalations: new Map(), counselorTimes: [], casesShown: new Set() });
    try { localStorage.removeItem(STORE_KEY); } catch (_) { /* ignore */ }
  };

  // ---------- shell ----------
  const host = h("div", { id: "genechat-widget" });
  if (script && script.parentNode && MODE === "inline") script.parentNode.insertBefore(host, script);
  else document.body.append(host);
  if (FRAMED) host.classList.add("framed");
  const root = host.attachShadow({ mode: "open" });
  const style = h("link", { rel: "stylesheet", href: BASE + "/web/widget.css" });
  root.append(style);

  const live = h("div", { class: "sr-only", role: "status", "aria-live": "polite" });
  const banner = h("div", { class: "emergency", role: "alert", hidden: true });
  const main = h("div", { class: "main" });
  const deleteBtn = h("button", { type: "button", class: "link danger-link", hidden: true, onclick: () => confirmDelete() },
    "Delete my data");
  const closeBtn = MODE === "floating"
    ? h("button", { type: "button", class: "icon-btn", "aria-label": "Close GeneChat", onclick: () => toggle(false) }, "✕")
    : null;
  const footer = h("footer", { class: "foot" });  // the server's wording, once loaded
  const panel = h("section", { class: "panel " + MODE, "aria-label": "GeneChat: questions about your genetic report", id: "gc-panel" },
    h("header", { class: "bar" },
      h("div", { class: "brand" }, logo(),
        h("div", {}, h("p", { class: "title" }, "GeneChat"), h("p", { class: "subtitle" }, "Questions about your genetic report"))),
      h("div", { class: "bar-actions" }, deleteBtn, closeBtn)),
    banner, main, live, footer);
  const launcher = MODE === "floating"
    ? h("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "gc-panel",
      onclick: () => toggle(true) }, logo(), "Questions about your results?")
    : null;
  const dialog = buildDeleteDialog();
  if (launcher) { panel.hidden = true; root.append(launcher); }
  root.append(panel, dialog);

  function toggle(open) {
    if (!launcher) return focusHeading();  // inline: always open (an emailed link still lands here)
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", String(open));
    tellHost();
    if (open) focusHeading(); else launcher.focus();
  }
  // What the embedding page needs to place the frame: open or closed, and the launcher's size. Only this:
  // never the token, the session or anything the patient typed or uploaded.
  function tellHost() {
    if (!PARENT || !host.classList.contains("ready")) return;
    const box = launcher && !launcher.hidden ? launcher.getBoundingClientRect() : { width: 0, height: 0 };
    window.parent.postMessage({ type: "genechat:ui", open: !launcher || launcher.hidden,
      width: Math.ceil(box.width), height: Math.ceil(box.height) }, PARENT);
  }
  panel.addEventListener("keydown", (e) => { if (e.key === "Escape" && launcher && !dialog.open) toggle(false); });

  const announce = (text) => { live.textContent = ""; setTimeout(() => { live.textContent = text; }, 50); };
  function focusHeading() {
    const target = main.querySelector("[data-autofocus]") || main.querySelector("h2");
    if (target && !panel.hidden) target.focus({ preventScroll: false });
  }
  function show(screen, { focus = true } = {}) {
    main.replaceChildren(screen);
    deleteBtn.hidden = !state.session;
    if (focus) focusHeading();
  }
  function heading(text) { return h("h2", { tabindex: "-1" }, text); }
  function errorBox() { return h("div", { class: "error", role: "alert", hidden: true }); }
  function setError(box, text, detail, retry) {
    box.replaceChildren(h("p", {}, text));
    if (detail) box.append(h("p", { class: "detail" }, "Details: " + detail));
    if (retry) box.append(h("button", { type: "button", class: "btn secondary", onclick: retry }, "Try again"));
    box.hidden = false;
  }

  // ---------- 1. consent ----------
  async function consentScreen() {
    const body = h("div", { class: "consent-text", tabindex: "0", "aria-label": "Consent text" }, "Loading…");
    const err = errorBox();
    const check = h("input", { type: "checkbox", id: "gc-agree" });
    const start = h("button", { type: "submit", class: "btn", disabled: true }, "Start");
    check.addEventListener("change", () => { start.disabled = !check.checked; });
    const form = h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); begin(); } },
      h("div", { class: "check" }, check, h("label", { for: "gc-agree" }, "I have read this and I agree.")), start);
    show(h("div", { class: "screen" }, heading("Before we start"),
      h("p", { class: "lead" }, "GeneChat helps you understand your genetic test report in plain words."),
      body, err, form,
      h("button", { type: "button", class: "btn secondary come-back", onclick: () => resumeCodeScreen() },
        "I have a code: go back to my chat")));
    try {
      const c = await api("GET", "/api/consent");
      state.consentVersion = (c && c.version) || null;
      body.replaceChildren(...paragraphs(c && c.text), h("p", { class: "muted" }, "Consent version " + ((c && c.version) || "—")));
    } catch (e) { body.replaceChildren(); setError(err, plainError(e), "", () => consentScreen()); }

    async function begin() {
      start.disabled = true;
      err.hidden = true;
      try {
        const s = await api("POST", "/api/sessions", { json: { consent: true, consent_version: state.consentVersion } });
        state.session = s.session_id; state.token = s.token; save();
        uploadScreen();
      } catch (e) { setError(err, plainError(e)); start.disabled = !check.checked; }
    }
  }

  // ---------- 1b. coming back with a resume code and secret word ----------
  function resumeCodeScreen() {
    const err = errorBox();
    const code = h("input", { id: "gc-code", autocomplete: "off", spellcheck: "false", autocapitalize: "characters",
      required: true, "aria-describedby": "gc-code-help" });
    const secret = h("input", { id: "gc-secret", type: "password", autocomplete: "off", required: true });
    const go = h("button", { type: "submit", class: "btn" }, "Go back to my chat");
    const form = h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); submit(); } },
      h("p", { id: "gc-code-help" }, say().resume_help),
      h("label", { for: "gc-code" }, "Your code"), code, h("label", { for: "gc-secret" }, "Your secret word"), secret, go);
    show(h("div", { class: "screen" }, heading("Go back to your chat"), err, form,
      h("button", { type: "button", class: "btn secondary", onclick: () => consentScreen() }, "Back")));
    async function submit() {
      go.disabled = true; err.hidden = true;
      try {
        const r = await api("POST", "/api/resume", { json: { code: code.value, secret: secret.value } });
        secret.value = "";
        await cameBack(r);
      } catch (e) { setError(err, e.status === 401 ? say().resume_failed : plainError(e)); go.disabled = false; }
    }
  }
  async function cameBack(r) {
    forget();
    Object.assign(state, { session: r.session_id, token: r.token });
    save();
    await resume({ welcome: true });
  }
  // An emailed link ends in #genechat-resume=<one-time token>: the part after # never reaches a server.
  async function linkFromEmail() {
    const m = /(?:^#|&)genechat-resume=([A-Za-z0-9_-]+)/.exec(location.hash || "");
    if (!m) return false;
    try { history.replaceState(null, "", location.pathname + location.search); } catch (_) { location.hash = ""; }
    toggle(true);
    try { await loadConfig(); await cameBack(await api("POST", "/api/resume/link", { json: { token: m[1] } })); }
    catch (e) { endedScreenWith(e.status === 401 ? WORDS.ended : plainError(e)); }
    return true;
  }

  // ---------- come back later: a resume code, and an email when a counselor replies ----------
  let comeBackCount = 0;
  function comeBackBox() {
    const n = ++comeBackCount;
    const status = h("p", { class: "come-back-status", role: "status" });
    const secret = h("input", { id: `gc-cb-secret-${n}`, type: "password", minlength: "4", maxlength: "64", autocomplete: "off" });
    const getCode = h("button", { type: "submit", class: "btn secondary" }, "Get my code");
    const out = h("div", { class: "come-back-code", hidden: true });
    const codeForm = h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); issue(); } },
      h("p", {}, say().come_back_help), h("label", { for: secret.id }, "Pick a secret word (4 or more letters)"),
      h("div", { class: "row" }, secret, getCode), out);
    const email = h("input", { id: `gc-cb-email-${n}`, type: "email", autocomplete: "email", maxlength: "254" });
    const emailBtn = h("button", { type: "submit", class: "btn secondary" }, "Email me when they reply");
    const emailForm = h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); saveEmail(); } },
      h("p", { id: `gc-cb-email-help-${n}` }, say().notify_help), h("label", { for: email.id }, "Your email (optional)"),
      h("div", { class: "row" }, email, emailBtn));
    email.setAttribute("aria-describedby", `gc-cb-email-help-${n}`);
    const base = `/api/sessions/${encodeURIComponent(state.session)}`;
    async function issue() {
      if (secret.value.trim().length < 4) { status.textContent = "Please pick a secret word of 4 or more letters."; return; }
      getCode.disabled = true;
      try {
        const r = await api("POST", base + "/resume-code", { json: { secret: secret.value } });
        secret.value = "";
        const field = h("input", { class: "resume-code", readonly: true, value: r.code, "aria-label": "Your code" });
        const copy = h("button", { type: "button", class: "btn secondary", onclick: async () => {
          try { await navigator.clipboard.writeText(r.code); status.textContent = "Code copied."; }
          catch (_) { field.select(); status.textContent = "Select the code and copy it."; } } }, "Copy code");
        const file = h("a", { class: "btn secondary", download: "genechat-code.txt",
          href: URL.createObjectURL(new Blob(["GeneChat code: " + r.code + "\n"], { type: "text/plain" })) }, "Save as a file");
        out.replaceChildren(h("p", {}, say().come_back_code_note), h("div", { class: "row" }, field, copy, file));
        out.hidden = false;
        status.textContent = "Your code is ready.";
      } catch (e) { status.textContent = plainError(e); }
      finally { getCode.disabled = false; }
    }
    async function saveEmail() {
      emailBtn.disabled = true;
      try {
        await api("POST", base + "/notify", { json: { email: email.value.trim() } });
        status.textContent = "Thank you. We will email you when a counselor replies.";
      } catch (e) { status.textContent = e.status === 422 ? "Please check the email address." : plainError(e); }
      finally { emailBtn.disabled = false; }
    }
    return h("section", { class: "come-back-box", "aria-label": "Come back later" },
      h("h3", {}, "Come back later"), codeForm, emailForm, status);
  }

  // ---------- 2. upload ----------
  function uploadScreen() {
    // The real file input takes keyboard focus (Enter or Space opens the picker); its label is the visible button.
    const input = h("input", { type: "file", id: "gc-file", class: "file-input",
      accept: ".json,.tsv,.csv,.txt,.pdf,.html,.htm,application/json,text/tab-separated-values,text/csv,application/pdf,text/html",
      "aria-describedby": "gc-file-help" });
    const err = errorBox();
    const busy = h("p", { class: "busy", role: "status", hidden: true }, h("span", { class: "spinner", "aria-hidden": "true" }), "Reading your report…");
    const pick = h("label", { for: "gc-file", class: "btn" }, "Choose a file");
    const zone = h("div", { class: "drop" },
      h("p", { class: "drop-title" }, "Drag your report file here"), h("p", { class: "muted" }, "or"), input, pick,
      h("p", { class: "muted small", id: "gc-file-help" }, say().upload_help));
    input.addEventListener("change", () => { if (input.files && input.files[0]) send(input.files[0]); });
    for (const ev of ["dragenter", "dragover"]) zone.addEventListener(ev, (e) => { e.preventDefault(); zone.classList.add("over"); });
    for (const ev of ["dragleave", "drop"]) zone.addEventListener(ev, () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) send(f);
    });
    const typeIn = h("button", { type: "button", class: "link", onclick: () => confirmScreen([], { typed: true }) },
      "Type in my results instead");
    show(h("div", { class: "screen" }, heading("Add your report"),
      h("p", { class: "lead" }, "We read your report so we can explain your own results."), zone, busy, err, typeIn));

    async function send(file) {
      err.hidden = true;
      if (file.size > state.config.upload_limit_bytes) {  // the server would refuse it: say so before uploading
        input.value = "";
        setError(err, say().upload_too_big);
        input.focus();
        return;
      }
      busy.hidden = false; input.disabled = true; pick.classList.add("disabled");
      const form = new FormData();
      form.append("file", file, file.name);
      try {
        const r = await api("POST", `/api/sessions/${encodeURIComponent(state.session)}/report`, { form });
        if (r && r.status === "needs_confirmation") return confirmScreen(r.rows || [], { typed: false });
        await acceptReport(r);
      } catch (e) {
        busy.hidden = true; input.disabled = false; pick.classList.remove("disabled"); input.value = "";
        if (sessionGone(e) && e.status !== 404) { forget(); return endedScreen(); }
        if (TYPE_IN_ERRORS[e.code]) return typeInstead(err, say()[TYPE_IN_ERRORS[e.code]]);
        setError(err, plainError(e, true), e.detail);
        input.focus();
      }
    }
  }

  async function acceptReport(r) {
    setReport(r);
    summaryScreen();
  }
  // The API sends the summary cards with the report (upload reply and session), whatever the report's size.
  function setReport(r) {
    const report = (r && r.report) || {};
    state.reportMeta = { name: report.patient_display_name || null, lab: report.lab || null, date: report.report_date || null,
      warnings: [...((r && r.warnings) || [])].map(String) };
    state.cardsFailed = !(r && Array.isArray(r.cards));
    state.cards = state.cardsFailed ? [] : r.cards;
    state.medicines = (r && Array.isArray(r.medicines)) ? r.medicines : [];
  }

  // ---------- 2b. confirm: rows read from a PDF/HTML report, or typed in, checked by the patient ----------
  // Nothing read from a file is used until the patient confirms it. Every sentence comes from the server.
  const TYPE_IN_ERRORS = { scanned_pdf: "upload_scanned", encrypted_pdf: "upload_locked" };
  function typeInstead(box, text) {
    setError(box, text);
    box.append(h("button", { type: "button", class: "btn secondary", onclick: () => confirmScreen([], { typed: true }) },
      "Type in my results"));
  }
  async function pendingOrUpload() {
    try {
      const p = await api("GET", `/api/sessions/${encodeURIComponent(state.session)}/report/pending`);
      if (p && Array.isArray(p.rows)) return confirmScreen(p.rows, { typed: false });
    } catch (_) { /* no rows waiting: upload */ }
    uploadScreen();
  }
  // Suggestions are asked for one at a time: a token may have only two requests in flight, and the
  // patient's own "Yes, use these results" must not wait behind a row per gene.
  const suggestCache = new Map();
  let suggestQueue = Promise.resolve();
  async function suggest(gene) {
    const key = (gene || "").trim().toUpperCase();
    if (!suggestCache.has(key)) {
      const path = "/api/report-suggestions" + (key ? "?gene=" + encodeURIComponent(key) : "");
      const next = suggestQueue.then(() => api("GET", path)).catch(() => { suggestCache.delete(key); return null; });
      suggestQueue = next;
      suggestCache.set(key, next);
    }
    return suggestCache.get(key);
  }
  function fillList(list, values) { list.replaceChildren(...(values || []).map((v) => h("option", { value: v }))); }
  const ROW_FIELDS = {
    pgx: [["gene", "Gene"], ["diplotype", "Result (for example *1/*2)"], ["phenotype", "Phenotype"]],
    variant: [["gene", "Gene"], ["hgvs", "Variant (c.)"], ["protein", "Protein change (p.)"], ["zygosity", "Zygosity"],
      ["classification", "Classification"], ["condition", "Condition"]],
  };
  let rowSeq = 0;
  function rowEditor(row, onRemove) {
    const n = ++rowSeq;
    const kind = row.kind === "variant" ? "variant" : "pgx";
    const inputs = {};
    const fields = ROW_FIELDS[kind].map(([name, label]) => {
      const id = `gc-row${n}-${name}`;
      const listId = id + "-list";
      const input = h("input", { id, name, type: "text", value: row[name] || "", autocomplete: "off", list: listId,
        "data-field": name });
      inputs[name] = input;
      return h("div", { class: "field" }, h("label", { for: id }, label), input, h("datalist", { id: listId }));
    });
    const lists = (name) => inputs[name] && inputs[name].list;
    async function refresh() {
      const s = await suggest(inputs.gene.value);
      if (!s) return;
      fillList(lists("gene"), kind === "pgx" ? s.pgx_genes : s.variant_genes);
      if (kind === "pgx") {
        fillList(lists("phenotype"), s.phenotypes);
        const a = s.alleles || [];
        fillList(lists("diplotype"), a.length > 1 ? a.slice(0, 12).map((x) => `${a[0]}/${x}`) : []);
      } else {
        fillList(lists("classification"), s.classifications);
        fillList(lists("zygosity"), ["heterozygous", "homozygous", "hemizygous"]);
      }
    }
    inputs.gene.addEventListener("change", refresh);
    refresh();
    const where = row.where ? " · from " + row.where : "";
    const box = h("fieldset", { class: "confirm-row", "data-kind": kind },
      h("legend", {}, (kind === "variant" ? "Variant" : "Gene result") + where), ...fields,
      h("button", { type: "button", class: "link danger-link", onclick: () => { box.remove(); onRemove(); } },
        "Remove this row"));
    box.readRow = () => {
      const out = { kind };
      for (const [name] of ROW_FIELDS[kind]) {
        const v = inputs[name].value.trim();
        if (v) out[name] = v;
      }
      if (row.page) out.page = row.page;
      if (row.where) out.where = row.where;
      return out;
    };
    return box;
  }
  function confirmScreen(rows, { typed }) {
    const err = errorBox();
    const list = h("div", { class: "confirm-rows" });
    const empty = h("p", { class: "muted", hidden: true }, "No rows yet.");
    const syncEmpty = () => { empty.hidden = list.children.length > 0; };
    const add = (row) => { list.append(rowEditor(row, syncEmpty)); syncEmpty(); };
    for (const r of rows) add(r);
    if (!rows.length) add({ kind: "pgx" });
    const intro = typed ? say().manual_intro : rows.length ? say().confirm_intro : say().confirm_none_found;
    const confirm = h("button", { type: "submit", class: "btn" }, "Yes, use these results");
    const form = h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); send(); } },
      list, empty,
      h("div", { class: "row" },
        h("button", { type: "button", class: "btn secondary", onclick: () => add({ kind: "pgx" }) }, "Add a gene result"),
        h("button", { type: "button", class: "btn secondary", onclick: () => add({ kind: "variant" }) }, "Add a variant")),
      err, confirm,
      h("button", { type: "button", class: "link", onclick: () => uploadScreen() }, "Upload a different file"));
    show(h("div", { class: "screen confirm" }, heading("Check your results"),
      h("p", { class: "lead" }, intro), h("p", { class: "muted small" }, say().confirm_help), form));
    async function send() {
      err.hidden = true; confirm.disabled = true;
      const picked = [...list.children].map((b) => b.readRow()).filter((r) => Object.keys(r).some((k) => !["kind", "page", "where"].includes(k)));
      try {
        const r = await api("POST", `/api/sessions/${encodeURIComponent(state.session)}/report/confirm`,
          { json: { rows: picked, typed: typed || !rows.length } });
        await acceptReport(r);
      } catch (e) {
        confirm.disabled = false;
        if (sessionGone(e) && e.status !== 404) { forget(); return endedScreen(); }
        setError(err, plainError(e));
        err.focus && err.focus();
      }
    }
  }

  // ---------- 3b. my medicines: what the patient takes, and which of their results concern each ----------
  // Every sentence shown here comes from the server (fixed, checked wording); the widget adds only labels.
  function medicineItem(m) {
    const results = (m.results || []).map((r) =>
      h("li", {}, r.result ? h("strong", {}, `${r.gene} (your result: ${r.result}): `) : null, r.text));
    return h("li", { class: "med" + (m.concerns_results ? " linked" : "") },
      h("h3", {}, m.label),
      results.length ? h("ul", { class: "med-results" }, results) : null,
      (m.notes || []).map((n) => h("p", { class: "muted small" }, n)));
  }
  function medicineList() {
    const meds = state.medicines || [];
    if (!meds.length) return h("p", { class: "muted med-empty" }, "No medicines listed yet.");
    return h("ul", { class: "meds", "aria-label": "Your medicines" }, meds.map(medicineItem));
  }
  function medicinesSection() {
    const err = errorBox();
    const box = h("textarea", { id: "gc-meds", rows: "2", maxlength: "2000", autocomplete: "off",
      placeholder: "For example: Plavix, simvastatin" });
    box.value = (state.medicines || []).map((m) => m.typed).join(", ");
    let list = medicineList();
    const saveBtn = h("button", { type: "submit", class: "btn secondary" }, "Save my medicines");
    const form = h("form", { class: "med-form", onsubmit: async (e) => {
      e.preventDefault();
      saveBtn.disabled = true; err.hidden = true;
      try {
        const r = await api("PUT", `/api/sessions/${encodeURIComponent(state.session)}/medicines`,
          { json: { medicines: box.value.trim() ? [box.value] : [] } });
        state.medicines = r.medicines || [];
        const fresh = medicineList();
        list.replaceWith(fresh); list = fresh;
      } catch (x) { setError(err, plainError(x)); }
      finally { saveBtn.disabled = false; }
    } }, h("label", { for: "gc-meds" }, "Medicines you take"), box, saveBtn);
    return h("section", { class: "my-medicines", "aria-label": "My medicines" },
      h("h3", { class: "section-title" }, "My medicines"), h("p", { class: "small" }, say().medicines_help),
      form, err, list, h("p", { class: "note" }, say().medicines_not_advice));
  }

  // ---------- 3. summary cards ----------
  function cardList(cards) {
    if (state.cardsFailed) return h("p", { class: "muted" }, "We could not show your result cards right now. You can still ask questions about your report.");
    if (!cards.length) return h("p", { class: "muted" }, "Your report has no results we could show as cards.");
    return h("ul", { class: "cards", "aria-label": "Your results" }, cards.map((c) =>
      h("li", { class: "card level-" + c.level },
        h("div", { class: "card-head" }, h("h3", {}, c.gene),
          h("span", { class: "badge" }, h("span", { "aria-hidden": "true", class: "sym" }, c.symbol), c.label)),
        h("p", { class: "result" }, h("span", { class: "sr-only" }, "Result: "), c.result),
        h("p", {}, c.meaning),
        h("p", { class: "matters" }, h("strong", {}, c.kind === "variant" ? "Linked to: " : "Can matter for: "),
          (c.matters_for || []).join("; ")),
        (c.notes || []).length ? h("p", { class: "muted small" }, "Note: " + c.notes.join(" ")) : null)));
  }
  function reportLine() {
    const m = state.reportMeta || {};
    const bits = [m.name ? "For " + m.name : null, m.lab ? "from " + m.lab : null, m.date ? "dated " + m.date : null].filter(Boolean);
    return bits.length ? h("p", { class: "muted report-line" }, "Report " + bits.join(", ").replace(/^For/, "for")) : null;
  }
  function summaryScreen() {
    const m = state.reportMeta || {};
    show(h("div", { class: "screen" }, heading("Your results at a glance"), reportLine(),
      h("p", { class: "note" }, say().cards_not_advice),
      (m.warnings || []).length ? h("details", { class: "warnings" }, h("summary", {}, `Notes about your report (${m.warnings.length})`),
        h("ul", {}, m.warnings.map((w) => h("li", {}, w)))) : null,
      cardList(state.cards),
      medicinesSection(),
      h("button", { type: "button", class: "btn wide", onclick: () => chatScreen() }, "Ask a question about my results")));
  }

  // ---------- 4. chat ----------
  let log, input, sendBtn, typing, chatErr, suggestions;
  function chatScreen({ history } = {}) {
    log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
    typing = h("p", { class: "typing", role: "status", hidden: true },
      h("span", { class: "dots", "aria-hidden": "true" }, h("i"), h("i"), h("i")), "GeneChat is writing an answer…");
    chatErr = errorBox();
    input = h("textarea", { id: "gc-q", rows: "2", maxlength: "2000", autocomplete: "off",
      placeholder: "For example: what does my CYP2C19 result mean?" });
    input.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); ask(); } });
    sendBtn = h("button", { type: "submit", class: "btn" }, "Send");
    const form = h("form", { class: "composer", onsubmit: (e) => { e.preventDefault(); ask(); } },
      h("label", { for: "gc-q" }, "Your question"), h("div", { class: "row" }, input, sendBtn));
    const genes = [...new Set(state.cards.map((c) => c.gene))].slice(0, 2);
    suggestions = (history || []).length ? null : h("div", { class: "chips", role: "group", "aria-label": "Suggested questions" },
      [...genes.map((g) => `What does my ${g} result mean?`), "What is pharmacogenomics?"].map((q) =>
        h("button", { type: "button", class: "chip", onclick: () => { input.value = q; ask(); } }, q)));
    const results = h("details", { class: "my-results" }, h("summary", {}, `My results (${state.cards.length})`),
      reportLine(), cardList(state.cards));
    const meds = h("details", { class: "my-meds" }, h("summary", {}, "My medicines"), medicinesSection());
    show(h("div", { class: "screen chat" }, h("h2", { tabindex: "-1", class: "sr-only" }, "Chat"), results, meds, log,
      suggestions, typing, chatErr, form), { focus: false });
    log.append(botBubble({ text: say().chat_intro, action: "answer", citations: [] }, { intro: true }));
    state.escalationCards = [];
    for (const m of history || []) renderMessage(m);
    refreshProgress();  // counselor replies later in the history change what each card says
    if (!panel.hidden) input.focus();
    startPolling();
  }

  async function ask() {
    const text = input.value.trim();
    if (!text || state.sending) return;
    state.sending = true; sendBtn.disabled = true; chatErr.hidden = true;
    // A retry of the same text reuses its id, so a message the server did get is stored once.
    if (!state.pending || state.pending.text !== text) state.pending = { text, id: newId() };
    if (suggestions) { suggestions.remove(); suggestions = null; }
    const mine = userBubble(text);
    log.append(mine); scrollLog();
    typing.hidden = false;
    try {
      const r = await api("POST", `/api/sessions/${encodeURIComponent(state.session)}/messages`, { json: { text, client_id: state.pending.id } });
      input.value = "";
      state.pending = null;
      rememberIds(r);
      const bot = botBubble(r);
      log.append(bot);
      refreshProgress();  // a question that joined an open case updates that case's earlier cards too
      if (r.action === "emergency") showBanner();
      log.scrollTop = Math.max(0, mine.offsetTop - 8);  // show the question and the start of its answer
    } catch (e) {
      mine.remove();
      if (sessionGone(e)) { forget(); return endedScreen(); }
      setError(chatErr, plainError(e) + " Your question is still in the box.", "", () => { chatErr.hidden = true; ask(); });
      input.focus();
    } finally {
      typing.hidden = true; state.sending = false; sendBtn.disabled = false;
    }
  }
  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
  const scrollLog = () => { log.scrollTop = log.scrollHeight; };
  function rememberIds(r) {
    for (const k of ["message_id", "reply_id", "user_message_id"]) if (r && r[k] !== undefined) state.seen.add(String(r[k]));
  }

  function userBubble(text) {
    return h("div", { class: "msg user" }, h("p", { class: "who" }, "You"), ...paragraphs(text));
  }
  function citationsBlock(cites) {
    const list = (cites || []).filter((c) => c && c.title);
    if (!list.length) return null;
    return h("details", { class: "cites" }, h("summary", {}, `Sources (${list.length})`),
      h("ul", {}, list.map((c) => h("li", {}, h("strong", {}, c.title),
        (c.source_urls || []).map(safeUrl).filter(Boolean).length
          ? h("ul", { class: "links" }, (c.source_urls || []).map(safeUrl).filter(Boolean).map((u) =>
            h("li", {}, h("a", { href: u, target: "_blank", rel: "noopener noreferrer" }, shortUrl(u),
              h("span", { class: "sr-only" }, " (opens in a new tab)")))))
          : null))));
  }
  function factsLine(facts) {
    const parts = (facts || []).map((f) => [f.gene, f.diplotype, f.phenotype, f.hgvs, f.classification].filter(Boolean).join(" "))
      .filter(Boolean);
    return parts.length ? h("p", { class: "facts" }, "From your report: " + parts.join("; ")) : null;
  }
  function escalationCard(r, escId) {
    const esc = r.escalation || state.escalations.get(String(escId));
    const urgent = esc && esc.priority === "urgent";
    const emergency = r.action === "emergency";
    const words = emergency ? say().emergency_handoff_steps : urgent ? say().handoff_steps_urgent : say().handoff_steps;
    // After an emergency the last step is the one to act on now, so it stands out.
    const steps = words.map((text, i) => h("li", {}, emergency && i === words.length - 1 ? h("strong", {}, text) : text));
    const card = h("div", { class: "escalated", role: "note", "data-escalation": escId ?? null },
      h("p", { class: "esc-title" }, "Sent to a genetic counselor"), h("ul", { class: "esc-next" }, steps),
      h("ol", { class: "esc-steps", "aria-label": "Counselor review progress" }),
      h("p", { class: "esc-status" }, "Status: waiting for a counselor"));
    state.escalationCards.push(card);
    showProgress(card);
    return card;
  }

  // ---------- escalation progress: open -> claimed (a counselor is reviewing it) -> resolved ----------
  function when(iso) {
    const d = new Date(iso || "");
    if (Number.isNaN(d.getTime())) return "";
    const time = d.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
    return d.toDateString() === new Date().toDateString() ? time
      : d.toLocaleDateString([], { month: "short", day: "numeric" }) + ", " + time;
  }
  // Counselor replies are not tied to one escalation: one written while it was active counts as its reply.
  function replied(esc) {
    if (typeof esc.answered === "boolean") return esc.answered;
    const from = Date.parse(esc.created_at || "") || 0;
    const to = esc.resolved_at ? Date.parse(esc.resolved_at) + 1000 : Infinity;
    return state.counselorTimes.some((t) => t >= from && t <= to);
  }
  function statusWords(esc) {
    if (replied(esc)) return say().case_answered;
    if (esc.status === "claimed") return say().case_reviewing;
    if (esc.status === "resolved") return say().case_resolved;
    return say().case_received;
  }
  function progressSteps(esc) {
    const resolved = esc.status === "resolved";
    const steps = [
      ["done", "Sent to a counselor", esc.created_at],
      resolved ? ["done", "Reviewed by a counselor", esc.claimed_at]
        : esc.status === "claimed" ? ["now", "A counselor is reviewing it, since", esc.claimed_at]
          : ["now", "Waiting for a counselor to look at it", null],
      resolved ? ["done", "Finished", esc.resolved_at] : ["todo", "Finished", null],
    ];
    const words = { done: "Done: ", now: "Now: ", todo: "Not yet: " };
    const marks = { done: "✓", now: "●", todo: "" };
    return steps.map(([kind, label, time]) => h("li", { class: kind, "aria-current": kind === "now" ? "step" : null },
      h("span", { class: "sr-only" }, words[kind]), h("span", { class: "dot", "aria-hidden": "true" }, marks[kind]),
      h("span", {}, label, time ? h("span", { class: "when" }, (kind === "now" ? " " : " · ") + when(time)) : null)));
  }
  function showProgress(card) {
    const esc = state.escalations.get(String(card.dataset.escalation));
    const steps = card.querySelector(".esc-steps");
    if (!esc) { steps.hidden = true; return; }  // a reply stored before progress was tracked
    steps.hidden = false;
    steps.replaceChildren(...progressSteps(esc));
    card.querySelector(".esc-status").textContent = "Status: " + statusWords(esc);
    card.querySelector(".esc-next").hidden = esc.status === "resolved";
    card.classList.toggle("esc-resolved", esc.status === "resolved");
  }
  // Remember the newest state of each escalation; returns the ones whose state changed.
  function trackEscalations(list) {
    const changed = [];
    for (const e of list || []) {
      if (!e || e.id === undefined) continue;
      const before = state.escalations.get(String(e.id));
      if (before && before.status !== e.status) changed.push(e);
      state.escalations.set(String(e.id), e);
    }
    return changed;
  }
  const refreshProgress = () => { for (const c of state.escalationCards) if (c.isConnected) showProgress(c); };
  function botBubble(r, { intro = false } = {}) {
    const action = r.action || "answer";
    const escId = r.escalation ? r.escalation.id : r.escalation_id;
    if (r.escalation) trackEscalations([r.escalation]);
    const el = h("div", { class: "msg bot action-" + action },
      h("p", { class: "who" }, action === "emergency" ? "GeneChat — urgent safety message" : "GeneChat"),
      ...(action === "emergency" ? callableParagraphs(r.reply || r.text) : paragraphs(r.reply || r.text)),
      intro ? null : factsLine(r.report_facts), citationsBlock(r.citations),
      action === "escalate" || (action === "emergency" && (r.escalation || r.escalation_id)) ? caseCard(r, escId) : null);
    return el;
  }
  // The first reply of a case gets the "what happens next" card; a follow-up that joined or re-opened it
  // (the same concern) says so in one line, with no second card.
  function caseCard(r, escId) {
    const first = r.case_event ? r.case_event === "opened" : !state.casesShown.has(String(escId));
    if (escId !== undefined && escId !== null) state.casesShown.add(String(escId));
    if (!first) return h("p", { class: "esc-joined", role: "note" }, say().handoff_joined);
    const card = escalationCard(r, escId);
    if (r.case_event === "opened") card.append(comeBackBox());
    return card;
  }
  function counselorBubble(m) {
    const name = m.author || m.counselor || m.counselor_name;
    return h("div", { class: "msg counselor", tabindex: "-1" },
      h("p", { class: "who" }, "Genetic counselor" + (name ? " · " + name : "")), ...paragraphs(m.text || m.reply));
  }
  const roleOf = (m) => ({ patient: "user", assistant: "bot" })[m.role] || m.role;
  const idOf = (m) => String(m.id ?? m.message_id ?? `${m.role}:${m.created_at}:${m.text}`);
  function renderMessage(m) {
    state.seen.add(idOf(m));
    const role = roleOf(m);
    if (role === "user") log.append(userBubble(m.text));
    else if (role === "counselor") {
      const t = Date.parse(m.created_at || "");
      if (!Number.isNaN(t)) state.counselorTimes.push(t);
      log.append(counselorBubble(m));
    }
    else {
      log.append(botBubble({ ...m, reply: m.text ?? m.reply }));
      if (m.action === "emergency") showBanner();
    }
  }
  // ---------- emergency banner: closable, shown again by the next emergency reply ----------
  function showBanner() {
    const close = h("button", { type: "button", class: "banner-close", "aria-label": "Close the emergency message",
      onclick: () => closeBanner() }, "✕");
    banner.replaceChildren(h("p", {}, h("strong", {}, "Emergency: "),
      ...withPhoneLinks(state.config ? say().emergency : EMERGENCY_FALLBACK)), close);
    banner.hidden = false;
  }
  function closeBanner() {
    banner.hidden = true;
    // Focus must not be lost with the button: back to the question box, else the screen's heading.
    const box = main.querySelector("#gc-q");
    if (box) box.focus(); else focusHeading();
  }
  // ---------- phone numbers in the server's safety wording become tel: links, built as DOM nodes ----------
  const PHONE = /(^|[^\w-])(\d[\d-]{1,14}\d)(?![\w-])/g;
  function withPhoneLinks(text) {
    const out = [];
    let last = 0;
    for (const m of String(text || "").matchAll(PHONE)) {
      const start = m.index + m[1].length;
      out.push(text.slice(last, start), h("a", { class: "tel", href: "tel:" + m[2].replace(/-/g, "") }, m[2]));
      last = start + m[2].length;
    }
    out.push(String(text || "").slice(last));
    return out.filter((part) => part !== "");
  }
  const callableParagraphs = (text) => String(text || "").split(/\n{2,}/).filter((p) => p.trim())
    .map((p) => h("p", {}, ...withPhoneLinks(p.trim())));

  // Counselor replies and escalation progress arrive by polling the conversation (no reload, no websockets).
  // A hidden tab does not poll; it catches up as soon as it is shown again.
  function startPolling() { stopPolling(); state.pollTimer = setInterval(() => { if (!document.hidden) poll(); }, POLL_MS); }
  function stopPolling() { if (state.pollTimer) clearInterval(state.pollTimer); state.pollTimer = null; }
  document.addEventListener("visibilitychange", () => { if (!document.hidden && state.pollTimer) poll(); });
  const messagesOf = (data) => (Array.isArray(data) ? data : (data && (data.messages || data.conversation)) || []);
  async function poll() {
    if (!state.session || !log || !log.isConnected || state.polling) return;
    let data;
    state.polling = true;
    try { data = await api("GET", `/api/sessions/${encodeURIComponent(state.session)}/messages`); }
    catch (e) { if (sessionGone(e)) { forget(); endedScreen(); } return; }
    finally { state.polling = false; }
    const news = [];
    for (const m of messagesOf(data)) {
      if (roleOf(m) !== "counselor" || state.seen.has(idOf(m))) continue;
      renderMessage(m);
      news.push("A genetic counselor replied.");
    }
    for (const e of trackEscalations(data && data.escalations)) news.push(statusWords(e));
    refreshProgress();
    if (news.length) { announce(news.join(" ")); scrollLog(); }
  }

  // ---------- delete ----------
  function buildDeleteDialog() {
    const err = errorBox();
    const cancel = h("button", { type: "button", class: "btn secondary", onclick: () => d.close() }, "Cancel");
    const confirm = h("button", { type: "button", class: "btn danger", onclick: () => doDelete() }, "Yes, delete everything");
    const d = h("dialog", { class: "dialog", "aria-labelledby": "gc-del-title", "aria-describedby": "gc-del-body" },
      h("h2", { id: "gc-del-title" }, "Delete your data?"),
      h("p", { id: "gc-del-body" }, "This erases your report and this conversation from GeneChat, including any " +
        "question waiting for a counselor. This cannot be undone."),
      err, h("div", { class: "row end" }, cancel, confirm));
    async function doDelete() {
      confirm.disabled = true; err.hidden = true;
      try {
        await api("DELETE", `/api/sessions/${encodeURIComponent(state.session)}`);
      } catch (e) {
        if (!sessionGone(e)) { setError(err, plainError(e)); confirm.disabled = false; return; }
      }
      confirm.disabled = false;
      d.close();
      forget();
      banner.hidden = true;
      deletedScreen();
    }
    d.addEventListener("close", () => { if (state.session) deleteBtn.focus(); });
    return d;
  }
  function confirmDelete() { dialog.showModal(); dialog.querySelector(".btn.secondary").focus(); }

  function deletedScreen() {
    show(h("div", { class: "screen" }, heading("Your data was deleted"),
      h("p", {}, "Your report and your conversation have been erased from GeneChat."),
      h("button", { type: "button", class: "btn", onclick: () => consentScreen() }, "Start again")));
  }
  function endedScreenWith(text) {
    show(h("div", { class: "screen" }, heading("GeneChat is not available"), h("p", {}, text),
      h("p", {}, state.config ? say().emergency : EMERGENCY_FALLBACK),
      h("button", { type: "button", class: "btn", onclick: () => resume() }, "Try again")));
  }
  function endedScreen() {
    show(h("div", { class: "screen" }, heading("This chat has ended"), h("p", {}, WORDS.ended),
      h("button", { type: "button", class: "btn", onclick: () => consentScreen() }, "Start again")));
  }

  // ---------- start: resume this tab's session if it still exists ----------
  function welcomeBack() {
    const cases = [...state.escalations.values()];
    if (!cases.length) return;
    const box = h("section", { class: "welcome-back", role: "status", "aria-label": "Your questions to a counselor" },
      h("p", {}, h("strong", {}, say().welcome_back)),
      h("ul", {}, cases.map((e) => h("li", {}, (e.priority === "urgent" ? "Urgent question: " : "Your question: ") + statusWords(e)))));
    log.prepend(box);
    const replies = log.querySelectorAll(".msg.counselor");
    const latest = replies[replies.length - 1];
    if (latest) { latest.scrollIntoView({ block: "start" }); latest.focus({ preventScroll: true }); }
    else box.scrollIntoView({ block: "start" });
  }
  async function resume({ welcome = false } = {}) {
    try { await loadConfig(); } catch (e) { return endedScreenWith(plainError(e)); }
    const saved = load();
    if (!saved || !saved.session) return consentScreen();
    Object.assign(state, { session: saved.session, token: saved.token });
    const path = `/api/sessions/${encodeURIComponent(state.session)}`;
    try {
      const [session, data] = await Promise.all([api("GET", path), api("GET", path + "/messages")]);
      if (!session || !session.report) return pendingOrUpload();
      setReport(session);
      trackEscalations(data && data.escalations);
      chatScreen({ history: messagesOf(data) });
      if (welcome) welcomeBack();
    } catch (e) {
      if (sessionGone(e)) { forget(); return consentScreen(); }
      endedScreenWith(plainError(e));
    }
  }
  style.addEventListener("load", () => { host.classList.add("ready"); tellHost(); });
  if (launcher && window.ResizeObserver) new ResizeObserver(() => tellHost()).observe(launcher);
  if (launcher) window.addEventListener("resize", () => tellHost());  // the page widened the frame to re-measure
  linkFromEmail().then((handled) => { if (!handled) resume(); });
})();
