"""How many obfuscated values stay readable in clean: pii-stream beside plain Presidio.

Each class writes synthetic values the way evaders and hurried people do (fullwidth and
other-script digits, Unicode hyphens and spaces, zero-width characters, look-alike
letters, spelled-out or fullwidth e-mail signs, card numbers in dots or odd groups,
IBANs in lower case, names in capitals) inside short sentences of our own. A value is
left when its characters can still be read in the clean text (digits compared after
folding, as a reader would). Seeded, so runs compare.

    python -m bench.obfuscation_probe [--per-class 30] [--seed 11] [--json F]
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from collections import defaultdict
from collections.abc import Callable

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
FIRST = ["Marisol", "Tobias", "Ngozi", "Henrik", "Leilani", "Dmitri", "Aoife", "Rafael", "Yuki", "Oluwaseun"]
LAST = ["Quintero", "Brandvold", "Okafor", "Lindqvist", "Kahale", "Petrov", "Gallagher", "Moreira", "Tanaka", "Adeyemi"]


def _ssn(rng: random.Random) -> str:
    return f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


def _card(rng: random.Random) -> str:
    from stdnum import luhn

    body = "4" + "".join(rng.choice("0123456789") for _ in range(14))
    return body + luhn.calc_check_digit(body)


def _dotted(card: str) -> str:
    return ".".join(card[i : i + 4] for i in range(0, 16, 4))


def _phone(rng: random.Random) -> str:
    return f"{rng.randint(201, 989)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"


def _iban(rng: random.Random) -> str:
    from stdnum import iban

    bban = "".join(rng.choice("0123456789") for _ in range(18))
    check = iban.calc_check_digits("DE00" + bban)
    return f"DE{check}{bban}"


def _email(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST).lower(), rng.choice(LAST).lower()
    return first, last, rng.choice(["example.com", "mailbox.org", "corp.example.net"])


CLASSES: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "fullwidth digits": lambda r: (v := _ssn(r).translate(FULLWIDTH), f"my SSN is {v} for the form"),
    "other-script digits": lambda r: (
        v := _ssn(r).translate(r.choice([ARABIC_INDIC, DEVANAGARI])),
        f"SSN {v} please update it",
    ),
    "unicode hyphens": lambda r: (v := _ssn(r).replace("-", r.choice(["\u2011", "\u2013", "\u2212"])), f"ssn: {v}"),
    "non-breaking spaces": lambda r: (v := _phone(r).replace("-", "\u00a0"), f"call me on {v} tonight"),
    "zero-width in a number": lambda r: (v := "\u200b".join(_ssn(r).split("-")), f"here is my SSN {v}"),
    "zero-width in an e-mail": lambda r: (
        v := "{}.\u200b{}@{}".format(*_email(r)),
        f"write to {v} about it",
    ),
    "look-alike letters in an e-mail": lambda r: (
        v := "{}.{}@{}".format(*_email(r)).replace("a", "\u0430", 1).replace("o", "\u043e", 1),
        f"mail {v} now",
    ),
    "e-mail with at/dot words": lambda r: (
        v := "{}.{} [at] {}".format(*_email(r)[:2], _email(r)[2].replace(".", " [dot] ")),
        f"reach me: {v}",
    ),
    "fullwidth @": lambda r: (v := "{}.{}\uff20{}".format(*_email(r)), f"contact {v} for access"),
    "card in dots": lambda r: (v := _dotted(_card(r)), f"card {v} exp 09/29"),
    "card in odd groups": lambda r: (v := (c := _card(r))[:5] + " " + c[5:11] + " " + c[11:], f"my card is {v}"),
    "iban in lower case": lambda r: (v := _iban(r).lower(), f"send it to {v} by friday"),
    "names in capitals": lambda r: (
        v := f"{r.choice(FIRST).upper()} {r.choice(LAST).upper()}",
        f"please ask {v} to sign the form",
    ),
}


def readable(value: str, text: str) -> bool:
    """The value can still be read in `text` (NFKC and digits folded, zero-width removed)."""

    def fold(s: str) -> str:
        s = "".join(c for c in s if c not in "\u200b\u200c\u200d\u2060\ufeff")
        s = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in s)
        return "".join(c for c in unicodedata.normalize("NFKC", s).lower() if c.isalnum())

    return bool(fold(value)) and fold(value) in fold(text)


def probe(per_class: int, seed: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    return [(name, *make(rng)) for name, make in CLASSES.items() for _ in range(per_class)]


def main() -> None:
    from pipeline.config import load_settings
    from pipeline.core.processor import Pipeline, route_stream
    from pipeline.eval.baseline import PlainPresidio

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=30)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    settings = load_settings()
    pipeline = Pipeline.from_settings(settings, None)
    plain = PlainPresidio(settings.spacy_model)
    items = probe(args.per_class, args.seed)
    events = [
        json.dumps({"event_id": f"ob-{n}", "kind": "prompt", "ts": "2026-06-18T15:00:00Z", "user_id": "u", "text": text})
        for n, (_, _, text) in enumerate(items)
    ]
    routed = list(route_stream(pipeline, events, 256))
    by_id = {r.record["event_id"]: r for r in routed}
    left: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for n, (name, value, text) in enumerate(items):
        record = by_id[f"ob-{n}"]
        ours = record.route == "clean" and readable(value, record.record.get("text") or "")
        left[name][0] += ours
        left[name][1] += readable(value, plain.redact(text))
        left[name][2] += 1
    total = [sum(v[i] for v in left.values()) for i in range(3)]
    print(f"{'class':34} {'pii-stream':>10} {'plain':>6} {'of':>4}")
    for name, (ours, theirs, count) in left.items():
        print(f"{name:34} {ours:>10} {theirs:>6} {count:>4}")
    print(f"{'all':34} {total[0]:>10} {total[1]:>6} {total[2]:>4}  ({total[0] / total[2]:.1%} / {total[1] / total[2]:.1%} left)")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"classes": left, "total": total}, out, indent=1)


if __name__ == "__main__":
    main()
