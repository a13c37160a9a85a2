"""SSML, lexicons, subtitles, AWS transcript items and audio codecs: the speech code that needs no model."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from models.speech.whisper import AsrResult, AsrSegment, AsrWord
from services.speech import ssml
from services.speech.audio import InvalidMedia, MediaTooLong, decode, encode
from services.speech.lexicons import InvalidLexicon, Lexeme, UnsupportedAlphabet, apply, parse_pls
from services.speech.transcribe import Transcript, aws_transcript, subtitles
from services.speech.tts import _utterances, _word_times, byte_offsets, check_format

PLS = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">
  <lexeme><grapheme>W3C</grapheme><alias>World Wide Web Consortium</alias></lexeme>
  <lexeme><grapheme>tomato</grapheme><phoneme>təˈmɑːtoʊ</phoneme></lexeme>
</lexicon>"""


def test_ssml_runs_pauses_and_prosody() -> None:
    pieces = ssml.parse(
        '<speak>Hello <break time="1.5s"/> world. <prosody rate="slow" pitch="+10%" volume="+6dB">Slow.</prosody>'
        ' Call <say-as interpret-as="telephone">555-1234</say-as>. <sub alias="World Wide Web">WWW</sub>'
        '<phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme><mark name="here"/></speak>'
    )
    runs = [p for p in pieces if isinstance(p, ssml.Run)]
    assert [r.text for r in runs[:2]] == ["Hello", "world."]
    assert ssml.Pause(1.5) in pieces and ssml.Mark("here") in pieces
    slow = next(r for r in runs if r.text == "Slow.")
    assert slow.prosody == ssml.Prosody(rate=0.8, pitch=pytest.approx(1.1), volume_db=6.0)
    assert any(r.text == "five five five, one two three four" for r in runs)
    assert any(r.text == "World Wide Web" for r in runs)
    assert next(r for r in runs if r.text == "pecan").phonemes == "pɪˈkɑːn"
    after = next(r for r in runs if r.text.startswith("Call"))
    assert after.prosody == ssml.Prosody()  # text after </prosody> is back to the parent's prosody


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("<speak>unclosed", "not well-formed"),
        ("<voice>hi</voice>", "<speak>"),
        ("<speak><audio src='x'/></speak>", "<audio> is not supported"),
        ('<speak><break time="forever"/></speak>', "500ms"),
        ('<speak><prosody rate="warp">x</prosody></speak>', "rate"),
        ('<speak><say-as interpret-as="date" format="mdy">13/40/2020</say-as></speak>', "not a date"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><speak>&a;</speak>', "DOCTYPE"),
    ],
)
def test_invalid_ssml_says_what_is_wrong(bad: str, says: str) -> None:
    with pytest.raises(ssml.InvalidSsml, match=says):
        ssml.parse(bad)


def test_say_as_forms() -> None:
    assert ssml.say_as("ABC", "characters", None) == "A B C"
    assert ssml.say_as("2024", "digits", None) == "two zero two four"
    assert ssml.say_as("12/25/2024", "date", "mdy") == "December 25 2024"


def test_utterances_join_sentences_and_keep_word_offsets() -> None:
    text = "Hello there, friend. I have 42 apples!"
    steps = _utterances(ssml.plain(text), text)
    assert [s.text for s in steps] == ["Hello there, friend.", "I have 42 apples!"]
    words = steps[1].words
    assert [(w, text[a:b]) for w, a, b in words] == [("I", "I"), ("have", "have"), ("42", "42"), ("apples", "apples")]


def test_word_times_map_one_to_one_or_by_position() -> None:
    words = [("a", 0, 1), ("b", 2, 3)]
    assert _word_times(words, [(0.0, 0.5), (0.6, 1.0)]) == [(0.0, 0.5), (0.6, 1.0)]
    # "42" spoken as "forty two": two spoken words share out over one text word
    spread = _word_times([("I", 0, 1), ("42", 2, 4)], [(0.0, 0.2), (0.3, 0.6), (0.7, 1.0)])
    assert spread[0][0] == 0.0 and spread[1][1] == 1.0


def test_speech_marks_count_bytes() -> None:
    marks = byte_offsets([{"type": "word", "start": 6, "end": 10, "value": "café", "time": 0}], "Hello café!")
    assert (marks[0]["start"], marks[0]["end"]) == (6, 11)  # é is two bytes in UTF-8


