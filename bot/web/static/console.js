/* GeneChat counselor console: login, escalation queue with working views (urgent / waiting / mine /
 * resolved), each case's age against the target reply time, conversation review, the patient's medicines and
 * result cards, internal notes, reply templates, claim/reply/resolve, feedback.
 * Plain JavaScript, no build step. All text is inserted as text (never as HTML).
 */
(() => {
  "use strict";
  const POLL_MS = Number(new URLSearchParams(location.search).get("poll")) || 10000;
  const KEY = "genechat-console";
  const app = document.getElementById("app");
  const who = document.getElementById("who");
  const live = document.getElementById("live");
  const state = { token: null, user: null, queue: [], selected: null, detail: null, view: "active", timer: null,
    drafts: {}, loading: false, missingChecked: null, templates: null };
  // The queue's working views: each is a ?status= filter of GET /api/escalations.
  const VIEWS = [["active", "All open"], ["urgent", "Urgent"], ["waiting", "Waiting for a reply"], ["mine", "Mine"],
    ["resolved", "Resolved"]];
  const PRIORITY_RANK = { emergency: 0, urgent: 0, high: 1, normal: 2, low: 3 };
  const ACTIONS = ["answer", "escalate", "emergency", "decline"];

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
  const announce = (t) => { live.textContent = ""; setTimeout(() => { live.textContent = t; }, 50); };
  const safeUrl = (u) => (/^https?:\/\//i.test(String(u || "")) ? String(u) : null);

  class ApiError extends Error {
    constructor(status, code, message) { super(message || code); this.status = status; this.code = code; }
  }
  // A request the server shed for load (503 "overloaded": never started, so safe to repeat) is tried again
  // a few times: the console's poll, a view change and an action can briefly overlap, and the server allows
  // one token two requests in flight.
  async function api(method, path, json) {
    for (let attempt = 0; ; attempt++) {
      try { return await apiOnce(method, path, json); }
      catch (e) {
        if (!(e.status === 503 && e.code === "overloaded") || attempt >= 3) throw e;
        await new Promise((done) => setTimeout(done, 300 * 2 ** attempt));
      }
    }
  }
  async function apiOnce(method, path, json) {
    const headers = { Accept: "application/json" };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    if (json !== undefined) headers["Content-Type"] = "application/json";
    let res;
    try { res = await fetch(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) }); }
    catch (_) { throw new ApiError(0, "network", "Cannot reach the server. Check your connection and try again."); }
    if (res.status === 204) return null;
    let data = null;
    try { data = await res.json(); } catch (_) { data = null; }
    if (!res.ok) {
      const e = (data && data.error) || {};
      if (res.status === 401 && path !== "/api/auth/login") { signOut("Your sign-in expired. Please sign in again."); }
      throw new ApiError(res.status, e.code || "http_" + res.status, e.message || `Request failed (${res.status}).`);
    }
    return data;
  }

  // ---------- time and shape helpers (tolerant of small API shape differences) ----------
  const created = (e) => Date.parse(e.created_at || e.opened_at || "") || 0;
  function age(e) {
    const secs = e.age_seconds ?? (created(e) ? (Date.now() - created(e)) / 1000 : null);
    if (secs === null || Number.isNaN(secs)) return "";
    if (secs < 90) return "just now";
    if (secs < 3600) return `${Math.round(secs / 60)} min ago`;
    if (secs < 86400) return `${Math.round(secs / 3600)} h ago`;
    return `${Math.round(secs / 86400)} days ago`;
  }
  function span(secs) {
    const m = Math.max(1, Math.round(secs / 60));
    if (m < 60) return `${m} min`;
    const hrs = Math.floor(m / 60), rest = m % 60;
    if (hrs < 48) return rest && hrs < 10 ? `${hrs} h ${rest} min` : `${hrs} h`;
    return `${Math.round(hrs / 24)} days`;
  }
  // A case's age against the target time to a first reply (GENECHAT_REPLY_TARGET_MINUTES).
  function dueness(e) {
    const target = e.target_reply_seconds || 0;
    if (e.status === "resolved" || !target || e.age_seconds === undefined) return null;
    if (e.replied) return { kind: "replied", text: "Replied" };
    const left = target - e.age_seconds;
    if (left < 0) return { kind: "overdue", text: `OVERDUE by ${span(-left)} (target ${span(target)})` };
    return { kind: left < target / 4 ? "due-soon" : "on-time", text: `Reply due in ${span(left)} (target ${span(target)})` };
  }
  function dueBadge(e) {
    const d = dueness(e);
    return d ? h("span", { class: "due " + d.kind }, d.text) : null;
  }
  const itemsOf = (d) => (Array.isArray(d) ? d : (d && (d.escalations || d.items || d.queue)) || []);
  const escId = (e) => e.id ?? e.escalation_id;
  const claimedBy = (e) => e.claimed_by || e.assignee || e.counselor || null;
  function sortQueue(list) {
    return [...list].sort((a, b) => ((PRIORITY_RANK[a.priority] ?? 2) - (PRIORITY_RANK[b.priority] ?? 2)) ||
      (a.age_seconds !== undefined && b.age_seconds !== undefined ? b.age_seconds - a.age_seconds : created(a) - created(b)));
  }
  const roleName = { user: "Patient", patient: "Patient", bot: "GeneChat", assistant: "GeneChat", counselor: "Counselor" };

  // ---------- login ----------
  function loginScreen(message) {
    stopPolling();
    who.replaceChildren();
    const err = h("p", { class: message === "You are signed out." ? "notice" : "error", role: "alert", hidden: !message },
      message || "");
    const user = h("input", { id: "c-user", name: "username", autocomplete: "username", required: true });
    const pass = h("input", { id: "c-pass", name: "password", type: "password", autocomplete: "current-password", required: true });
    const btn = h("button", { type: "submit", class: "btn" }, "Sign in");
    const form = h("form", { class: "login card", onsubmit: async (ev) => {
      ev.preventDefault(); btn.disabled = true; err.hidden = true;
      try {
        const r = await api("POST", "/api/auth/login", { username: user.value.trim(), password: pass.value });
        state.token = r.token; state.user = user.value.trim();
        sessionStorage.setItem(KEY, JSON.stringify({ token: state.token, user: state.user }));
        queueScreen();
      } catch (e) {
        err.textContent = e.status === 401 ? "Wrong username or password." : e.message; err.className = "error";
        err.hidden = false; btn.disabled = false;
        pass.focus();
      }
    } },
    h("h1", {}, "Sign in"), h("p", { class: "muted" }, "For genetic counselors. Your actions here are audited."), err,
    h("label", { for: "c-user" }, "Username"), user, h("label", { for: "c-pass" }, "Password"), pass, btn);
    app.replaceChildren(form);
    user.focus();
  }
  function signOut(message) {
    sessionStorage.removeItem(KEY);
    Object.assign(state, { token: null, user: null, selected: null, detail: null });
    loginScreen(message);
  }

  // ---------- queue + detail layout ----------
  let queueEl, detailEl;
  function queueScreen() {
    who.replaceChildren(h("span", {}, "Signed in as ", h("strong", {}, state.user || "counselor")),
      h("button", { type: "button", class: "btn small secondary", onclick: async () => {
        try { await api("POST", "/api/auth/logout"); } catch (_) { /* the token is forgotten either way */ }
        signOut("You are signed out.");
      } }, "Sign out"));
    const views = h("fieldset", { class: "views" }, h("legend", {}, "Show"),
      VIEWS.map(([value, label]) => h("div", { class: "check" },
        h("input", { type: "radio", name: "c-view", id: "c-view-" + value, value, checked: state.view === value,
          onchange: (e) => { if (e.target.checked) switchView(value); } }),
        h("label", { for: "c-view-" + value }, label))));
    queueEl = h("ol", { class: "queue", "aria-label": "Escalations, most urgent and oldest first" });
    detailEl = h("section", { class: "detail", "aria-label": "Selected escalation" },
      h("p", { class: "muted empty" }, "Select an escalation from the queue to see the conversation."));
    app.replaceChildren(h("div", { class: "layout" },
      h("section", { class: "queue-col", "aria-labelledby": "q-title" },
        h("div", { class: "queue-head" }, h("h1", { id: "q-title" }, "Queue"),
          h("button", { type: "button", class: "btn small secondary", onclick: () => refreshQueue(true).then(syncSelected) }, "Refresh")),
        views, queueEl),
      detailEl));
    state.templatesReady = loadTemplates();
    refreshQueue();
    startPolling();
  }
  // Fixed reply templates (bot/safety/reply_templates.py): they fill the reply box, never send by themselves.
  async function loadTemplates() {
    if (state.templates) return;
    try { state.templates = (await api("GET", "/api/reply-templates")).templates || []; }
    catch (_) { state.templates = null; }  // no templates: the counselor writes the reply from scratch
  }
  // The queue (and through it the open escalation) refreshes every POLL_MS while the tab is visible.
  function startPolling() {
    stopPolling();
    state.timer = setInterval(() => { if (!document.hidden) tick(); }, POLL_MS);
  }
  function stopPolling() { if (state.timer) clearInterval(state.timer); state.timer = null; }
  document.addEventListener("visibilitychange", () => { if (!document.hidden && state.timer) tick(); });
  async function tick() {
    await refreshQueue();
    await syncSelected();
  }

  // Arrow keys move through the views one change event at a time: load only the one the counselor stops on
  // (the server allows a token two requests in flight).
  function switchView(value) {
    state.view = value;
    clearTimeout(state.viewTimer);
    state.viewTimer = setTimeout(() => refreshQueue(true), 250);
  }
  // One queue request at a time: a refresh asked for meanwhile runs once the current one is done.
  async function refreshQueue(announceIt) {
    if (state.queueBusy) { state.queueAgain = state.queueAgain || (announceIt ? "announce" : "quiet"); return; }
    state.queueBusy = true;
    try { await loadQueue(announceIt); } finally { state.queueBusy = false; }
    const again = state.queueAgain;
    state.queueAgain = null;
    if (again) await refreshQueue(again === "announce");
  }
  async function loadQueue(announceIt) {
    const view = state.view;
    try {
      const list = itemsOf(await api("GET", `/api/escalations?status=${encodeURIComponent(view)}`));
      if (view !== state.view) return;  // the counselor switched views meanwhile
      state.queue = sortQueue(list);
    } catch (e) { if (e.status !== 401) queueEl.replaceChildren(h("li", { class: "error" }, e.message)); return; }
    renderQueue();
    const label = (VIEWS.find(([v]) => v === view) || [view, view])[1];
    if (announceIt) announce(`${label}: ${state.queue.length} case${state.queue.length === 1 ? "" : "s"}.`);
  }
  function renderQueue() {
    // Rows are rebuilt on every refresh: a keyboard user on a row stays on that row.
    const onRow = document.activeElement && queueEl.contains(document.activeElement) ? document.activeElement.dataset.id : null;
    drawQueue();
    const again = onRow && queueEl.querySelector(`.q-item[data-id="${CSS.escape(onRow)}"]`);
    if (again) again.focus();
  }
  function drawQueue() {
    if (!state.queue.length) { queueEl.replaceChildren(h("li", { class: "muted empty" }, "No cases in this view.")); return; }
    queueEl.replaceChildren(...state.queue.map((e) => {
      const id = String(escId(e));
      const urgent = (PRIORITY_RANK[e.priority] ?? 2) === 0;
      const mine = claimedBy(e) && claimedBy(e) === state.user;
      return h("li", {}, h("button", { type: "button", class: "q-item" + (state.selected === id ? " selected" : ""), "data-id": id,
        "aria-current": state.selected === id ? "true" : null, onclick: () => openEscalation(id) },
      h("span", { class: "q-top" },
        h("span", { class: "prio " + (urgent ? "urgent" : "normal") }, urgent ? "URGENT" : "Normal"),
        h("code", { class: "reason" }, e.reason || "—"), h("span", { class: "age" }, `#${id} · ${age(e)}`)),
      e.reason_text ? h("span", { class: "q-reason" }, e.reason_text) : null,
      // An emergency shows what the patient wrote right in the row: no click between reading and acting.
      urgent && e.trigger ? h("span", { class: "q-trigger" }, h("span", { class: "sr-only" }, "Patient wrote: "),
        "“" + e.trigger + "”") : null,
      h("span", { class: "q-summary" }, e.summary || "No summary"),
      dueBadge(e),
      h("span", { class: "q-claim" + (mine ? " mine" : "") },
        e.status === "resolved" ? "Resolved" + (claimedBy(e) ? ` by ${claimedBy(e)}` : "")
          : claimedBy(e) ? `Claimed by ${mine ? "you" : claimedBy(e)}` : "Unclaimed")));
    }));
  }

  // ---------- one escalation ----------
  // What changes when the patient writes, or a counselor claims or resolves: compared between queue and detail.
  const stampOf = (e) => [e.status, claimedBy(e) || "", e.last_message_id ?? ""].join("|");
  // Re-read the open escalation only when the queue shows it changed: each read is audited, so no blind polling.
  async function syncSelected() {
    const d = state.detail;
    if (!state.selected || !d || state.loading || String(escId(d)) !== state.selected) return;
    const item = state.queue.find((e) => String(escId(e)) === state.selected);
    if (item) {
      state.missingChecked = null;
      if (stampOf(item) === stampOf(d)) return;
    } else {
      // Gone from this list (resolved or withdrawn elsewhere, or the other filter): look once, not every tick.
      if (d.status === "resolved" || state.missingChecked === state.selected) return;
      state.missingChecked = state.selected;
    }
    const lastBefore = d.last_message_id;
    await openEscalation(state.selected, { refresh: true });
    const msgs = (state.detail && state.detail.conversation) || [];
    const newest = msgs[msgs.length - 1];
    if (newest && newest.id !== lastBefore && (newest.role === "user" || newest.role === "patient")) {
      announce("New message from the patient.");
    }
  }

  // Typed text lives in state.drafts per escalation, so a refresh (or switching cases) never loses it.
  function snapshot() {
    const shown = detailEl && detailEl.dataset.id;
    const snap = { id: shown, open: [], focus: null, sel: null, scroll: window.scrollY };
    if (!shown) return snap;
    const values = {};
    for (const el of detailEl.querySelectorAll("textarea[id], select[id], input[id]")) values[el.id] = el.value;
    state.drafts[shown] = values;
    for (const d of detailEl.querySelectorAll("details[data-key]")) if (d.open) snap.open.push(d.dataset.key);
    const a = document.activeElement;
    if (a && a.id && detailEl.contains(a)) {
      snap.focus = a.id;
      if (typeof a.selectionStart === "number") snap.sel = [a.selectionStart, a.selectionEnd];
    }
    return snap;
  }
  function restore(snap) {
    const id = state.selected;
    for (const [key, value] of Object.entries(state.drafts[id] || {})) {
      const el = document.getElementById(key);
      if (el && detailEl.contains(el)) el.value = value;
    }
    if (snap.id !== id) return;  // another escalation: only its drafts come back
    for (const d of detailEl.querySelectorAll("details[data-key]")) if (snap.open.includes(d.dataset.key)) d.open = true;
    window.scrollTo(window.scrollX, snap.scroll);
    const el = snap.focus && document.getElementById(snap.focus);
    if (el && detailEl.contains(el)) {
      el.focus({ preventScroll: true });
      if (snap.sel && typeof el.setSelectionRange === "function") el.setSelectionRange(snap.sel[0], snap.sel[1]);
    }
  }

  async function openEscalation(id, { refresh = false } = {}) {
    const snap = snapshot();
    state.selected = id;
    state.loading = true;
    renderQueue();
    if (!refresh) detailEl.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      await state.templatesReady;
      state.detail = await api("GET", `/api/escalations/${encodeURIComponent(id)}`);
    }
    catch (e) {
      state.detail = null;
      detailEl.dataset.id = "";
      detailEl.replaceChildren(h("p", { class: "error", role: "alert" }, e.status === 404
        ? "This escalation is no longer available (the patient may have deleted their data)." : e.message));
      return;
    } finally { state.loading = false; }
    if (state.selected !== id) return;  // the counselor picked another case meanwhile
    // a refresh of the case on screen (the poll, an action): what was typed while it was being fetched counts, not the
    // text from before the request (restoring that dropped keystrokes typed in between)
    const latest = refresh && detailEl.dataset.id === id ? snapshot() : snap;
    renderDetail();
    detailEl.dataset.id = id;
    restore(latest);
  }
  async function act(path, body, done, sent, focusId) {
    const id = state.selected;
    try {
      await api("POST", `/api/escalations/${encodeURIComponent(id)}/${path}`, body);
      if (sent) sent();
      announce(done);
      await openEscalation(id, { refresh: true });
      await refreshQueue();
      // (not when the counselor has gone on typing in a field meanwhile: moving focus then dropped their keystrokes,
      // "Monday" typed after "Claim" reached the reply as "Mo"; stop 51)
      const typing = document.activeElement && detailEl.contains(document.activeElement)
        && document.activeElement.matches("textarea, input:not([type=button]):not([type=submit]), select");
      const target = (focusId && document.getElementById(focusId)) || detailEl.querySelector(".status-line");
      if (target && !typing) target.focus();
    } catch (e) {
      const box = detailEl.querySelector(".action-error");
      if (box) { box.textContent = e.message; box.hidden = false; box.focus(); }
    }
  }

  function renderDetail() {
    const d = state.detail || {};
    const esc = d.escalation || d;
    const status = esc.status || "open";
    const owner = claimedBy(esc);
    const mine = owner && owner === state.user;
    const messages = d.messages || d.conversation || [];
    const report = d.report || null;
    const actErr = h("p", { class: "error action-error", role: "alert", tabindex: "-1", hidden: true });

    const claimBtn = status === "resolved" ? null
      : h("button", { type: "button", class: "btn", onclick: () => act("claim", owner && !mine ? { take_over: true } : undefined, owner && !mine ? "Taken over." : "Claimed.") },
        owner && !mine ? `Take over from ${owner}` : mine ? "Claimed by you" : "Claim");
    if (mine && claimBtn) claimBtn.disabled = true;

    const replyBox = h("textarea", { id: "c-reply", rows: "6", maxlength: "4000" });
    const replyErr = h("p", { class: "error reply-error", role: "alert", hidden: true });
    const replyForm = h("form", { class: "stack", onsubmit: (ev) => {
      ev.preventDefault();
      if (!replyBox.value.trim()) { replyBox.focus(); return; }
      const left = unfilled(replyBox.value);
      if (left.length) {
        replyErr.textContent = "Fill in the parts in brackets before sending: " + left.join(", ");
        replyErr.hidden = false;
        selectText(replyBox, left[0]);
        return;
      }
      replyErr.hidden = true;
      act("reply", { text: replyBox.value.trim() }, "Reply sent to the patient.", () => { replyBox.value = ""; });
    } }, templatePicker(replyBox), h("label", { for: "c-reply" }, "Reply to the patient (they see it in their chat)"),
    replyBox, replyErr, h("button", { type: "submit", class: "btn" }, "Send reply"));
    const noteBox = h("textarea", { id: "c-note", rows: "2", maxlength: "2000", required: true });
    const resolveForm = h("form", { class: "stack", onsubmit: (ev) => {
      ev.preventDefault();
      if (!noteBox.value.trim()) { noteBox.focus(); return; }
      act("resolve", { note: noteBox.value.trim() }, "Escalation resolved.");
    } }, h("label", { for: "c-note" }, "Resolution note (required, internal)"), noteBox,
    h("button", { type: "submit", class: "btn secondary" }, "Resolve"));
    const canWork = status !== "resolved" && mine;

    detailEl.replaceChildren(
      h("div", { class: "detail-head" },
        h("h2", {}, `Escalation #${state.selected}`),
        h("p", { class: "status-line", tabindex: "-1" },
          h("span", { class: "prio " + ((PRIORITY_RANK[esc.priority] ?? 2) === 0 ? "urgent" : "normal") }, esc.priority || "normal"),
          " ", h("code", { class: "reason" }, esc.reason || "—"), ` · ${status}`,
          owner ? ` · claimed by ${mine ? "you" : owner}` : " · unclaimed", esc.created_at || esc.age_seconds !== undefined ? ` · ${age(esc)}` : "",
          " ", dueBadge(esc)),
        esc.reason_text ? h("p", { class: "q-reason" }, esc.reason_text) : null,
        esc.summary ? h("p", { class: "summary" }, esc.summary) : null,
        esc.resolution_note || esc.note ? h("p", { class: "muted" }, "Resolution note: " + (esc.resolution_note || esc.note)) : null,
        h("div", { class: "row" }, claimBtn, esc.message_id ? h("button", { type: "button", class: "btn secondary",
          onclick: () => {
            const target = detailEl.querySelector(".m.flagged");
            if (target) { target.scrollIntoView({ block: "center" }); target.focus(); }
          } }, "Go to the escalated reply") : null), actErr),
      h("div", { class: "cols" },
        h("section", { class: "conv", "aria-labelledby": "conv-title" }, h("h3", { id: "conv-title" }, "Conversation"),
          h("ol", { class: "messages" }, messages.map((m) => messageItem(m, esc.message_id)))),
        h("div", { class: "side" },
          canWork ? h("section", { class: "work", "aria-label": "Reply and resolve" }, replyForm, resolveForm)
            : status === "resolved" ? h("p", { class: "muted" }, "This escalation is resolved.")
              : h("p", { class: "muted" }, "Claim this escalation to reply or resolve it."),
          notesBlock(d.notes || []),
          h("section", { "aria-labelledby": "meds-title" }, h("h3", { id: "meds-title" }, "Patient's medicines"),
            medicinesBlock(d.medicines || [])),
          h("section", { "aria-labelledby": "rep-title" }, h("h3", { id: "rep-title" }, "Report summary"),
            reportBlock(report, d.cards)))));
  }

  // ---------- reply templates: pick one, it goes into the reply box, the counselor edits and sends ----------
  const knownParts = () => [...new Set((state.templates || []).flatMap((t) => t.placeholders || []))];
  const unfilled = (text) => knownParts().filter((p) => text.includes(p));
  function selectText(box, part, from) {
    const at = box.value.indexOf(part, from || 0);
    box.focus();
    if (at >= 0) box.setSelectionRange(at, at + part.length);
  }
  function templatePicker(replyBox) {
    const list = state.templates || [];
    if (!list.length) return null;
    const pick = h("select", { id: "c-template", "aria-describedby": "c-template-help" },
      h("option", { value: "" }, "Choose a template…"), list.map((t) => h("option", { value: t.key }, t.title)));
    const use = h("button", { type: "button", class: "btn small secondary", onclick: () => {
      const t = list.find((x) => x.key === pick.value);
      if (!t) { pick.focus(); return; }
      // Added after what is already typed, never replacing it; the first part to fill in is selected.
      const start = replyBox.value.trim() ? replyBox.value.replace(/\s+$/, "") + "\n\n" : "";
      replyBox.value = start + t.text;
      selectText(replyBox, (t.placeholders || [])[0] || "", start.length);
      announce("Template put in the reply box. Replace the parts in brackets, then send it yourself.");
    } }, "Put in reply box");
    return h("div", { class: "templates" }, h("label", { for: "c-template" }, "Start from a template"),
      h("div", { class: "row" }, pick, use),
      h("p", { id: "c-template-help", class: "small muted" },
        "A template only fills the reply box. Edit it and replace every [part in brackets] before you send."));
  }

  // ---------- internal notes: for counselors only, in any state of the case ----------
  function notesBlock(notes) {
    const box = h("textarea", { id: "c-internal", rows: "2", maxlength: "4000", "aria-describedby": "notes-help" });
    const form = h("form", { class: "stack", onsubmit: (ev) => {
      ev.preventDefault();
      if (!box.value.trim()) { box.focus(); return; }
      act("notes", { text: box.value.trim() }, "Internal note added.", () => { box.value = ""; }, "c-internal");
    } }, h("label", { for: "c-internal" }, "Add an internal note"), box,
    h("button", { type: "submit", class: "btn small secondary" }, "Add note"));
    return h("section", { class: "notes", "aria-labelledby": "notes-title" },
      h("h3", { id: "notes-title" }, "Internal notes"),
      h("p", { id: "notes-help", class: "internal-mark" }, "Not shown to the patient. Only counselors see these notes."),
      notes.length ? h("ul", { class: "note-list", "aria-label": "Internal notes, oldest first" }, notes.map((n) =>
        h("li", {}, h("p", { class: "m-who" }, n.author || "counselor",
          n.created_at ? h("span", { class: "muted small" }, " " + new Date(n.created_at).toLocaleString()) : null),
        ...String(n.text || "").split(/\n{2,}/).map((p) => h("p", {}, p)))))
        : h("p", { class: "muted small" }, "No notes yet."),
      form);
  }

  // ---------- the patient's medicine list ("My medicines"), read against the report: facts, never advice ----------
  function medicinesBlock(meds) {
    if (!meds.length) return h("p", { class: "muted" }, "The patient has not listed any medicines.");
    return h("ul", { class: "meds", "aria-label": "Medicines the patient listed" }, meds.map((m) =>
      h("li", { class: "med" + (m.concerns_results ? " concerns" : "") },
        h("strong", {}, m.label || m.typed),
        m.name && m.typed && m.typed.toLowerCase() !== (m.label || "").toLowerCase()
          ? h("span", { class: "muted small" }, ` (typed “${m.typed}”)`) : null,
        m.concerns_results ? h("span", { class: "badge concerns" }, "a result concerns it") : null,
        (m.results || []).length ? h("ul", { class: "small" }, m.results.map((r) =>
          h("li", {}, [r.gene, r.result].filter(Boolean).join(" ") + (r.text ? ": " + r.text : "")))) : null,
        (m.notes || []).map((n) => h("p", { class: "muted small" }, n)))));
  }

  // The escalation detail carries the report's summary cards; nothing is sent back to build them.
  function reportBlock(report, cards) {
    const box = h("div", { class: "report" });
    if (!report) { box.append(h("p", { class: "muted" }, "No report uploaded.")); return box; }
    const meta = [report.patient_display_name, report.lab, report.report_date, report.source_format].filter(Boolean).join(" · ");
    if (meta) box.append(h("p", { class: "muted" }, meta));
    box.append(...originNotes(report));
    box.append(cardList(cards || []));
    return box;
  }
  // Results the patient confirmed from a PDF/HTML file or typed in: the counselor sees where each came from.
  function originNotes(report) {
    const rows = [...(report.pharmacogenomics || []), ...(report.variants || [])].filter((r) => r && r.origin);
    if (!rows.length) return [];
    return [h("p", { class: "origin" }, "Not from a lab data file: check these against the original report."),
      h("ul", { class: "origins" }, rows.map((r) => h("li", {},
        [r.gene, r.diplotype || r.hgvs, r.phenotype || r.classification].filter(Boolean).join(" ") +
        " — source: " + r.origin)))];
  }
  function cardList(cards) {
    if (!cards.length) return h("p", { class: "muted" }, "No results in this report.");
    return h("ul", { class: "cards" }, cards.map((c) => h("li", { class: "card level-" + c.level },
      h("strong", {}, c.gene), " ", h("span", { class: "badge" }, c.label), h("br"), c.result,
      h("div", { class: "muted small" }, (c.matters_for || []).join("; ")))));
  }

  function messageItem(m, escalatedId) {
    const role = m.role || "bot";
    const isBot = role === "bot" || role === "assistant";
    const flagged = escalatedId !== undefined && escalatedId !== null && m.id === escalatedId;
    const item = h("li", { class: "m m-" + role + (flagged ? " flagged" : ""), tabindex: flagged ? "-1" : null },
      flagged ? h("p", { class: "flag" }, "This reply raised the escalation") : null,
      h("p", { class: "m-who" }, roleName[role] || role, m.author ? ` · ${m.author}` : "",
        isBot && m.action ? h("span", { class: "act act-" + m.action }, m.action) : null,
        isBot && m.reason ? h("code", { class: "reason" }, m.reason) : null,
        m.created_at ? h("span", { class: "muted small" }, " " + new Date(m.created_at).toLocaleString()) : null),
      ...String(m.text || "").split(/\n{2,}/).map((p) => h("p", {}, p)));
    if (!isBot) return item;
    const cites = m.citations || [];
    if (cites.length) {
      item.append(h("details", { "data-key": "cites-" + m.id }, h("summary", {}, `Citations (${cites.length})`), h("ul", {}, cites.map((c) =>
        h("li", {}, h("strong", {}, c.title || c.doc_id), " ", h("code", {}, c.doc_id || ""),
          (c.source_urls || []).map(safeUrl).filter(Boolean).map((u) =>
            h("div", {}, h("a", { href: u, target: "_blank", rel: "noopener noreferrer" }, u))))))));
    }
    const trace = m.trace || m.decision_trace || [];
    if (trace.length) {
      item.append(h("details", { "data-key": "trace-" + m.id }, h("summary", {}, `Decision trace (${trace.length} step${trace.length === 1 ? "" : "s"})`),
        h("table", { class: "trace" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Step"),
          h("th", { scope: "col" }, "Outcome"), h("th", { scope: "col" }, "Detail"))),
        h("tbody", {}, trace.map((t) => h("tr", {}, h("td", {}, t.step), h("td", {}, t.outcome),
          h("td", {}, traceDetail(t.detail || {}))))))));
    }
    item.append(feedbackForm(m));
    return item;
  }

  function traceDetail(detail) {
    const keys = Object.keys(detail);
    if (!keys.length) return "—";
    return h("dl", { class: "kv" }, keys.flatMap((k) => {
      const v = detail[k];
      return [h("dt", {}, k), h("dd", {}, typeof v === "string" ? v : JSON.stringify(v))];
    }));
  }

  function feedbackForm(m) {
    const mid = String(m.id ?? m.message_id ?? "");
    const uid = "fb-" + mid.replace(/[^A-Za-z0-9_-]/g, "");
    const verdict = h("select", { id: uid + "-v" }, [["wrong", "Wrong"], ["unsafe", "Unsafe"], ["ok", "OK"]].map(([v, t]) => h("option", { value: v }, t)));
    const correct = h("select", { id: uid + "-a" }, ACTIONS.map((a) => h("option", { value: a, selected: a === "escalate" }, a)));
    const comment = h("textarea", { id: uid + "-c", rows: "2", maxlength: "2000" });
    const msg = h("p", { class: "small", role: "status" });
    const form = h("form", { class: "feedback", onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        await api("POST", `/api/escalations/${encodeURIComponent(state.selected)}/feedback`,
          { message_id: m.id ?? m.message_id, verdict: verdict.value, correct_action: correct.value, comment: comment.value.trim() });
        msg.textContent = "Feedback saved. Thank you."; msg.className = "small ok";
      } catch (e) { msg.textContent = e.message; msg.className = "small error"; }
    } },
    h("div", { class: "fb-row" }, h("label", { for: uid + "-v" }, "Verdict"), verdict,
      h("label", { for: uid + "-a" }, "Correct action"), correct),
    h("label", { for: uid + "-c" }, "Comment"), comment,
    h("button", { type: "submit", class: "btn small secondary" }, "Save feedback"), msg);
    return h("details", { class: "fb", "data-key": uid }, h("summary", {}, "Mark this reply wrong or unsafe"), form);
  }

  // ---------- start ----------
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    if (saved && saved.token) { state.token = saved.token; state.user = saved.user; queueScreen(); } else loginScreen();
  } catch (_) { loginScreen(); }
})();
