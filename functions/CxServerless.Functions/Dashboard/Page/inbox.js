/*
 * CxServerless task inbox. Plain JavaScript, no build step, no inline code (the page's CSP forbids it).
 * Every 2.5 s it reads GET tasks (the tasks the API lets this caller see) and, when a task is selected,
 * GET tasks/{id} with its timeline. Actions POST to tasks/{id}/{action}; the answer is the task and its timeline.
 * The API decides who sees and who may change what; the page only hides buttons the API would refuse.
 */
(function () {
  "use strict";

  var POLL_MS = 2500;
  var READ_TIMEOUT_MS = 10000;
  var ACTION_TIMEOUT_MS = 30000;

  var apiBase = document.body.getAttribute("data-api-base") || "/api/";
  var params = new URLSearchParams(window.location.search);
  var state = {
    alertId: params.get("alertId"),
    selected: params.get("taskId"),
    status: params.get("alertId") ? "all" : "active",
    mine: false,
    tasks: [],
    detail: null,
    lastOk: 0,
    timer: null,
    busy: false
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function url(path, query) {
    var parts = [];
    Object.keys(query || {}).forEach(function (key) {
      if (query[key] !== null && query[key] !== undefined && query[key] !== "") {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(query[key]));
      }
    });
    return apiBase + path + (parts.length ? "?" + parts.join("&") : "");
  }

  function call(method, path, query, body) {
    var controller = new AbortController();
    var limit = method === "GET" ? READ_TIMEOUT_MS : ACTION_TIMEOUT_MS;
    var timeout = setTimeout(function () { controller.abort(); }, limit);
    var options = {
      method: method,
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "same-origin",
      signal: controller.signal
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url(path, query), options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          var error = new Error(json.detail || json.title || "HTTP " + response.status);
          error.status = response.status;
          throw error;
        }
        return json;
      });
    }, function (error) {
      if (error && error.name === "AbortError") {
        var late = new Error("No answer within " + limit / 1000 + " s." +
          (method === "GET" ? "" : " The action may still go through: the task refreshes on its own."));
        late.name = "AbortError";
        throw late;
      }
      throw error;
    }).finally(function () { clearTimeout(timeout); });
  }

  /* ---------- formatting ---------- */

  function time(iso) {
    var d = iso ? new Date(iso) : null;
    return d && !isNaN(d) ? d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "–";
  }

  function duration(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(r);
  }

  function slaText(task) {
    if (task.status === "resolved") { return "closed"; }
    if (task.slaBreached) { return "breached"; }
    if (!task.dueAt) { return "–"; }
    var left = new Date(task.dueAt).getTime() - Date.now();
    return left >= 0 ? duration(left) + " left" : "overdue " + duration(left);
  }

  function updateCountdowns() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-due]"), function (node) {
      var task = { status: node.getAttribute("data-status"), slaBreached: node.getAttribute("data-breached") === "true",
        dueAt: node.getAttribute("data-due") || null };
      node.textContent = slaText(task);
      node.classList.toggle("overdue", !!task.dueAt && task.status !== "resolved" && new Date(task.dueAt).getTime() < Date.now());
    });
  }

  function sla(task, tag) {
    var node = el(tag || "span", "sla" + (task.slaBreached && task.status !== "resolved" ? " breached" : ""));
    node.setAttribute("data-due", task.dueAt || "");
    node.setAttribute("data-status", task.status);
    node.setAttribute("data-breached", task.slaBreached ? "true" : "false");
    node.textContent = slaText(task);
    return node;
  }

  function statusText(task) {
    return task.status === "resolved" ? "closed: " + (task.closure || "resolved") : task.status;
  }

  /* ---------- status: live, offline ---------- */

  function setState(name, text) {
    document.body.setAttribute("data-state", name);
    $("status").textContent = text;
  }

  /* ---------- polling ---------- */

  function schedule(delay) {
    clearTimeout(state.timer);
    state.timer = setTimeout(poll, delay);
  }

  function poll() {
    var query = { status: state.status, mine: state.mine ? "true" : null, alertId: state.alertId, top: 200 };
    call("GET", "tasks", query).then(function (list) {
      state.tasks = list.tasks || [];
      renderViewer(list.viewer || {});
      renderList();
      if (!state.selected && state.alertId && state.tasks.length) { state.selected = state.tasks[0].id; }
      return state.selected ? loadDetail(state.selected) : null;
    }).then(function () {
      state.lastOk = Date.now();
      setState("live", "Live, updated " + new Date(state.lastOk).toLocaleTimeString("en-GB"));
      $("generated-at").textContent = time(new Date(state.lastOk).toISOString());
    }).catch(function (error) {
      if (error.status === 401 || error.status === 403) {
        setState("denied", error.message);
      } else {
        setState("offline", "Offline: " + error.message);
      }
    }).finally(function () { schedule(POLL_MS); });
  }

  function loadDetail(id) {
    return call("GET", "tasks/" + encodeURIComponent(id)).then(renderDetail).catch(function (error) {
      if (error.status === 404) {
        state.selected = null;
        state.detail = null;
        $("detail").hidden = true;
        return;
      }
      throw error;
    });
  }

  /* ---------- rendering ---------- */

  function renderViewer(viewer) {
    var roles = (viewer.roles || []).join(", ") || "no role";
    var scope = viewer.scope === "all" ? "every task"
      : viewer.scope === "team" ? "team " + (viewer.team || "none") + "'s tasks and yours" : "your tasks";
    $("viewer").textContent = "Signed in as " + (viewer.name || "unknown") + " (" + roles + "), seeing " + scope +
      (viewer.development ? " · development identity" : "");
    var dev = viewer.development === true;
    $("dev-switcher").hidden = !dev;
    $("dev-team-field").hidden = !dev;
    if (dev) {
      var role = (viewer.roles || [])[0];
      if (role && document.activeElement !== $("dev-role")) { $("dev-role").value = role; }
      if (document.activeElement !== $("dev-team")) { $("dev-team").value = viewer.team || ""; }
    }
  }

  function renderList() {
    var body = $("tasks").tBodies[0];
    body.textContent = "";
    state.tasks.forEach(function (task) {
      var row = el("tr");
      row.setAttribute("data-task-id", task.id);
      row.setAttribute("data-alert-id", task.alertId);
      row.setAttribute("data-status", task.status);
      row.setAttribute("aria-selected", task.id === state.selected ? "true" : "false");
      row.addEventListener("click", function () { select(task.id); });
      var sevCell = el("td");
      sevCell.appendChild(el("span", "sev-label sev-" + String(task.severity).toLowerCase(), task.severity));
      row.appendChild(sevCell);
      var titleCell = el("td");
      var link = el("button", "task-link", task.title);
      link.type = "button";
      link.addEventListener("click", function (e) { e.stopPropagation(); select(task.id); });
      titleCell.appendChild(link);
      row.appendChild(titleCell);
      row.appendChild(el("td", null, task.team));
      row.appendChild(el("td", null, task.assigneeName || task.assignee || "nobody"));
      row.appendChild(el("td", "status-label", statusText(task)));
      var slaCell = el("td");
      slaCell.appendChild(sla(task));
      row.appendChild(slaCell);
      body.appendChild(row);
    });
    $("task-count").textContent = String(state.tasks.length);
    $("tasks").hidden = state.tasks.length === 0;
    $("no-tasks").hidden = state.tasks.length > 0;
  }

  function fact(list, name, value) {
    list.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) {
      dd.appendChild(value);
    } else {
      dd.textContent = value === null || value === undefined ? "–" : String(value);
    }
    list.appendChild(dd);
  }

  function renderDetail(detail) {
    var task = detail.task;
    state.detail = detail;
    $("detail").hidden = false;
    $("detail").setAttribute("data-task-id", task.id);
    $("detail").setAttribute("data-status", task.status);
    $("detail-title").textContent = task.title;
    var facts = $("detail-facts");
    facts.textContent = "";
    fact(facts, "Severity", task.severity);
    fact(facts, "Status", statusText(task));
    fact(facts, "SLA", sla(task));
    fact(facts, "Team", task.team);
    fact(facts, "Assignee", (task.assigneeName || task.assignee || "nobody") + " · level " + (task.level + 1));
    fact(facts, "KPI", (task.kpi || "–") + " on " + task.slice);
    if (task.closureNote) { fact(facts, "Closure", task.closureNote); }

    var open = task.status !== "resolved";
    $("actions").hidden = !task.mayAct;
    $("read-only").hidden = task.mayAct || !open;
    $("ack-button").disabled = state.busy || task.status !== "open";
    ["resolve-button", "false-alarm-button", "comment-button"].forEach(function (id) { $(id).disabled = state.busy || !open; });

    var timeline = $("timeline");
    timeline.textContent = "";
    (detail.timeline || []).forEach(function (entry) {
      var item = el("li");
      item.setAttribute("data-kind", entry.kind);
      item.setAttribute("data-key", entry.key);
      item.setAttribute("data-source", entry.key.indexOf("api-") === 0 ? "inbox" : "workflow");
      item.appendChild(el("span", "when", time(entry.at)));
      item.appendChild(el("span", "kind", entry.kind));
      item.appendChild(el("span", "text", entry.text));
      if (entry.by && entry.by !== "system") { item.appendChild(el("span", "who", "· " + entry.by)); }
      timeline.appendChild(item);
    });
    updateRowSelection();
  }

  function updateRowSelection() {
    Array.prototype.forEach.call($("tasks").tBodies[0].rows, function (row) {
      row.setAttribute("aria-selected", row.getAttribute("data-task-id") === state.selected ? "true" : "false");
    });
  }

  function select(id) {
    state.selected = id;
    updateRowSelection();
    message("", false);
    loadDetail(id).catch(function (error) { message(error.message, true); });
  }

  /* ---------- actions ---------- */

  function message(text, isError) {
    $("action-message").textContent = text;
    $("action-message").classList.toggle("error", !!isError);
  }

  function act(action, body, done, input) {
    if (!state.selected || state.busy) { return; }
    state.busy = true;
    if (state.detail) { renderDetail(state.detail); }
    call("POST", "tasks/" + encodeURIComponent(state.selected) + "/" + action, null, body).then(function (detail) {
      if (input) { input.value = ""; }
      message(done, false);
      state.busy = false;
      renderDetail(detail);
      schedule(0);
    }).catch(function (error) {
      state.busy = false;
      message(error.message, true);
      if (state.detail) { renderDetail(state.detail); }
    });
  }

  function onSubmit(formId, inputId, action, field, done) {
    $(formId).addEventListener("submit", function (e) {
      e.preventDefault();
      var input = $(inputId);
      var value = input.value.trim();
      if (!value) { message("Please fill in " + field + ".", true); return; }
      var body = {};
      body[field] = value;
      act(action, body, done, input);
    });
  }

  /* ---------- controls ---------- */

  function setCookie(name, value) {
    document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; SameSite=Strict; max-age=31536000";
  }

  function wire() {
    $("filter-status").value = state.status;
    if (state.alertId) {
      $("alert-filter").hidden = false;
      $("alert-filter-id").textContent = state.alertId;
    }
    $("filter-status").addEventListener("change", function (e) { state.status = e.target.value; schedule(0); });
    $("filter-mine").addEventListener("change", function (e) { state.mine = e.target.checked; schedule(0); });
    $("ack-button").addEventListener("click", function () { act("acknowledge", {}, "Acknowledged."); });
    onSubmit("resolve-form", "resolve-text", "resolve", "resolution", "Resolved.");
    onSubmit("false-alarm-form", "false-alarm-reason", "false-alarm", "reason", "Marked a false alarm.");
    onSubmit("comment-form", "comment-text", "comment", "text", "Comment added.");
    $("dev-role").addEventListener("change", function (e) {
      setCookie("cx-dev-role", e.target.value);
      window.location.reload();
    });
    $("dev-team").addEventListener("change", function (e) {
      var team = e.target.value.trim();
      if (!e.target.checkValidity() || !team) { return; }
      setCookie("cx-dev-team", team);
      window.location.reload();
    });
    setInterval(updateCountdowns, 1000);
  }

  wire();
  poll();
}());
