// What the Forecast and Personalize pages share: listing a resource type, and building a chain of
// resources (each created, then waited on until ACTIVE) with every step's state shown as it goes.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,50}$/;

export function useResources(service, type) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const refresh = () => api(`/v1/${service}/resources?type=${type}`)
    .then((r) => { setList(r.resources.reverse()); setError(null); }).catch((e) => setError(e.message));
  useEffect(() => { refresh(); }, []);
  return { list, error, refresh };
}

async function waitActive(service, arn, onStatus) {
  for (;;) {
    const r = await api(`/v1/${service}/resource?arn=${encodeURIComponent(arn)}`);
    onStatus(r.status);
    if (r.status === "ACTIVE") return r;
    if (r.status !== "CREATE_PENDING" && r.status !== "CREATE_IN_PROGRESS") {
      throw new Error(`${r.type} ${r.name} ${r.status}: ${r.message || "no reason given"}`);
    }
    await sleep(1000);
  }
}

// Runs `steps` ([{label, path, body: (made) => json, wait}]) in order; `made[label]` is each step's resource.
export function useBuild(service) {
  const [progress, setProgress] = useState([]);
  const action = useAction();
  const build = (steps) => action.run(async () => {
    const shown = steps.map((s) => ({ label: s.label, status: "waiting" }));
    const show = (i, status) => { shown[i] = { ...shown[i], status }; setProgress([...shown]); };
    setProgress([...shown]);
    const made = {};
    for (const [i, step] of steps.entries()) {
      show(i, "creating");
      try {
        let r = await api(`/v1/${service}/${step.path}`, { json: step.body(made) });
        if (step.wait) r = await waitActive(service, r.arn, (status) => show(i, status));
        made[step.label] = r;
        show(i, "ACTIVE");
      } catch (e) {
        show(i, "failed");
        throw e;
      }
    }
    return made;
  });
  return { build, progress, ...action };
}

export function BuildProgress({ progress, error, testid }) {
  return html`${progress.length > 0 && html`<ol class="steps" data-testid=${`${testid}-steps`}>
      ${progress.map((p) => html`<li data-testid=${`${testid}-step`} data-status=${p.status}>${p.label}${": "}<span class=${p.status === "failed" ? "error-text" : p.status === "ACTIVE" ? "" : "muted"}>${p.status}</span></li>`)}</ol>`}
    <${ErrorLine} error=${error} testid=${`${testid}-error`} />`;
}
