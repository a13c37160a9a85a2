// Face collections: create and delete collections, add the faces in a photo (only their descriptors are
// kept, never the photo), list and remove faces, and search a collection with a photo.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";
import { Box, FilePicker, upload } from "./vision.js";

const ID = /^[a-zA-Z0-9_.-]{1,255}$/;
const path = (id) => `/v1/vision/collections/${encodeURIComponent(id)}`;

function Collections({ selected, onSelect }) {
  const [ids, setIds] = useState(null);
  const [name, setName] = useState("");
  const { busy, error, run } = useAction();
  const refresh = () => run(async () => setIds((await api("/v1/vision/collections")).collections));
  useEffect(() => { refresh(); }, []);
  const create = (e) => { e.preventDefault(); run(async () => {
    if (!ID.test(name)) throw new Error("A collection id holds letters, digits, '_', '.' and '-' (at most 255).");
    await api("/v1/vision/collections", { json: { collection_id: name } });
    setName("");
    setIds((await api("/v1/vision/collections")).collections);
    onSelect(name);
  }); };
  const remove = () => run(async () => {
    if (!confirm(`Delete the collection ${selected} and every face in it?`)) return;
    await api(path(selected), { method: "DELETE" });
    onSelect(null);
    setIds((await api("/v1/vision/collections")).collections);
  });
  return html`<section><h3>Collections</h3>
    <div class="row">
      <label>Collection <select data-testid="collection-select" value=${selected || ""} onChange=${(e) => onSelect(e.target.value || null)}>
        <option value="">${ids && ids.length === 0 ? "(none yet)" : "choose…"}</option>
        ${(ids || []).map((id) => html`<option value=${id}>${id}</option>`)}</select></label>
      ${selected && html`<button class="secondary" data-testid="collection-delete" disabled=${busy} onClick=${remove}>Delete</button>`}
      <form class="row" onSubmit=${create}>
        <input placeholder="new-collection" aria-label="new collection id" data-testid="collection-name" value=${name}
          onInput=${(e) => setName(e.target.value)} size="18" />
        <button type="submit" data-testid="collection-create" disabled=${busy || !name}>Create</button>
      </form>
    </div>
    <${ErrorLine} error=${error} testid="collection-error" />
  </section>`;
}

function Faces({ collection, epoch, onChanged }) {
  const [info, setInfo] = useState(null);
  const [faces, setFaces] = useState([]);
  const [external, setExternal] = useState("");
  const [indexed, setIndexed] = useState(null);
  const { busy, error, run } = useAction();
  useEffect(() => { run(async () => {
    const [described, listed] = await Promise.all([api(path(collection)), api(`${path(collection)}/faces`)]);
    setInfo(described); setFaces(listed.faces);
  }); }, [collection, epoch]);
  const index = (file) => run(async () => {
    const fields = external ? { external_image_id: external } : {};
    const out = await api(`${path(collection)}/faces`, { form: upload(file, fields) });
    setIndexed(out);
    onChanged();
  });
  const remove = (id) => run(async () => { await api(`${path(collection)}/faces/${id}`, { method: "DELETE" }); onChanged(); });
  return html`<section><h3>Faces in ${collection}</h3>
    ${info && html`<p class="muted" data-testid="collection-info">${info.face_count} face${info.face_count === 1 ? "" : "s"},
      model ${info.face_model_version}</p>`}
    <div class="row"><label>Name the person or photo (optional) <input data-testid="face-external-id" value=${external}
      placeholder="e.g. alice" onInput=${(e) => setExternal(e.target.value)} /></label></div>
    <${FilePicker} testid="face-index-file" accept="image/*" label="Add the faces in a photo" onFile=${index} />
    ${busy && html`<p class="muted">Working…</p>`}
    <${ErrorLine} error=${error} testid="face-error" />
    ${indexed && html`<p data-testid="face-indexed">Added ${indexed.face_records.length} face${indexed.face_records.length === 1 ? "" : "s"}${
      indexed.unindexed_faces.length ? `; left out ${indexed.unindexed_faces.length} (${indexed.unindexed_faces.map((u) => u.Reasons.join(", ")).join("; ")})` : ""}.</p>`}
    ${faces.length > 0 && html`<div style=${{ overflowX: "auto" }}><table>
      <thead><tr><th>Face id</th><th>Name</th><th>Confidence</th><th></th></tr></thead>
      <tbody>${faces.map((f) => html`<tr data-testid="face-row" data-face-id=${f.FaceId}>
        <td><code>${f.FaceId}</code></td><td data-testid="face-external">${f.ExternalImageId || ""}</td>
        <td>${f.Confidence.toFixed(1)}%</td>
        <td><button class="secondary" data-testid="face-delete" disabled=${busy} onClick=${() => remove(f.FaceId)}>Remove</button></td>
      </tr>`)}</tbody></table></div>`}
  </section>`;
}

function Search({ collection }) {
  const [image, setImage] = useState(null);
  const [result, setResult] = useState(null);
  const [threshold, setThreshold] = useState(80);
  const { busy, error, run } = useAction();
  const search = (file) => run(async () => {
    setResult(null);
    if (image) URL.revokeObjectURL(image);
    setImage(URL.createObjectURL(file));
    setResult(await api(`${path(collection)}/search`, { form: upload(file, { threshold: String(threshold) }) }));
  });
  return html`<section><h3>Search ${collection} with a photo</h3>
    <div class="row"><label>Least similarity <input type="number" min="0" max="100" value=${threshold} data-testid="search-threshold"
      onInput=${(e) => setThreshold(Number(e.target.value))} style=${{ width: "5rem" }} /> %</label></div>
    <${FilePicker} testid="face-search-file" accept="image/*" label="Photo to search with (its largest face)" onFile=${search} />
    <${ErrorLine} error=${error} testid="search-error" />
    ${busy && html`<p class="muted">Searching…</p>`}
    ${result && html`<div class="cols">
      <div class="stage"><img src=${image} alt="the photo searched with" />
        <${Box} box=${result.searched_face_bounding_box} kind="face" label="searched" testid="search-box" /></div>
      <div>${result.face_matches.length === 0 ? html`<p data-testid="search-none">No face in ${collection} is at least ${threshold}% similar.</p>`
        : html`<table><thead><tr><th>Similarity</th><th>Name</th><th>Face id</th></tr></thead><tbody>
          ${result.face_matches.map((m) => html`<tr data-testid="search-match" data-face-id=${m.Face.FaceId} data-similarity=${m.Similarity}>
            <td>${m.Similarity.toFixed(1)}%</td><td>${m.Face.ExternalImageId || ""}</td><td><code>${m.Face.FaceId.slice(0, 8)}</code></td></tr>`)}
        </tbody></table>`}</div>
    </div>`}
  </section>`;
}

export function FacesPage() {
  const [collection, setCollection] = useState(null);
  const [epoch, setEpoch] = useState(0);
  return html`<h2>Face collections</h2>
    <${Collections} selected=${collection} onSelect=${setCollection} />
    ${collection && html`<${Faces} key=${collection} collection=${collection} epoch=${epoch} onChanged=${() => setEpoch(epoch + 1)} />
      <${Search} key=${`s-${collection}`} collection=${collection} />`}`;
}
