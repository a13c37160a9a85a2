// Vision: an image's labels, the objects and faces found on it (drawn), its text lines, moderation labels,
// and two faces compared.
import { html, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";

export function FilePicker({ testid, accept, onFile, label }) {
  const [over, setOver] = useState(false);
  const drop = (e) => { e.preventDefault(); setOver(false); if (e.dataTransfer.files[0]) onFile(e.dataTransfer.files[0]); };
  return html`<div class=${`drop${over ? " over" : ""}`} onDragOver=${(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave=${() => setOver(false)} onDrop=${drop}>
    <label>${label} <input type="file" accept=${accept} data-testid=${testid}
      onChange=${(e) => e.target.files[0] && onFile(e.target.files[0])} /></label>
    <div class="muted">or drop a file here</div>
  </div>`;
}

export const upload = (file, fields = {}) => {
  const form = new FormData();
  form.append("file", file);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};

// A box at the API's relative coordinates (0-1 of the image's width and height).
export function Box({ box, kind, label, title, testid }) {
  const style = { left: `${box.Left * 100}%`, top: `${box.Top * 100}%`, width: `${box.Width * 100}%`, height: `${box.Height * 100}%` };
  return html`<div class=${`box ${kind}`} style=${style} title=${title} data-testid=${testid}
    data-left=${box.Left} data-top=${box.Top} data-width=${box.Width} data-height=${box.Height}>
    ${label && html`<span>${label}</span>`}</div>`;
}

const faceTitle = (f) => [
  f.AgeRange && `age ${f.AgeRange.Low}–${f.AgeRange.High}`,
  f.Gender && `${f.Gender.Value} (${f.Gender.Confidence.toFixed(0)}%)`,
  f.Emotions?.length && `${f.Emotions[0].Type} (${f.Emotions[0].Confidence.toFixed(0)}%)`,
  `confidence ${f.Confidence.toFixed(1)}%`,
].filter(Boolean).join(" · ");

function Compare() {
  const [source, setSource] = useState(null);
  const [target, setTarget] = useState(null);
  const [result, setResult] = useState(null);
  const { busy, error, run } = useAction();
  const compare = () => run(async () => {
    const form = new FormData();
    form.append("source", source);
    form.append("target", target);
    setResult(await api("/v1/vision/faces/compare", { form }));
  });
  return html`<section><h3>Compare two faces</h3>
    <div class="cols">
      <${FilePicker} testid="compare-source" accept="image/*" label="Face" onFile=${setSource} />
      <${FilePicker} testid="compare-target" accept="image/*" label="Against" onFile=${setTarget} />
    </div>
    <div class="row"><button data-testid="compare-run" disabled=${busy || !source || !target} onClick=${compare}>Compare</button></div>
    <${ErrorLine} error=${error} testid="compare-error" />
    ${result && (result.matches.length
      ? html`<p>Same person: similarity <strong data-testid="compare-similarity">${result.matches[0].Similarity.toFixed(1)}</strong>%</p>`
      : html`<p data-testid="compare-similarity" data-none="true">No face in the second image matches
          (${result.unmatched.length} other face${result.unmatched.length === 1 ? "" : "s"}).</p>`)}
  </section>`;
}

export function VisionPage() {
  const [image, setImage] = useState(null);
  const [result, setResult] = useState(null);
  const [show, setShow] = useState({ objects: true, faces: true, text: true });
  const { busy, error, run } = useAction();

  const analyse = (file) => run(async () => {
    setResult(null);
    if (image) URL.revokeObjectURL(image);
    setImage(URL.createObjectURL(file));
    const [labels, faces, text, moderation] = await Promise.all([
      api("/v1/vision/labels", { form: upload(file) }),
      api("/v1/vision/faces", { form: upload(file, { attributes: "ALL" }) }),
      api("/v1/vision/text", { form: upload(file) }),
      api("/v1/vision/moderation", { form: upload(file) }),
    ]);
    setResult({ labels: labels.labels, faces: faces.faces, text: text.detections, moderation: moderation.labels });
  });

  const instances = result ? result.labels.flatMap((l) => (l.Instances || []).map((i) => ({ ...i, Name: l.Name }))) : [];
  const lines = result ? result.text.filter((t) => t.Type === "LINE") : [];
  return html`<h2>Image analysis</h2>
    <${FilePicker} testid="vision-file" accept="image/*" label="Image (JPEG, PNG, WebP, BMP, TIFF)" onFile=${analyse} />
    ${busy && html`<p class="muted">Analysing…</p>`}
    <${ErrorLine} error=${error} />
    ${result && html`<div class="cols">
      <div>
        <div class="row">${Object.keys(show).map((k) => html`<label><input type="checkbox" checked=${show[k]}
          data-testid=${`show-${k}`} onChange=${(e) => setShow({ ...show, [k]: e.target.checked })} /> ${k}</label>`)}</div>
        <div class="stage" data-testid="vision-stage">
          <img src=${image} alt="the analysed image" />
          ${show.objects && instances.map((i) => html`<${Box} box=${i.BoundingBox} kind="object" label=${i.Name}
            title=${`${i.Name} ${i.Confidence.toFixed(1)}%`} testid="box-object" />`)}
          ${show.faces && result.faces.map((f) => html`<${Box} box=${f.BoundingBox} kind="face" label="face"
            title=${faceTitle(f)} testid="box-face" />`)}
          ${show.text && lines.map((t) => html`<${Box} box=${t.Geometry.BoundingBox} kind="line" title=${t.DetectedText} testid="box-line" />`)}
        </div>
      </div>
      <div>
        <h3>Labels</h3>
        <table><thead><tr><th>Label</th><th>Confidence</th><th>Parents</th></tr></thead><tbody>
          ${result.labels.map((l) => html`<tr data-testid="label" data-name=${l.Name}><td>${l.Name}</td>
            <td>${l.Confidence.toFixed(1)}%</td><td>${(l.Parents || []).map((p) => p.Name).join(", ")}</td></tr>`)}
        </tbody></table>
        <h3>Faces</h3>
        ${result.faces.length ? html`<ul>${result.faces.map((f) => html`<li data-testid="face">${faceTitle(f)}</li>`)}</ul>`
          : html`<p class="muted">No face found.</p>`}
        <h3>Text</h3>
        ${lines.length ? html`<ul>${lines.map((t) => html`<li data-testid="text-line">${t.DetectedText}</li>`)}</ul>`
          : html`<p class="muted">No text found.</p>`}
        <h3>Moderation</h3>
        ${result.moderation.length ? html`<ul>${result.moderation.map((m) => html`<li data-testid="moderation-label">
            ${m.Name} (${m.Confidence.toFixed(1)}%)</li>`)}</ul>`
          : html`<p class="muted" data-testid="moderation-none">Nothing unsafe found.</p>`}
      </div>
    </div>`}
    <${Compare} />`;
}
