"""Speech against a started Cirrus: the unmodified AWS SDK (Polly, Transcribe), the generated client, and the
streaming WebSocket."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path
from typing import Any

import av
import boto3
import httpx
import numpy as np
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from websockets.sync.client import connect

from services.speech.audio import decode
from tests.speech_util import SENTENCES, dialogue, espeak_wav, speaker_accuracy, stereo_wav, wer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from cirrus_client import Client
from cirrus_client.api.speech import transcribe as rest_transcribe
from cirrus_client.models import BodyTranscribe, TranscriptionResponse
from cirrus_client.types import File

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(server_with_dir: tuple[str, Path]) -> tuple[str, Path]:
    return server_with_dir


def _client(service: str, url: str) -> object:
    return boto3.client(
        service, endpoint_url=url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y",
        config=Config(retries={"max_attempts": 1}, read_timeout=300),
    )


@pytest.fixture(scope="module")
def polly(server: tuple[str, Path]) -> object:
    return _client("polly", server[0])


@pytest.fixture(scope="module")
def transcribe(server: tuple[str, Path]) -> object:
    return _client("transcribe", server[0])


def _put(data_dir: Path, bucket: str, key: str, data: bytes) -> None:
    path = data_dir / "buckets" / bucket / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _wait(get: object, done: set[str], timeout: float = 240) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = get()  # type: ignore[operator]
        if state[0] in done:
            return state[1]
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_boto3_synthesize_speech_returns_playable_mp3(polly: object, server: tuple[str, Path]) -> None:
    text = " ".join(SENTENCES)
    r = polly.synthesize_speech(Text=text, VoiceId="Joey", OutputFormat="mp3")  # type: ignore[attr-defined]
    assert r["ContentType"] == "audio/mpeg" and r["RequestCharacters"] == len(text)
    audio = r["AudioStream"].read()
    with av.open(io.BytesIO(audio)) as f:
        assert f.format.name == "mp3" and f.streams.audio[0].rate == 22050
    assert 4 < decode(audio).seconds < 12
    # and it says what it was asked to: the generated client transcribes it back
    client = Client(base_url=server[0], timeout=300)
    back = rest_transcribe.sync(client=client, body=BodyTranscribe(file=File(io.BytesIO(audio), "fox.mp3", "audio/mpeg")))
    assert isinstance(back, TranscriptionResponse) and wer(text, back.text) <= 0.1, back


def test_boto3_speech_marks_voices_and_errors(polly: object) -> None:
    r = polly.synthesize_speech(  # type: ignore[attr-defined]
        Text="Hello world.", VoiceId="Joey", OutputFormat="json", SpeechMarkTypes=["word"]
    )
    marks = [json.loads(line) for line in r["AudioStream"].read().decode().splitlines()]
    assert [m["value"] for m in marks] == ["Hello", "world"] and marks[1]["time"] > marks[0]["time"]
    voices = polly.describe_voices(LanguageCode="en-US")["Voices"]  # type: ignore[attr-defined]
    assert {"Joey", "Matthew", "Joanna"} <= {v["Id"] for v in voices}
    with pytest.raises(ClientError) as err:
        polly.synthesize_speech(Text="<speak>oops", TextType="ssml", VoiceId="Joey", OutputFormat="mp3")  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "InvalidSsmlException"
    with pytest.raises(ClientError) as err:
        polly.synthesize_speech(Text="x" * 3001, VoiceId="Joey", OutputFormat="mp3")  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "TextLengthExceededException"


def test_boto3_lexicons(polly: object) -> None:
    pls = ('<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" '
           'xml:lang="en-US"><lexeme><grapheme>AWS</grapheme><alias>Amazon Web Services</alias></lexeme></lexicon>')
    polly.put_lexicon(Name="acronyms", Content=pls)  # type: ignore[attr-defined]
    got = polly.get_lexicon(Name="acronyms")  # type: ignore[attr-defined]
    assert got["Lexicon"]["Content"] == pls and got["LexiconAttributes"]["LexemesCount"] == 1
    assert "acronyms" in [x["Name"] for x in polly.list_lexicons()["Lexicons"]]  # type: ignore[attr-defined]
    polly.delete_lexicon(Name="acronyms")  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as err:
        polly.get_lexicon(Name="acronyms")  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "LexiconNotFoundException"


def test_boto3_speech_synthesis_task_writes_to_bucket(polly: object, server: tuple[str, Path]) -> None:
    task = polly.start_speech_synthesis_task(  # type: ignore[attr-defined]
        Text="This long text is synthesized as a task. " * 5, VoiceId="Joey", OutputFormat="mp3",
        OutputS3BucketName="speech-out", OutputS3KeyPrefix="tasks/",
    )["SynthesisTask"]
    done = _wait(lambda: (lambda t: (t["TaskStatus"], t))(
        polly.get_speech_synthesis_task(TaskId=task["TaskId"])["SynthesisTask"]), {"completed", "failed"})  # type: ignore[attr-defined]
    assert done["TaskStatus"] == "completed", done
    assert done["OutputUri"].startswith(f"{server[0]}/v1/links/object/speech-out/tasks/{task['TaskId']}.mp3?")
    assert decode(httpx.get(done["OutputUri"], timeout=30).content).seconds > 5  # a plain GET, no credentials
    listed = polly.list_speech_synthesis_tasks()["SynthesisTasks"]  # type: ignore[attr-defined]
    assert task["TaskId"] in [t["TaskId"] for t in listed]


def test_boto3_transcription_job_writes_aws_transcript(transcribe: object, server: tuple[str, Path]) -> None:
    reference = " ".join(SENTENCES[:2]) + " Please send the report to Siobhan Nguyen."
    _put(server[1], "media", "calls/call1.wav", espeak_wav(reference))
    transcribe.create_vocabulary(VocabularyName="names", LanguageCode="en-US", Phrases=["Siobhan", "Nguyen"])  # type: ignore[attr-defined]
    vocabulary = transcribe.get_vocabulary(VocabularyName="names")  # type: ignore[attr-defined]
    assert vocabulary["VocabularyState"] == "READY"
    assert httpx.get(vocabulary["DownloadUri"], timeout=30).text == "Siobhan\nNguyen\n"
    updated = transcribe.update_vocabulary(VocabularyName="names", LanguageCode="en-US",  # type: ignore[attr-defined]
                                           Phrases=["Siobhan", "Nguyen", "Aoife"])
    assert updated["VocabularyState"] == "READY"
    link = transcribe.get_vocabulary(VocabularyName="names")["DownloadUri"]  # type: ignore[attr-defined]
    assert httpx.get(link, timeout=30).text == "Siobhan\nNguyen\nAoife\n"
    with pytest.raises(ClientError) as err:
        transcribe.update_vocabulary(VocabularyName="nobody", LanguageCode="en-US", Phrases=["x"])  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "NotFoundException"
    started = transcribe.start_transcription_job(  # type: ignore[attr-defined]
        TranscriptionJobName="call1", Media={"MediaFileUri": "s3://media/calls/call1.wav"}, IdentifyLanguage=True,
        OutputBucketName="transcripts", Subtitles={"Formats": ["srt", "vtt"]}, Settings={"VocabularyName": "names"},
    )["TranscriptionJob"]
    assert started["TranscriptionJobStatus"] in ("QUEUED", "IN_PROGRESS")
    job = _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
        transcribe.get_transcription_job(TranscriptionJobName="call1")["TranscriptionJob"]),  # type: ignore[attr-defined]
        {"COMPLETED", "FAILED"})
    assert job["TranscriptionJobStatus"] == "COMPLETED", job
    assert job["LanguageCode"] == "en-US" and job["IdentifiedLanguageScore"] > 0.5
    link = job["Transcript"]["TranscriptFileUri"]
    assert link.startswith(f"{server[0]}/v1/links/object/transcripts/call1.json?expires=")
    body = httpx.get(link, timeout=30).json()  # what transcribe_basics.py does with it
    assert httpx.get(link.replace("call1.json", "other.json"), timeout=30).status_code == 403  # the signature names one object
    assert httpx.get(link[:-4] + "0000", timeout=30).status_code == 403  # a tampered signature
    assert body["jobName"] == "call1" and body["status"] == "COMPLETED"
    results = body["results"]
    assert wer(reference, results["transcripts"][0]["transcript"]) <= 0.15
    assert "Siobhan Nguyen" in results["transcripts"][0]["transcript"]  # the vocabulary's names, as hotwords
    words = [i for i in results["items"] if i["type"] == "pronunciation"]
    assert all(isinstance(i["start_time"], str) and isinstance(i["alternatives"][0]["confidence"], str) for i in words)
    assert float(words[-1]["end_time"]) > float(words[0]["start_time"])
    punct = [i for i in results["items"] if i["type"] == "punctuation"]
    assert punct and all("start_time" not in i for i in punct)
    srt = httpx.get(job["Subtitles"]["SubtitleFileUris"][0], timeout=30).text
    assert srt.startswith("0\n") and " --> " in srt  # OutputStartIndex defaults to 0, as in AWS
    names = [s["TranscriptionJobName"] for s in transcribe.list_transcription_jobs()["TranscriptionJobSummaries"]]  # type: ignore[attr-defined]
    assert "call1" in names
    with pytest.raises(ClientError) as err:
        transcribe.start_transcription_job(  # type: ignore[attr-defined]
            TranscriptionJobName="call1", Media={"MediaFileUri": "s3://media/calls/call1.wav"}, LanguageCode="en-US"
        )
    assert err.value.response["Error"]["Code"] == "ConflictException"
    transcribe.delete_transcription_job(TranscriptionJobName="call1")  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as err:
        transcribe.get_transcription_job(TranscriptionJobName="call1")  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "NotFoundException"
    transcribe.delete_vocabulary(VocabularyName="names")  # type: ignore[attr-defined]
    assert transcribe.list_vocabularies()["Vocabularies"] == []  # type: ignore[attr-defined]


def test_bad_media_job_fails_with_reason(transcribe: object, server: tuple[str, Path]) -> None:
    _put(server[1], "media", "broken.mp3", b"this is not an mp3 file at all")
    transcribe.start_transcription_job(  # type: ignore[attr-defined]
        TranscriptionJobName="broken", Media={"MediaFileUri": "s3://media/broken.mp3"}, LanguageCode="en-US"
    )
    job = _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
        transcribe.get_transcription_job(TranscriptionJobName="broken")["TranscriptionJob"]),  # type: ignore[attr-defined]
        {"COMPLETED", "FAILED"})
    assert job["TranscriptionJobStatus"] == "FAILED" and "not audio" in job["FailureReason"]
    transcribe.start_transcription_job(  # type: ignore[attr-defined]
        TranscriptionJobName="missing", Media={"MediaFileUri": "s3://media/nothing-here.wav"}, LanguageCode="en-US"
    )
    job = _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
        transcribe.get_transcription_job(TranscriptionJobName="missing")["TranscriptionJob"]),  # type: ignore[attr-defined]
        {"COMPLETED", "FAILED"})
    assert job["TranscriptionJobStatus"] == "FAILED" and "nothing-here.wav" in job["FailureReason"]
    for bad in ({"LanguageCode": "xx-XX"}, {}, {"LanguageCode": "en-US", "IdentifyLanguage": True}):
        with pytest.raises(ClientError) as err:
            transcribe.start_transcription_job(  # type: ignore[attr-defined]
                TranscriptionJobName="bad", Media={"MediaFileUri": "s3://media/broken.mp3"}, **bad
            )
        assert err.value.response["Error"]["Code"] == "BadRequestException"


def test_streaming_websocket_partial_and_final_results(server: tuple[str, Path]) -> None:
    wav = decode(espeak_wav(SENTENCES[0] + " " + SENTENCES[1]), rate=16000)
    pause = np.zeros(16000, np.float32)
    pcm = (np.concatenate([wav.samples, pause]) * 32767).astype("<i2").tobytes()
    events = []
    url = server[0].replace("http://", "ws://") + "/v1/transcribe/stream?language=en"
    with connect(url, open_timeout=30, close_timeout=30) as ws:
        for start in range(0, len(pcm), 3200):  # 100 ms frames
            ws.send(pcm[start:start + 3200])
        ws.send(json.dumps({"type": "stop"}))
        while True:
            event = json.loads(ws.recv(timeout=300))
            events.append(event)
            if event["type"] in ("end", "error"):
                break
    kinds = [e["type"] for e in events]
    assert "error" not in kinds and kinds[-1] == "end"
    assert "partial" in kinds  # results came while audio was still arriving
    finals = [e for e in events if e["type"] == "final"]
    heard = " ".join(e["text"] for e in finals)
    assert wer(SENTENCES[0] + " " + SENTENCES[1], heard) <= 0.2, heard
    assert all(w["start"] <= w["end"] for e in finals for w in e["words"])
    with connect(server[0].replace("http://", "ws://") + "/v1/transcribe/stream?language=xx") as ws:
        event = json.loads(ws.recv(timeout=60))
    assert event["type"] == "error" and event["code"] == "unsupported_language"


def test_native_tts_streams_while_it_speaks(server: tuple[str, Path]) -> None:
    import httpx

    text = " ".join(f"This is sentence number {n}, spoken for the streaming test." for n in range(1, 9))
    assert httpx.post(server[0] + "/v1/tts", json={"text": "Warm up."}, timeout=300).status_code == 200  # model loaded
    arrivals = []
    started = time.perf_counter()
    with httpx.stream("POST", server[0] + "/v1/tts", json={"text": text, "format": "pcm", "sample_rate": "16000"},
                      timeout=300) as r:
        assert r.status_code == 200 and r.headers["content-type"] == "audio/pcm"
        for chunk in r.iter_raw():
            arrivals.append((time.perf_counter() - started, len(chunk)))
    assert len(arrivals) >= 3  # several pieces, sent as they were made
    assert arrivals[0][0] < 0.6 * arrivals[-1][0]  # the first audio came well before the last
    assert sum(n for _, n in arrivals) / 2 / 16000 > 15  # eight sentences of speech


def test_boto3_vocabulary_filter_and_pii_redaction(transcribe: object, server: tuple[str, Path]) -> None:
    said = "Hello, my name is John Smith. This darn card was charged twice. Call me back at 555 867 5309."
    _put(server[1], "media", "calls/pii.wav", espeak_wav(said))
    created = transcribe.create_vocabulary_filter(VocabularyFilterName="rude", LanguageCode="en-US", Words=["darn"])  # type: ignore[attr-defined]
    assert created["VocabularyFilterName"] == "rude"
    got = transcribe.get_vocabulary_filter(VocabularyFilterName="rude")  # type: ignore[attr-defined]
    assert httpx.get(got["DownloadUri"], timeout=30).text == "darn\n"
    with pytest.raises(ClientError) as err:
        transcribe.create_vocabulary_filter(VocabularyFilterName="long", LanguageCode="en-US", Words=["x" * 257])  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "BadRequestException"

    def run(name: str, **extra: object) -> dict[str, Any]:
        transcribe.start_transcription_job(  # type: ignore[attr-defined]
            TranscriptionJobName=name, Media={"MediaFileUri": "s3://media/calls/pii.wav"}, LanguageCode="en-US", **extra)
        return _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
            transcribe.get_transcription_job(TranscriptionJobName=name)["TranscriptionJob"]),  # type: ignore[attr-defined]
            {"COMPLETED", "FAILED"})

    masked = run("masked", Settings={"VocabularyFilterName": "rude", "VocabularyFilterMethod": "mask"},
                 ContentRedaction={"RedactionType": "PII", "RedactionOutput": "redacted_and_unredacted"})
    assert masked["TranscriptionJobStatus"] == "COMPLETED", masked
    assert masked["Settings"]["VocabularyFilterMethod"] == "mask" and masked["ContentRedaction"]["PiiEntityTypes"] == ["ALL"]
    plain = httpx.get(masked["Transcript"]["TranscriptFileUri"], timeout=30).json()["results"]
    redacted = httpx.get(masked["Transcript"]["RedactedTranscriptFileUri"], timeout=30).json()["results"]
    text, hidden = plain["transcripts"][0]["transcript"], redacted["transcripts"][0]["transcript"]
    assert "***" in text and "darn" not in text.lower() and "John Smith" in text
    assert "***" in hidden and "John" not in hidden and "Smith" not in hidden and "[PII]" in hidden
    assert "867" not in hidden and "5309" not in hidden  # the phone number
    pii = [i for i in redacted["items"] if i["alternatives"][0]["content"] == "[PII]"]
    assert {r["type"] for i in pii for r in i["alternatives"][0]["redactions"]} >= {"NAME", "PHONE"}
    assert all(float(i["end_time"]) > float(i["start_time"]) for i in pii)  # each [PII] spans its words' time

    tagged = run("tagged", Settings={"VocabularyFilterName": "rude", "VocabularyFilterMethod": "tag"},
                 ContentRedaction={"RedactionType": "PII", "RedactionOutput": "redacted", "PiiEntityTypes": ["PHONE"]})
    assert "TranscriptFileUri" not in tagged["Transcript"]  # redacted only
    result = httpx.get(tagged["Transcript"]["RedactedTranscriptFileUri"], timeout=30).json()["results"]
    marked = [i for i in result["items"] if i.get("vocabulary_filter_match")]
    assert [i["alternatives"][0]["content"].lower() for i in marked] == ["darn"]
    assert "John Smith" in result["transcripts"][0]["transcript"] and "5309" not in result["transcripts"][0]["transcript"]
    removed = run("removed", Settings={"VocabularyFilterName": "rude", "VocabularyFilterMethod": "remove"})
    text = httpx.get(removed["Transcript"]["TranscriptFileUri"], timeout=30).json()["results"]["transcripts"][0]["transcript"]
    assert "darn" not in text.lower() and "***" not in text and "card" in text
    transcribe.update_vocabulary_filter(VocabularyFilterName="rude", Words=["darn", "twice"])  # type: ignore[attr-defined]
    assert [f["VocabularyFilterName"] for f in transcribe.list_vocabulary_filters()["VocabularyFilters"]] == ["rude"]  # type: ignore[attr-defined]
    transcribe.delete_vocabulary_filter(VocabularyFilterName="rude")  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as err:
        run("gone", Settings={"VocabularyFilterName": "rude", "VocabularyFilterMethod": "mask"})
    assert err.value.response["Error"]["Code"] == "NotFoundException"


def test_boto3_speaker_labels_on_a_two_voice_dialogue(transcribe: object, server: tuple[str, Path]) -> None:
    audio, truth = dialogue(["en-us", "en-gb-x-rp+f3"])
    _put(server[1], "media", "calls/dialogue.wav", audio)
    transcribe.start_transcription_job(  # type: ignore[attr-defined]
        TranscriptionJobName="dialogue", Media={"MediaFileUri": "s3://media/calls/dialogue.wav"}, LanguageCode="en-US",
        Settings={"ShowSpeakerLabels": True, "MaxSpeakerLabels": 4})
    job = _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
        transcribe.get_transcription_job(TranscriptionJobName="dialogue")["TranscriptionJob"]),  # type: ignore[attr-defined]
        {"COMPLETED", "FAILED"})
    assert job["TranscriptionJobStatus"] == "COMPLETED", job
    assert job["Settings"]["ShowSpeakerLabels"] is True and job["Settings"]["MaxSpeakerLabels"] == 4
    results = httpx.get(job["Transcript"]["TranscriptFileUri"], timeout=30).json()["results"]
    labels = results["speaker_labels"]
    assert labels["speakers"] == 2 and labels["channel_label"] == "ch_0"
    assert labels["segments"][0]["speaker_label"] == "spk_0" and len(labels["segments"]) >= 5  # six turns
    assert speaker_accuracy(results["items"], truth) >= 0.9
    for bad in ({"ShowSpeakerLabels": True}, {"MaxSpeakerLabels": 3}):  # boto3 itself refuses 1 or 31
        with pytest.raises(ClientError) as err:
            transcribe.start_transcription_job(  # type: ignore[attr-defined]
                TranscriptionJobName="bad-speakers", Media={"MediaFileUri": "s3://media/calls/dialogue.wav"},
                LanguageCode="en-US", Settings=bad)
        assert err.value.response["Error"]["Code"] == "BadRequestException"


def test_boto3_channel_identification_on_stereo_calls(transcribe: object, server: tuple[str, Path]) -> None:
    agent, caller = "Thank you for calling, how can I help?", "My parcel never arrived at my house."
    # each channel a voice Whisper base hears right with int8 weights on AVX2-only CPUs too (espeak's `+f3`
    # variant of this voice came out "My past all never alive" there: a model limit, not the channel split's)
    _put(server[1], "media", "calls/stereo.wav",
         stereo_wav([(0.2, agent, "en-us")], [(4.0, caller, "en-gb-x-rp")], 8.0))
    _put(server[1], "media", "calls/mono.wav", espeak_wav(agent))
    for name, key in (("stereo", "stereo.wav"), ("mono", "mono.wav")):
        transcribe.start_transcription_job(  # type: ignore[attr-defined]
            TranscriptionJobName=name, Media={"MediaFileUri": f"s3://media/calls/{key}"}, LanguageCode="en-US",
            Settings={"ChannelIdentification": True})
    job = _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
        transcribe.get_transcription_job(TranscriptionJobName="stereo")["TranscriptionJob"]),  # type: ignore[attr-defined]
        {"COMPLETED", "FAILED"})
    assert job["TranscriptionJobStatus"] == "COMPLETED", job
    assert job["Settings"]["ChannelIdentification"] is True
    results = httpx.get(job["Transcript"]["TranscriptFileUri"], timeout=30).json()["results"]
    channels = {c["channel_label"]: c["items"] for c in results["channel_labels"]["channels"]}
    assert results["channel_labels"]["number_of_channels"] == 2 and set(channels) == {"ch_0", "ch_1"}

    def said(items: list[dict[str, Any]]) -> str:
        return " ".join(i["alternatives"][0]["content"] for i in items if i["type"] == "pronunciation")

    assert wer(agent, said(channels["ch_0"])) <= 0.15 and wer(caller, said(channels["ch_1"])) <= 0.15
    assert wer(f"{agent} {caller}", results["transcripts"][0]["transcript"]) <= 0.15  # both, in time order
    mono = _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
        transcribe.get_transcription_job(TranscriptionJobName="mono")["TranscriptionJob"]),  # type: ignore[attr-defined]
        {"COMPLETED", "FAILED"})
    assert mono["TranscriptionJobStatus"] == "FAILED" and "stereo" in mono["FailureReason"]


def test_boto3_multiple_languages_in_one_file(transcribe: object, server: tuple[str, Path]) -> None:
    english, spanish = "Good morning, this part of the message is in English.", "Buenos días, esta parte del mensaje está en español."
    audio, _ = dialogue(["en-us", "es"], [english, spanish], gap_s=1.0)
    _put(server[1], "media", "calls/bilingual.wav", audio)
    transcribe.start_transcription_job(  # type: ignore[attr-defined]
        TranscriptionJobName="bilingual", Media={"MediaFileUri": "s3://media/calls/bilingual.wav"},
        IdentifyMultipleLanguages=True, LanguageOptions=["en-US", "es-ES"])
    job = _wait(lambda: (lambda j: (j["TranscriptionJobStatus"], j))(
        transcribe.get_transcription_job(TranscriptionJobName="bilingual")["TranscriptionJob"]),  # type: ignore[attr-defined]
        {"COMPLETED", "FAILED"})
    assert job["TranscriptionJobStatus"] == "COMPLETED", job
    assert job["IdentifyMultipleLanguages"] is True
    assert {c["LanguageCode"] for c in job["LanguageCodes"]} == {"en-US", "es-ES"}
    assert all(c["DurationInSeconds"] > 2 for c in job["LanguageCodes"])
    results = httpx.get(job["Transcript"]["TranscriptFileUri"], timeout=30).json()["results"]
    words = [i for i in results["items"] if i["type"] == "pronunciation"]
    english_words = [i["alternatives"][0]["content"] for i in words if i["language_code"] == "en-US"]
    spanish_words = [i["alternatives"][0]["content"] for i in words if i["language_code"] == "es-ES"]
    assert wer(english, " ".join(english_words)) <= 0.2 and "mensaje" in [w.lower() for w in spanish_words]
    assert {c["language_code"] for c in results["language_codes"]} == {"en-US", "es-ES"}


def test_streaming_applies_a_vocabulary_filter_and_redacts_pii(transcribe: object, server: tuple[str, Path]) -> None:
    transcribe.create_vocabulary_filter(VocabularyFilterName="stream-rude", LanguageCode="en-US", Words=["darn"])  # type: ignore[attr-defined]
    said = "Hello, my name is John Smith. This darn card was charged twice."
    pcm = (np.concatenate([decode(espeak_wav(said), rate=16000).samples, np.zeros(16000, np.float32)]) * 32767)
    data = pcm.astype("<i2").tobytes()
    query = "language=en&vocabulary_filter=stream-rude&vocabulary_filter_method=mask&content_redaction=PII"
    events = []
    with connect(server[0].replace("http://", "ws://") + "/v1/transcribe/stream?" + query, open_timeout=30) as ws:
        for start in range(0, len(data), 3200):
            ws.send(data[start:start + 3200])
        ws.send(json.dumps({"type": "stop"}))
        while (event := json.loads(ws.recv(timeout=300)))["type"] not in ("end", "error"):
            events.append(event)
    assert event["type"] == "end", event
    final = " ".join(e["text"] for e in events if e["type"] == "final")
    assert "***" in final and "darn" not in final.lower() and "[PII]" in final and "Smith" not in final
    assert "NAME" in {w.get("redaction") for e in events if e["type"] == "final" for w in e["words"]}
    assert not any("darn" in e["text"].lower() for e in events if e["type"] == "partial")  # partials filtered too
    with connect(server[0].replace("http://", "ws://") + "/v1/transcribe/stream?vocabulary_filter=stream-rude") as ws:
        event = json.loads(ws.recv(timeout=60))
    assert event["type"] == "error" and "vocabulary_filter_method" in event["message"]
