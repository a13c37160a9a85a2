"""Request and response schemas of the native speech routes (/v1/transcribe, /v1/tts)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from models.speech.whisper import AsrResult


class Word(BaseModel):
    word: str
    start: float = Field(description="Seconds from the start of the audio.")
    end: float
    probability: float = Field(description="The model's probability for the word (0-1).")
    speaker: str | None = Field(None, description="spk_0, spk_1, ... in order of first speech (with max_speakers).")


class Segment(BaseModel):
    text: str
    start: float
    end: float
    avg_logprob: float
    no_speech_prob: float
    words: list[Word]


class TranscriptionResponse(BaseModel):
    text: str
    language: str = Field(description="Detected (or given) language, ISO 639-1.")
    language_probability: float = Field(description="1.0 when the language was given.")
    duration: float = Field(description="Seconds of audio.")
    segments: list[Segment]

    @classmethod
    def of(cls, r: AsrResult, speakers: dict[int, str] | None = None) -> TranscriptionResponse:
        """``speakers``: a word's speaker label by the word object's id."""
        speakers = speakers or {}
        return cls(
            text=r.text, language=r.language, language_probability=r.language_probability, duration=round(r.duration, 3),
            segments=[
                Segment(text=s.text.strip(), start=round(s.start, 3), end=round(s.end, 3), avg_logprob=s.avg_logprob,
                        no_speech_prob=s.no_speech_prob,
                        words=[Word(word=w.text.strip(), start=round(float(w.start), 3), end=round(float(w.end), 3),
                                    probability=round(float(w.probability), 4), speaker=speakers.get(id(w)))
                       for w in s.words])
                for s in r.segments
            ],
        )


class TranscriptionJobRequest(BaseModel):
    name: str = Field(description="Unique job name (also the transcript's file name).")
    media_uri: str = Field(description="s3://bucket/key of the audio or video file.")
    language: str | None = Field(None, description="Language code (en, en-US, ...); omit with identify_language.")
    identify_language: bool = False
    language_options: list[str] = Field(default_factory=list, description="Candidates for identification.")
    vocabulary: str | None = Field(None, description="A vocabulary (CreateVocabulary) whose phrases are hotwords.")
    output_bucket: str | None = Field(None, description="Default: the cirrus-transcribe bucket.")
    output_key: str | None = None
    subtitle_formats: list[Literal["srt", "vtt"]] = Field(default_factory=list)
    identify_multiple_languages: bool = Field(False, description="A language per segment (with language_options).")
    max_speaker_labels: int | None = Field(None, description="Label speakers (2-30): speaker_labels and speaker_label.")
    channel_identification: bool = Field(False, description="Stereo audio: each channel transcribed on its own.")
    vocabulary_filter: str | None = Field(None, description="A vocabulary filter (CreateVocabularyFilter).")
    vocabulary_filter_method: Literal["remove", "mask", "tag"] | None = None
    redaction: Literal["redacted", "redacted_and_unredacted"] | None = Field(
        None, description="Replace PII with [PII] (English): the redacted transcript, and the original too if asked.")
    pii_entity_types: list[str] = Field(default_factory=list, description="What redaction replaces (default: ALL).")


class SpeechRequest(BaseModel):
    text: str = Field(description="Plain text or SSML (text_type=ssml).")
    voice: str = Field("Joey", description="A voice id from GET /v1/tts/voices (Polly's names).")
    text_type: Literal["text", "ssml"] = "text"
    format: Literal["mp3", "ogg_opus", "ogg_vorbis", "pcm"] = Field(
        "mp3", description="pcm is signed 16-bit little-endian mono."
    )
    sample_rate: Literal["8000", "16000", "22050", "24000", "48000"] | None = None
    lexicon_names: list[str] = Field(default_factory=list)
    engine: Literal["standard", "neural", "long-form", "generative"] | None = Field(
        None, description="Polly's engine; the voice must list it (GET /v1/tts/voices).")


class SpeechMarksRequest(BaseModel):
    text: str = Field(description="Plain text or SSML (text_type=ssml).")
    voice: str = Field("Joey", description="A voice id from GET /v1/tts/voices (Polly's names).")
    text_type: Literal["text", "ssml"] = "text"
    mark_types: list[Literal["sentence", "word", "viseme", "ssml"]] = Field(
        min_length=1, description="viseme needs a voice whose model times its phonemes (the neural voices).")
    lexicon_names: list[str] = Field(default_factory=list)
    engine: Literal["standard", "neural", "long-form", "generative"] | None = Field(
        None, description="Polly's engine; the voice must list it (GET /v1/tts/voices).")


class VoiceInfo(BaseModel):
    id: str = Field(description="Polly's voice id, as SpeechRequest.voice takes it.")
    gender: str
    language_code: str
    language_name: str
    engines: list[str]
    visemes: bool = Field(description="Whether viseme speech marks are available (the model times its phonemes).")


class VoiceList(BaseModel):
    voices: list[VoiceInfo]


class SpeechMarks(BaseModel):
    marks: list[dict[str, Any]] = Field(description="Polly's speech marks: time (ms), type, start/end (UTF-8 byte "
                                        "offsets into the text), value.")
