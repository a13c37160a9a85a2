"""Terminology files (CSV, TSV, TMX) and term enforcement by placeholders."""

from __future__ import annotations

import re

import pytest

from services.errors import InvalidRequest
from services.translate.terminology import (
    InvalidTerminology,
    Matcher,
    Terminologies,
    parse,
    parse_delimited,
    protect,
    restore,
)


def matcher(csv: bytes, source: str = "en", target: str = "es") -> Matcher:
    parsed = parse(csv, "CSV")
    return Terminologies._compile("t", {"directionality": "UNI", "languages": parsed.languages, "rows": parsed.rows},
                                  source, target)


def test_csv_header_names_languages_and_duplicates_are_skipped() -> None:
    parsed = parse(b"en,es,fr\nCirrus,Cirro,Cirrus\ncloud,nube,nuage\ncloud,nubarron,\n", "CSV")
    assert parsed.languages == ["en", "es", "fr"]
    assert parsed.rows[1] == {"en": "cloud", "es": "nube", "fr": "nuage"}
    assert parsed.skipped == 1


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (b"en,es\nCirrus,Cirro\nfoo,bar,baz\n", "CSV", "line 3: 3 columns, but the header names 2"),
        (b"en,es\n,Cirro\n", "CSV", "line 2: the source term (en) is empty"),
        (b"en,spanish\nx,y\n", "CSV", "line 1: 'spanish' is not a language code"),
        (b"", "CSV", "the terminology file is empty"),
        (b"en\tes\nx\ty\tz\n", "TSV", "line 2: 3 columns"),
        (b'<tmx><header srclang="en"/>\n<body><tu>\n</body></tmx>', "TMX", "line 3, column 2"),
        (b"en,es\n\xff\xfe,x\n", "CSV", "line 2: the file is not UTF-8"),
    ],
)
def test_malformed_files_name_the_line_at_fault(data: bytes, fmt: str, message: str) -> None:
    with pytest.raises(InvalidRequest, match=re.escape(message)):
        parse(data, fmt)


def test_tmx_units_become_rows() -> None:
    tmx = (b'<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>'
           b'<tu><tuv xml:lang="en"><seg>Cirrus</seg></tuv><tuv xml:lang="es"><seg>Cirro</seg></tuv></tu>'
           b'</body></tmx>')
    parsed = parse(tmx, "TMX")
    assert parsed.languages == ["en", "es"] and parsed.rows == [{"en": "Cirrus", "es": "Cirro"}]


def test_terms_match_whole_words_and_case_aware() -> None:
    m = matcher(b"en,es\nCirrus,Cirro\ncloud,nube\nmachine learning,aprendizaje automatico\n")
    p = protect("Cirrus runs machine learning in the Cloud; cirrus clouds, CLOUD!", [m])
    restored = restore(p.text, p)
    # 'Cirrus' (a name) matches its own case only; 'cloud' matches any case and the target follows it;
    # 'clouds' is another word.
    assert restored == "Cirro runs aprendizaje automatico in the Nube; cirrus clouds, NUBE!"


def test_restore_notices_a_lost_placeholder() -> None:
    m = matcher(b"en,es\n" + b"".join(f"term{i},t{i}\n".encode() for i in range(12)))
    p = protect(" ".join(f"term{i}" for i in range(12)), [m])
    assert len(p.slots) == 12
    assert restore(p.text, p) == " ".join(f"t{i}" for i in range(12))  # TERMXQZ1 is not read inside TERMXQZ10
    assert restore(p.text.replace("TERMXQZ10", ""), p) is None


def test_a_terminology_for_another_source_adds_nothing() -> None:
    assert matcher(b"en,es\ncloud,nube\n", source="fr", target="es").pattern is None


def test_a_bare_carriage_return_is_a_line_break_not_a_crash() -> None:
    """Found by fuzzing: csv raised on a lone \\r inside an unquoted field (a 500)."""
    with pytest.raises(InvalidTerminology, match="line 2"):
        parse_delimited("en,es\nfoo\rbar,baz\n", ",")
    assert parse_delimited("en,es\ra,b\r", ",").rows == [{"en": "a", "es": "b"}]
