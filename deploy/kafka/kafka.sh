#!/usr/bin/env bash
# Local single-node Apache Kafka in KRaft mode on loopback, without Docker.
#   kafka.sh up            fetch jars (cached outside git), format storage, start, wait, create topics
#   kafka.sh down          stop the broker
#   kafka.sh up-secure     a second broker on 127.0.0.1:9192 with SASL/SCRAM, the KRaft
#                          StandardAuthorizer, no access without an ACL, and acls.yaml applied
#   kafka.sh down-secure   stop it
# Idempotent: `up` does nothing when a broker already answers on the port.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
KAFKA_VERSION="3.9.1"
CACHE="${PII_KAFKA_CACHE:-$HOME/.cache/pii-stream}"
JARS="$CACHE/kafka-$KAFKA_VERSION"
SECURE=0
case "${1:-}" in up-secure|down-secure) SECURE=1 ;; esac
if [ "$SECURE" = 1 ]; then
  STATE="${PII_KAFKA_SECURE_STATE:-$CACHE/kafka-secure-state}"
  PORT="${PII_KAFKA_SECURE_PORT:-9192}"
  CONTROLLER_PORT="${PII_KAFKA_SECURE_CONTROLLER_PORT:-9193}"
else
  STATE="${PII_KAFKA_STATE:-$CACHE/kafka-state}"
  PORT="${PII_KAFKA_PORT:-9092}"
  CONTROLLER_PORT="${PII_KAFKA_CONTROLLER_PORT:-9093}"
fi
USERS="admin collector pii-worker trainer reviewer auditor outsider"
PYTHON="${PYTHON:-$repo/.venv/bin/python}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

fetch_jars() {
  if [ ! -f "$JARS/.complete" ]; then
    echo "kafka: fetching Apache Kafka $KAFKA_VERSION jars into $JARS"
    mkdir -p "$JARS"
    mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$JARS" -DincludeScope=runtime
    touch "$JARS/.complete"
  fi
}

# Random passwords for the local secured broker's synthetic principals, kept in the
# state directory (0600) for the ACL test and for local clients; never in git.
credentials() {
  if [ ! -f "$STATE/credentials.env" ]; then
    mkdir -p "$STATE"
    umask 077
    for user in $USERS; do
      echo "$(echo "$user" | tr a-z- A-Z_)_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    done > "$STATE/credentials.env"
  fi
  # shellcheck disable=SC1091
  . "$STATE/credentials.env"
}

password_of() { local var; var="$(echo "$1" | tr a-z- A-Z_)_PASSWORD"; echo "${!var}"; }

write_config() {
  mkdir -p "$STATE/data"
  local listener=PLAINTEXT
  [ "$SECURE" = 1 ] && listener=SASL_PLAINTEXT
  cat > "$STATE/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=$listener://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=$listener://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=$listener:$listener,CONTROLLER:PLAINTEXT
inter.broker.listener.name=$listener
log.dirs=$STATE/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
CONF
  cp "$here/log4j.properties" "$STATE/log4j.properties"
  [ "$SECURE" = 1 ] || return 0
  local jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(password_of admin)\";"
  cat >> "$STATE/server.properties" <<CONF
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$jaas
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
# admin: topic and ACL set-up; ANONYMOUS: the broker reaching its own controller over the
# loopback-only CONTROLLER listener (use SASL there too in production).
super.users=User:admin;User:ANONYMOUS
CONF
  cat > "$STATE/admin.properties" <<CONF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$jaas
CONF
  chmod 600 "$STATE/server.properties" "$STATE/admin.properties"
}

up() {
  if port_open "$PORT"; then
    echo "kafka: a broker already answers on 127.0.0.1:$PORT"
  else
    fetch_jars
    [ "$SECURE" = 1 ] && credentials
    write_config
    if [ ! -f "$STATE/data/meta.properties" ]; then
      scram=()
      if [ "$SECURE" = 1 ]; then
        for user in $USERS; do scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(password_of "$user")]"); done
      fi
      java -Dlog4j.configuration="file:$STATE/log4j.properties" -Dkafka.logs.dir="$STATE" -cp "$JARS/*" kafka.tools.StorageTool format -t "$(cat /proc/sys/kernel/random/uuid | tr -d - | head -c 22)" \
        -c "$STATE/server.properties" ${scram[@]+"${scram[@]}"} >/dev/null
    fi
    echo "kafka: starting Apache Kafka $KAFKA_VERSION on 127.0.0.1:$PORT (logs: $STATE/server.log)"
    nohup java -Xms256m -Xmx768m -Dlog4j.configuration="file:$STATE/log4j.properties" \
      -Dkafka.logs.dir="$STATE" -cp "$JARS/*" kafka.Kafka "$STATE/server.properties" \
      >"$STATE/server.log" 2>&1 &
    echo $! > "$STATE/kafka.pid"
    for _ in $(seq 1 120); do
      port_open "$PORT" && break
      sleep 0.5
    done
    port_open "$PORT" || { echo "kafka: broker did not start; see $STATE/server.log" >&2; exit 1; }
  fi
  if [ "$SECURE" = 1 ]; then
    credentials
    PII_KAFKA_BOOTSTRAP="127.0.0.1:$PORT" PII_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT \
      PII_KAFKA_SASL_USERNAME=admin PII_KAFKA_SASL_PASSWORD="$(password_of admin)" "$PYTHON" -m pipeline.stream.topics
    KAFKA_JARS="$JARS" "$PYTHON" "$here/apply_acls.py" --bootstrap "127.0.0.1:$PORT" \
      --command-config "$STATE/admin.properties" "$here/acls.yaml"
  else
    PII_KAFKA_BOOTSTRAP="127.0.0.1:$PORT" "$PYTHON" -m pipeline.stream.topics
  fi
}

down() {
  if [ -f "$STATE/kafka.pid" ] && kill -0 "$(cat "$STATE/kafka.pid")" 2>/dev/null; then
    kill "$(cat "$STATE/kafka.pid")"
    for _ in $(seq 1 60); do kill -0 "$(cat "$STATE/kafka.pid")" 2>/dev/null || break; sleep 0.5; done
    rm -f "$STATE/kafka.pid"
    echo "kafka: stopped"
  else
    echo "kafka: not running"
  fi
}

case "${1:-}" in
  up|up-secure) up ;;
  down|down-secure) down ;;
  *) echo "usage: $0 up|down|up-secure|down-secure" >&2; exit 2 ;;
esac
