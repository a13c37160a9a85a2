"""Signed download links for the folder store: one object, until it expires, with a key that survives restarts."""

from __future__ import annotations

import stat
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from gateway.links import BASE_URL, LinkSigner


def parts(url: str) -> tuple[str, str, str]:
    split = urlsplit(url)
    query = parse_qs(split.query)
    return split.path, query["expires"][0], query["signature"][0]


def test_a_link_names_one_object_until_it_expires(tmp_path: Path) -> None:
    signer = LinkSigner.for_data_dir(tmp_path, None, 900)
    BASE_URL.set("https://cirrus.example")
    url = signer.link("object", "transcripts/call 1.json")
    _, expires, signature = parts(url)
    assert url.startswith("https://cirrus.example/v1/links/object/transcripts/call%201.json?")
    assert signer.check("object", "transcripts/call 1.json", expires, signature)
    assert not signer.check("object", "transcripts/other.json", expires, signature)
    assert not signer.check("vocabulary", "transcripts/call 1.json", expires, signature)
    assert not signer.check("object", "transcripts/call 1.json", str(int(expires) + 60), signature)  # a longer life
    assert not signer.check("object", "transcripts/call 1.json", expires, None)
    old = str(int(time.time()) - 1)
    assert not signer.check("object", "a/b", old, signer.signature("object", "a/b", int(old)))  # expired
    again = LinkSigner.for_data_dir(tmp_path, None, 900)  # a restart keeps the key: links stay valid
    assert again.check("object", "transcripts/call 1.json", expires, signature)
    assert stat.S_IMODE((tmp_path / "link-signing.key").stat().st_mode) == 0o600
    (tmp_path / "elsewhere").mkdir()
    other = LinkSigner.for_data_dir(tmp_path / "elsewhere", None, 900)
    assert not other.check("object", "transcripts/call 1.json", expires, signature)  # another server's key
    configured = LinkSigner.for_data_dir(tmp_path, "from-settings", 900)
    assert not configured.check("object", "transcripts/call 1.json", expires, signature)
