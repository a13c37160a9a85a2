// Translate: source and target side by side (the detected language shown), terminologies listed and added.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";

function Terminologies({ list, reload }) {
  const [name, setName] = useState("");
  const [file, setFile] = useState(null);
  const { busy, error, run } = useAction();
  const add = (e) => run(async () => {
    e.preventDefault();
    const text = await file.text();
    const format = file.name.toLowerCase().endsWith(".tmx") ? "TMX" : file.name.toLowerCase().endsWith(".tsv") ? "TSV" : "CSV";
    await api(`/v1/translate/terminologies/${encodeURIComponent(name)}`, { method: "PUT", json: { format, file: text } });
    setName(""); reload();
  });
  return html`<section><h3>Terminologies</h3>
    ${list.length ? html`<table><thead><tr><th>Name</th><th>From</th><th>To</th><th>Terms</th></tr></thead><tbody>
      ${list.map((t) => html`<tr data-testid="terminology" data-name=${t.name}><td>${t.name}</td><td>${t.source_language}</td>
        <td>${t.target_languages.join(", ")}</td><td>${t.term_count}</td></tr>`)}</tbody></table>`
      : html`<p class="muted">None yet.</p>`}
    <form class="row" onSubmit=${add}>
      <input placeholder="name" value=${name} onInput=${(e) => setName(e.target.value)} data-testid="terminology-name" required />
      <input type="file" accept=".csv,.tsv,.tmx" onChange=${(e) => setFile(e.target.files[0])} data-testid="terminology-file" required />
      <button type="submit" disabled=${busy || !name || !file} data-testid="terminology-add">Add</button>
    </form>
    <${ErrorLine} error=${error} testid="terminology-error" />
  </section>`;
}

export function TranslatePage() {
  const [languages, setLanguages] = useState([]);
  const [terminologies, setTerminologies] = useState([]);
  const [source, setSource] = useState("auto");
  const [target, setTarget] = useState("es");
  const [terminology, setTerminology] = useState("");
  const [text, setText] = useState("The weather is nice today and the museum opens at nine.");
  const [format, setFormat] = useState("text/plain");
  const [result, setResult] = useState(null);
  const { busy, error, run } = useAction();
  const open = (file) => run(async () => {
    setFormat(/\.x?html?$/i.test(file.name) || file.type === "text/html" ? "text/html" : "text/plain");
    setText(await file.text());
    setResult(null);
  });
  const download = () => {
    const url = URL.createObjectURL(new Blob([result.translated_text], { type: `${format};charset=utf-8` }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `translated.${target}.${format === "text/html" ? "html" : "txt"}` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const reload = () => api("/v1/translate/terminologies").then((t) => setTerminologies(t.terminologies)).catch(() => {});
  useEffect(() => {
    api("/v1/translate/languages").then((l) => setLanguages(l.languages)).catch(() => {});
    reload();
  }, []);

  const translate = () => run(async () => {
    setResult(null);
    const body = { text, source_language: source, target_language: target, terminology_names: terminology ? [terminology] : [] };
    setResult(format === "text/html" ? await api("/v1/translate/document", { json: { ...body, content_type: format } })
      : await api("/v1/translate/text", { json: body }));
  });
  const name = (code) => languages.find((l) => l.code === code)?.name || code;
  const options = languages.map((l) => html`<option value=${l.code}>${l.name} (${l.code})</option>`);

  return html`<h2>Translate</h2>
    <div class="row">
      <label>From <select data-testid="translate-from" value=${source} onChange=${(e) => setSource(e.target.value)}>
        <option value="auto">detect</option>${options}</select></label>
      <label>To <select data-testid="translate-to" value=${target} onChange=${(e) => setTarget(e.target.value)}>${options}</select></label>
      <label>Terminology <select data-testid="translate-terminology" value=${terminology} onChange=${(e) => setTerminology(e.target.value)}>
        <option value="">none</option>${terminologies.map((t) => html`<option value=${t.name}>${t.name}</option>`)}</select></label>
      <label>Format <select data-testid="translate-format" value=${format} onChange=${(e) => { setFormat(e.target.value); setResult(null); }}>
        <option value="text/plain">text</option><option value="text/html">HTML document</option></select></label>
      <button data-testid="translate-run" disabled=${busy || !text.trim()} onClick=${translate}>${busy ? "Translating…" : "Translate"}</button>
    </div>
    <div class="row"><label>Open a document (.html, .txt) <input type="file" accept=".html,.htm,.txt,text/html,text/plain"
      data-testid="translate-file" onChange=${(e) => e.target.files[0] && open(e.target.files[0])} /></label></div>
    <${ErrorLine} error=${error} />
    <div class="cols">
      <textarea aria-label="text to translate" data-testid="translate-source" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
      <div>
        <textarea aria-label="translation" readonly data-testid="translate-output" value=${result?.translated_text ?? ""}></textarea>
        ${result && html`<p class="muted">From <strong data-testid="translate-detected">${result.source_language}</strong>
          (${name(result.source_language)}${source === "auto" ? ", detected" : ""})
          ${result.route && html` via <span data-testid="translate-route">${result.route.languages.join(" → ")}</span>`}
          ${result.applied_terminologies.length ? html`, terminology ${result.applied_terminologies.map((t) => t.name).join(", ")}` : ""}
          <button class="secondary" data-testid="translate-download" onClick=${download}>Download</button></p>`}
        ${result && format === "text/html" && html`<iframe sandbox="" title="the translated document" data-testid="translate-preview"
          srcdoc=${result.translated_text} style=${{ width: "100%", height: "14rem", border: "1px solid var(--line)" }}></iframe>`}
      </div>
    </div>
    <${Terminologies} list=${terminologies} reload=${reload} />`;
}
