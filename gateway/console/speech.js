// Speech: transcribe a file or the microphone (words highlighted as the audio plays), and text to speech
// with the words highlighted as it speaks.
import { html, useEffect, useState } from "preact-htm";
import { api, ErrorLine, useAction } from "./api.js";
import { FilePicker } from "./vision.js";
import { Live } from "./live.js";

// The index of the timed item playing at `t` seconds (items carry start/end seconds), or -1.
const playing = (items, t) => items.findIndex((w) => t >= w.start && t < w.end);

// spk_0, spk_1, ... get hues far apart (golden-angle steps), so neighbours never look alike.
const speakerColor = (speaker, lightness) => `hsl(${(parseInt(speaker.split("_").pop(), 10) * 137 + 200) % 360} 75% ${lightness}%)`;

// Words with their times; the one playing highlighted; with speaker labels, each speaker's turn starts
// with its label and its words are underlined in the speaker's colour.
function Words({ words, now, testid }) {
  return html`<p class="marked" data-testid=${`${testid}s`}>${words.map((w, i) => html`${w.speaker && w.speaker !== words[i - 1]?.speaker
      && html`${i > 0 && html`<br />`}<strong data-testid="asr-speaker" style=${{ color: speakerColor(w.speaker, 35) }}>${w.speaker}: </strong>`}<span
    data-testid=${testid} data-start=${w.start} data-end=${w.end} data-speaker=${w.speaker || undefined}
    style=${{ background: i === now ? "#ffe066" : undefined, borderBottom: w.speaker ? `2px solid ${speakerColor(w.speaker, 55)}` : undefined }}
    data-now=${i === now ? "true" : undefined} title=${`${w.start.toFixed(2)}–${w.end.toFixed(2)} s${w.speaker ? `, ${w.speaker}` : ""}`}>${w.word} </span>`)}</p>`;
}

function Transcribe() {
  const [audio, setAudio] = useState(null);
  const [result, setResult] = useState(null);
  const [now, setNow] = useState(-1);
  const [recorder, setRecorder] = useState(null);
  const [speakers, setSpeakers] = useState("");
  const { busy, error, setError, run } = useAction();
  const words = result ? result.segments.flatMap((s) => s.words.map((w) => ({ ...w, word: w.word.trim() }))) : [];

  const transcribe = (file) => run(async () => {
    setResult(null);
    if (audio) URL.revokeObjectURL(audio);
    setAudio(URL.createObjectURL(file));
    const form = new FormData();
    form.append("file", file, file.name || "recording.webm");
    if (speakers) form.append("max_speakers", speakers);
    setResult(await api("/v1/transcribe", { form }));
  });
  const record = async () => {
    setError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks = [];
      const r = new MediaRecorder(stream);
      r.ondataavailable = (e) => chunks.push(e.data);
      r.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        transcribe(new File(chunks, "recording.webm", { type: r.mimeType || "audio/webm" }));
      };
      r.start();
      setRecorder(r);
    } catch (e) {
      setError(`The microphone could not be opened: ${e.message}`);
    }
  };
  const stop = () => { recorder.stop(); setRecorder(null); };

  return html`<section><h3>Speech to text</h3>
    <div class="row"><label>Speakers <select data-testid="asr-speakers" value=${speakers} onChange=${(e) => setSpeakers(e.target.value)}>
      <option value="">don't label</option>${[2, 3, 4, 5, 6].map((n) => html`<option value=${n}>up to ${n}</option>`)}</select></label></div>
    <${FilePicker} testid="asr-file" accept="audio/*,video/*" label="Audio or video" onFile=${transcribe} />
    <div class="row">
      ${recorder ? html`<button data-testid="asr-stop" onClick=${stop}>Stop and transcribe</button>`
        : html`<button class="secondary" data-testid="asr-record" disabled=${busy} onClick=${record}>Record from the microphone</button>`}
      ${busy && html`<span class="muted">Transcribing…</span>`}
    </div>
    <${ErrorLine} error=${error} testid="asr-error" />
    ${result && html`<p>Language <strong data-testid="asr-language">${result.language}</strong>,
        ${result.duration.toFixed(1)} s of audio</p>
      <audio controls src=${audio} data-testid="asr-audio" onTimeUpdate=${(e) => setNow(playing(words, e.target.currentTime))}></audio>
      <p data-testid="asr-transcript" class="muted">${result.text}</p>
      <${Words} words=${words} now=${now} testid="asr-word" />`}
  </section>`;
}

