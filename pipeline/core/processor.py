"""The one path every event takes, in scan mode and in the worker: events in, routed records out.

Failures are values: malformed input, a detection failure or an unexpected error
becomes a quarantine record with a reason. Nothing reaches clean unless detection
completed on all of its text fields.
"""

from __future__ import annotations

import gc
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.config import Settings
from pipeline.core.codes import Reason, Route, category
from pipeline.core.detection import DetectionFailure, Detector, Finding
from pipeline.core.disclosure import TOPIC_ENTITIES, Disclosure, assess
from pipeline.core.events import Event, Malformed, parse_event
from pipeline.core.log_ids import log_id
from pipeline.core.policy import CLEAN, DROP, QUARANTINE, Policy, decide_route, load_policy
from pipeline.core.reassembly import Reassembler, ReusedEventId, SecureKeystroke
from pipeline.core.records import clean_record, drop_record, quarantine_record
from pipeline.core.schemas import CleanRecord
from pipeline.core.scoring import matched_context_rules, score_record
from pipeline.core.sealing import Sealer
from pipeline.core.sign_in import typed_password
from pipeline.core.vocabulary import Vocabulary

if TYPE_CHECKING:
    from pipeline.core.scoring import Sensitivity

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Routed:
    """A finished record and the route (topic) it goes to."""

    route: Route
    record: Mapping[str, Any]  # a CleanRecord, QuarantineRecord or DropRecord (core/schemas.py)
    key_record: dict | None = None  # quarantine only: the wrapped data key, stored apart

    @property
    def source_event_ids(self) -> list[str]:
        return self.record.get("source_event_ids") or []


Item = Event | Malformed | SecureKeystroke | ReusedEventId


