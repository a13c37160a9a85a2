// Forecast: an item's history with the p10–p90 band and the p50 line ahead of it; and a forecast built
// from a CSV in a bucket (dataset, group, import, predictor, forecast) without writing code.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";
import { BuildProgress, NAME, useBuild, useResources } from "./resources.js";

const W = 800, H = 300, PAD = { left: 56, right: 12, top: 12, bottom: 28 };
const FREQUENCIES = ["D", "W", "M", "H", "30min", "15min", "Q", "Y"];

// An SVG of history (line), the p10-p90 band and the p50 line, on one time axis.
export function Plot({ history, predictions }) {
  const p50 = predictions.p50 || [];
  const low = predictions.p10 || p50, high = predictions.p90 || p50;
  const times = [...history, ...p50].map((p) => p.timestamp);
  const values = [...history, ...low, ...high, ...p50].map((p) => p.value);
  const min = Math.min(0, ...values), max = Math.max(...values) || 1;
  const x = (i) => PAD.left + (i / Math.max(1, times.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - ((v - min) / (max - min || 1)) * (H - PAD.top - PAD.bottom);
  const at = history.length;
  const line = (points, offset) => points.map((p, i) => `${i ? "L" : "M"}${x(offset + i).toFixed(1)},${y(p.value).toFixed(1)}`).join("");
  const band = high.length ? `${line(high, at)}${low.slice().reverse().map((p, i) => `L${x(at + low.length - 1 - i).toFixed(1)},${y(p.value).toFixed(1)}`).join("")}Z` : "";
  const day = (t) => t.slice(0, 10);
  return html`<svg class="chart" viewBox=${`0 0 ${W} ${H}`} role="img" data-testid="forecast-plot"
      aria-label=${`history of ${history.length} periods and a forecast of ${p50.length}`}>
    <line x1=${PAD.left} x2=${W - PAD.right} y1=${y(min)} y2=${y(min)} stroke="#d7dde4" />
    <text x=${PAD.left - 6} y=${y(max) + 4} text-anchor="end">${max.toPrecision(4)}</text>
    <text x=${PAD.left - 6} y=${y(min) + 4} text-anchor="end">${min.toPrecision(4)}</text>
    ${times.length > 0 && html`<text x=${x(0)} y=${H - 8}>${day(times[0])}</text>
      <text x=${x(times.length - 1)} y=${H - 8} text-anchor="end">${day(times[times.length - 1])}</text>`}
    ${at > 0 && p50.length > 0 && html`<line x1=${x(at)} x2=${x(at)} y1=${PAD.top} y2=${H - PAD.bottom} stroke="#adb5bd" stroke-dasharray="4 4" />
      <text x=${x(at) + 4} y=${PAD.top + 10}>forecast</text>`}
    ${band && html`<path d=${band} fill="#a5d8ff" opacity="0.6" data-testid="forecast-band" data-points=${high.length} />`}
    ${history.length > 0 && html`<path d=${line(history, 0)} fill="none" stroke="#1d232b" stroke-width="1.5"
      data-testid="forecast-history" data-points=${history.length} />`}
    ${p50.length > 0 && html`<path d=${line(p50, at)} fill="none" stroke="#0b62c4" stroke-width="2"
      data-testid="forecast-p50" data-points=${p50.length} />`}
  </svg>
  <div class="legend"><span><i style=${{ background: "#1d232b" }}></i>history</span>
    <span><i style=${{ background: "#a5d8ff" }}></i>p10–p90</span><span><i style=${{ background: "#0b62c4" }}></i>p50</span></div>`;
}

function Viewer({ forecasts, arn, setArn }) {
  const ready = (forecasts || []).filter((f) => f.status === "ACTIVE");
  const [items, setItems] = useState(null);
  const [item, setItem] = useState("");
  const [result, setResult] = useState(null);
  const { busy, error, run } = useAction();
  useEffect(() => { if (!arn && ready.length) setArn(ready[0].arn); }, [forecasts]);
  useEffect(() => { if (arn) run(async () => {
    setResult(null);
    const found = await api(`/v1/forecast/items?forecast_arn=${encodeURIComponent(arn)}`);
    setItems(found); setItem(found.items[0] || "");
  }); }, [arn]);
  useEffect(() => { if (arn && item) run(async () => {
    setResult(await api("/v1/forecast/query", { json: { forecast_arn: arn, item_id: item, history: 90 } }));
  }); }, [arn, item]);
  const stats = result ? Object.keys(result.predictions).sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1))) : [];
  return html`<section><h3>Forecasts</h3>
    ${forecasts && ready.length === 0 && html`<p class="muted">No forecast is ready yet: build one below.</p>`}
    ${ready.length > 0 && html`<div class="row">
      <label>Forecast <select data-testid="forecast-select" value=${arn} onChange=${(e) => setArn(e.target.value)}>
        ${ready.map((f) => html`<option value=${f.arn}>${f.name}</option>`)}</select></label>
      ${items && html`<label>Item <select data-testid="forecast-item" value=${item} onChange=${(e) => setItem(e.target.value)}>
        ${items.items.map((i) => html`<option value=${i}>${i}</option>`)}</select></label>
        <span class="muted">${items.total} item${items.total === 1 ? "" : "s"}</span>`}
      ${busy && html`<span class="muted">Loading…</span>`}
    </div>`}
    <${ErrorLine} error=${error} testid="forecast-error" />
    ${result && html`<${Plot} history=${result.history} predictions=${result.predictions} />
      <details><summary>The forecast as a table</summary><table data-testid="forecast-table">
        <thead><tr><th>Time</th>${stats.map((s) => html`<th>${s}</th>`)}</tr></thead>
        <tbody>${result.predictions.p50.map((p, i) => html`<tr data-testid="forecast-row"><td>${p.timestamp}</td>
          ${stats.map((s) => html`<td>${result.predictions[s][i].value.toFixed(2)}</td>`)}</tr>`)}</tbody></table></details>`}
  </section>`;
}

