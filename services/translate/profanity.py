"""Profanity masking (``Settings.Profanity=MASK``): whole words from a list per target language are
replaced by the grawlix ``?$#@$``, as Amazon Translate does. The lists are short and deliberately
conservative (common strong words and their inflections); extend them per deployment."""

from __future__ import annotations

import re

MASK = "?$#@$"

WORDS: dict[str, list[str]] = {
    "en": ["fuck", "fucking", "fucked", "fucker", "shit", "shitty", "bullshit", "asshole", "bitch", "bastard",
           "cunt", "dick", "motherfucker", "crap", "damn", "wanker", "bollocks", "prick", "slut", "whore"],
    "es": ["mierda", "joder", "jodido", "jodida", "puta", "puto", "putas", "putos", "cabrón", "cabrona", "coño",
           "gilipollas", "pendejo", "pendeja", "carajo", "chingar", "chingada", "culero", "hijoputa", "cojones"],
    "fr": ["merde", "putain", "connard", "connasse", "salaud", "salope", "enculé", "bordel", "con", "conne",
           "chier", "foutre", "bite", "couille", "couilles", "pute", "nique"],
    "pt": ["merda", "porra", "caralho", "puta", "puto", "foda", "foder", "fodido", "cabrão", "buceta", "cu",
           "viado", "desgraçado"],
    "it": ["merda", "cazzo", "stronzo", "stronza", "puttana", "vaffanculo", "minchia", "coglione", "troia",
           "bastardo", "fottuto"],
    "ca": ["merda", "collons", "puta", "fill de puta", "cabró", "collons", "hòstia", "carall"],
    "gl": ["merda", "carallo", "puta", "cona", "fillo de puta", "cabrón", "hostia"],
    "de": ["scheiße", "scheisse", "arschloch", "fick", "ficken", "fotze", "hure", "wichser", "verdammt", "mist"],
}

_PATTERNS: dict[str, re.Pattern[str]] = {
    lang: re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True)) + r")(?!\w)", re.I)
    for lang, words in WORDS.items()
}


def supports(language: str) -> bool:
    return language.split("-")[0] in _PATTERNS


def mask(text: str, language: str) -> str:
    pattern = _PATTERNS.get(language.split("-")[0])
    return pattern.sub(MASK, text) if pattern else text
