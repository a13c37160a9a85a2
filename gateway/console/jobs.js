// Jobs: every batch job with a live progress bar, its state and errors; start a text job over a bucket prefix.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";

const TASKS = ["sentiment", "entities", "key_phrases", "language", "pii", "topics"];
const FINAL = new Set(["COMPLETED", "FAILED", "STOPPED"]);
const PREVIEW = 20000; // characters of an output shown on the page; the whole file downloads

// The files in a tar archive (AWS's output.tar.gz, once gunzipped): [name, bytes] pairs.
function untar(bytes) {
  const files = [];
  const text = (a, b) => new TextDecoder().decode(bytes.subarray(a, b)).replace(/\0.*$/s, "");
  for (let at = 0; at + 512 <= bytes.length && bytes[at] !== 0;) {
    const size = parseInt(text(at + 124, at + 136).trim() || "0", 8);
    if (text(at + 156, at + 157) === "0" || text(at + 156, at + 157) === "") files.push([text(at, at + 100), bytes.subarray(at + 512, at + 512 + size)]);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

async function contents(blob, name) {
  if (!name.endsWith(".tar.gz")) return [[name, new Uint8Array(await blob.arrayBuffer())]];
  const tar = await new Response(blob.stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  return untar(new Uint8Array(tar));
}

function Outputs({ job }) {
  const [objects, setObjects] = useState(null);
  const [shown, setShown] = useState(null);
  const { busy, error, run } = useAction();
  useEffect(() => { run(async () => setObjects((await api(`/v1/jobs/${job.id}/outputs`)).objects)); }, [job.id]);
  const fetchObject = async (uri) => (await api(`/v1/jobs/${job.id}/outputs/object?uri=${encodeURIComponent(uri)}`, { raw: true })).blob();
  const open = (uri) => run(async () => {
    const name = uri.split("/").pop();
    const files = await contents(await fetchObject(uri), name);
    setShown({ uri, files: files.map(([file, data]) => [file, new TextDecoder().decode(data.subarray(0, PREVIEW * 4)).slice(0, PREVIEW), data.length]) });
  });
  const download = (uri) => run(async () => {
    const url = URL.createObjectURL(await fetchObject(uri));
    Object.assign(document.createElement("a"), { href: url, download: uri.split("/").pop() }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return html`<div data-testid="job-outputs">
    <${ErrorLine} error=${error} testid="job-outputs-error" />
    ${objects && objects.length === 0 && html`<p class="muted">Nothing written yet.</p>`}
    ${objects && html`<ul>${objects.map((uri) => html`<li data-testid="job-output" data-uri=${uri}><code>${uri}</code>
      <button class="secondary" disabled=${busy} onClick=${() => open(uri)} data-testid="job-output-open">Show</button>
      <button class="secondary" disabled=${busy} onClick=${() => download(uri)} data-testid="job-output-download">Download</button></li>`)}</ul>`}
    ${shown && shown.files.map(([file, preview, size]) => html`<div><strong>${file}</strong> <span class="muted">${size} bytes${
      preview.length >= PREVIEW ? `, first ${PREVIEW} characters` : ""}</span>
      <pre class="json" data-testid="job-output-preview" data-file=${file}>${preview}</pre></div>`)}
  </div>`;
}

function Start({ onStarted }) {
  const [form, setForm] = useState({ task: "sentiment", input_uri: "s3://my-bucket/in/", output_uri: "s3://my-bucket/out/",
    input_format: "ONE_DOC_PER_LINE", language: "en", name: "" });
  const { busy, error, run } = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const start = (e) => run(async () => {
    e.preventDefault();
    const body = { ...form, name: form.name || undefined, language: form.task === "language" ? undefined : form.language };
    onStarted(await api("/v1/jobs/text", { json: body }));
  });
  return html`<form onSubmit=${start}><h3>Start a text job</h3>
    <div class="row">
      <label>Task <select value=${form.task} onChange=${set("task")} data-testid="job-task">${TASKS.map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
      <label>Input <input value=${form.input_uri} onInput=${set("input_uri")} data-testid="job-input" size="28" /></label>
      <label>Output <input value=${form.output_uri} onInput=${set("output_uri")} data-testid="job-output" size="28" /></label>
      <label>Format <select value=${form.input_format} onChange=${set("input_format")} data-testid="job-format">
        <option value="ONE_DOC_PER_LINE">ONE_DOC_PER_LINE</option><option value="ONE_DOC_PER_FILE">ONE_DOC_PER_FILE</option></select></label>
      <label>Name <input value=${form.name} onInput=${set("name")} data-testid="job-name" size="12" /></label>
      <button type="submit" disabled=${busy} data-testid="job-start">Start</button>
    </div>
    <${ErrorLine} error=${error} testid="job-error" />
  </form>`;
}

export function JobsPage() {
  const [jobs, setJobs] = useState(null);
  const [error, setError] = useState(null);
  const [opened, setOpened] = useState(null);
  const stopping = useAction();
  const refresh = () => api("/v1/jobs?limit=100").then((j) => { setJobs(j.jobs); setError(null); }).catch((e) => setError(e.message));
  useEffect(() => { refresh(); const timer = setInterval(refresh, 1500); return () => clearInterval(timer); }, []);
  const stop = (id) => stopping.run(async () => { await api(`/v1/jobs/${id}/stop`, { method: "POST" }); refresh(); });
  return html`<h2>Jobs</h2>
    <${Start} onStarted=${refresh} />
    <${ErrorLine} error=${error || stopping.error} />
    ${jobs && (jobs.length === 0 ? html`<p class="muted">No jobs yet.</p>` : html`<div style=${{ overflowX: "auto" }}><table>
      <thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Progress</th><th>Output</th><th></th></tr></thead>
      <tbody>${jobs.map((j) => {
        const total = j.items_total ?? 0;
        return html`<tr data-testid="job-row" data-id=${j.id} data-name=${j.name || ""}>
          <td title=${j.id}>${j.name || j.id.slice(0, 8)}</td><td>${j.kind}</td>
          <td data-testid="job-state">${j.state}${j.failure_reason && html`<div class="error" data-testid="job-failure">${j.failure_reason}</div>`}</td>
          <td><progress max=${total || 1} value=${j.items_done} data-testid="job-progress"></progress>
            ${j.items_done}/${j.items_total ?? "?"}${j.items_failed ? html` <span class="error">${j.items_failed} failed</span>` : ""}</td>
          <td><code>${j.output_uri || ""}</code></td>
          <td>${!FINAL.has(j.state) && html`<button class="secondary" onClick=${() => stop(j.id)} data-testid="job-stop">Stop</button>`}
            ${j.output_uri && html`<button class="secondary" aria-expanded=${opened === j.id} data-testid="job-outputs-toggle"
              onClick=${() => setOpened(opened === j.id ? null : j.id)}>Outputs</button>`}</td>
        </tr>${opened === j.id && html`<tr><td colspan="6"><${Outputs} job=${j} /></td></tr>`}`;
      })}</tbody></table></div>`)}`;
}