function Build({ onBuilt }) {
  const [form, setForm] = useState({ name: "demand", s3_uri: "s3://my-bucket/sales.csv", frequency: "D", horizon: 14 });
  const { build, progress, busy, error, setError } = useBuild("forecast");
  const set = (k) => (e) => setForm({ ...form, [k]: k === "horizon" ? Number(e.target.value) : e.target.value });
  const start = (e) => {
    e.preventDefault();
    const n = form.name;
    if (!NAME.test(n)) return setError("The name starts with a letter and holds only letters, digits and _ (at most 51).");
    return build([
      { label: "dataset", path: "datasets", body: () => ({ name: `${n}_data`, frequency: form.frequency }) },
      { label: "dataset group", path: "dataset-groups", body: (m) => ({ name: n, dataset_arns: [m.dataset.arn] }) },
      { label: "import", path: "imports", wait: true, body: (m) => ({ name: `${n}_import`, dataset_arn: m.dataset.arn, s3_uri: form.s3_uri }) },
      { label: "predictor", path: "predictors", wait: true, body: (m) => ({ name: `${n}_predictor`, dataset_group_arn: m["dataset group"].arn, horizon: form.horizon }) },
      { label: "forecast", path: "forecasts", wait: true, body: (m) => ({ name: `${n}_forecast`, predictor_arn: m.predictor.arn }) },
    ]).then((made) => made && onBuilt(made.forecast));
  };
  return html`<form onSubmit=${start}><h3>Build a forecast from a CSV</h3>
    <p class="muted">Rows of <code>item_id,timestamp,target_value</code> (timestamps like 2024-01-31 or 2024-01-31 13:00:00) in a bucket.</p>
    <div class="row">
      <label>Name <input data-testid="build-forecast-name" value=${form.name} onInput=${set("name")} size="12" /></label>
      <label>CSV <input data-testid="build-forecast-uri" value=${form.s3_uri} onInput=${set("s3_uri")} size="30" /></label>
      <label>Frequency <select data-testid="build-forecast-frequency" value=${form.frequency} onChange=${set("frequency")}>
        ${FREQUENCIES.map((f) => html`<option value=${f}>${f}</option>`)}</select></label>
      <label>Horizon <input type="number" min="1" max="500" data-testid="build-forecast-horizon" value=${form.horizon}
        onInput=${set("horizon")} style=${{ width: "5rem" }} /></label>
      <button type="submit" data-testid="build-forecast-start" disabled=${busy}>${busy ? "Building…" : "Build"}</button>
    </div>
    <${BuildProgress} progress=${progress} error=${error} testid="build-forecast" />
  </form>`;
}

export function ForecastPage() {
  const forecasts = useResources("forecast", "forecast");
  const [arn, setArn] = useState("");
  const built = (forecast) => { forecasts.refresh(); setArn(forecast.arn); };
  return html`<h2>Forecast</h2>
    <${ErrorLine} error=${forecasts.error} />
    <${Viewer} forecasts=${forecasts.list} arn=${arn} setArn=${setArn} />
    <${Build} onBuilt=${built} />`;
}
