"""Polly-style voice names mapped to the real voices behind them.

``Joey`` is the Piper neural voice (en_US joe, male); the others are eSpeak NG voices in the voice's
language, female ones on espeak's ``+f3`` variant. A name that is not here is an error, never a silent
default. The table lists only languages eSpeak NG ships."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    id: str
    gender: str
    language_code: str
    language_name: str
    card: str  # model card that speaks it
    engine_voice: str = ""  # the backend's own voice name (espeak)
    engines: tuple[str, ...] = ("standard",)


PIPER_JOE = "speech-piper-joe"
HIBARI = "speech-hibari"
KOKORO_JA = "speech-kokoro-ja"
ESPEAK = "speech-espeak"

# (Polly voice id, gender, language code, language name, espeak voice)
_ESPEAK_VOICES = [
    ("Matthew", "Male", "en-US", "US English", "en-us"),
    ("Kendra", "Female", "en-US", "US English", "en-us+f2"),
    ("Justin", "Male", "en-US", "US English", "en-us+m3"),
    ("Brian", "Male", "en-GB", "British English", "en-gb"),
    ("Amy", "Female", "en-GB", "British English", "en-gb+f3"),
    ("Russell", "Male", "en-AU", "Australian English", "en-gb-x-rp"),
    ("Raveena", "Female", "en-IN", "Indian English", "en-gb+f4"),
    ("Geraint", "Male", "en-GB-WLS", "Welsh English", "en-gb-scotland"),
    ("Enrique", "Male", "es-ES", "Castilian Spanish", "es"),
    ("Conchita", "Female", "es-ES", "Castilian Spanish", "es+f3"),
    ("Miguel", "Male", "es-US", "US Spanish", "es-419"),
    ("Penelope", "Female", "es-US", "US Spanish", "es-419+f3"),
    ("Mathieu", "Male", "fr-FR", "French", "fr-fr"),
    ("Celine", "Female", "fr-FR", "French", "fr-fr+f3"),
    ("Chantal", "Female", "fr-CA", "Canadian French", "fr-fr+f2"),
    ("Hans", "Male", "de-DE", "German", "de"),
    ("Marlene", "Female", "de-DE", "German", "de+f3"),
    ("Giorgio", "Male", "it-IT", "Italian", "it"),
    ("Carla", "Female", "it-IT", "Italian", "it+f3"),
    ("Cristiano", "Male", "pt-PT", "Portuguese", "pt"),
    ("Ines", "Female", "pt-PT", "Portuguese", "pt+f3"),
    ("Ricardo", "Male", "pt-BR", "Brazilian Portuguese", "pt-br"),
    ("Vitoria", "Female", "pt-BR", "Brazilian Portuguese", "pt-br+f3"),
    ("Ruben", "Male", "nl-NL", "Dutch", "nl"),
    ("Lotte", "Female", "nl-NL", "Dutch", "nl+f3"),
    ("Jacek", "Male", "pl-PL", "Polish", "pl"),
    ("Ewa", "Female", "pl-PL", "Polish", "pl+f3"),
    ("Maxim", "Male", "ru-RU", "Russian", "ru"),
    ("Tatyana", "Female", "ru-RU", "Russian", "ru+f3"),
    ("Astrid", "Female", "sv-SE", "Swedish", "sv+f3"),
    ("Liv", "Female", "nb-NO", "Norwegian", "nb+f3"),
    ("Mads", "Male", "da-DK", "Danish", "da"),
    ("Naja", "Female", "da-DK", "Danish", "da+f3"),
    ("Filiz", "Female", "tr-TR", "Turkish", "tr+f3"),
    ("Carmen", "Female", "ro-RO", "Romanian", "ro+f3"),
    ("Karl", "Male", "is-IS", "Icelandic", "is"),
    ("Gwyneth", "Female", "cy-GB", "Welsh", "cy+f3"),
    ("Zeina", "Female", "arb", "Arabic", "ar+f3"),
    ("Aditi", "Female", "hi-IN", "Hindi", "hi+f3"),
    ("Seoyeon", "Female", "ko-KR", "Korean", "ko+f3"),
    ("Zhiyu", "Female", "cmn-CN", "Chinese Mandarin", "cmn+f3"),
]

VOICES: dict[str, Voice] = {
    "Joey": Voice("Joey", "Male", "en-US", "US English", PIPER_JOE, engines=("standard", "neural")),
    "Joanna": Voice("Joanna", "Female", "en-US", "US English", HIBARI, engines=("standard", "neural")),
    # Polly's Japanese names on Kokoro's Japanese voices (Mizuki and Takumi are Polly's standard voices too)
    "Kazuha": Voice("Kazuha", "Female", "ja-JP", "Japanese", KOKORO_JA, "jf_alpha", ("neural",)),
    "Tomoko": Voice("Tomoko", "Female", "ja-JP", "Japanese", KOKORO_JA, "jf_gongitsune", ("neural",)),
    "Takumi": Voice("Takumi", "Male", "ja-JP", "Japanese", KOKORO_JA, "jm_kumo", ("standard", "neural")),
    "Mizuki": Voice("Mizuki", "Female", "ja-JP", "Japanese", KOKORO_JA, "jf_tebukuro", ("standard",)),
    **{v: Voice(v, g, code, name, ESPEAK, ev) for v, g, code, name, ev in _ESPEAK_VOICES},
}
