"""Writes bench/pii_labelled.jsonl: English texts with every PII span labelled in Comprehend's types.

The texts are built from templates (letters, support chats, forms, logs, and texts with no PII but with
look-alikes: order numbers, prices, versions, a card number that fails Luhn), so the labels are exact by
construction. Values are varied: names from several cultures, phone formats (assigned area codes), SSNs by the SSA's rules,
Luhn-valid card numbers, mod-97-valid IBANs. Seeded: the same file every run.

    python bench/make_pii_set.py            # rewrites the file; bench/bench_pii.py reads it
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("pii_labelled.jsonl")
FIRST = ["John", "Maria", "Wei", "Aisha", "Carlos", "Priya", "Olga", "Kwame", "Sofia", "Hiroshi", "Emma", "Liam",
         "Fatima", "Diego", "Anna", "Mohammed", "Chloe", "Ivan", "Grace", "Lucas"]
LAST = ["Smith", "Garcia", "Zhang", "Khan", "Rodriguez", "Patel", "Ivanova", "Mensah", "Rossi", "Tanaka", "Brown",
        "Murphy", "Hassan", "Lopez", "Kowalski", "Ali", "Martin", "Petrov", "Okafor", "Silva"]
STREETS = ["Main Street", "Oak Avenue", "Maple Drive", "Elm Road", "Pine Lane", "Cedar Court", "Lake Boulevard"]
CITIES = [("Springfield", "IL", "62704"), ("Seattle", "WA", "98101"), ("Austin", "TX", "78701"),
          ("Denver", "CO", "80202"), ("Portland", "OR", "97205"), ("Boston", "MA", "02108")]
DOMAINS = ["example.com", "mail.example.org", "example.net"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def luhn_card(rng: random.Random) -> str:
    digits = [4] + [rng.randrange(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return " ".join(s[i:i + 4] for i in range(0, 16, 4))


def iban(rng: random.Random) -> str:
    bank = "WEST" + "".join(str(rng.randrange(10)) for _ in range(14))
    moved = bank + "GB00"
    number = int("".join(str(int(c, 36)) for c in moved))
    check = 98 - number % 97
    raw = f"GB{check:02d}{bank}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    return f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"


AREA_CODES = [206, 212, 303, 312, 415, 503, 512, 617, 702, 917, 404, 305]  # assigned ones: libphonenumber checks


def phone(rng: random.Random) -> str:
    a, b, c = rng.choice(AREA_CODES), rng.randrange(200, 990), rng.randrange(0, 10000)
    return rng.choice([f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"+1 {a} {b} {c:04d}"])


class Text:
    def __init__(self) -> None:
        self.text, self.spans = "", []

    def add(self, piece: str, kind: str | None = None) -> Text:
        if kind:
            self.spans.append({"type": kind, "begin": len(self.text), "end": len(self.text) + len(piece)})
        self.text += piece
        return self

    def record(self) -> dict[str, object]:
        return {"text": self.text, "entities": self.spans}


def sample(rng: random.Random, n: int) -> dict[str, object]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    city, state, zip_code = rng.choice(CITIES)
    address = f"{rng.randrange(1, 990)} {rng.choice(STREETS)}, {city}, {state} {zip_code}"
    email = f"{name.split()[0].lower()}.{name.split()[1].lower()}@{rng.choice(DOMAINS)}"
    date = f"{rng.choice(MONTHS)} {rng.randrange(1, 29)}, {rng.randrange(1950, 2024)}"
    t = Text()
    kind = n % 8
    if kind == 0:
        t.add("Dear ").add(name, "NAME").add(", your statement was mailed to ").add(address, "ADDRESS").add(".")
    elif kind == 1:
        t.add("Please call me at ").add(phone(rng), "PHONE").add(" or write to ").add(email, "EMAIL").add(". Thanks, ")
        t.add(name, "NAME").add(".")
    elif kind == 2:
        t.add("Applicant: ").add(name, "NAME").add(". SSN: ").add(ssn(rng), "SSN").add(". Born ").add(date, "DATE_TIME")
        t.add(".")
    elif kind == 3:
        t.add("I paid with my card ").add(luhn_card(rng), "CREDIT_DEBIT_NUMBER").add(" and it was declined.")
    elif kind == 4:
        t.add("Wire the refund to IBAN ").add(iban(rng), "INTERNATIONAL_BANK_ACCOUNT_NUMBER").add(", account holder ")
        t.add(name, "NAME").add(".")
    elif kind == 5:
        ip = ".".join(str(rng.randrange(1, 255)) for _ in range(4))
        t.add("Failed login from ").add(ip, "IP_ADDRESS").add(" for user ").add(email, "EMAIL").add(" on ")
        t.add(date, "DATE_TIME").add(".")
    elif kind == 6:
        t.add("Ship it to ").add(name, "NAME").add(" at ").add(address, "ADDRESS").add(", phone ")
        t.add(phone(rng), "PHONE").add(".")
    else:  # no PII, with look-alikes
        t.add(rng.choice([
            f"Order {rng.randrange(10**7, 10**8)} contains {rng.randrange(2, 9)} items and costs ${rng.randrange(10, 500)}.99.",
            f"Version {rng.randrange(1, 9)}.{rng.randrange(0, 20)}.{rng.randrange(0, 9)} fixes the export bug.",
            "The card number 4111 1111 1111 1112 is a typo and fails the checksum.",
            f"The meeting room holds {rng.randrange(4, 30)} people and has two screens.",
            "Our quarterly revenue grew by twelve percent thanks to the new product line.",
        ]))
    return t.record()


def main() -> None:
    rng = random.Random(20261202)
    with OUT.open("w") as out:
        for n in range(160):
            out.write(json.dumps(sample(rng, n)) + "\n")
    print(f"wrote {OUT} (160 texts)")


if __name__ == "__main__":
    main()
