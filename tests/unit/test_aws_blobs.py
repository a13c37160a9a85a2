"""Blob members (a photo's, a document's base64) decode a slice at a time, letting the event loop go between
slices, with exactly base64.b64decode(validate=True)'s answer: the same bytes, an error for the same inputs."""

from __future__ import annotations

import asyncio
import base64
import binascii
import random

import pytest

from gateway.aws.protocol import BASE64_SLICE, decode_base64

S = BASE64_SLICE


def reference(text: str) -> bytes | str:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return "error"


def sliced(text: str) -> bytes | str:
    try:
        return asyncio.run(decode_base64(text))
    except (binascii.Error, ValueError):
        return "error"


def hostile_inputs() -> list[str]:
    rnd = random.Random(18)
    cases = ["", "QQ", "QQ=", "QQ==", "QQ===", "====", "é", "Q" * S + "=", "Q" * (S - 1) + "=", "QUFB" * (S // 4) + "=QUF"]
    for n in (S // 4 * 3 - 1, S // 4 * 3, S // 4 * 3 + 1, 2 * S // 4 * 3, 3 * S + 2):
        good = base64.b64encode(rnd.randbytes(n)).decode()
        cases += [good, good[:-1], good[:-3], good + "=", good + "===", good + "AA==", good + " ", good + "é", "=" + good,
                  good[: S - 2] + "==" + good[S:], good[:S] + "=" + good[S:], good[:S] + "\n" + good[S:],
                  good[: S - 4] + "QQ==" + good[S:], good[:100] + "*" + good[101:]]
    for _ in range(40):  # a few characters anywhere replaced by padding, a stray byte, whitespace, non-ASCII
        chars = list(base64.b64encode(rnd.randbytes(rnd.choice([S // 4 * 3, 2 * S // 4 * 3]) + rnd.randrange(5))).decode())
        for _ in range(rnd.randrange(1, 3)):
            chars[rnd.randrange(len(chars))] = rnd.choice("=*\n é")
        cases.append("".join(chars))
    return cases


@pytest.mark.parametrize("text", hostile_inputs(), ids=lambda t: f"{len(t)}:{t[-6:]!r}")
def test_same_answer_as_b64decode_validate(text: str) -> None:
    assert sliced(text) == reference(text)


def test_a_big_blob_lets_the_event_loop_go_between_slices() -> None:
    data = random.Random(1).randbytes(5 * 1024 * 1024)  # a 5 MB photo: 7 MB of base64, 27 slices
    text = base64.b64encode(data).decode()

    async def scenario() -> tuple[bytes, int]:
        turns = 0
        done = False

        async def other_requests() -> None:
            nonlocal turns
            while not done:
                turns += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(other_requests())
        await asyncio.sleep(0)
        out = await decode_base64(text)
        done = True
        await task
        return out, turns

    out, turns = asyncio.run(scenario())
    assert out == data
    assert turns >= len(text) // S  # the other task ran between every two slices (decoded whole: once)
