"""Apply deploy/kafka/acls.yaml to a cluster with Kafka's own AclCommand.

    apply_acls.py --bootstrap HOST:PORT --command-config admin.properties acls.yaml
    apply_acls.py --check acls.yaml          # validate only (names, topics, operations)

The file is validated first: every topic must be one pii-stream uses, and no principal
but the worker may read raw telemetry (collectors only write it). Read grants Read+Describe (and Read on the
listed consumer groups); write grants Write+Describe. Nothing else is ever granted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from pipeline.stream.topics import DEFAULTS  # noqa: E402

KNOWN_TOPICS = set(DEFAULTS.values()) | {"pii-stream-keystroke_sessions-changelog"}
RAW = {DEFAULTS[k] for k in ("topic_keystrokes", "topic_prompts", "topic_screen", "topic_clicks")}


def load(path: Path) -> dict[str, dict[str, list[str]]]:
    """The principals and their grants; raises ValueError naming the first problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    principals = data.get("principals")
    if not isinstance(principals, dict) or not principals:
        raise ValueError(f"{path}: needs a `principals` mapping")
    for name, grants in principals.items():
        if not isinstance(grants, dict) or set(grants) - {"read", "write", "groups"}:
            raise ValueError(f"{name}: only read, write and groups may be granted")
        for key in ("read", "write"):
            unknown = set(grants.get(key, [])) - KNOWN_TOPICS
            if unknown:
                raise ValueError(f"{name}: unknown topics {sorted(unknown)}")
        if name != "pii-worker" and RAW & set(grants.get("read", [])):
            raise ValueError(f"{name}: only pii-worker may read raw telemetry topics")
        if name == "pii-worker" and RAW & set(grants.get("write", [])):
            raise ValueError("pii-worker must not write raw telemetry topics")
    return principals


def commands(principals: dict, bootstrap: str, command_config: str) -> list[list[str]]:
    base = ["--bootstrap-server", bootstrap, "--command-config", command_config, "--add", "--force"]
    out = []
    for name, grants in principals.items():
        who = ["--allow-principal", f"User:{name}"]
        if grants.get("read") or grants.get("groups"):
            resources = [a for t in grants.get("read", []) for a in ("--topic", t)]
            resources += [a for g in grants.get("groups", []) for a in ("--group", g)]
            out.append(base + who + ["--operation", "Read", "--operation", "Describe"] + resources)
        if grants.get("write"):
            resources = [a for t in grants["write"] for a in ("--topic", t)]
            out.append(base + who + ["--operation", "Write", "--operation", "Describe"] + resources)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("acl_file", type=Path)
    parser.add_argument("--bootstrap")
    parser.add_argument("--command-config")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    try:
        principals = load(args.acl_file)
    except ValueError as exc:
        print(f"acls: {exc}", file=sys.stderr)
        return 2
    if args.check:
        print(f"acls: {args.acl_file} is valid ({len(principals)} principals)")
        return 0
    jars = os.environ["KAFKA_JARS"]
    log4j = Path(args.command_config).parent / "log4j.properties"
    for argv in commands(principals, args.bootstrap, args.command_config):
        subprocess.run(
            [
                "java",
                f"-Dlog4j.configuration=file:{log4j}",
                f"-Dkafka.logs.dir={log4j.parent}",
                "-cp",
                f"{jars}/*",
                "kafka.admin.AclCommand",
                *argv,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    print(f"acls: applied {args.acl_file} for {', '.join(principals)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
