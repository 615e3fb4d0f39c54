"""Every metric the dashboard and the alert rules use is exported by a running worker."""

from __future__ import annotations

import time
import urllib.request

from tests.integration.harness import Deployment, require_broker
from tests.test_monitoring import used_metrics


def test_a_running_worker_exports_every_metric_the_dashboard_and_alerts_use(tmp_path):
    require_broker()
    deployment = Deployment(partitions=1)
    worker = deployment.start_worker(tmp_path)
    try:
        deployment.wait_until_assigned([worker])
        page = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "pii_consumer_lag" not in page:
            with urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/metrics", timeout=5) as response:
                page = response.read().decode("utf-8")
            time.sleep(1)
        exported = {line.split()[2] for line in page.splitlines() if line.startswith("# TYPE ")}
        exported |= {f"{n}_total" for n in exported}
        assert used_metrics() <= exported, sorted(used_metrics() - exported)
    finally:
        deployment.stop_all()
        deployment.delete_topics()
