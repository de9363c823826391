// deter workbench: plain JavaScript, no build step, no external resources.
"use strict";

const $ = (id) => document.getElementById(id);
let current = null;      // {name, text, version, packages, values}
let sweepID = null;
let runSeq = 0;

const pct = (x) => (100 * x).toFixed(0) + "%";
const num = (x) => x === 0 ? "-" : x >= 1000 ? Math.round(x).toLocaleString("en-GB") : (+x.toPrecision(3)).toString();
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.body = typeof body === "string" ? body : JSON.stringify(body);
    opts.headers["Content-Type"] = "application/json";
  }
  const r = await fetch(path, opts);
  const data = await r.json().catch(() => ({}));
  if (!r.ok) { const e = new Error(data.error || r.statusText); e.data = data; e.status = r.status; throw e; }
  return data;
}

function table(el, head, rows) {
  el.innerHTML = "<tr>" + head.map((h) => `<th>${esc(h)}</th>`).join("") + "</tr>" +
    rows.map((r) => "<tr>" + r.map((c, i) => `<td class="${i && typeof c === "string" && isNaN(+c.replace(/[,%]/g, "")) ? "text" : ""}">${esc(c)}</td>`).join("") + "</tr>").join("");
}

// Tabs.
document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => {
  document.querySelectorAll("nav button").forEach((x) => x.classList.toggle("active", x === b));
  document.querySelectorAll(".tab").forEach((t) => t.classList.toggle("active", t.id === b.dataset.tab));
}));

async function loadList() {
  const list = await api("GET", "/api/scenarios");
  $("scenario-select").innerHTML = list.map((s) =>
    `<option value="${esc(s.name)}">${esc(s.name)}${s.valid ? "" : " (" + s.errors + " errors)"}</option>`).join("");
  const pick = list.find((s) => s.name.startsWith("ukraine")) || list[0];
  if (pick) { $("scenario-select").value = pick.name; await openScenario(pick.name); }
}

async function openScenario(name) {
  current = await api("GET", "/api/scenarios/" + encodeURIComponent(name));
  $("text").value = current.text;
  $("errors").innerHTML = "";
  $("editor-status").textContent = "";
  $("report-link").href = "/api/report/" + encodeURIComponent(name);
  $("package-select").innerHTML = (current.packages || []).map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join("");
  const pref = (current.packages || []).find((p) => (p.mechanisms || []).includes("deterrent_force"));
  if (pref) $("package-select").value = pref.id;
  table($("sources-table"), ["field", "value", "line", "source", "citation / note"],
    (current.values || []).map((v) => [v.path, v.value, String(v.line), v.source || "(none)", v.citation || v.note || ""]));
  packageChanged();
}

function selectedPackage() {
  return (current.packages || []).find((p) => p.id === $("package-select").value);
}

function packageChanged() {
  added_ = {};
  packageChangedKeep();
}

function packageChangedKeep() {
  const p = selectedPackage();
  if (!p) return;
  // Every mechanism of the format: ticked if in the package; those absent can be added when another
  // package of the scenario gives their parameters; the others are shown but cannot be ticked.
  $("mechanisms").innerHTML = "<legend>Mechanisms (tick to add, untick to remove)</legend>" + (current.mechanisms || []).map((info) => {
    const has = p.mechanisms.includes(info.key);
    const can = has || info.available;
    const added = added_[info.key] !== undefined;
    return `<label title="${esc(info.doc)}" class="${can || added ? "" : "note"}">` +
      `<input type="checkbox" data-mech="${esc(info.key)}" data-orig="${has}" ${has || added ? "checked" : ""} ${can ? "" : "disabled"}> ${esc(info.key.replace(/_/g, " "))}` +
      (can ? "" : ` <a href="#" class="add-link" data-key="${esc(info.key)}">${added ? "edit" : "add…"}</a>`) + `</label>`;
  }).join("");
  $("mechanisms").querySelectorAll(".add-link").forEach((a) => a.addEventListener("click", (e) => { e.preventDefault(); openAdd(a.dataset.key); }));
  $("mechanisms").querySelectorAll("input").forEach((i) => i.addEventListener("change", runBuilder));
  if (Object.keys(added_).length === 0) {
    $("troops-scale").value = 1;
    $("commitment").value = "";
  }
  $("troops-scale").disabled = !p.mechanisms.includes("deterrent_force") && added_.deterrent_force === undefined;
  $("arms").disabled = !p.mechanisms.includes("arms_purchases") && added_.arms_purchases === undefined;
  runBuilder();
}

