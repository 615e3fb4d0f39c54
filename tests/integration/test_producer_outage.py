"""The worker's producer keeps a message through an outage longer than its request timeout
(faust_compat guard 4). Without it aiokafka fails the send once the timeout has passed,
and for a session-table write nothing would notice."""

from __future__ import annotations

import asyncio

import faust

from pipeline.stream import faust_compat
from tests.integration.harness import BOOTSTRAP, kafka_sh


def test_a_send_waits_out_an_outage_longer_than_the_request_timeout(deployment):
    d = deployment()
    topic = d.names["topic_audit"]

    async def send_through_an_outage():
        faust_compat.apply()
        app = faust.App("pii-test-producer", broker=f"kafka://{BOOTSTRAP}", producer_acks=-1, producer_request_timeout=2.0)
        producer = app.producer._new_producer()  # noqa: SLF001 - what faust's Producer service starts
        await producer.start()
        try:
            await (await producer.send(topic, b"before the outage"))
            await asyncio.to_thread(kafka_sh, "down")
            try:
                sent = await producer.send(topic, b"during the outage")
                await asyncio.sleep(6)  # three request timeouts
                assert not sent.done(), f"the producer gave up during the outage: {sent.exception()!r}"
            finally:
                await asyncio.to_thread(kafka_sh, "up")
            return await asyncio.wait_for(sent, 120)
        finally:
            await producer.stop()

    delivered = asyncio.run(send_through_an_outage())
    assert delivered.topic == topic and delivered.offset == 1
