/*
 * CxServerless dashboard: customer feedback KPIs. Plain JavaScript, no inline code (the page's CSP forbids it).
 * Every 60 s it reads GET feedback/kpis?by=team and ?by=topic (the loops opened in the last 30 days, scoped on the
 * server: a team lead gets their team's loops, supervisors, ops admins and auditors every team's) and shows the total
 * as tiles (loops opened, closed within SLA, recovered detractors, mean sentiment delta) and one table per grouping, with
 * the counts behind every percentage. A caller the API refuses (agents) never sees the section. Tiles and elements are
 * made by escalation.js's helpers (window.CxPanels), loaded before this script.
 */
(function () {
  "use strict";

  var POLL_MS = 60000;
  var TIMEOUT_MS = 10000;
  var apiBase = document.body.getAttribute("data-api-base") || "/api/";

  var el = window.CxPanels.el;
  var tile = window.CxPanels.tile;

  function $(id) { return document.getElementById(id); }

  // Percentages come from the API to 0.1, null when nothing was there to divide by.
  function percent(value) {
    return value === null || value === undefined ? "–" : value.toFixed(1) + " %";
  }

  function delta(value) {
    if (value === null || value === undefined) { return "–"; }
    return (value > 0 ? "+" : value < 0 ? "−" : "") + Math.abs(value).toFixed(2);
  }

  function renderTiles(kpis) {
    var t = kpis.total;
    $("feedback-team").textContent = kpis.team ? "(" + kpis.team + ")" : "(all teams)";
    $("feedback-tiles").replaceChildren(
      tile("opened", "Loops opened", String(t.opened), "in the last 30 days"),
      tile("closed-within-sla", "Closed within SLA", percent(t.closedWithinSlaPercent),
        t.closedWithinSla + " of " + t.taskEnded + " follow-ups ended"),
      tile("recovered", "Recovered detractors", percent(t.recoveredPercent),
        t.recovered + " of " + t.detractorsAnswered + " detractors who answered"),
      tile("sentiment-delta", "Mean sentiment change", delta(t.meanSentimentDelta),
        "over " + t.sentimentPairs + " loops with both scores"));
  }

  function row(figures, total) {
    var tr = el("tr", total ? "total" : null);
    tr.setAttribute("data-key", figures.key);
    tr.appendChild(el(total ? "th" : "td", "key", total ? "Total" : figures.key));
    tr.appendChild(el("td", "opened", String(figures.opened)));
    tr.appendChild(el("td", "within-sla", figures.closedWithinSla + " of " + figures.taskEnded));
    tr.appendChild(el("td", "within-sla-percent", percent(figures.closedWithinSlaPercent)));
    tr.appendChild(el("td", "recovered", figures.recovered + " of " + figures.detractorsAnswered));
    tr.appendChild(el("td", "recovered-percent", percent(figures.recoveredPercent)));
    tr.appendChild(el("td", "sentiment-delta", delta(figures.meanSentimentDelta) + " (" + figures.sentimentPairs + ")"));
    return tr;
  }

  var COLUMNS = ["Loops opened", "Closed within SLA", "%", "Recovered detractors", "%", "Mean sentiment change (loops)"];

  function heading(table, first) {
    if (table.tHead.rows.length > 0) { return; }
    var tr = el("tr");
    [first].concat(COLUMNS).forEach(function (label) {
      var th = el("th", null, label);
      th.setAttribute("scope", "col");
      tr.appendChild(th);
    });
    table.tHead.appendChild(tr);
  }

  function renderTable(id, first, kpis) {
    var table = $(id);
    heading(table, first);
    var rows = (kpis.rows || []).map(function (figures) { return row(figures, false); });
    table.querySelector("tbody").replaceChildren.apply(table.querySelector("tbody"), rows);
    table.querySelector("tfoot").replaceChildren(row(kpis.total, true));
    table.hidden = rows.length === 0;
  }

  function read(by) {
    var controller = new AbortController();
    var timeout = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(apiBase + "feedback/kpis?by=" + by, {
      headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin", signal: controller.signal
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) { return "refused"; }
      return response.ok ? response.json() : null;
    }).finally(function () { clearTimeout(timeout); });
  }

  function poll() {
    Promise.all([read("team"), read("topic")]).then(function (answers) {
      var byTeam = answers[0];
      var byTopic = answers[1];
      if (byTeam === "refused" || byTopic === "refused") {
        $("feedback-section").hidden = true;
        return;
      }
      if (byTeam && byTopic) {
        renderTiles(byTeam);
        renderTable("feedback-by-team", "Team", byTeam);
        renderTable("feedback-by-topic", "Topic", byTopic);
        $("feedback-empty").hidden = byTeam.total.opened > 0;
        $("feedback-section").hidden = false;
      }
    }).catch(function () {
      // Keep the last figures on screen; the main status line reports connection trouble.
    }).finally(function () {
      setTimeout(poll, POLL_MS);
    });
  }

  poll();
}());
