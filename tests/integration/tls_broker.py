"""A throwaway Apache Kafka with TLS listeners for the TLS tests: a CA and a server
certificate made here with `cryptography`, an SSL and a SASL_SSL (SCRAM) listener on
loopback, the jars `kafka.sh up` fetched. Started once per test module, stopped after."""

from __future__ import annotations

import datetime
import ipaddress
import os
import secrets
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.integration.harness import free_port

JARS = Path(os.environ.get("PII_KAFKA_CACHE") or Path.home() / ".cache" / "pii-stream") / "kafka-3.9.1"
REPO = Path(__file__).resolve().parents[2]


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_ca(directory: Path, label: str) -> tuple[Path, ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A self-signed CA; its certificate as PEM in `directory/<label>.pem`."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(f"pii-stream test CA {label}"))
        .issuer_name(_name(f"pii-stream test CA {label}"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = directory / f"{label}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, key, cert


def make_server_keystore(directory: Path, ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate) -> Path:
    """The broker's PEM keystore: its PKCS#8 key and its certificate (for 127.0.0.1)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    path = directory / "server-keystore.pem"
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.write_bytes(key_pem + cert.public_bytes(serialization.Encoding.PEM))
    path.chmod(0o600)
    return path


@dataclass
class TlsBroker:
    ssl_bootstrap: str
    sasl_ssl_bootstrap: str
    cafile: Path
    wrong_cafile: Path
    user: str
    password: str
    process: subprocess.Popen
    state: Path

    def env(self, protocol: str, cafile: Path | None = None) -> dict[str, str]:
        """The PII_KAFKA_* variables of a client using `protocol` (SSL or SASL_SSL)."""
        env = {
            "PII_KAFKA_BOOTSTRAP": self.ssl_bootstrap if protocol == "SSL" else self.sasl_ssl_bootstrap,
            "PII_KAFKA_SECURITY_PROTOCOL": protocol,
            "PII_KAFKA_SSL_CAFILE": str(cafile or self.cafile),
        }
        if protocol == "SASL_SSL":
            env |= {
                "PII_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
                "PII_KAFKA_SASL_USERNAME": self.user,
                "PII_KAFKA_SASL_PASSWORD": self.password,
            }
        return env

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.state, ignore_errors=True)


def _open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def start(state: Path) -> TlsBroker:
    """Certificates, configuration, storage and a running broker; raises when it does not start."""
    if not (JARS / ".complete").is_file():
        raise RuntimeError(f"no Kafka jars in {JARS}: run `make kafka-up` first")
    state.mkdir(parents=True, exist_ok=True)
    cafile, ca_key, ca_cert = make_ca(state, "ca")
    wrong_cafile, _, _ = make_ca(state, "other-ca")
    keystore = make_server_keystore(state, ca_key, ca_cert)
    ssl_port, sasl_port, controller_port = free_port(), free_port(), free_port()
    user, password = "tls-client", secrets.token_urlsafe(18)
    jaas = f'org.apache.kafka.common.security.scram.ScramLoginModule required username="{user}" password="{password}";'
    config = state / "server.properties"
    config.write_text(
        f"""process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{controller_port}
listeners=SSL://127.0.0.1:{ssl_port},SASL_SSL://127.0.0.1:{sasl_port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=SSL://127.0.0.1:{ssl_port},SASL_SSL://127.0.0.1:{sasl_port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=SSL:SSL,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=SSL
ssl.keystore.type=PEM
ssl.keystore.location={keystore}
ssl.truststore.type=PEM
ssl.truststore.location={cafile}
ssl.client.auth=none
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config={jaas}
log.dirs={state / "data"}
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
""",
        encoding="utf-8",
    )
    config.chmod(0o600)
    shutil.copy(REPO / "deploy" / "kafka" / "log4j.properties", state / "log4j.properties")
    java = ["java", f"-Dlog4j.configuration=file:{state / 'log4j.properties'}", f"-Dkafka.logs.dir={state}", "-cp", f"{JARS}/*"]
    subprocess.run(
        [*java, "kafka.tools.StorageTool", "format", "-t", uuid.uuid4().hex[:22], "-c", str(config),
         "--add-scram", f"SCRAM-SHA-512=[name={user},password={password}]"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    log = (state / "server.log").open("w")
    process = subprocess.Popen([*java, "-Xms128m", "-Xmx512m", "kafka.Kafka", str(config)], stdout=log, stderr=subprocess.STDOUT)
    broker = TlsBroker(f"127.0.0.1:{ssl_port}", f"127.0.0.1:{sasl_port}", cafile, wrong_cafile, user, password, process, state)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        if _open(ssl_port) and _open(sasl_port):
            return broker
        time.sleep(0.5)
    tail = (state / "server.log").read_text(encoding="utf-8", errors="replace")[-3000:]
    broker.stop()
    raise RuntimeError(f"the TLS broker did not start:\n{tail}")