def test_lexicon_parse_and_apply() -> None:
    parsed = parse_pls(PLS)
    assert parsed["language"] == "en-US" and len(parsed["lexemes"]) == 2
    lexemes = [Lexeme(tuple(x["graphemes"]), x["alias"], x["phoneme"]) for x in parsed["lexemes"]]
    runs = apply(ssml.plain("The W3C likes a tomato."), lexemes)
    texts = [(r.text, r.phonemes) for r in runs]
    assert ("World Wide Web Consortium", None) in texts
    assert ("tomato", "təˈmɑːtoʊ") in texts
    assert apply(ssml.plain("W3Cx tomatoes"), lexemes)[0].text == "W3Cx tomatoes"  # whole words only


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("<lexicon", InvalidLexicon),
        (PLS.replace('alphabet="ipa"', 'alphabet="klingon"'), UnsupportedAlphabet),
        (PLS.replace('xml:lang="en-US"', ""), InvalidLexicon),
        (PLS.replace("<alias>World Wide Web Consortium</alias>", ""), InvalidLexicon),
    ],
)
def test_bad_lexicons_are_refused(content: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_pls(content)


def test_check_format_rules() -> None:
    assert check_format("mp3", None, [], "text") == 22050
    assert check_format("pcm", None, [], "text") == 16000
    assert check_format("ogg_opus", None, [], "text") == 48000
    with pytest.raises(Exception, match="SampleRate 44100"):
        check_format("mp3", "44100", [], "text")
    with pytest.raises(Exception, match="OutputFormat json"):
        check_format("mp3", None, ["word"], "text")
    with pytest.raises(Exception, match="TextType ssml"):
        check_format("json", None, ["ssml"], "text")


def _result() -> AsrResult:
    words = [AsrWord(" Hello,", 0.0, 0.4, 0.9), AsrWord(" world.", 0.5, 1.0, 0.8)]
    later = [AsrWord(" Bye!", 61.0, 61.5, 0.7)]
    return AsrResult("en", 0.97, 62.0, [AsrSegment(" Hello, world.", 0.0, 1.0, -0.2, 0.01, words),
                                        AsrSegment(" Bye!", 61.0, 61.5, -0.3, 0.02, later)],
                     {"en": 0.97, "de": 0.01})


def test_subtitles_srt_and_vtt() -> None:
    srt = subtitles(_result().segments, "srt")
    assert srt.startswith("1\n00:00:00,000 --> 00:00:01,000\nHello, world.\n\n2\n00:01:01,000 --> 00:01:01,500\nBye!")
    vtt = subtitles(_result().segments, "vtt", 0)
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello, world.")


def test_aws_transcript_items_and_punctuation() -> None:
    body = aws_transcript("job1", "000000000000", Transcript(_result()), True, "en-US")
    r = body["results"]
    assert r["transcripts"] == [{"transcript": "Hello, world. Bye!"}]
    kinds = [(i["type"], i["alternatives"][0]["content"]) for i in r["items"]]
    assert kinds == [("pronunciation", "Hello"), ("punctuation", ","), ("pronunciation", "world"),
                     ("punctuation", "."), ("pronunciation", "Bye"), ("punctuation", "!")]
    first = r["items"][0]
    assert first["start_time"] == "0.000" and first["end_time"] == "0.400" and first["alternatives"][0]["confidence"] == "0.9000"
    assert "start_time" not in r["items"][1]  # punctuation has no times, as in AWS
    assert r["audio_segments"][1]["items"] == [4, 5]
    assert r["language_code"] == "en-US" and r["language_identification"][0] == {"code": "en-US", "score": "0.9700"}


def _wav(seconds: float, rate: int = 8000, channels: int = 2) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.3 * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.repeat(tone, channels).tobytes())
    return buf.getvalue()


def test_decode_resamples_any_rate_and_channels_to_16k_mono() -> None:
    audio = decode(_wav(1.0, 8000, 2))
    assert audio.rate == 16000 and audio.source_rate == 8000 and audio.source_channels == 2
    assert abs(audio.seconds - 1.0) < 0.01


@pytest.mark.parametrize("fmt", ["mp3", "ogg_vorbis", "ogg_opus", "wav"])
def test_encoded_audio_decodes_back(fmt: str) -> None:
    rate = 48000 if fmt == "ogg_opus" else 22050
    tone = np.sin(2 * np.pi * 300 * np.arange(rate) / rate).astype(np.float32) * 0.5
    back = decode(encode(tone, rate, fmt))
    assert abs(back.seconds - 1.0) < 0.1
    assert np.abs(back.samples).max() > 0.3  # the tone survived, not silence


def test_bad_audio_is_a_clear_error() -> None:
    with pytest.raises(InvalidMedia, match="empty"):
        decode(b"")
    with pytest.raises(InvalidMedia, match="not audio"):
        decode(b"this is a text file, not audio at all")
    with pytest.raises(InvalidMedia):
        decode(_wav(1.0)[:40])  # a header and nothing else
    with pytest.raises(MediaTooLong):
        decode(_wav(5.0), max_seconds=2)
    truncated = decode(_wav(2.0)[: len(_wav(2.0)) // 2])  # half a file: what is there decodes
    assert 0.9 < truncated.seconds < 1.1


@pytest.mark.parametrize(("container", "codec", "rate"), [("webm", "libopus", 48000), ("mp4", "aac", 44100),
                                                           ("ogg", "libopus", 48000), ("flac", "flac", 44100)])
def test_decodes_the_containers_people_record_in(container: str, codec: str, rate: int) -> None:
    import av

    tone = (0.4 * np.sin(2 * np.pi * 440 * np.arange(rate * 2) / rate)).astype(np.float32)
    buf = io.BytesIO()
    with av.open(buf, "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout="stereo")
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="stereo", rate=rate)
        frame = av.AudioFrame.from_ndarray(tone.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = rate
        for f in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(f):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    audio = decode(buf.getvalue())
    assert audio.source_channels == 2 and audio.source_rate == rate and audio.rate == 16000
    assert abs(audio.seconds - 2.0) < 0.1 and np.abs(audio.samples).max() > 0.2
