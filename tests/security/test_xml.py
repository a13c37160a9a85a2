"""Hole 9: every user XML (TMX, PLS, SSML) goes through one hardened parser: no DTD, no entity, any encoding."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from services.speech.ssml import InvalidSsml, parse
from services.translate.terminology import InvalidTerminology, parse_tmx

TMX = """<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE tmx [<!ENTITY brand "LEAKED">]>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
  creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu><tuv xml:lang="en"><seg>&brand;</seg></tuv><tuv xml:lang="es"><seg>marca</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize(("encoding", "words"), [
    ("utf-8", "DOCTYPE"), ("utf-16", "DOCTYPE"), ("utf-16-be", "UTF-16 with a byte-order mark")])
def test_tmx_with_an_internal_entity_is_refused_in_any_encoding(encoding: str, words: str) -> None:
    data = TMX.format(encoding=encoding).encode(encoding)
    with pytest.raises(InvalidTerminology, match=words):
        parse_tmx(data)


async def test_import_terminology_refuses_utf16_entities(client: httpx.AsyncClient) -> None:
    data = TMX.format(encoding="utf-16").encode("utf-16")
    body = {"Name": "entity-probe", "MergeStrategy": "OVERWRITE",
            "TerminologyData": {"File": base64.b64encode(data).decode(), "Format": "TMX"}}
    r = await client.post("/", content=json.dumps(body),
                          headers={"x-amz-target": "AWSShineFrontendService_20170701.ImportTerminology"})
    assert r.status_code == 400 and "DOCTYPE" in r.json()["message"], r.text
    listed = await client.post("/", content="{}",
                               headers={"x-amz-target": "AWSShineFrontendService_20170701.ListTerminologies"})
    assert "entity-probe" not in listed.text


def test_tmx_in_utf16_without_a_dtd_still_parses() -> None:
    clean = TMX.replace('<!DOCTYPE tmx [<!ENTITY brand "LEAKED">]>\n', "").replace("&brand;", "brand")
    parsed = parse_tmx(clean.format(encoding="utf-16").encode("utf-16"))
    assert parsed.rows == [{"en": "brand", "es": "marca"}]


@pytest.mark.parametrize("document", [
    '<?xml version="1.0"?><!DOCTYPE speak SYSTEM "file:///etc/passwd"><speak>hi</speak>',
    '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><speak>&b;</speak>',
])
def test_ssml_never_resolves_a_dtd(document: str) -> None:
    with pytest.raises(InvalidSsml, match="DOCTYPE"):
        parse(document)


async def test_pls_lexicon_with_an_external_entity_is_refused(client: httpx.AsyncClient) -> None:
    pls = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
           '<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" '
           'xml:lang="en-US"><lexeme><grapheme>W3C</grapheme><alias>&x;</alias></lexeme></lexicon>')
    r = await client.put("/v1/lexicons/probe", json={"Content": pls})
    assert r.status_code == 400 and r.headers["x-amzn-ErrorType"].startswith("InvalidLexiconException"), r.text
    got = await client.get("/v1/lexicons/probe")
    assert got.status_code == 404 and got.headers["x-amzn-ErrorType"].startswith("LexiconNotFoundException"), got.text
