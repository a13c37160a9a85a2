// Personalize: a user's recommendations (or items like an item) with their scores from a campaign; and a
// campaign built from an interactions CSV in a bucket (schema, group, dataset, import, solution, training,
// campaign) without writing code.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, pct, useAction } from "./api.js";
import { BuildProgress, NAME, useBuild, useResources } from "./resources.js";

const RECIPES = [["user-personalization", "items for a user"], ["similar-items", "items like an item"],
  ["popularity-count", "most popular"]];
const INTERACTIONS = JSON.stringify({ type: "record", name: "Interactions", namespace: "com.amazonaws.personalize.schema",
  fields: [{ name: "USER_ID", type: "string" }, { name: "ITEM_ID", type: "string" }, { name: "TIMESTAMP", type: "long" }],
  version: "1.0" });

function Recommend({ campaigns, arn, setArn }) {
  const ready = (campaigns || []).filter((c) => c.status === "ACTIVE");
  const [who, setWho] = useState({ user_id: "", item_id: "", num_results: 10 });
  const [result, setResult] = useState(null);
  const { busy, error, run } = useAction();
  useEffect(() => { if (!arn && ready.length) setArn(ready[0].arn); }, [campaigns]);
  const set = (k) => (e) => setWho({ ...who, [k]: k === "num_results" ? Number(e.target.value) : e.target.value });
  const ask = (e) => { e.preventDefault(); run(async () => {
    setResult(null);
    if (!who.user_id && !who.item_id) throw new Error("Give a user id (or, for a similar-items campaign, an item id).");
    const body = { campaign_arn: arn, num_results: who.num_results, user_id: who.user_id || undefined, item_id: who.item_id || undefined };
    setResult(await api("/v1/personalize/recommend", { json: body }));
  }); };
  const top = result && result.items.length ? Math.max(...result.items.map((i) => i.score)) || 1 : 1;
  return html`<section><h3>Recommendations</h3>
    ${campaigns && ready.length === 0 && html`<p class="muted">No campaign is ready yet: build one below.</p>`}
    ${ready.length > 0 && html`<form class="row" onSubmit=${ask}>
      <label>Campaign <select data-testid="campaign-select" value=${arn} onChange=${(e) => { setArn(e.target.value); setResult(null); }}>
        ${ready.map((c) => html`<option value=${c.arn}>${c.name}</option>`)}</select></label>
      <label>User <input data-testid="recommend-user" value=${who.user_id} onInput=${set("user_id")} size="10" /></label>
      <label>or item <input data-testid="recommend-item" value=${who.item_id} onInput=${set("item_id")} size="10" /></label>
      <label>How many <input type="number" min="1" max="500" value=${who.num_results} onInput=${set("num_results")}
        style=${{ width: "4.5rem" }} /></label>
      <button type="submit" data-testid="recommend-run" disabled=${busy}>Recommend</button>
    </form>`}
    <${ErrorLine} error=${error} testid="recommend-error" />
    ${result && html`${result.cold_start && html`<p class="muted" data-testid="recommend-cold">This user has no history:
        these are the most popular items.</p>`}
      <div class="bars" data-testid="recommendations">${result.items.map((i, n) => html`
        <span data-testid="recommended-item" data-score=${i.score}>${n + 1}. ${i.item_id}</span>
        <div class="bar" style=${{ width: pct(Math.max(0, i.score) / top) }}></div><span>${i.score.toFixed(3)}</span>`)}</div>`}
  </section>`;
}

function Build({ onBuilt }) {
  const [form, setForm] = useState({ name: "shop", s3_uri: "s3://my-bucket/interactions.csv", recipe: "user-personalization", algorithm: "als" });
  const { build, progress, busy, error, setError } = useBuild("personalize");
  const [metrics, setMetrics] = useState(null);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const start = (e) => {
    e.preventDefault();
    const n = form.name;
    if (!NAME.test(n)) return setError("The name starts with a letter and holds only letters, digits and _ (at most 51).");
    setMetrics(null);
    return build([
      { label: "schema", path: "schemas", body: () => ({ name: `${n}_interactions`, avro_schema: INTERACTIONS }) },
      { label: "dataset group", path: "dataset-groups", body: () => ({ name: n }) },
      { label: "dataset", path: "datasets", body: (m) => ({ name: `${n}_interactions`, schema_arn: m.schema.arn,
        dataset_group_arn: m["dataset group"].arn, dataset_type: "Interactions" }) },
      { label: "import", path: "imports", wait: true, body: (m) => ({ name: `${n}_import`, dataset_arn: m.dataset.arn, s3_uri: form.s3_uri }) },
      { label: "solution", path: "solutions", body: (m) => ({ name: `${n}_solution`, dataset_group_arn: m["dataset group"].arn, recipe: form.recipe, algorithm: form.algorithm }) },
      { label: "training", path: "solution-versions", wait: true, body: (m) => ({ solution_arn: m.solution.arn }) },
      { label: "campaign", path: "campaigns", wait: true, body: (m) => ({ name: `${n}_campaign`, solution_version_arn: m.training.arn }) },
    ]).then((made) => { if (made) { setMetrics(made.training.state.metrics); onBuilt(made.campaign); } });
  };
  return html`<form onSubmit=${start}><h3>Build a campaign from interactions</h3>
    <p class="muted">A CSV with the header <code>USER_ID,ITEM_ID,TIMESTAMP</code> (seconds since 1970) in a bucket.</p>
    <div class="row">
      <label>Name <input data-testid="build-campaign-name" value=${form.name} onInput=${set("name")} size="12" /></label>
      <label>CSV <input data-testid="build-campaign-uri" value=${form.s3_uri} onInput=${set("s3_uri")} size="32" /></label>
      <label>Recipe <select data-testid="build-campaign-recipe" value=${form.recipe} onChange=${set("recipe")}>
        ${RECIPES.map(([r, what]) => html`<option value=${r}>${r} (${what})</option>`)}</select></label>
      <label>Algorithm <select data-testid="build-campaign-algorithm" value=${form.algorithm} onChange=${set("algorithm")}>
        <option value="als">ALS (implicit feedback)</option><option value="bpr">BPR (pairwise ranking)</option></select></label>
      <button type="submit" data-testid="build-campaign-start" disabled=${busy}>${busy ? "Building…" : "Build"}</button>
    </div>
    <${BuildProgress} progress=${progress} error=${error} testid="build-campaign" />
    ${metrics && html`<p data-testid="build-campaign-metrics">Held-out metrics: ${Object.entries(metrics)
      .map(([k, v]) => `${k} ${typeof v === "number" ? v.toFixed(3) : v}`).join(", ")}</p>`}
  </form>`;
}

export function PersonalizePage() {
  const campaigns = useResources("personalize", "campaign");
  const [arn, setArn] = useState("");
  const built = (campaign) => { campaigns.refresh(); setArn(campaign.arn); };
  return html`<h2>Personalize</h2>
    <${ErrorLine} error=${campaigns.error} />
    <${Recommend} campaigns=${campaigns.list} arn=${arn} setArn=${setArn} />
    <${Build} onBuilt=${built} />`;
}
