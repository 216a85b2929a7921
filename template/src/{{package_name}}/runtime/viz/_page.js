/* The pipeline picture: draws the positions computed in Python as one SVG. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("keel-data").textContent);
  var E = data.elements;
  var H = { node: 30, dataset: 26, param: 24, ns: 34 };
  var state = { pipeline: data.default, tag: "", folded: {}, selected: null };
  var view = { x: 0, y: 0, k: 1 };
  var stage = document.getElementById("stage");
  var details = document.getElementById("details");
  var shown = {};
  var api = { renderMs: null, draws: 0, state: state, data: data };
  window.keelViz = api;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function shq(text) {
    return /^[\w@%+=:,.\/-]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\"'\"'") + "'";
  }
  function cut(label) { return label.length > 40 ? label.slice(0, 39) + "\u2026" : label; }
  function width(label) { return Math.round((Math.min(label.length, 40) * 7.2 + 28) * 10) / 10; }
  function runCommand(i) {
    var cmd = data.command + " run";
    if (state.pipeline !== "__default__") { cmd += " --pipeline " + shq(state.pipeline); }
    return cmd + " --to-nodes " + shq(E[i].name);
  }
  function foldOf(namespace) {
    if (!namespace) { return null; }
    var parts = namespace.split(".");
    for (var n = 1; n <= parts.length; n++) {
      var prefix = parts.slice(0, n).join(".");
      if (state.folded[prefix]) { return prefix; }
    }
    return null;
  }

  /* Which elements show, and which folded namespace stands for the others. */
  function visibility(P) {
    var m = P.members, n = m.length, local = {}, k;
    for (k = 0; k < n; k++) { local[m[k]] = k; }
    var rep = new Array(n), visible = new Array(n), near = new Array(n);
    for (k = 0; k < n; k++) { near[k] = []; }
    for (k = 0; k < P.edges.length; k += 2) {
      var a = local[P.edges[k]], b = local[P.edges[k + 1]];
      near[a].push(b); near[b].push(a);
    }
    for (k = 0; k < n; k++) {
      var item = E[m[k]];
      if (item.kind === "node") {
        visible[k] = !state.tag || item.tags.indexOf(state.tag) >= 0;
        rep[k] = foldOf(item.namespace);
      }
    }
    for (k = 0; k < n; k++) {
      if (E[m[k]].kind === "node") { continue; }
      var any = false, group, same = true;
      for (var j = 0; j < near[k].length; j++) {
        var other = near[k][j];
        if (visible[other]) { any = true; }
        if (j === 0) { group = rep[other]; } else if (rep[other] !== group) { same = false; }
      }
      visible[k] = any;
      rep[k] = same && near[k].length ? group : null;
    }
    return { rep: rep, visible: visible, local: local };
  }

  function draw() {
    var started = performance.now();
    var P = data.pipelines[state.pipeline];
    if (!P) { stage.innerHTML = "<p>No pipeline.</p>"; return; }
    var m = P.members, v = visibility(P), parts = [], groups = {}, count = 0, k;
    parts.push('<svg xmlns="http://www.w3.org/2000/svg"><g id="viewport">');
    for (k = 0; k < P.bands.length; k++) {
      var band = P.bands[k];
      parts.push('<g class="band"><rect x="0" y="' + band[1] + '" width="' + P.width +
        '" height="' + (band[2] - band[1]) + '"/><text x="8" y="' + (band[1] + 14) + '">' +
        esc(band[0]) + "</text></g>");
    }
    for (k = 0; k < m.length; k++) {
      var g = v.rep[k];
      if (g && v.visible[k]) {
        var box = groups[g] || (groups[g] = { x: 0, y: 0, n: 0, nodes: 0 });
        box.x += P.x[k]; box.y += P.y[k]; box.n += 1;
        if (E[m[k]].kind === "node") { box.nodes += 1; }
      }
    }
    Object.keys(groups).forEach(function (name) {
      groups[name].x /= groups[name].n; groups[name].y /= groups[name].n;
    });
    function at(k) {
      var g = v.rep[k];
      if (g) { return { x: groups[g].x, y: groups[g].y, h: H.ns, id: "ns:" + g }; }
      return { x: P.x[k], y: P.y[k], h: H[E[m[k]].kind], id: k };
    }
    parts.push('<g class="edges">');
    var drawn = {};
    for (k = 0; k < P.edges.length; k += 2) {
      var a = v.local[P.edges[k]], b = v.local[P.edges[k + 1]];
      if (!v.visible[a] || !v.visible[b]) { continue; }
      var from = at(a), to = at(b), key = from.id + ">" + to.id;
      if (from.id === to.id || drawn[key]) { continue; }
      drawn[key] = true;
      var y1 = from.y + from.h / 2, y2 = to.y - to.h / 2, mid = (y1 + y2) / 2;
      parts.push('<path class="edge" data-a="' + from.id + '" data-b="' + to.id + '" d="M' +
        from.x + "," + y1 + "C" + from.x + "," + mid + " " + to.x + "," + mid + " " + to.x +
        "," + y2 + '"/>');
    }
    parts.push('</g><g class="elements">');
    for (k = 0; k < m.length; k++) {
      if (!v.visible[k] || v.rep[k]) { continue; }
      var item = E[m[k]], w = width(item.label), h = H[item.kind];
      count += item.kind === "node" ? 1 : 0;
      parts.push('<g class="el ' + item.kind + (state.selected === m[k] ? " selected" : "") +
        '" data-i="' + m[k] + '" data-k="' + k + '" data-name="' + esc(item.name) +
        '" transform="translate(' + P.x[k] + "," +
        P.y[k] + ')"><rect x="' + -w / 2 + '" y="' + -h / 2 + '" width="' + w + '" height="' +
        h + '" rx="' + (item.kind === "node" ? 6 : 13) + '"/><text>' + esc(cut(item.label)) +
        "</text><title>" + esc(item.name) + "</title></g>");
    }
    Object.keys(groups).sort().forEach(function (name) {
      var box = groups[name], label = "\u25b8 " + name + " (" + box.nodes + " nodes)";
      var w = width(label);
      count += box.nodes;
      parts.push('<g class="el ns" data-ns="' + esc(name) + '" transform="translate(' + box.x +
        "," + box.y + ')"><rect x="' + -w / 2 + '" y="' + -H.ns / 2 + '" width="' + w +
        '" height="' + H.ns + '" rx="8"/><text>' + esc(label) + "</text></g>");
    });
    parts.push("</g></g></svg>");
    stage.innerHTML = parts.join("");
    shown = { P: P, groups: groups };
    document.getElementById("count").textContent = count + " nodes shown";
    transform();
    stage.getBoundingClientRect();
    api.renderMs = Math.round((performance.now() - started) * 10) / 10;
    api.draws += 1;
    document.body.setAttribute("data-render-ms", String(api.renderMs));
  }

  function transform() {
    var g = document.getElementById("viewport");
    if (g) { g.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"); }
    // far out, labels are unreadable: not drawing them keeps big pipelines fast
    stage.classList.toggle("far", view.k < 0.3);
  }
  function fit() {
    var P = data.pipelines[state.pipeline], box = stage.getBoundingClientRect();
    if (!P || !box.width) { return; }
    view.k = Math.min(1.5, box.width / P.width, box.height / P.height);
    view.k = Math.max(view.k, 0.02);
    view.x = (box.width - P.width * view.k) / 2;
    view.y = Math.max(0, (box.height - P.height * view.k) / 2);
    transform();
  }

  function list(indexes) {
    if (!indexes.length) { return "<p>none</p>"; }
    return "<ul>" + indexes.map(function (i) {
      return '<li><a data-i="' + i + '">' + esc(E[i].name) + "</a></li>";
    }).join("") + "</ul>";
  }
  function neighbours(i, wantInputs) {
    var P = shown.P, found = [];
    for (var k = 0; k < P.edges.length; k += 2) {
      if (wantInputs && P.edges[k + 1] === i) { found.push(P.edges[k]); }
      if (!wantInputs && P.edges[k] === i) { found.push(P.edges[k + 1]); }
    }
    return found;
  }
  function show(i) {
    var item = E[i], html = "<h2>" + esc(item.name) + "</h2><div>" + item.kind;
    state.selected = i;
    if (item.namespace) { html += " in namespace <b>" + esc(item.namespace) + "</b>"; }
    html += "</div>";
    if (item.tags.length) {
      html += "<h3>Tags</h3>" + item.tags.map(function (t) { return '<span class="tag">' + esc(t) + "</span>"; }).join("");
    }
    if (item.kind === "node") {
      html += "<h3>Inputs</h3>" + list(item.inputs) + "<h3>Outputs</h3>" + list(item.outputs);
      html += "<h3>Function</h3><code>" + esc(item.func) + "</code>";
      html += '<h3>Source</h3><code id="source">' + esc(item.file + (item.line ? ":" + item.line : "")) + "</code>";
      html += "<h3>Docstring</h3><pre id=\"doc\">" + esc(item.doc || "(none)") + "</pre>";
      html += '<h3>Run up to this node</h3><pre id="command">' + esc(runCommand(i)) + "</pre>";
    } else {
      html += "<h3>Type</h3><code>" + esc(item.type) + "</code>";
      if (item.layer) { html += "<h3>Layer</h3>" + esc(item.layer); }
      if (item.filepath) { html += "<h3>File</h3><code>" + esc(item.filepath) + "</code>"; }
      html += "<h3>Made by</h3>" + list(neighbours(i, true)) + "<h3>Used by</h3>" + list(neighbours(i, false));
    }
    details.innerHTML = html;
    var nodes = stage.querySelectorAll(".el.selected");
    for (var n = 0; n < nodes.length; n++) { nodes[n].classList.remove("selected"); }
    var hot = stage.querySelectorAll(".edge.hot");
    for (n = 0; n < hot.length; n++) { hot[n].classList.remove("hot"); }
    var el = stage.querySelector('.el[data-i="' + i + '"]');
    if (el) {
      el.classList.add("selected");
      var k = el.getAttribute("data-k");
      var edges = stage.querySelectorAll('.edge[data-a="' + k + '"], .edge[data-b="' + k + '"]');
      for (n = 0; n < edges.length; n++) { edges[n].classList.add("hot"); }
    }
  }

  function fillControls() {
    var pick = document.getElementById("pipeline");
    Object.keys(data.pipelines).forEach(function (name) {
      var o = document.createElement("option");
      o.value = name; o.textContent = name; pick.appendChild(o);
    });
    pick.value = state.pipeline;
    pick.addEventListener("change", function () { state.pipeline = pick.value; state.selected = null; fit(); draw(); });
    var tags = document.getElementById("tag");
    data.tags.forEach(function (name) {
      var o = document.createElement("option");
      o.value = name; o.textContent = name; tags.appendChild(o);
    });
    tags.addEventListener("change", function () { state.tag = tags.value; draw(); });
    var box = document.getElementById("namespaces");
    box.innerHTML = data.namespaces.length ? "<h3>Namespaces (tick to fold)</h3>" + data.namespaces.map(function (name) {
      return '<label style="padding-left:' + (name.split(".").length - 1) * 14 + 'px"><input type="checkbox" data-ns="' +
        esc(name) + '"> ' + esc(name) + "</label>";
    }).join("") : "";
    box.addEventListener("change", function (event) {
      var name = event.target.getAttribute("data-ns");
      if (name) { setFolded(name, event.target.checked); }
    });
  }
  function setFolded(name, folded) {
    if (folded) { state.folded[name] = true; } else { delete state.folded[name]; }
    var input = document.querySelector('#namespaces input[data-ns="' + name.replace(/"/g, '\\"') + '"]');
    if (input) { input.checked = folded; }
    draw();
  }
  api.setFolded = setFolded;
  api.show = show;
  api.draw = draw;

  stage.addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest(".el");
    if (!el || moved) { return; }
    if (el.classList.contains("ns")) { setFolded(el.getAttribute("data-ns"), false); return; }
    show(Number(el.getAttribute("data-i")));
  });
  details.addEventListener("click", function (event) {
    var i = event.target.getAttribute && event.target.getAttribute("data-i");
    if (i !== null && i !== undefined) { show(Number(i)); }
  });
  var drag = null, moved = false, pending = false;
  stage.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y }; moved = false;
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; stage.classList.add("panning"); }
    view.x = drag.vx + dx; view.y = drag.vy + dy; schedule();
  });
  window.addEventListener("pointerup", function () {
    drag = null; stage.classList.remove("panning");
    setTimeout(function () { moved = false; }, 0);
  });
  stage.addEventListener("wheel", function (event) {
    event.preventDefault();
    var box = stage.getBoundingClientRect(), px = event.clientX - box.left, py = event.clientY - box.top;
    var k = Math.min(4, Math.max(0.02, view.k * Math.exp(-event.deltaY * 0.0015)));
    view.x = px - (px - view.x) * k / view.k; view.y = py - (py - view.y) * k / view.k; view.k = k;
    schedule();
  }, { passive: false });
  function schedule() {
    if (pending) { return; }
    pending = true;
    requestAnimationFrame(function () { pending = false; transform(); });
  }
  document.getElementById("fit").addEventListener("click", fit);

  /* Find: select an element of the shown pipeline by name and centre it. */
  function find(name) {
    var P = data.pipelines[state.pipeline], box = stage.getBoundingClientRect();
    for (var k = 0; k < P.members.length; k++) {
      if (E[P.members[k]].name !== name) { continue; }
      view.k = Math.max(view.k, 0.8);
      view.x = box.width / 2 - P.x[k] * view.k;
      view.y = box.height / 2 - P.y[k] * view.k;
      transform();
      show(P.members[k]);
      return true;
    }
    return false;
  }
  function fillNames() {
    var P = data.pipelines[state.pipeline];
    document.getElementById("names").innerHTML = P ? P.members.map(function (i) {
      return '<option value="' + esc(E[i].name) + '">';
    }).join("") : "";
  }
  var finder = document.getElementById("find");
  finder.addEventListener("change", function () { find(finder.value); });
  finder.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { find(finder.value); }
  });
  document.getElementById("pipeline").addEventListener("change", fillNames);
  api.find = find;

  fillControls();
  fillNames();
  fit();
  draw();
}());
