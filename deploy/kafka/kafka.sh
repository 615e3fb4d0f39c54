#!/usr/bin/env bash
# Local single-node Apache Kafka in KRaft mode on loopback, without Docker.
#   kafka.sh up     fetch jars (cached outside git), format storage, start, wait, create topics
#   kafka.sh down   stop the broker
# Idempotent: `up` does nothing when a broker already answers on the port.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
KAFKA_VERSION="3.9.1"
CACHE="${PII_KAFKA_CACHE:-$HOME/.cache/pii-stream}"
JARS="$CACHE/kafka-$KAFKA_VERSION"
STATE="${PII_KAFKA_STATE:-$CACHE/kafka-state}"
PORT="${PII_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${PII_KAFKA_CONTROLLER_PORT:-9093}"
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

write_config() {
  mkdir -p "$STATE/data"
  cat > "$STATE/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$STATE/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
CONF
  cp "$here/log4j.properties" "$STATE/log4j.properties"
}

up() {
  if port_open "$PORT"; then
    echo "kafka: a broker already answers on 127.0.0.1:$PORT"
  else
    fetch_jars
    write_config
    if [ ! -f "$STATE/data/meta.properties" ]; then
      java -Dlog4j.configuration="file:$STATE/log4j.properties" -cp "$JARS/*" kafka.tools.StorageTool format -t "$(cat /proc/sys/kernel/random/uuid | tr -d - | head -c 22)" \
        -c "$STATE/server.properties" >/dev/null
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
  PII_KAFKA_BOOTSTRAP="127.0.0.1:$PORT" "$PYTHON" -m pipeline.kafka_topics
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
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
