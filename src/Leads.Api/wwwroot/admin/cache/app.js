// The operators' cache dashboard. Signs in with POST /api/auth/token and keeps the bearer token in this
// closure only (never in localStorage or a cookie), so closing the tab forgets it and no other page can read it.
// Polls GET /api/admin/cache/timeline every few seconds; a member is told the page is for admins, an expired
// or rejected token sends the operator back to the sign-in form.
"use strict";

(function () {
  const refreshMs = 3000;
  const $ = (id) => document.getElementById(id);
  let session = null; // { token, user, expiresAt }
  let timer = null;
  let pending = null; // the invalidation waiting for confirmation

  function show(section) {
    for (const id of ["signin", "refused", "dashboard"]) {
      $(id).hidden = id !== section;
    }
    $("sign-out").hidden = section === "signin";
    $("who").hidden = section === "signin";
  }

  function signOut(message) {
    session = null;
    clearTimeout(timer);
    timer = null;
    LeadsCharts.destroy();
    $("heatmaps").replaceChildren();
    $("signin-message").textContent = message || "";
    $("signin-form").reset();
    show("signin");
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return problem.detail || problem.title || response.statusText;
    } catch {
      return response.statusText || ("HTTP " + response.status);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const user = String(form.get("username") || "");
    $("signin-message").textContent = "";
    const response = await fetch("/api/auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: user, password: String(form.get("password") || "") }),
    });
    if (!response.ok) {
      $("signin-message").textContent = "Sign-in failed: " + await problemText(response);
      return;
    }
    const token = await response.json();
    session = { token: token.accessToken, user, expiresAt: Date.now() + token.expiresIn * 1000 };
    $("who").textContent = "Signed in as " + user;
    await refresh();
  }

  // Calls an admin endpoint; answers null (after switching the view) when the token is expired or refused.
  async function call(method, url) {
    if (!session) {
      return null;
    }
    if (Date.now() >= session.expiresAt) {
      signOut("Your session expired. Sign in again.");
      return null;
    }
    const response = await fetch(url, { method, headers: { Authorization: "Bearer " + session.token }, cache: "no-store" });
    if (response.status === 401) {
      signOut("Your session expired. Sign in again.");
      return null;
    }
    if (response.status === 403) {
      const user = session.user;
      session = null;
      clearTimeout(timer);
      $("refused-message").textContent = user + " does not have the Admin role, so no cache data is shown. Sign out and sign in as an admin.";
      show("refused");
      return null;
    }
    return response;
  }

  async function refresh() {
    clearTimeout(timer);
    timer = null;
    let response;
    try {
      response = await call("GET", "/api/admin/cache/timeline?hotKeys=10");
    } catch (error) {
      $("instance").textContent = "Cannot reach the API (" + error.message + "); retrying.";
      timer = setTimeout(refresh, refreshMs);
      return;
    }
    if (!response) {
      return;
    }
    if (response.ok) {
      show("dashboard");
      render(await response.json());
    } else {
      $("instance").textContent = "The timeline answered " + response.status + ": " + await problemText(response) + "; retrying.";
    }
    if (session) {
      timer = setTimeout(refresh, refreshMs);
    }
  }

  function bytes(value) {
    return value >= 1024 * 1024 ? (value / (1024 * 1024)).toFixed(1) + " MB" : (value / 1024).toFixed(1) + " KB";
  }

  function render(timeline) {
    const points = timeline.points;
    const last = points[points.length - 1];
    $("instance").textContent = "Numbers of instance " + timeline.instance + " (" + timeline.scope + "); one point every "
      + timeline.intervalSeconds + " s, last at " + new Date(timeline.generatedAt).toLocaleTimeString() + ".";
    if (last) {
      $("tile-rps").textContent = last.requestsPerSecond.toFixed(1);
      $("tile-circuit").textContent = last.redisCircuit;
      $("tile-circuit").classList.toggle("bad", last.redisCircuit !== "closed");
      $("tile-pending").textContent = String(last.pendingInvalidations);
      $("tile-pending").classList.toggle("bad", last.pendingInvalidations > 0);
      $("tile-l1").textContent = last.l1Entries + " / " + bytes(last.l1Bytes) + " of " + bytes(last.l1LimitBytes);
      $("tile-redis").textContent = bytes(last.redisUsedMemoryBytes) + (last.redisMaxMemoryBytes > 0 ? " of " + bytes(last.redisMaxMemoryBytes) : " (no limit)");
      $("tile-evictions").textContent = String(points.reduce((sum, p) => sum + p.redisEvictions, 0));
    }
    LeadsCharts.update(points);
    $("heatmap-note").textContent = "Columns are " + timeline.hotKeyBucketSeconds + " s buckets; one lookup in " + timeline.hotKeySampleRate
      + " is sampled into " + timeline.hotKeyCapacity + " counters per level and bucket, so a count is an estimate (see docs/operations.md).";
    LeadsHeatMap.render($("heatmaps"), timeline.heatMap);
  }

  // --- bulk invalidation, behind a confirmation step -------------------------------------------------------
  function describeInvalidation() {
    const mode = $("inv-mode").value;
    const namespace = $("inv-namespace").value;
    const value = $("inv-value").value.trim();
    const query = new URLSearchParams();
    let text;
    if (mode === "all") {
      query.set("all", "true");
      text = "Remove every entry of the api and db levels? Every instance then reloads from the database.";
    } else if (mode === "namespace") {
      query.set("namespace", namespace);
      text = "Remove every entry of the " + namespace + " level?";
    } else if (mode === "tag") {
      if (!value) return null;
      query.set("tag", value);
      text = "Invalidate the tag '" + value + "'? Every entry that depends on it, on every level, turns stale.";
    } else {
      if (!value) return null;
      query.set("namespace", namespace);
      query.set("pattern", value);
      text = "Remove the " + namespace + " entries whose key matches '" + value + "'?";
    }
    return { url: "/api/admin/cache?" + query.toString(), text };
  }

  function updateInvalidationFields() {
    const mode = $("inv-mode").value;
    $("inv-namespace-label").hidden = !(mode === "namespace" || mode === "pattern");
    $("inv-value-label").hidden = !(mode === "tag" || mode === "pattern");
    $("inv-value-caption").textContent = mode === "tag" ? "Tag (e.g. categories)" : "Pattern, '*' wildcard (e.g. LeadById:*)";
  }

  function askInvalidation(event) {
    event.preventDefault();
    pending = describeInvalidation();
    if (!pending) {
      $("inv-result").textContent = "Give a value first.";
      return;
    }
    $("inv-confirm-text").textContent = pending.text;
    $("inv-result").textContent = "";
    $("inv-confirm").hidden = false;
    $("inv-yes").focus();
  }

  async function confirmInvalidation() {
    const request = pending;
    pending = null;
    $("inv-confirm").hidden = true;
    if (!request) return;
    const response = await call("DELETE", request.url);
    if (!response) return;
    if (!response.ok) {
      $("inv-result").textContent = "Invalidation refused: " + await problemText(response);
      return;
    }
    const result = await response.json();
    $("inv-result").textContent = result.mode === "tag"
      ? "Tag " + result.tags.join(", ") + " invalidated: 0 keys removed, every dependent entry is now stale."
      : "Removed " + result.removed + " entries (" + result.mode + ").";
    if (result.rewarmed > 0) {
      $("inv-result").textContent += " Re-warmed " + result.rewarmed + " hot entries.";
    }
    await refresh();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("signin-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", () => signOut(""));
    $("inv-mode").addEventListener("change", updateInvalidationFields);
    $("invalidate-form").addEventListener("submit", askInvalidation);
    $("inv-yes").addEventListener("click", confirmInvalidation);
    $("inv-no").addEventListener("click", () => { pending = null; $("inv-confirm").hidden = true; $("inv-result").textContent = "Cancelled."; });
    updateInvalidationFields();
    show("signin");
  });
})();