// Polly's word marks carry UTF-8 byte offsets and a time in ms; each becomes a word with start/end seconds.
function wordsOf(text, marks, duration) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
  const words = marks.filter((m) => m.type === "word");
  return words.map((m, i) => ({ word: decode(m.start, m.end), start: m.time / 1000,
    end: i + 1 < words.length ? words[i + 1].time / 1000 : duration }));
}

const ENGINES = ["neural", "standard"];

function Speak() {
  const [voices, setVoices] = useState([]);
  const [engine, setEngine] = useState("neural");
  const [voice, setVoice] = useState("Joanna");
  const [text, setText] = useState("Hello! This is Cirrus, speaking from your own machine.");
  const [ssml, setSsml] = useState(false);
  const [spoken, setSpoken] = useState(null);
  const [now, setNow] = useState(-1);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    api("/v1/tts/voices").then((v) => setVoices(v.voices)).catch((e) => setError(`The voices could not be listed: ${e.message}`));
  }, []);
  const offered = voices.filter((v) => v.engines.includes(engine));
  const pickEngine = (e) => {
    const next = e.target.value;
    setEngine(next);
    if (!voices.some((v) => v.id === voice && v.engines.includes(next))) {
      const first = voices.find((v) => v.engines.includes(next));
      if (first) setVoice(first.id);
    }
  };
  const speak = () => run(async () => {
    const body = { text, voice, engine, text_type: ssml ? "ssml" : "text" };
    const [audio, marks] = await Promise.all([
      api("/v1/tts", { json: { ...body, format: "mp3" }, raw: true }).then((r) => r.blob()),
      api("/v1/tts/marks", { json: { ...body, mark_types: ["word"] } }),
    ]);
    if (spoken) URL.revokeObjectURL(spoken.url);
    setSpoken({ url: URL.createObjectURL(audio), marks: marks.marks, text: ssml ? null : text });
  });
  const words = spoken && spoken.text !== null ? wordsOf(spoken.text, spoken.marks, 1e9) : [];
  const chosen = voices.find((v) => v.id === voice);
  return html`<section><h3>Text to speech</h3>
    <textarea aria-label="text to speak" data-testid="tts-text" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
    <div class="row">
      <label>Engine <select data-testid="tts-engine" value=${engine} onChange=${pickEngine}>
        ${ENGINES.map((name) => html`<option value=${name}>${name}</option>`)}</select></label>
      <label>Voice <select data-testid="tts-voice" value=${voice} onChange=${(e) => setVoice(e.target.value)}>
        ${(offered.length ? offered : [{ id: voice }]).map((v) => html`<option value=${v.id}>${v.id}${v.language_code ? ` (${v.language_code}, ${v.gender.toLowerCase()})` : ""}</option>`)}
      </select></label>
      ${chosen && html`<span class="muted" data-testid="tts-engines">${chosen.language_name}; engines ${chosen.engines.join(", ")}</span>`}
      <label><input type="checkbox" checked=${ssml} onChange=${(e) => setSsml(e.target.checked)} data-testid="tts-ssml" /> SSML</label>
      <button data-testid="tts-speak" disabled=${busy || !text.trim()} onClick=${speak}>${busy ? "Speaking…" : "Speak"}</button>
    </div>
    <${ErrorLine} error=${error} testid="tts-error" />
    ${spoken && html`<audio controls autoplay src=${spoken.url} data-testid="tts-audio"
        onTimeUpdate=${(e) => setNow(playing(words, e.target.currentTime))}></audio>
      ${words.length > 0 && html`<${Words} words=${words} now=${now} testid="tts-word" />`}`}
  </section>`;
}

export function SpeechPage() {
  return html`<h2>Speech</h2><${Transcribe} /><${Live} /><${Speak} />`;
}
