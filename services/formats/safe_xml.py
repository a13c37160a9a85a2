"""User XML (TMX terminologies, PLS lexicons, SSML) parsed one hardened way.

defusedxml refuses any DTD, so no entity (internal, external or a billion laughs) is ever expanded,
whatever the encoding the document declares (a UTF-16 file gets past a byte search for ``<!DOCTYPE``;
it does not get past the parser). The element tree may nest at most ``max_depth`` levels, checked
without recursion, so the code that walks it afterwards cannot overflow the stack.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from services.errors import ServiceError

MAX_DEPTH = 64


def parse(data: bytes | str, error: type[ServiceError], what: str, max_depth: int = MAX_DEPTH) -> ET.Element:
    """The root of ``data``; anything unsafe or malformed is ``error`` naming ``what`` and the fault."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise error(f"{what} with a DOCTYPE or entity declarations is not accepted") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise error(f"{what} is not well-formed XML (line {line}, column {column}): {exc}") from None
    except (ValueError, LookupError) as exc:  # an encoding expat cannot read, or bytes that do not hold it
        raise error(f"{what} could not be decoded ({exc}): save it as UTF-8, or UTF-16 with a byte-order mark") from None
    level = [root]
    for _ in range(max_depth + 1):
        level = [child for element in level for child in element]
        if not level:
            return root
    raise error(f"{what} nests elements more than {max_depth} deep")
