"""A seeded, labelled corpus of synthetic telemetry events (every value is fake).

Each item is one prompt, screen text or click event, or one keystroke session (the
keystrokes of one typed segment, with typos corrected by Backspace). Labels give the
span, entity type and category of every planted value in the *assembled* text.

    python -m bench.corpus --n 1200 --seed 7 --out samples/labelled.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from faker import Faker
from stdnum import luhn

# ---------------------------------------------------------------- value makers


@dataclass
class Value:
    text: str
    entity_type: str
    category: str


class Values:
    """Synthetic values of every kind we detect, from one seeded RNG and Faker."""

    def __init__(self, rng: random.Random, fake: Faker) -> None:
        self.rng, self.fake = rng, fake

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def name(self) -> Value:
        return Value(f"{self.fake.first_name()} {self.fake.last_name()}", "PERSON", "name")

    def address(self) -> Value:
        f = self.fake
        text = f.street_address()
        if self.rng.random() < 0.6:
            text += f", {f.city()}, {f.state_abbr(include_territories=False)} {f.zipcode()}"
        return Value(text, "STREET_ADDRESS", "contact")

    def email(self) -> Value:
        return Value(self.fake.email(), "EMAIL_ADDRESS", "contact")

    def phone(self) -> Value:
        area = self.rng.choice(["212", "415", "617", "312", "503", "720", "404", "206", "512", "646"])
        exch, line = self.rng.randint(201, 989), self.digits(4)
        fmt = self.rng.choice(["({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "+1 {a} {e} {l}"])
        return Value(fmt.format(a=area, e=exch, l=line), "PHONE_NUMBER", "contact")

    def ssn(self) -> Value:
        area = self.rng.choice([a for a in range(1, 900) if a != 666])
        sep = "-" if self.rng.random() < 0.8 else " "
        text = f"{area:03d}{sep}{self.rng.randint(1, 99):02d}{sep}{self.rng.randint(1, 9999):04d}"
        return Value(text, "US_SSN", "identifier")

    def itin(self) -> Value:
        group = self.rng.choice([*range(70, 89), 90, 91, 92, *range(94, 100)])
        return Value(f"9{self.digits(2)}-{group}-{self.digits(4)}", "US_ITIN", "tax")

    def ein(self) -> Value:
        prefix = self.rng.choice(["10", "12", "20", "27", "30", "35", "45", "46", "52", "61", "80", "94"])
        return Value(f"{prefix}-{self.digits(7)}", "US_EIN", "tax")

    def routing(self) -> Value:
        body = f"{self.rng.randint(1, 12):02d}{self.digits(6)}"
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        check = (10 - sum(int(d) * x for d, x in zip(body, w)) % 10) % 10
        return Value(body + str(check), "ABA_ROUTING_NUMBER", "financial")

    def account(self) -> Value:
        return Value(self.digits(self.rng.randint(8, 12)), "US_BANK_NUMBER", "financial")

    def credit_card(self) -> Value:
        return Value(
            self.fake.credit_card_number(card_type=self.rng.choice(["visa16", "mastercard", "amex"])), "CREDIT_CARD", "financial"
        )

    def mrn(self) -> Value:
        return Value(self.rng.choice(["", "MR", "A"]) + self.digits(self.rng.randint(6, 9)), "MEDICAL_RECORD_NUMBER", "medical")

    def npi(self) -> Value:
        body = "1" + self.digits(8)
        return Value(body + luhn.calc_check_digit("80840" + body), "NPI", "medical")

    def dea(self) -> Value:
        letters = self.rng.choice("ABFGM") + self.rng.choice(string.ascii_uppercase)
        d = [int(c) for c in self.digits(6)]
        check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
        return Value(letters + "".join(map(str, d)) + str(check), "DEA_NUMBER", "medical")

    def icd10(self) -> Value:
        return Value(
            self.rng.choice(
                ["F32.9", "E11.9", "J45.909", "O09.891", "M54.50", "F41.1", "G43.909", "K21.9", "Z34.00", "F33.1", "E66.01", "I25.10"]
            ),
            "ICD10_CODE",
            "medical",
        )

    def ndc(self) -> Value:
        return Value(f"{self.digits(5)}-{self.digits(3)}-{self.digits(2)}", "NDC_CODE", "medical")

    def member_id(self) -> Value:
        return Value(self.rng.choice(["XJH", "W", "ZGP", "MBR"]) + self.digits(9), "HEALTH_PLAN_ID", "medical")

    def condition(self) -> Value:
        return Value(
            self.rng.choice(
                [
                    "type 2 diabetes",
                    "hypertension",
                    "asthma",
                    "migraines",
                    "breast cancer",
                    "multiple sclerosis",
                    "epilepsy",
                    "rheumatoid arthritis",
                    "crohn's disease",
                    "sleep apnea",
                    "hypothyroidism",
                    "atrial fibrillation",
                ]
            ),
            "MEDICAL_CONDITION",
            "medical",
        )

    def medication(self) -> Value:
        return Value(
            self.rng.choice(
                [
                    "metformin",
                    "lisinopril",
                    "sertraline",
                    "adderall",
                    "ozempic",
                    "xanax",
                    "levothyroxine",
                    "atorvastatin",
                    "prednisone",
                    "gabapentin",
                    "wellbutrin",
                ]
            ),
            "MEDICATION",
            "medical",
        )

    def sensitive_health(self) -> Value:
        return Value(
            self.rng.choice(
                [
                    "pregnant",
                    "postpartum depression",
                    "panic attacks",
                    "PTSD",
                    "bipolar disorder",
                    "IVF",
                    "miscarriage",
                    "eating disorder",
                    "therapy session",
                    "autism",
                ]
            ),
            "SENSITIVE_HEALTH",
            "medical",
        )

    def salary(self) -> Value:
        amount = self.rng.randint(55, 260) * 1000
        text = self.rng.choice([f"${amount:,}", f"${amount // 1000}k"])
        return Value(text, "COMPENSATION", "hr")

    def performance(self) -> Value:
        return Value(
            self.rng.choice(
                ["performance improvement plan", "does not meet expectations", "needs improvement", "PIP", "underperforming"]
            ),
            "PERFORMANCE_REVIEW",
            "hr",
        )

    def disciplinary(self) -> Value:
        return Value(
            self.rng.choice(
                [
                    "final written warning",
                    "HR investigation",
                    "harassment complaint",
                    "terminated for cause",
                    "misconduct",
                    "administrative leave",
                ]
            ),
            "DISCIPLINARY",
            "hr",
        )

    def leave(self) -> Value:
        return Value(
            self.rng.choice(
                ["FMLA leave", "medical leave", "maternity leave", "short-term disability", "leave of absence", "bereavement leave"]
            ),
            "LEAVE",
            "hr",
        )

    def employee_id(self) -> Value:
        return Value(self.rng.choice(["E", "EMP", ""]) + self.digits(6), "EMPLOYEE_ID", "hr")

    def aws_key(self) -> Value:
        return Value("AKIA" + "".join(self.rng.choice(string.ascii_uppercase + "234567") for _ in range(16)), "API_KEY", "credential")

    def github_token(self) -> Value:
        return Value(
            "ghp_" + "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(36)), "API_KEY", "credential"
        )

    def slack_token(self) -> Value:
        return Value(
            f"xoxb-{self.digits(11)}-{self.digits(12)}-"
            + "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(24)),
            "API_KEY",
            "credential",
        )

    def password(self) -> Value:
        word = self.rng.choice(["Sunset", "Tiger", "Maple", "Rocket", "Harbor", "Velvet"])
        return Value(f"{word}{self.rng.randint(10, 9999)}{self.rng.choice('!@#$%')}", "PASSWORD", "credential")

    def private_key(self) -> Value:
        body = "".join(self.rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(64))
        return Value(
            f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n{body[::-1]}\n-----END RSA PRIVATE KEY-----", "PRIVATE_KEY", "credential"
        )

    def irs_form(self) -> Value:
        return Value(self.rng.choice(["W-2", "1040", "1099-NEC", "Schedule C", "1099-INT", "8888", "W-4"]), "IRS_FORM", "tax")

    def tax_amount(self) -> Value:
        return Value(f"${self.rng.randint(200, 19000):,}.{self.digits(2)}", "TAX_AMOUNT", "tax")

    def ip_pin(self) -> Value:
        return Value(self.digits(6), "IRS_IP_PIN", "tax")


# ---------------------------------------------------------------- templates
# `{slot}` is filled with Values.slot(); everything else is literal.

SENSITIVE_PROMPTS = [
    "Draft a reply to {name} confirming the meeting moved to Thursday.",
    "Rewrite this more politely: Hi {name}, please send the contract back by Friday.",
    "My SSN is {ssn}, can you check if I filled the form right?",
    "Fill in the {irs_form} for me: name {name}, SSN {ssn}, address {address}.",
    "Help me write a letter to my landlord, I live at {address} and the heater is broken.",
    "Format this contact as a vCard: {name}, {email}, {phone}",
    "Email {email} and ask whether the invoice was paid.",
    "Call me back at {phone} when the build is green.",
    "Set up direct deposit: routing number {routing}, account number {account}.",
    "Why was my card {credit_card} declined on the team offsite booking?",
    "I'm filing my taxes. My ITIN is {itin} and I got a refund of {tax_amount} last year.",
    "Our company EIN is {ein}, what goes in box b of the {irs_form}?",
    "Explain line 11 on form {irs_form}; my AGI was {tax_amount}.",
    "The IRS sent my IP PIN {ip_pin}, where do I enter it?",
    "Summarize the discharge notes for patient MRN {mrn}: diagnosed with {condition}.",
    "Prescriber NPI {npi} and DEA {dea} need to go on the prior auth form.",
    "What does ICD-10 code {icd10} mean on my claim?",
    "The pharmacy says NDC {ndc} is out of stock, any alternative to {medication}?",
    "My insurance member ID: {member_id}. Does the plan cover {medication}?",
    "I was diagnosed with {condition} and my doctor put me on {medication}. How do I tell my manager?",
    "I'm {sensitive_health} and need to plan time off around it, how do I ask HR?",
    "Write a note to my manager that I'm taking {leave} starting next month.",
    "Help me negotiate: they offered {salary} base salary and I want more.",
    "Draft the review summary for {name}: {performance}, goals missed in Q3.",
    "Write the letter for {name}, employee ID {employee_id}, placing them on a {performance}.",
    "Summarize the {disciplinary} notes about {name} for legal.",
    "Why does this fail? aws_access_key_id = {aws_key}",
    "Push is rejected with token {github_token}, what scopes does it need?",
    "The bot uses {slack_token} but messages don't post.",
    "My password is {password} and it keeps saying invalid, why?",
    "Is this key format right?\n{private_key}",
    "Translate to Spanish: {name} lives at {address} and her number is {phone}.",
    "Remind me to send {name} the {irs_form} copies and my SSN {ssn}.",
    "Book a follow-up with Dr. {name} about my {condition}.",
]

SENSITIVE_SCREENS = [
    "Patient: {name}\nMRN: {mrn}\nDOB: 04/12/1986\nDiagnosis: {condition} ({icd10})\nMedications: {medication} 20 mg daily\nProvider NPI {npi}",
    "Form {irs_form} Wage and Tax Statement\nEmployee: {name}\nSSN: {ssn}\nEmployer EIN: {ein}\nEmployee address: {address}\nFederal income tax withheld {tax_amount}",
    "Direct Deposit Authorization\nName: {name}\nBank routing number: {routing}\nChecking account number: {account}",
    "Performance review - {name}\nEmployee ID: {employee_id}\nOverall: {performance}\nBase salary {salary}, no merit increase this cycle.",
    "HR case notes\nSubject: {name}\nAllegation: {disciplinary}\nStatus: open, {leave} requested",
    "Chat\n{name}: are you ok? you said you were {sensitive_health}\nme: yeah, seeing the doctor about {condition}",
    "Contact card\n{name}\n{email}\n{phone}\n{address}",
    "Billing\nCard number {credit_card}\nName on card {name}\nBilling address {address}",
    "Insurance card\nMember ID: {member_id}\nSubscriber: {name}\nRx: {medication}",
    "Terminal\n$ export GITHUB_TOKEN={github_token}\n$ git push origin main",
    "Settings > Integrations\nSlack bot token: {slack_token}\nStatus: connected",
    "Prescription\nPrescriber: Dr. {name}\nDEA: {dea}\nNDC {ndc} - {medication}",
    "Tax return summary\nTaxpayer {name}, ITIN {itin}\nRefund amount {tax_amount}\nIP PIN {ip_pin}",
]

SENSITIVE_CLICK_TARGETS = [
    "Message {name}",
    "Open {email}",
    "Call {phone}",
    "View chart for {name}",
    "Approve {salary} offer",
    "Download {irs_form}",
    "Start {performance} for {name}",
    "File {leave} request",
]

SENSITIVE_TYPED = [
    "my ssn is {ssn}",
    "call {phone}",
    "email {email}",
    "{name}",
    "{address}",
    "password: {password}",
    "routing {routing} account {account}",
    "member id {member_id}",
    "dx {icd10}",
    "taking {medication}",
    "ip pin {ip_pin}",
    "mrn {mrn}",
    "{credit_card}",
]

NEUTRAL_PROMPTS = [
    "Refactor this function to use async/await and add type hints.",
    "Write a SQL query that counts orders per month for the last year.",
    "Summarize the attached design doc in five bullet points.",
    "Explain the difference between a mutex and a semaphore.",
    "Generate unit tests for the parser module, covering empty input.",
    "What is the time complexity of building a heap from an array?",
    "Turn these meeting notes into action items with owners as placeholders.",
    "Suggest three names for a feature flag that enables dark mode.",
    "Convert this JSON schema to a pydantic model.",
    "Why does my Dockerfile rebuild every layer when I change one file?",
    "Write a regex that matches semantic version strings like 1.2.3.",
    "Make this paragraph shorter and friendlier for the release notes.",
    "How do I paginate results in a REST API with cursors?",
    "Review this pull request description for clarity.",
    "Outline a rollout plan for migrating the cache to the new cluster.",
    "Compare gRPC and REST for internal service calls.",
    "Fix the off-by-one error in this loop over the array.",
    "Draft an agenda for the sprint retrospective.",
    "What does the HTTP status code 429 mean and how should a client back off?",
    "Create a bash script that rotates log files older than seven days.",
]

NEUTRAL_SCREENS = [
    "Sprint board\nTo do: update dependencies, fix flaky test\nIn progress: search indexing\nDone: onboarding flow",
    "Build #4821 passed\nDuration 6m 12s\nTests: 1,204 passed, 0 failed\nCoverage 81%",
    "Quarterly roadmap\n1. Faster search\n2. Offline mode\n3. Accessibility audit\nRisks: vendor API changes",
    "def merge(a, b):\n    result = []\n    while a and b:\n        result.append(a.pop(0) if a[0] < b[0] else b.pop(0))\n    return result + a + b",
    "Release notes 3.2\n- Dark mode\n- Faster startup\n- Fixed crash when opening large files",
    "Dashboard\nRequests per second: 1,240\nError rate: 0.3%\nLatency p99: 210 ms",
    "Meeting notes\nDecided to ship the beta next week.\nOpen question: pricing tiers.\nFollow-up in two weeks.",
    "README\nInstall with pip, then run the server with the default config.\nSee CONTRIBUTING for the style guide.",
]

NEUTRAL_CLICKS = [
    "Submit",
    "Save draft",
    "Run tests",
    "Merge pull request",
    "Next page",
    "Settings",
    "New branch",
    "Export CSV",
    "Close",
    "Open file",
    "Refresh",
    "Add comment",
]

NEUTRAL_TYPED = [
    "git status",
    "npm run build",
    "hello world",
    "fix the tests",
    "search docs",
    "select count from orders",
    "meeting at 3pm",
    "deploy to staging",
    "ok sounds good",
]

NEUTRAL_APPS = [
    ("Visual Studio Code", "main.py - project - Visual Studio Code", "file:///workspace/main.py"),
    ("Google Chrome", "Pull request #482 - GitHub", "https://github.com/example/project/pull/482"),
    ("Slack", "#engineering - Slack", "https://app.slack.com/client/T000/C000"),
    ("Jira", "Sprint board - Jira", "https://example.atlassian.net/jira/software/projects/ENG"),
    ("ChatGPT", "ChatGPT", "https://chat.openai.com/"),
    ("Terminal", "bash - 120x40", None),
]

CONTEXT_APPS = [
    ("Google Chrome", "TurboTax - Federal review", "https://turbotax.intuit.com/return/federal"),
    ("Google Chrome", "MyChart - Test Results", "https://mychart.example-health.org/results"),
    ("Workday", "Performance Review - Workday", "https://wd5.myworkday.com/example/review"),
    ("WhatsApp", "WhatsApp", None),
    ("Microsoft Outlook", "Inbox - Outlook", None),
]


# ---------------------------------------------------------------- assembly


@dataclass
class Item:
    events: list[dict]
    labels: list[dict] = field(default_factory=list)


class CorpusBuilder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        fake = Faker("en_US")
        fake.seed_instance(seed)
        self.values = Values(self.rng, fake)
        self.clock = datetime(2026, 6, 18, 9, 0, 0, tzinfo=UTC)
        self.counter = 0

    def fill(self, template: str) -> tuple[str, list[dict]]:
        """Fill `{slot}`s; return the text and the labels of what was planted."""
        out, labels, pos = [], [], 0
        for literal, slot, _, _ in string.Formatter().parse(template):
            out.append(literal)
            pos += len(literal)
            if slot:
                value: Value = getattr(self.values, slot)()
                labels.append(
                    {
                        "start": pos,
                        "end": pos + len(value.text),
                        "value": value.text,
                        "entity_type": value.entity_type,
                        "category": value.category,
                    }
                )
                out.append(value.text)
                pos += len(value.text)
        return "".join(out), labels

    def _base(self, kind: str, context: tuple, max_step_ms: int = 90_000) -> dict:
        self.counter += 1
        self.clock += timedelta(milliseconds=self.rng.randint(50, max_step_ms))
        app, title, url = context
        event = {
            "event_id": f"ev-{self.counter:06d}",
            "kind": kind,
            "ts": self.clock.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.clock.microsecond // 1000:03d}Z",
            "user_id": f"user-{self.rng.randint(1, 40):03d}",
            "device_id": f"dev-{self.rng.randint(1, 60):03d}",
            "app": app,
            "window_title": title,
        }
        if url:
            event["url"] = url
        return event

    def text_item(self, kind: str, template: str, context: tuple) -> Item:
        event = self._base(kind, context)
        text, labels = self.fill(template)
        if kind == "click":
            event.update({"target_text": text, "x": self.rng.randint(0, 1920), "y": self.rng.randint(0, 1080), "button": "left"})
            field_name = "target_text"
        else:
            event["text"] = text
            field_name = "text"
        for label in labels:
            label["field"] = field_name
        return Item([event], labels)

    def typed_item(self, template: str, context: tuple) -> Item:
        """A keystroke session typing the filled template, with one corrected typo, then Enter."""
        text, labels = self.fill(template)
        session, field_id = f"sess-{self.counter:06d}", self.rng.choice(["search", "message", "form-notes"])
        keys = list(text)
        if len(keys) > 3 and self.rng.random() < 0.5:
            at = self.rng.randint(1, len(keys) - 1)
            keys[at:at] = [self.rng.choice(string.ascii_lowercase), "Backspace"]
        keys.append("Enter")
        events = []
        for key in keys:
            event = self._base("keystroke", context, max_step_ms=400)
            event.update({"session_id": session, "field_id": field_id, "key": key})
            events.append(event)
        for label in labels:
            label["field"] = "text"
        return Item(events, labels)

    def build(self, n: int) -> list[Item]:
        items = []
        kinds = ["prompt"] * 40 + ["screen_text"] * 20 + ["click"] * 15 + ["typed"] * 25
        for _ in range(n):
            kind = self.rng.choice(kinds)
            sensitive = self.rng.random() < 0.62
            context = self.rng.choice(CONTEXT_APPS if sensitive and self.rng.random() < 0.3 else NEUTRAL_APPS)
            pools = {
                "prompt": (SENSITIVE_PROMPTS, NEUTRAL_PROMPTS),
                "screen_text": (SENSITIVE_SCREENS, NEUTRAL_SCREENS),
                "click": (SENSITIVE_CLICK_TARGETS, NEUTRAL_CLICKS),
                "typed": (SENSITIVE_TYPED, NEUTRAL_TYPED),
            }[kind]
            template = self.rng.choice(pools[0] if sensitive else pools[1])
            if kind == "typed":
                items.append(self.typed_item(template, context))
            else:
                items.append(self.text_item(kind, template, context))
        return items


def write_corpus(items: list[Item], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps({"events": item.events, "labels": item.labels}, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("samples/labelled.jsonl"))
    parser.add_argument("--events-out", type=Path, help="also write the bare events as JSONL")
    args = parser.parse_args()
    items = CorpusBuilder(args.seed).build(args.n)
    write_corpus(items, args.out)
    if args.events_out:
        with args.events_out.open("w", encoding="utf-8") as handle:
            for item in items:
                for event in item.events:
                    handle.write(json.dumps(event, sort_keys=True) + "\n")
    print(f"{len(items)} items, {sum(len(i.events) for i in items)} events -> {args.out}")


if __name__ == "__main__":
    main()