class Pipeline:
    """Detect, score, redact and route batches of parsed items."""

    def __init__(self, settings: Settings, policy: Policy, detector: Detector, sealer: Sealer | None) -> None:
        self.settings = settings
        self.policy = policy
        self.detector = detector
        self.sealer = sealer
        self.key = settings.pseudonym_key.get_secret_value().encode("utf-8")
        self._id_form = re.compile(settings.id_pattern)

    @classmethod
    def from_settings(cls, settings: Settings, sealer: Sealer | None) -> Pipeline:
        """Build the pipeline: policy, built-in recognizers and plugins (which may stop start-up).
        `sealer` seals held originals (`vault.crypto.sealer_for`); None only where nothing
        held is kept (evaluation, benchmarks, the reviewer's release)."""
        from pipeline.plugins import load_all_recognizers

        policy = load_policy(settings.policy_file)
        detector = Detector(
            load_all_recognizers(settings),
            min_score=policy.min_finding_score,
            regex_timeout_s=settings.regex_timeout_s,
            record_timeout_s=settings.detection_timeout_s,
            batch_size=settings.batch_size,
            pattern_cache=settings.pattern_cache_dir,
            spacy_model=settings.spacy_model,
        )
        # What start-up built (model, word lists, patterns: ~140,000 tracked objects) lives
        # as long as the process: keep it out of later garbage collections, each full one
        # of which walked it all (~5% of scan time).
        gc.freeze()
        return cls(settings, policy, detector, sealer)

    def parse(self, raw: bytes | str) -> Event | Malformed:
        return parse_event(raw, self.settings.max_event_bytes, self.settings.max_field_chars, self._id_form)

    def new_reassembler(self) -> Reassembler:
        return Reassembler(self.settings.keystroke_idle_gap_s, self.settings.keystroke_max_chars)

    def route(self, items: Sequence[Item]) -> list[Routed]:
        """Route a batch; one output per item, in order. Never raises for a bad record."""
        try:
            return self._route_batch(items)
        except Exception as exc:  # noqa: BLE001 - fall back to one at a time, then quarantine
            log.error("batch of %d failed (%s); routing one by one", len(items), type(exc).__name__)
            return [self._route_alone(item) for item in items]

    def _route_alone(self, item: Item) -> Routed:
        try:
            return self._route_batch([item])[0]
        except Exception as exc:  # noqa: BLE001 - the record is held, never lost, never clean
            log.error("event %s failed: %s", _event_id(item), type(exc).__name__)
        try:
            return self._quarantine(item, [Reason.PROCESSING_ERROR], None, [])
        except Exception as exc:  # noqa: BLE001 - holding it failed too: hold it as bare bytes
            log.error("event %s could not be held as parsed (%s); holding its bytes", _event_id(item), type(exc).__name__)
            return self._quarantine(_as_bytes(item), [Reason.PROCESSING_ERROR], None, [])

    def _route_batch(self, items: Sequence[Item]) -> list[Routed]:
        out: list[Routed | None] = [None] * len(items)
        to_detect: list[tuple[int, Event]] = []
        for i, item in enumerate(items):
            if isinstance(item, Malformed):
                out[i] = self._quarantine(item, [item.reason, f"{item.reason}:{item.problem}"], None, [])
            elif isinstance(item, SecureKeystroke):
                out[i] = Routed(DROP, drop_record(item.event, [Reason.SECURE_FIELD], None, self.policy.version))
            elif isinstance(item, ReusedEventId):
                out[i] = self._quarantine(item, [Reason.DUPLICATE_EVENT_ID], None, [])
            elif item.kind == "keystroke":
                raise ValueError("raw keystrokes must be reassembled before routing")
            elif self.policy.is_excluded_app(item.app):
                out[i] = Routed(DROP, drop_record(item, [Reason.EXCLUDED_APP], None, self.policy.version))
            elif self.policy.is_excluded_page(item.window_title, item.url):
                out[i] = Routed(DROP, drop_record(item, [Reason.EXCLUDED_PAGE], None, self.policy.version))
            else:
                to_detect.append((i, item))
        detections = self.detector.detect([event.free_text() for _, event in to_detect])
        for (i, event), detected in zip(to_detect, detections):
            out[i] = self._decide(event, detected)
        return out  # type: ignore[return-value]

    def _with_vocabulary(
        self, event: Event, detected: list[Finding] | DetectionFailure
    ) -> tuple[list[Finding] | DetectionFailure, dict[str, list[tuple[int, int]]]]:
        """The policy's deny terms added, its allow terms taken out (vocabulary.py), and
        where the allow terms matched."""
        if isinstance(detected, DetectionFailure):
            return detected, {}
        try:
            return self.policy.vocabulary.apply(event.free_text(), event_context(event), detected, self.policy.category_of)
        except TimeoutError:
            return DetectionFailure(Reason.REGEX_TIMEOUT, "vocabulary:deny"), {}

    def _decide(self, event: Event, detected: list[Finding] | DetectionFailure) -> Routed:
        detected, allowed = self._with_vocabulary(event, detected)
        if isinstance(detected, DetectionFailure):
            # the detail names the recognizer or step and the exception type, never a value
            log.warning("event %s: detection failed (%s: %s)", log_id(event.event_id), detected.reason, detected.detail)
            return self._quarantine(event, [detected.reason, f"{detected.reason}:{detected.detail}"], None, [])
        if typed_password(event.kind, event.text, event_context(event)):
            return Routed(DROP, drop_record(event, [category("credential"), Reason.TYPED_AT_SIGN_IN], None, self.policy.version))
        disclosure = self.disclosure(event, detected, allowed)
        if not disclosure.categories:
            # General knowledge: topic words about nobody are neither replaced nor scored.
            detected = [f for f in detected if f.entity_type not in TOPIC_ENTITIES]
        sensitivity = self.sensitivity(event, detected)
        decision = decide_route(self.policy, sensitivity.score, list(sensitivity.categories), disclosure.categories)
        if decision.route == CLEAN:
            return Routed(CLEAN, clean_record(event, detected, sensitivity, self.policy.version, self.key))
        if decision.route == DROP:
            return Routed(DROP, drop_record(event, list(decision.reasons), sensitivity, self.policy.version))
        return self._quarantine(event, list(decision.reasons), sensitivity, detected)

    def disclosure(self, event: Event, findings: list[Finding], allowed: dict[str, list[tuple[int, int]]] | None = None) -> Disclosure:
        """Special categories the record discloses about a person (docs/contract.md); text
        the policy's allow terms matched holds nothing on its own ("Lupus Analytics")."""
        context = event_context(event)
        own_account = set(matched_context_rules(self.policy, context)) & set(self.policy.personal_account_rules)
        fields = Vocabulary.masked(event.free_text(), allowed) if allowed else event.free_text()
        return assess(fields, context, findings, bool(own_account))

    def sensitivity(self, event: Event, findings: list[Finding]) -> Sensitivity:
        """The event's score from its findings and its context (app, window, URL)."""
        return score_record(self.policy, findings, event_context(event))

    def _quarantine(self, item: Item, reasons: list[str], sensitivity: Sensitivity | None, findings: list[Finding]) -> Routed:
        event = _event_of(item)
        original = event.raw if isinstance(event, Malformed) else event_original(event)
        sealed = self.sealer.seal(original, event.event_id) if self.sealer is not None else None
        record = quarantine_record(
            event, reasons, sensitivity, self.policy.version, self.key, sealed.content if sealed else None, findings
        )
        return Routed(QUARANTINE, record, sealed.key_record if sealed else None)

    def release(self, event: Event) -> CleanRecord | DetectionFailure:
        """A held event as the redacted clean record a reviewer publishes: detected again,
        every finding replaced."""
        detected, _ = self._with_vocabulary(event, self.detector.detect([event.free_text()])[0])
        if isinstance(detected, DetectionFailure):
            return detected
        return clean_record(event, detected, self.sensitivity(event, detected), self.policy.version, self.key)


