/*
 * CxServerless task inbox: the latest shift handover of the caller's team. Plain JavaScript, no inline code.
 * Reads GET handovers/latest (a team lead's own team; others name a team with ?handoverTeam= in the page's URL) once a
 * minute and shows the outgoing shift's alerts, tasks by state, SLA breaches and the KPIs that moved most against their
 * baseline. Nothing shows when the API has no handover for the caller (404) or refuses them.
 */
(function () {
  "use strict";

  var POLL_MS = 60000;
  var TIMEOUT_MS = 10000;
  var apiBase = document.body.getAttribute("data-api-base") || "/api/";
  var team = new URLSearchParams(window.location.search).get("handoverTeam");

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function time(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleString();
  }

  function fact(key, text) {
    var item = el("li", null, text);
    item.setAttribute("data-fact", key);
    return item;
  }

  function list(blockId, listId, items, describe) {
    $(listId).replaceChildren.apply($(listId), items.map(function (item) { return el("li", null, describe(item)); }));
    $(blockId).hidden = items.length === 0;
  }

  function render(h) {
    var section = $("handover");
    section.setAttribute("data-team", h.team);
    section.setAttribute("data-at", h.at);
    $("handover-team").textContent = "(" + h.team + ")";
    $("handover-when").textContent = "Shift from " + time(h.outgoingFrom) + " to " + time(h.at) + " · written " + time(h.writtenAt);
    $("handover-facts").replaceChildren(
      fact("alerts-opened", h.alerts.opened + " alerts opened"),
      fact("alerts-resolved", h.alerts.resolved + " resolved"),
      fact("alerts-still-open", h.alerts.stillOpen + " still open"),
      fact("tasks-open", h.tasks.open + " tasks open"),
      fact("tasks-acknowledged", h.tasks.acknowledged + " acknowledged"),
      fact("tasks-resolved", h.tasks.resolved + " closed during the shift"),
      fact("sla-breaches", h.tasks.slaBreaches + " SLA breaches"));
    list("handover-open-block", "handover-open-alerts", h.alerts.open || [], function (a) {
      return a.severity + " · " + a.kpi + " on " + a.slice + ": " + a.message;
    });
    list("handover-breached-block", "handover-breached", h.tasks.breached || [], function (t) {
      return t.id + " · " + t.title + " (" + t.status + ", level " + (t.level + 1) + ")";
    });
    list("handover-kpis-block", "handover-kpis", h.kpis || [], function (k) {
      var sign = k.changePercent > 0 ? "+" : "";
      return k.kpi + " on " + k.slice + ": " + k.value + " against " + k.baseline + " (" + sign + k.changePercent.toFixed(1) + " %)";
    });
    section.hidden = false;
  }

  function poll() {
    var controller = new AbortController();
    var timeout = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    var path = apiBase + "handovers/latest" + (team ? "?team=" + encodeURIComponent(team) : "");
    fetch(path, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin", signal: controller.signal })
      .then(function (response) {
        if (!response.ok) {
          if (response.status !== 500) { $("handover").hidden = true; }
          return null;
        }
        return response.json();
      })
      .then(function (handover) { if (handover) { render(handover); } })
      .catch(function () { /* keep what is shown; the inbox's status line reports connection trouble */ })
      .finally(function () {
        clearTimeout(timeout);
        setTimeout(poll, POLL_MS);
      });
  }

  poll();
}());
