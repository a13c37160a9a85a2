// Talking to the native /v1 API: the API key (when the server has keys configured), errors in plain words.
import { html, useState } from "preact-htm";

const KEY = "cirrus-api-key";
const authListeners = new Set();

export const apiKey = () => sessionStorage.getItem(KEY) || "";
export const setApiKey = (key) => (key ? sessionStorage.setItem(KEY, key) : sessionStorage.removeItem(KEY));
export const onAuthNeeded = (listener) => { authListeners.add(listener); return () => authListeners.delete(listener); };

export class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

// One call. `json` sends a JSON body, `form` a FormData; `raw` returns the Response (audio, 503 bodies).
export async function api(path, { json, form, method, raw, accept } = {}) {
  const headers = {};
  if (apiKey()) headers.Authorization = `Bearer ${apiKey()}`;
  let body;
  if (json !== undefined) { headers["Content-Type"] = "application/json"; body = JSON.stringify(json); }
  else if (form) body = form;
  let response;
  try {
    response = await fetch(path, { method: method || (body ? "POST" : "GET"), headers, body });
  } catch (e) {
    throw new ApiError(0, "unreachable", `The server did not answer (${e.message}). Is cirrus serve running?`);
  }
  if (response.status === 401 || response.status === 403) authListeners.forEach((f) => f());
  if (raw && (response.ok || accept?.includes(response.status))) return response;
  if (!response.ok) throw await errorOf(response);
  return response.status === 204 ? null : response.json();
}

async function errorOf(response) {
  let code = `http_${response.status}`, message = response.statusText || "request failed";
  try {
    const body = await response.json();
    const error = body.error || body;
    code = error.code || error.__type || code;
    message = error.message || error.Message || (Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : body.detail) || message;
  } catch { /* not JSON */ }
  if (response.status === 401) message = `${message}. Enter an API key above.`;
  return new ApiError(response.status, code, `${message} (${response.status} ${code})`);
}

// Busy and error state around one user action.
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (task) => {
    setBusy(true); setError(null);
    try { return await task(); } catch (e) { setError(e.message || String(e)); return undefined; } finally { setBusy(false); }
  };
  return { busy, error, setError, run };
}

export function ErrorLine({ error, testid = "error" }) {
  return error ? html`<p class="error" role="alert" data-testid=${testid}>${error}</p>` : null;
}

// A per-type colour, stable across reloads: light for backgrounds, dark for outlines.
export function color(type, lightness = 85) {
  let h = 0;
  for (const c of type) h = (h * 31 + c.charCodeAt(0)) % 360;
  return `hsl(${h} 80% ${lightness}%)`;
}

export const pct = (x) => `${(x * 100).toFixed(1)}%`;
