"""Polly's viseme speech marks from a voice's phoneme times: each IPA phoneme the voice spoke mapped to
Polly's English viseme set (p, t, S, T, f, k, i, r, s, u, @, a, e, E, o, O, and sil for silence)."""

from __future__ import annotations

from typing import Any

# IPA (as espeak-ng writes it for Piper, and misaki's letters for hibari) -> Polly viseme. Diphthongs take their first vowel's shape.
VISEMES = {
    **dict.fromkeys("pbm", "p"), **dict.fromkeys("fv", "f"), **dict.fromkeys("θð", "T"),
    **dict.fromkeys("tdnlɾɫ", "t"), **dict.fromkeys("ʃʒ", "S"), **dict.fromkeys("kgŋhx", "k"),
    **dict.fromkeys("sz", "s"), **dict.fromkeys("ɹrɚɝ", "r"), **dict.fromkeys("wuʊ", "u"),
    **dict.fromkeys("ij", "i"), "ɪ": "i", **dict.fromkeys("əʌɐɜ", "@"), "ᵻ": "i", **dict.fromkeys("ɑa", "a"), "æ": "a",
    "e": "e", "ɛ": "E", "o": "o", **dict.fromkeys("ɔɒ", "O"),
    # hibari's (misaki's) letters: g as ɡ, affricates as one letter, diphthongs as capitals, T the US flap
    "ɡ": "k", **dict.fromkeys("ʤʧ", "S"), "ᵊ": "@", "A": "e", "I": "a", "W": "a", "O": "o", "Q": "o", "Y": "O",
    "T": "t",
    # misaki's Japanese romanization
    "ɨ": "u", **dict.fromkeys("ɕʨʥ", "S"), "β": "p", "ɸ": "f", "ɲ": "t", "ɴ": "k", "ç": "k",
}


def viseme(phone: str) -> str | None:
    """The mouth shape of an IPA phoneme (None: a length or stress mark, no shape of its own)."""
    for ch in phone:
        if ch in VISEMES:
            return VISEMES[ch]
    return None


def viseme_marks(phones: list[tuple[str, float, float]], offset: float) -> list[dict[str, Any]]:
    """Viseme marks for one utterance's phones (times in seconds from its start), shifted by ``offset``:
    one per phoneme, as Polly writes them (the m and b of "Mom bought" are two p's), and sil at the end."""
    marks: list[dict[str, Any]] = []
    for phone, start, _ in phones:
        shape = viseme(phone)
        if shape is not None:
            marks.append({"time": int((offset + start) * 1000), "type": "viseme", "value": shape})
    if phones:
        marks.append({"time": int((offset + phones[-1][2]) * 1000), "type": "viseme", "value": "sil"})
    return marks
