"""The worker's fetch terms against a real broker: a consumer made the way faust makes
the worker's (`_create_worker_consumer`, faust's terms: first byte or 1.5 s) learns its
held terms when it starts, and aiokafka's fetcher, patched by `faust_compat`, switches to
them when a fetch brings records and back to faust's once one comes back empty."""

from __future__ import annotations

import asyncio
import uuid
from types import SimpleNamespace

import faust
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.consumer.fetcher import Fetcher

from pipeline.stream import faust_compat
from tests.integration.harness import BOOTSTRAP, require_broker

HELD, QUIET = (65536, 40), (1, 1500)


async def _fetch_terms_while_consuming(topic: str, monkeypatch) -> tuple[list[tuple[bool, tuple]], tuple, int]:
    seen: list[tuple[bool, tuple]] = []  # (records buffered, the terms of the next fetch)
    patched = faust_compat._fetch_holding_while_busy

    async def observing(self, assignment, node_id, request):
        got = await patched(self, assignment, node_id, request)
        seen.append((bool(got), (self._fetch_min_bytes, self._fetch_max_wait_ms)))
        return got

    monkeypatch.setattr(Fetcher, "_proc_fetch_request", observing)

    def as_faust_makes_it(thread, transport) -> AIOKafkaConsumer:
        return AIOKafkaConsumer(topic, bootstrap_servers=BOOTSTRAP, auto_offset_reset="earliest", fetch_max_wait_ms=1500)

    monkeypatch.setattr(faust_compat, "_original_create_worker_consumer", as_faust_makes_it)
    app = faust.App("fetch-holding-test", broker=f"kafka://{BOOTSTRAP}")
    faust_compat.hold_fetches(app, HELD[0], HELD[1] / 1000)
    consumer = faust_compat._create_worker_consumer_holding_fetches(SimpleNamespace(app=app), None)
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await consumer.start()
    await producer.start()
    try:
        for n in range(30):
            await producer.send_and_wait(topic, f"synthetic {n}".encode())
        received = 0
        while received < 30:
            batch = await consumer.getmany(timeout_ms=5000)
            assert batch, "no records within 5 s"
            received += sum(len(messages) for messages in batch.values())
        await asyncio.sleep(0.5)  # a held fetch comes back empty within ~40 ms of the last record
        fetcher = consumer._fetcher
        return seen, (fetcher._fetch_min_bytes, fetcher._fetch_max_wait_ms), received
    finally:
        await producer.stop()
        await consumer.stop()


def test_fetch_terms_follow_what_the_broker_returns(monkeypatch):
    require_broker()
    faust_compat.apply()
    topic = f"test-fetch-{uuid.uuid4().hex[:8]}"

    async def run():
        admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
        await admin.start()
        await admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
        try:
            return await _fetch_terms_while_consuming(topic, monkeypatch)
        finally:
            await admin.delete_topics([topic])
            await admin.close()

    seen, terms_after_idle, received = asyncio.run(run())
    assert received == 30
    assert any(got for got, _ in seen), "no fetch reported the records it buffered"
    assert all(terms == (HELD if got else QUIET) for got, terms in seen), seen
    assert seen[-1][0] is False and terms_after_idle == QUIET