async function runBuilder() {
  if (!current) return;
  const p = selectedPackage();
  const o = { package: p ? p.id : "", disable: [], enable: [], add: added_ };
  $("mechanisms").querySelectorAll("input").forEach((i) => {
    if (i.dataset.orig === "true" && !i.checked) o.disable.push(i.dataset.mech);
    if (i.dataset.orig === "false" && i.checked && added_[i.dataset.mech] === undefined) o.enable.push(i.dataset.mech);
  });
  if (!$("troops-scale").disabled) o.troops_scale = +$("troops-scale").value;
  if (!$("arms").disabled) o.arms_usd_bn = +$("arms").value;
  if ($("commitment").value) o.commitment = $("commitment").value;
  $("troops-scale-value").textContent = "×" + (+$("troops-scale").value).toFixed(1);
  $("arms-value").textContent = $("arms").disabled ? "-" : $("arms").value;
  const seq = ++runSeq;
  $("run-status").textContent = "running…";
  try {
    const r = await api("POST", "/api/run", { name: current.name, overrides: o });
    if (seq !== runSeq) return; // a newer run superseded this one
    $("add-errors").innerHTML = "";
    showResult(r, p.id);
    $("run-status").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    $("run-status").textContent = "error: " + e.message;
    if (e.data && e.data.errors) {
      $("add-errors").innerHTML = e.data.errors.map((x) => `<li>line ${x.line}:${x.col} ${esc(x.path)}: ${esc(x.message)}</li>`).join("");
      $("add-box").hidden = false;
    }
  }
}

// Mechanisms that no package parameterises are added with a YAML block.
let added_ = {};
async function openAdd(key) {
  $("add-key").textContent = key;
  $("add-text").value = added_[key] !== undefined ? added_[key] : await (await fetch("/api/templates/" + encodeURIComponent(key))).text();
  $("add-errors").innerHTML = "";
  $("add-box").hidden = false;
}
$("add-ok").addEventListener("click", () => {
  added_ = Object.assign({}, added_, { [$("add-key").textContent]: $("add-text").value });
  $("add-box").hidden = true;
  packageChangedKeep();
});
$("add-cancel").addEventListener("click", () => { $("add-box").hidden = true; });

