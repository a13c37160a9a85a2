// Text: sentiment, entities, PII, key phrases, syntax and the dominant language of what the user types.
import { html, useEffect, useState } from "preact-htm";
import { api, color, ErrorLine, pct, useAction } from "./api.js";

const SAMPLE = "Jeff Bezos founded Amazon in Seattle in 1994. I love my new Kindle, but the delivery was late. "
  + "Call Maria Garcia at 206-555-0100 or write to maria@example.com.";
const ANALYSES = [["sentiment", "sentiment"], ["entities", "entities"], ["key-phrases", "keyPhrases"],
  ["syntax", "syntax"], ["pii", "pii"]];

// Spans over text by code-point offsets (the API's), the type shown and its score and offsets on hover.
export function Marked({ text, spans, testid, label = (s) => s.type }) {
  const chars = Array.from(text);
  const out = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.begin_offset - b.begin_offset)) {
    if (s.begin_offset < at) continue; // overlaps the previous span
    out.push(chars.slice(at, s.begin_offset).join(""));
    const piece = chars.slice(s.begin_offset, s.end_offset).join("");
    out.push(html`<mark data-testid=${testid} data-type=${label(s)} data-text=${piece} tabindex="0"
      style=${{ background: color(label(s)) }}
      title=${`${label(s)} · score ${s.score.toFixed(3)} · offsets ${s.begin_offset}–${s.end_offset}`}
      >${piece}<small aria-hidden="true">${label(s)}</small></mark>`);
    at = s.end_offset;
  }
  out.push(chars.slice(at).join(""));
  return html`<div class="marked">${out}</div>`;
}

function Sentiment({ result }) {
  const scores = result.scores;
  return html`<p>Overall: <strong data-testid="sentiment-label">${result.sentiment}</strong></p>
    <div class="bars">${["positive", "negative", "neutral", "mixed"].map((k) => html`
      <span>${k}</span>
      <div><div class="bar" style=${{ width: pct(scores[k]) }} data-testid=${`sentiment-bar-${k}`}
        data-score=${scores[k]}></div></div>
      <span>${pct(scores[k])}</span>`)}
    </div>`;
}

function Section({ title, part, children }) {
  if (!part) return null;
  return html`<section><h3>${title}</h3>
    ${part.error ? html`<${ErrorLine} error=${part.error} testid=${`error-${title.toLowerCase().replace(/\W+/g, "-")}`} />` : children(part.value)}
  </section>`;
}

export function TextPage() {
  const [text, setText] = useState(SAMPLE);
  const [language, setLanguage] = useState("auto");
  const [languages, setLanguages] = useState([]);
  const [result, setResult] = useState(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    api("/v1/models").then((m) => setLanguages([...new Set(m.models.filter((c) => c.task === "entities" || c.task === "sentiment")
      .flatMap((c) => c.languages).filter((l) => l !== "*"))].sort())).catch(() => {});
  }, []);

  const analyze = () => run(async () => {
    setResult(null);
    const detected = (await api("/v1/text/language", { json: { texts: [text] } })).results[0]?.languages ?? [];
    const lang = language === "auto" ? (detected[0]?.language_code || "en") : language;
    const settled = await Promise.allSettled(ANALYSES.map(([route]) =>
      api(`/v1/text/${route}`, { json: { texts: [text], language: lang } })));
    const out = { text, lang, detected };
    settled.forEach((s, i) => {
      const key = ANALYSES[i][1];
      const itemError = s.status === "fulfilled" ? s.value.errors[0] : null;
      out[key] = s.status === "rejected" ? { error: s.reason.message }
        : itemError ? { error: `${itemError.message} (${itemError.code})` } : { value: s.value.results[0] };
    });
    setResult(out);
  });

  return html`<h2>Text analysis</h2>
    <label for="text-input" class="muted">Text (up to 5,000 bytes)</label>
    <textarea id="text-input" data-testid="text-input" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
    <div class="row">
      <label for="text-language">Language</label>
      <select id="text-language" data-testid="text-language" value=${language} onChange=${(e) => setLanguage(e.target.value)}>
        <option value="auto">detect</option>
        ${languages.map((l) => html`<option value=${l}>${l}</option>`)}
      </select>
      <button data-testid="text-analyze" disabled=${busy || !text.trim()} onClick=${analyze}>${busy ? "Analysing…" : "Analyse"}</button>
    </div>
    <${ErrorLine} error=${error} />
    ${result && html`
      <p>Dominant language: <strong data-testid="dominant-language">${result.detected[0]?.language_code ?? "?"}</strong>
        ${result.detected[0] && html` <span class="muted">(${pct(result.detected[0].score)}; analysed as ${result.lang})</span>`}</p>
      <${Section} title="Sentiment" part=${result.sentiment}>${(v) => html`<${Sentiment} result=${v} />`}<//>
      <${Section} title="Entities" part=${result.entities}>${(v) => html`<${Marked} text=${result.text} spans=${v.entities} testid="entity" />`}<//>
      <${Section} title="Personal data (PII)" part=${result.pii}>${(v) => html`<${Marked} text=${result.text} spans=${v.entities} testid="pii" />`}<//>
      <${Section} title="Key phrases" part=${result.keyPhrases}>${(v) => html`<ul class="chips">
        ${v.key_phrases.map((k) => html`<li data-testid="key-phrase" title=${`score ${k.score.toFixed(3)}`}>${k.text}</li>`)}</ul>`}<//>
      <${Section} title="Syntax" part=${result.syntax}>${(v) => html`<${Marked} text=${result.text} spans=${v.tokens}
        testid="syntax-token" label=${(t) => t.part_of_speech} />`}<//>`}`;
}
