// Live transcription: the microphone streamed as PCM over the /v1/transcribe/stream WebSocket; partial
// results shown as they come, final ones kept (the protocol is in the README, under Speech).
import { html, useEffect, useRef, useState } from "preact-htm";
import { apiKey, ErrorLine } from "./api.js";

const LANGUAGES = [["", "detect"], ["en", "English"], ["es", "Spanish"], ["fr", "French"], ["de", "German"],
  ["it", "Italian"], ["pt", "Portuguese"], ["ja", "Japanese"]];

// Opens the microphone and the socket; calls onEvent with each server event. Returns stop().
async function openStream(language, onEvent) {
  const context = new AudioContext();
  const media = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false } });
  try {
    await context.audioWorklet.addModule("/console/static/pcm-worklet.js");
  } catch (e) {
    media.getTracks().forEach((t) => t.stop());
    throw e;
  }
  const query = new URLSearchParams({ sample_rate: String(context.sampleRate) });
  if (language) query.set("language", language);
  if (apiKey()) query.set("api_key", apiKey());
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(`${scheme}//${location.host}/v1/transcribe/stream?${query}`);
  socket.binaryType = "arraybuffer";
  const source = context.createMediaStreamSource(media);
  const capture = new AudioWorkletNode(context, "pcm-capture");
  const release = () => {
    media.getTracks().forEach((t) => t.stop());
    if (context.state !== "closed") context.close();
  };
  capture.port.onmessage = (e) => { if (socket.readyState === WebSocket.OPEN) socket.send(e.data); };
  socket.onopen = () => { source.connect(capture); capture.connect(context.destination); };
  socket.onmessage = (e) => onEvent(JSON.parse(e.data));
  socket.onerror = () => onEvent({ type: "error", code: "socket", message: "The connection to the server failed." });
  socket.onclose = (e) => {
    release();
    onEvent({ type: "closed", code: e.code, reason: e.reason });
  };
  return () => {
    source.disconnect();
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "stop" }));
    else socket.close();
  };
}

export function Live() {
  const [language, setLanguage] = useState("en");
  const [state, setState] = useState("idle"); // idle, opening, live, finishing
  const [finals, setFinals] = useState([]);
  const [partial, setPartial] = useState("");
  const [error, setError] = useState(null);
  const stopper = useRef(null);
  useEffect(() => () => stopper.current && stopper.current(), []);

  const onEvent = (event) => {
    if (event.type === "partial") setPartial(event.text);
    else if (event.type === "final") { setPartial(""); if (event.text.trim()) setFinals((f) => [...f, event]); }
    else if (event.type === "error") setError(`${event.message} (${event.code})`);
    else if (event.type === "closed") {
      stopper.current = null;
      setState("idle");
      if (event.code === 1008 && event.reason) setError(`${event.reason}. Enter an API key above if the server needs one.`);
    }
  };
  const start = async () => {
    setError(null); setFinals([]); setPartial(""); setState("opening");
    try {
      stopper.current = await openStream(language, onEvent);
      setState("live");
    } catch (e) {
      setState("idle");
      setError(`The microphone could not be opened: ${e.message}`);
    }
  };
  const stop = () => { setState("finishing"); stopper.current && stopper.current(); };

  return html`<section><h3>Live transcription</h3>
    <div class="row">
      <label>Language <select data-testid="live-language" value=${language} disabled=${state !== "idle"}
        onChange=${(e) => setLanguage(e.target.value)}>${LANGUAGES.map(([code, name]) => html`<option value=${code}>${name}</option>`)}</select></label>
      ${state === "idle" ? html`<button class="secondary" data-testid="live-start" onClick=${start}>Start listening</button>`
        : html`<button data-testid="live-stop" disabled=${state !== "live"} onClick=${stop}>${state === "live" ? "Stop" : "Finishing…"}</button>`}
      <span class="muted" data-testid="live-state">${state === "live" ? "Listening" : state === "idle" ? "" : `${state[0].toUpperCase()}${state.slice(1)}…`}</span>
    </div>
    <${ErrorLine} error=${error} testid="live-error" />
    ${(finals.length > 0 || partial) && html`<div class="marked" data-testid="live-transcript">
      ${finals.map((f) => html`<div data-testid="live-final" data-start=${f.start} data-end=${f.end}
        title=${`${f.start.toFixed(1)}–${f.end.toFixed(1)} s${f.language ? `, ${f.language}` : ""}`}>${f.text.trim()}</div>`)}
      ${partial && html`<div class="muted" data-testid="live-partial"><em>${partial.trim()}</em></div>`}
    </div>`}
  </section>`;
}