def event_context(event: Event) -> dict[str, str | None]:
    """What surrounds an event's text: its app, window title and URL."""
    return {"app": event.app, "window_title": event.window_title, "url": event.url}


def event_original(event: Event) -> bytes:
    """The event as canonical JSON (a typed_text record includes its assembled text)."""
    data = {k: v for k, v in vars(event).items() if v is not None and k != "timestamp"}  # not asdict: it deep-copies
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _event_of(item: Item) -> Event | Malformed:
    """The event or malformed message behind an item (a dropped or held keystroke's own)."""
    return item.event if isinstance(item, (SecureKeystroke, ReusedEventId)) else item


def _as_bytes(item: Item) -> Malformed:
    """The last resort of holding a record whose own fields broke its quarantine record:
    its original as bytes that certainly encode (escaped JSON), and only identity fields
    that do."""
    event = _event_of(item)
    if isinstance(event, Malformed):
        original = event.raw
    else:
        fields = {k: v for k, v in vars(event).items() if v is not None and k != "timestamp"}
        original = json.dumps(fields, sort_keys=True, default=repr).encode("ascii")  # \u escapes: no encoding error

    def encodable(value: str | None) -> str | None:
        try:
            return value if value is not None and value.encode("utf-8") else None
        except UnicodeEncodeError:
            return None

    return Malformed(
        "processing error",
        original,
        encodable(event.event_id),
        encodable(event.kind),
        encodable(event.ts),
        encodable(event.user_id),
        Reason.PROCESSING_ERROR,
    )


def _event_id(item: Item) -> str:
    """The item's event id as a log line may show it."""
    event = _event_of(item)
    return log_id(event.event_id)


def route_stream(pipeline: Pipeline, raws: Iterable[bytes | str], batch_size: int) -> Iterator[Routed]:
    """File mode: parse every message, reassemble keystrokes per session in time order,
    and route in batches. Yields one record per non-keystroke input and per segment."""
    keystrokes: list[Event] = []
    batch: list[Item] = []
    for raw in raws:
        item = pipeline.parse(raw)
        if isinstance(item, Event) and item.kind == "keystroke":
            keystrokes.append(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from pipeline.route(batch)
            batch = []
    reassembler = pipeline.new_reassembler()
    keystrokes.sort(key=lambda e: (e.session_id or "", e.timestamp))
    for event in keystrokes:
        batch.extend(reassembler.feed(event))
        if len(batch) >= batch_size:
            yield from pipeline.route(batch)
            batch = []
    batch.extend(reassembler.close_all())
    for start in range(0, len(batch), batch_size):
        yield from pipeline.route(batch[start : start + batch_size])