function showResult(r, id) {
  const pk = r.result.packages.find((x) => x.id === id) || r.result.packages[0];
  const d = pk.deterrence;
  $("p-attack").textContent = pct(d.p_attack_1y);
  $("p-attack-exact").textContent = "p = " + d.p_attack_1y.toPrecision(3);
  $("p-attack5").textContent = pct(d.p_attack_5y);
  $("p-intervene").textContent = pct(d.p_intervention);
  $("cost5").textContent = pk.cost ? pk.cost.total_usd_bn.toFixed(1) : "-";
  $("deciding").textContent = d.deciding;
  $("path-method").textContent = "equilibrium path (" + d.method + ")";
  $("path").replaceChildren(...(d.equilibrium_path || []).map((l) => { const li = document.createElement("li"); li.textContent = l; return li; }));
  const e = pk.empirical_ceasefire;
  $("record").textContent = e ? `The record (cease-fires with the same content; hazard model fitted here to 35 cases, not Fortna's coefficients): holds 1 year ${pct(e.p_holds[0])}, 5 years ${pct(e.p_holds[1])} (${pct(e.p_holds_5pct[1])}-${pct(e.p_holds_95pct[1])}), 10 years ${pct(e.p_holds[2])}.` + (e.disagreement ? ` Strong disagreement with the game: ${e.disagreement}.` : "") : "";
  const byMeans = d.guarantors.some((g) => g.help && g.help.length);
  table($("honour"), ["guarantor", "P(honour)", "net value of honouring, US$ bn", "largest terms"].concat(byMeans ? ["forms of help if attacked"] : []),
    d.guarantors.map((g) => {
      const t = [...g.terms].sort((a, b) => Math.abs(b.usd_bn) - Math.abs(a.usd_bn)).slice(0, 2);
      const row = [g.id, pct(g.p_honour), g.net_value_of_honouring_usd_bn.toFixed(0), t.map((x) => `${x.name} ${x.usd_bn >= 0 ? "+" : ""}${x.usd_bn.toFixed(0)}`).join("; ")];
      return byMeans ? row.concat([(g.help || []).map((h) => `${h.means} ${pct(h.p)}`).join(", ")]) : row;
    }));
  table($("campaign"), ["guarantors", "first objective", "km² lost day 30", "day 90", "day 365", "attacker losses", "defender losses"],
    pk.campaign.map((c) => [c.intervention ? "intervene" : "stay out",
      c.first_objective_day == null ? "not reached" : `${c.first_objective} day ${c.first_objective_day.toFixed(1)}`,
      num(c.ground_km2_day30), num(c.ground_km2_day90), num(c.ground_km2_day365), num(c.attacker_losses), num(c.defender_losses)]));
  $("ground-chart").innerHTML = r.ground_svg.slice(r.ground_svg.indexOf("<svg"));
  table($("redlines"), ["actor", "red line", "why"], pk.red_lines_crossed.map((h) => [h.actor, h.id + (h.hard ? " (hard)" : ""), h.reason]));
  table($("accept"), ["actor", "verdict", "margin", "why"], (pk.acceptability ? pk.acceptability.verdicts : []).map((v) =>
    [v.actor, v.hard_red_line ? "rejects (hard red line)" : v.accept ? "signs" : "rejects", `${v.margin >= 0 ? "+" : ""}${v.margin.toFixed(0)} ${v.unit}`, v.reason]));
  const sh = pk.acceptability && pk.acceptability.shifting_power;
  $("shift").textContent = sh ? `Shifting power (Powell 2006): a year of war takes ${num(sh.war_now_km2)} km² now, ${num(sh.war_in_a_year_km2)} a year later; preventive motive ${sh.preventive_motive.toFixed(2)}: ${sh.preventive_war_pays ? "striking first pays" : "no preventive motive"}.` : "";
  const sf = r.result.spatial_forecast;
  if (sf) {
    const pl = sf.packages.find((x) => x.id === pk.id);
    table($("settlement"), ["", ...sf.issues], [["forecast", ...sf.forecast.map((x) => x.toFixed(0))],
      [pk.id, ...(pl ? pl.position.map((x, k) => pl.placed[k] ? x.toFixed(0) : "-") : [])]]);
    $("settlement-note").textContent = `Spatial model of politics (KTAB type), ${sf.states.length - 1} rounds; issues on 0-100 scales. This package is ${pl ? pl.distance.toFixed(0) : "?"} from the forecast; nearest: ${sf.nearest_package}.`;
  } else {
    $("settlement").innerHTML = "";
    $("settlement-note").textContent = "The scenario has no issue space (models.bargain.spatial).";
  }
  const z = r.result.zone_of_agreement;
  $("zone").textContent = z.packages_all_sign.length ? `Zone of agreement: ${z.packages_all_sign.join(", ")}; the Nash bargaining solution picks ${z.nash_bargaining_choice}.`
    : `No package is signed by all. Closest: ${z.closest}.`;
  const cs = (r.cost_svg || {})[pk.id];
  $("cost-chart").innerHTML = cs ? cs.slice(cs.indexOf("<svg")) : "This package costs nothing in money.";
  $("tornado-chart").innerHTML = "";
  $("tornado-status").textContent = "";
}

$("scenario-select").addEventListener("change", (e) => openScenario(e.target.value));
$("package-select").addEventListener("change", packageChanged);
$("troops-scale").addEventListener("input", runBuilder);
$("arms").addEventListener("input", runBuilder);
$("commitment").addEventListener("change", runBuilder);

$("tornado-run").addEventListener("click", async () => {
  const p = selectedPackage();
  $("tornado-status").textContent = "running…";
  try {
    const r = await api("POST", "/api/tornado", { name: current.name, package: p.id, output: "p_attack_1y" });
    $("tornado-chart").innerHTML = r.svg.slice(r.svg.indexOf("<svg"));
    $("tornado-status").textContent = "each uncertain value over its 5%-95% range, the others at their medians (scenario as saved, without the builder's changes)";
  } catch (e) { $("tornado-status").textContent = "error: " + e.message; }
});

