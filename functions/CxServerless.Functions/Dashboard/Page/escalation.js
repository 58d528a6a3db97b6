/*
 * CxServerless dashboard: escalation KPIs. Plain JavaScript, no inline code (the page's CSP forbids it).
 * Every 15 s it reads GET escalation/kpis (the tasks created in the last 24 hours, scoped on the server: a team lead
 * gets their team's figures, supervisors, ops admins and auditors every team's) and shows mean time to acknowledge,
 * mean time to resolve, SLA breach rate and escalations per alert as tiles, and the false alarms per rule as a table.
 * A caller the API refuses (agents) never sees the section. Supervisors, ops admins and auditors also get the
 * notification deliveries of the same 24 hours per channel (GET ops/notifications): a channel that keeps failing never
 * fails an escalation, so this table is where it shows. Its tile and element helpers are window.CxPanels, which the
 * panels loaded after it (feedback.js) use.
 */
(function () {
  "use strict";

  var POLL_MS = 15000;
  var TIMEOUT_MS = 10000;
  var apiBase = document.body.getAttribute("data-api-base") || "/api/";

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return "–"; }
    if (seconds < 60) { return Math.round(seconds) + " s"; }
    if (seconds < 3600) { return (seconds / 60).toFixed(1) + " min"; }
    return (seconds / 3600).toFixed(1) + " h";
  }

  function percent(rate) {
    return rate === null || rate === undefined ? "–" : (rate * 100).toFixed(1) + " %";
  }

  function tile(key, label, value, meta) {
    var item = el("li", "tile escalation-tile");
    item.setAttribute("data-kpi", key);
    var card = el("div", "tile-card");
    card.appendChild(el("span", "tile-label", label));
    card.appendChild(el("span", "tile-value", value));
    card.appendChild(el("span", "tile-meta", meta));
    item.appendChild(card);
    return item;
  }

  function render(kpis) {
    $("escalation-team").textContent = kpis.team ? "(" + kpis.team + ")" : "(all teams)";
    var tiles = $("escalation-tiles");
    tiles.replaceChildren(
      tile("mtta", "Mean time to acknowledge", duration(kpis.meanTimeToAcknowledgeSeconds),
        kpis.acknowledged + " of " + kpis.tasks + " tasks acknowledged"),
      tile("mttr", "Mean time to resolve", duration(kpis.meanTimeToResolveSeconds),
        kpis.resolved + " of " + kpis.tasks + " tasks resolved"),
      tile("sla-breach-rate", "SLA breach rate", percent(kpis.slaBreachRate),
        kpis.slaBreaches + " of " + kpis.tasks + " tasks breached"),
      tile("escalations-per-alert", "Escalations per alert",
        kpis.escalationsPerAlert === null || kpis.escalationsPerAlert === undefined ? "–" : kpis.escalationsPerAlert.toFixed(2),
        kpis.escalations + " escalations over " + kpis.tasks + " alerts"));

    var rules = kpis.falseAlarmsByRule || [];
    var body = $("false-alarms").querySelector("tbody");
    body.replaceChildren.apply(body, rules.map(function (rule) {
      var row = el("tr");
      row.setAttribute("data-rule", rule.rule);
      row.appendChild(el("td", "rule", rule.rule));
      row.appendChild(el("td", "alerts", String(rule.alerts)));
      row.appendChild(el("td", "false-alarms-count", String(rule.falseAlarms)));
      row.appendChild(el("td", "rate", percent(rule.rate)));
      return row;
    }));
    $("false-alarms").hidden = rules.length === 0;
    $("escalation-section").hidden = false;
  }

  function renderDeliveries(summary) {
    var channels = summary.channels || [];
    var body = $("deliveries").querySelector("tbody");
    body.replaceChildren.apply(body, channels.map(function (channel) {
      var row = el("tr");
      row.setAttribute("data-channel", channel.channel);
      if (channel.failed > 0) { row.className = "sev-error"; }
      row.appendChild(el("td", "channel", channel.channel));
      row.appendChild(el("td", "delivered", String(channel.delivered)));
      row.appendChild(el("td", "failed", String(channel.failed)));
      row.appendChild(el("td", "not-configured", String(channel.notConfigured)));
      return row;
    }));
    var failures = summary.recentFailures || [];
    $("deliveries-failures").textContent = failures.length > 0
      ? "(latest failure: " + failures[0].channel + ", " + failures[0].reason + ")" : "";
    $("deliveries").hidden = channels.length === 0;
  }

  function pollDeliveries() {
    fetch(apiBase + "ops/notifications?hours=24", {
      headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin"
    }).then(function (response) {
      // Team leads and agents may not read it: the table stays hidden for them.
      return response.ok ? response.json() : null;
    }).then(function (summary) {
      if (summary) { renderDeliveries(summary); }
    }).catch(function () {
      // Keep the last figures on screen.
    });
  }

  function poll() {
    var controller = new AbortController();
    var timeout = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    fetch(apiBase + "escalation/kpis", {
      headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin", signal: controller.signal
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) {
        $("escalation-section").hidden = true;
        return null;
      }
      return response.ok ? response.json() : null;
    }).then(function (kpis) {
      if (kpis) {
        render(kpis);
        pollDeliveries();
      }
    }).catch(function () {
      // Keep the last figures on screen; the main status line reports connection trouble.
    }).finally(function () {
      clearTimeout(timeout);
      setTimeout(poll, POLL_MS);
    });
  }

  // The figure tiles and element helper, for the panels loaded after this script (feedback.js).
  window.CxPanels = { el: el, tile: tile };

  poll();
}());
