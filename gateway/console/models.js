// Models: each card's state, device, batching and traffic (from /v1/models and /metrics); load and unload.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";

// Per model, from Prometheus text: queue depth and mean inference seconds per batch.
function parseMetrics(text) {
  const out = {};
  const row = /^(cirrus_model_queue_depth|cirrus_model_inference_seconds_sum|cirrus_model_inference_seconds_count)\{model="([^"]+)"\} ([0-9.eE+-]+)$/;
  for (const line of text.split("\n")) {
    const m = line.match(row);
    if (m) (out[m[2]] ||= {})[m[1].replace("cirrus_model_", "")] = Number(m[3]);
  }
  return out;
}

export function ModelsPage() {
  const [models, setModels] = useState(null);
  const [metrics, setMetrics] = useState({});
  const [filter, setFilter] = useState("");
  const { busy, error, run } = useAction();
  const refresh = () => run(async () => {
    const [list, text] = await Promise.all([api("/v1/models"), api("/metrics", { raw: true }).then((r) => r.text()).catch(() => "")]);
    setModels(list.models);
    setMetrics(parseMetrics(text));
  });
  useEffect(() => { refresh(); const timer = setInterval(refresh, 5000); return () => clearInterval(timer); }, []);
  const act = (name, what) => run(async () => {
    await api(`/v1/models/${encodeURIComponent(name)}/${what}`, { method: "POST" });
    await refresh();
  });
  const shown = (models || []).filter((m) => !filter || `${m.name} ${m.task}`.includes(filter));
  return html`<h2>Models</h2>
    <div class="row"><input placeholder="filter by name or task" value=${filter} onInput=${(e) => setFilter(e.target.value)}
      data-testid="models-filter" /><button class="secondary" onClick=${refresh} disabled=${busy} data-testid="models-refresh">Refresh</button></div>
    <${ErrorLine} error=${error} />
    ${models && html`<div style=${{ overflowX: "auto" }}><table>
      <thead><tr><th>Model</th><th>Task</th><th>State</th><th>Device</th><th>Batch</th><th>Queue</th><th>Mean batch</th><th>Items</th><th></th></tr></thead>
      <tbody>${shown.map((m) => {
        const x = metrics[m.name] || {};
        const mean = x.inference_seconds_count ? `${((x.inference_seconds_sum / x.inference_seconds_count) * 1000).toFixed(0)} ms` : "–";
        return html`<tr data-testid="model-row" data-name=${m.name}>
          <td title=${m.source}>${m.name}</td><td>${m.task}</td>
          <td data-testid=${`model-state-${m.name}`} title=${m.reason || ""}>${m.state}${m.reason ? " ⚠" : ""}</td>
          <td>${m.device || "–"}</td><td>${m.max_batch_size} / ${m.max_wait_ms} ms</td><td>${x.queue_depth ?? 0}</td>
          <td>${mean}</td><td>${m.items}</td>
          <td>${m.state === "ready"
            ? html`<button class="secondary" data-testid=${`model-unload-${m.name}`} disabled=${busy} onClick=${() => act(m.name, "unload")}>Unload</button>`
            : html`<button class="secondary" data-testid=${`model-load-${m.name}`} disabled=${busy || m.state === "loading"} onClick=${() => act(m.name, "load")}>Load</button>`}</td>
        </tr>`;
      })}</tbody></table></div>`}`;
}
