// The console shell: navigation by URL hash, the API key prompt, one page at a time.
import { html, render, useEffect, useState } from "preact-htm";
import { apiKey, onAuthNeeded, setApiKey } from "./api.js";
import { TextPage } from "./text.js";
import { VisionPage } from "./vision.js";
import { TranslatePage } from "./translate.js";
import { SpeechPage } from "./speech.js";
import { DocumentsPage } from "./documents.js";
import { JobsPage } from "./jobs.js";
import { FacesPage } from "./faces.js";
import { ForecastPage } from "./forecast.js";
import { PersonalizePage } from "./personalize.js";
import { ModelsPage } from "./models.js";

const PAGES = [
  ["text", "Text", TextPage],
  ["vision", "Vision", VisionPage],
  ["faces", "Faces", FacesPage],
  ["documents", "Documents", DocumentsPage],
  ["translate", "Translate", TranslatePage],
  ["speech", "Speech", SpeechPage],
  ["jobs", "Jobs", JobsPage],
  ["forecast", "Forecast", ForecastPage],
  ["personalize", "Personalize", PersonalizePage],
  ["models", "Models", ModelsPage],
];

const current = () => (PAGES.some(([id]) => id === location.hash.slice(1)) ? location.hash.slice(1) : "text");

function KeyPrompt({ onDone }) {
  const [key, setKey] = useState(apiKey());
  const save = (e) => { e.preventDefault(); setApiKey(key.trim()); onDone(); };
  return html`<form class="row" onSubmit=${save} data-testid="api-key-form">
    <label for="api-key">This server needs an API key:</label>
    <input id="api-key" type="password" autocomplete="off" value=${key} onInput=${(e) => setKey(e.target.value)}
      data-testid="api-key-input" />
    <button type="submit" data-testid="api-key-save">Use key</button>
  </form>`;
}

function App() {
  const [page, setPage] = useState(current());
  const [askKey, setAskKey] = useState(false);
  const [epoch, setEpoch] = useState(0); // re-mounts the page after a new key
  useEffect(() => {
    const onHash = () => setPage(current());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => onAuthNeeded(() => setAskKey(true)), []);
  const Page = PAGES.find(([id]) => id === page)[2];
  return html`
    <header>
      <h1>Cirrus</h1>
      <nav aria-label="Services">
        ${PAGES.map(([id, label]) => html`<a href=${`#${id}`} data-testid=${`nav-${id}`}
          aria-current=${id === page ? "page" : undefined}>${label}</a>`)}
      </nav>
      ${askKey && html`<${KeyPrompt} onDone=${() => { setAskKey(false); setEpoch(epoch + 1); }} />`}
    </header>
    <main><${Page} key=${`${page}-${epoch}`} /></main>`;
}

const root = document.getElementById("app");
root.textContent = ""; // the "Loading" note
render(html`<${App} />`, root);
