// Documents: a page's LINE / WORD / TABLE / KEY_VALUE_SET / LAYOUT blocks drawn over it (toggled per type),
// tables as HTML tables, key/value pairs and query answers listed, the raw JSON to download.
import { html, useState } from "preact-htm";
import { api, color, ErrorLine, useAction } from "./api.js";
import { FilePicker } from "./vision.js";

const FEATURES = ["TABLES", "FORMS", "LAYOUT", "QUERIES"];
const kindOf = (b) => (b.BlockType.startsWith("LAYOUT_") ? "LAYOUT" : b.BlockType);

function textOf(block, byId) {
  const ids = (block.Relationships || []).filter((r) => r.Type === "CHILD").flatMap((r) => r.Ids);
  return ids.map((id) => byId[id]).filter(Boolean).map((c) => (c.BlockType === "SELECTION_ELEMENT"
    ? (c.SelectionStatus === "SELECTED" ? "☑" : "☐") : c.Text || "")).join(" ");
}
const related = (block, type) => (block.Relationships || []).filter((r) => r.Type === type).flatMap((r) => r.Ids);

function Table({ table, byId }) {
  const cells = related(table, "CHILD").map((id) => byId[id]).filter((c) => c?.BlockType === "CELL");
  const rows = Math.max(0, ...cells.map((c) => c.RowIndex));
  const grid = Array.from({ length: rows }, (_, r) => cells.filter((c) => c.RowIndex === r + 1).sort((a, b) => a.ColumnIndex - b.ColumnIndex));
  return html`<table data-testid="document-table">${grid.map((row) => html`<tr>${row.map((c) => {
    const header = (c.EntityTypes || []).includes("COLUMN_HEADER");
    const Cell = header ? "th" : "td";
    return html`<${Cell} data-testid="document-cell" data-row=${c.RowIndex} data-column=${c.ColumnIndex}>${textOf(c, byId)}<//>`;
  })}</tr>`)}</table>`;
}

export function DocumentsPage() {
  const [features, setFeatures] = useState(["TABLES", "FORMS"]);
  const [queries, setQueries] = useState("");
  const [file, setFile] = useState(null);
  const [result, setResult] = useState(null);
  const [show, setShow] = useState({ LINE: true, WORD: false, TABLE: true, CELL: false, KEY_VALUE_SET: true,
    SELECTION_ELEMENT: true, LAYOUT: false });
  const { busy, error, run } = useAction();

  const analyse = (chosen) => run(async () => {
    setResult(null);
    if (file?.url) URL.revokeObjectURL(file.url);
    setFile({ name: chosen.name, url: chosen.type.startsWith("image/") ? URL.createObjectURL(chosen) : null });
    const form = new FormData();
    form.append("file", chosen);
    features.forEach((f) => form.append("feature_types", f));
    if (features.includes("QUERIES")) queries.split("\n").map((q) => q.trim()).filter(Boolean).forEach((q) => form.append("queries", q));
    const body = features.length ? await api("/v1/documents/analyze", { form }) : await api("/v1/documents/text", { form });
    setResult({ ...body, json: URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: "application/json" })) });
  });

  const blocks = result?.blocks || [];
  const byId = Object.fromEntries(blocks.map((b) => [b.Id, b]));
  const keys = blocks.filter((b) => b.BlockType === "KEY_VALUE_SET" && (b.EntityTypes || []).includes("KEY"));
  const answers = blocks.filter((b) => b.BlockType === "QUERY");
  return html`<h2>Documents</h2>
    <div class="row">${FEATURES.map((f) => html`<label><input type="checkbox" checked=${features.includes(f)} data-testid=${`feature-${f}`}
      onChange=${(e) => setFeatures(e.target.checked ? [...features, f] : features.filter((x) => x !== f))} /> ${f}</label>`)}</div>
    ${features.includes("QUERIES") && html`<textarea aria-label="questions, one per line" data-testid="document-queries"
      placeholder="One question per line, e.g. What is the invoice number?" value=${queries} onInput=${(e) => setQueries(e.target.value)}></textarea>`}
    <${FilePicker} testid="document-file" accept="image/*,application/pdf" label="Page (image or one-page PDF)" onFile=${analyse} />
    ${busy && html`<p class="muted">Reading…</p>`}
    <${ErrorLine} error=${error} />
    ${result && html`<div class="row"><a href=${result.json} download="blocks.json" data-testid="document-download">Download the JSON</a>
      <span class="muted">${blocks.length} blocks</span></div>
      <div class="cols"><div>
        <div class="row">${Object.keys(show).map((k) => html`<label><input type="checkbox" checked=${show[k]} data-testid=${`overlay-${k}`}
          onChange=${(e) => setShow({ ...show, [k]: e.target.checked })} /> ${k}</label>`)}</div>
        <div class="stage" data-testid="document-stage" style=${file.url ? null : { width: "100%", aspectRatio: "0.77", background: "#fff", border: "1px solid #ccc" }}>
          ${file.url && html`<img src=${file.url} alt="the analysed page" />`}
          ${blocks.filter((b) => b.Geometry && show[kindOf(b)]).map((b) => {
            const box = b.Geometry.BoundingBox;
            return html`<div class="box line" data-testid="document-box" data-type=${kindOf(b)} title=${`${b.BlockType} ${b.Text || ""}`}
              style=${{ left: `${box.Left * 100}%`, top: `${box.Top * 100}%`, width: `${box.Width * 100}%`,
                height: `${box.Height * 100}%`, borderColor: color(kindOf(b), 40) }}></div>`;
          })}
        </div></div>
        <div>
          ${answers.length > 0 && html`<h3>Answers</h3><ul>${answers.map((q) => html`<li data-testid="document-answer">${q.Query.Text}:
            <strong>${related(q, "ANSWER").map((id) => byId[id]?.Text).join(", ") || "—"}</strong></li>`)}</ul>`}
          ${keys.length > 0 && html`<h3>Fields</h3><table>${keys.map((k) => html`<tr data-testid="document-field">
            <th>${textOf(k, byId)}</th><td>${related(k, "VALUE").map((id) => textOf(byId[id], byId)).join(" ")}</td></tr>`)}</table>`}
          ${blocks.filter((b) => b.BlockType === "TABLE").map((t) => html`<h3>Table</h3><${Table} table=${t} byId=${byId} />`)}
          <h3>Text</h3>
          <p class="marked" data-testid="document-text">${blocks.filter((b) => b.BlockType === "LINE").map((b) => b.Text).join("\n")}</p>
        </div></div>`}`;
}