$("opt-run").addEventListener("click", async () => {
  $("opt-status").textContent = "searching…";
  try {
    const r = await api("POST", "/api/optimise", { name: current.name, population: +$("opt-pop").value, generations: +$("opt-gen").value });
    $("pareto-chart").innerHTML = r.svg.slice(r.svg.indexOf("<svg"));
    table($("pareto-table"), ["P(attack) 1 y", "cost 5 y", "km² short of acceptance", "force ×", "commitment", "dropped"],
      r.front.map((d) => [d.p_attack_1y.toPrecision(3), d.cost_5y_usd_bn.toFixed(1), num(d.shortfall_km2),
        d.troops_scale == null ? "-" : String(d.troops_scale), d.commitment || "-", (d.dropped || []).join(", ") || "-"]));
    $("opt-status").textContent = r.front.length + " designs on the front";
  } catch (e) { $("opt-status").textContent = "error: " + e.message; }
});

// Editor.
function showErrors(errs) {
  $("errors").innerHTML = (errs || []).map((e) => `<li data-line="${e.line}">line ${e.line}:${e.col} ${esc(e.path)}: ${esc(e.message)}</li>`).join("");
  $("errors").querySelectorAll("li").forEach((li) => li.addEventListener("click", () => {
    const line = +li.dataset.line, lines = $("text").value.split("\n");
    const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    $("text").focus(); $("text").setSelectionRange(start, start + (lines[line - 1] || "").length);
  }));
}
$("validate").addEventListener("click", async () => {
  const r = await api("POST", "/api/validate", $("text").value);
  showErrors(r.errors);
  $("editor-status").textContent = r.valid ? "valid" : r.errors.length + " error(s)";
});
$("save").addEventListener("click", async () => {
  try {
    const r = await api("PUT", "/api/scenarios/" + encodeURIComponent(current.name), { text: $("text").value, version: current.version });
    current.version = r.version;
    $("editor-status").textContent = "saved (previous version kept as " + current.name + ".prev)";
    showErrors([]);
  } catch (e) {
    $("editor-status").textContent = "not saved: " + e.message;
    if (e.data && e.data.errors) showErrors(e.data.errors);
  }
});

// Sweeps.
$("sweep-run").addEventListener("click", async () => {
  $("sweep-results").innerHTML = "";
  try {
    const r = await api("POST", "/api/sweeps", { name: current.name, draws: +$("sweep-draws").value });
    sweepID = r.id;
    $("sweep-cancel").disabled = false;
    pollSweep();
  } catch (e) { $("sweep-state").textContent = "error: " + e.message; }
});
$("sweep-cancel").addEventListener("click", () => { if (sweepID) api("DELETE", "/api/sweeps/" + sweepID); });
async function pollSweep() {
  const j = await api("GET", "/api/sweeps/" + sweepID);
  $("sweep-progress").max = j.draws; $("sweep-progress").value = j.done;
  $("sweep-state").textContent = `${j.state}: ${j.done} of ${j.draws} draws` + (j.error ? " — " + j.error : "");
  if (j.state === "running") { setTimeout(pollSweep, 300); return; }
  $("sweep-cancel").disabled = true;
  if (j.state === "done") showSweepChart();
  if (j.summaries) {
    const keep = ["p_attack_1y", "p_attack_5y", "ground_km2_d365", "cost_5y_usd_bn"];
    table($("sweep-results"), ["package", "output", "mean", "5%", "median", "95%"],
      j.summaries.filter((s) => keep.includes(s.output)).map((s) => [s.package, s.output, num(s.mean), num(s.p05), num(s.median), num(s.p95)]));
  }
}

async function showSweepChart() {
  if (!sweepID) return;
  const r = await fetch("/api/sweeps/" + sweepID + "/chart?output=" + encodeURIComponent($("sweep-output").value));
  const t = await r.text();
  $("sweep-chart").innerHTML = r.ok ? t.slice(t.indexOf("<svg")) : "";
}
$("sweep-output").addEventListener("change", showSweepChart);

loadList().catch((e) => { $("run-status").textContent = "cannot load scenarios: " + e.message; });
