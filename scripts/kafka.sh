#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft, combined broker+controller) on loopback, for the Kafka
# source/sink, its tests and .ci/run. Jars come from Maven Central via kafka/pom.xml (pinned version) into
# .cache/kafka/libs; data, config, log and pid file live in .cache/kafka too (git-ignored).
#
#   scripts/kafka.sh start | stop | status | fetch
#
# Env: FLINKCOIN_KAFKA_PORT (19092), FLINKCOIN_KAFKA_CONTROLLER_PORT (19093),
#      FLINKCOIN_KAFKA_DIR (.cache/kafka), FLINKCOIN_KAFKA_START_TIMEOUT (60 s).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${FLINKCOIN_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${FLINKCOIN_KAFKA_CONTROLLER_PORT:-19093}"
DIR="${FLINKCOIN_KAFKA_DIR:-$PWD/.cache/kafka}"
LIBS="$PWD/.cache/kafka/libs"
TIMEOUT="${FLINKCOIN_KAFKA_START_TIMEOUT:-60}"
PIDFILE="$DIR/broker.pid"
LOG="$DIR/broker.log"
CONF="$DIR/server.properties"

die() { echo "kafka.sh: $*" >&2; exit 1; }

running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

# Answers = the client port accepts a TCP connection (the broker opens it only once it has joined the quorum).
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

fetch() {
  if compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then return; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch the Kafka jars"
  echo "kafka.sh: fetching Apache Kafka jars from Maven Central into $LIBS" >&2
  mvn -q -B -f kafka/pom.xml dependency:copy-dependencies >&2 || die "mvn could not fetch the Kafka jars"
}

write_config() {
  mkdir -p "$DIR/data"
  cat >"$CONF" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/data
num.partitions=1
# Message timestamps are event times (a recording's are old): time-based retention would delete them.
log.retention.ms=-1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
CONF
  cat >"$DIR/log4j.properties" <<'L4J'
log4j.rootLogger=WARN, file
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=${kafka.logs.dir}/broker-log4j.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
L4J
}

java_args() {
  JAVA_ARGS=(java -Xms256m -Xmx512m -XX:+UseG1GC -XX:TieredStopAtLevel=1
    -Dlog4j.configuration="file:$DIR/log4j.properties" -Dkafka.logs.dir="$DIR" -cp "$LIBS/*")
}

start() {
  command -v java >/dev/null || die "Java 17+ is needed to run the Kafka broker"
  mkdir -p "$DIR"
  # Concurrent starts (parallel test files, CI) serialise here; the second finds the broker running.
  exec 9>"$DIR/start.lock"
  flock 9
  if running; then echo "kafka.sh: already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$PORT"; return; fi
  if answers; then die "something else is listening on 127.0.0.1:$PORT (set FLINKCOIN_KAFKA_PORT)"; fi
  fetch
  write_config
  java_args
  if [[ ! -f "$DIR/data/meta.properties" ]]; then
    local cluster; cluster="$("${JAVA_ARGS[@]}" kafka.tools.StorageTool random-uuid)"
    "${JAVA_ARGS[@]}" kafka.tools.StorageTool format -t "$cluster" -c "$CONF" >>"$LOG" 2>&1 \
      || die "formatting storage failed; see $LOG"
  fi
  # A subshell that execs java, so the pid file holds the JVM's own pid; setsid detaches it from the caller.
  # fd 9 (the start lock) is closed for the JVM: a broker holding it would block every later start.
  (exec 9>&- setsid "${JAVA_ARGS[@]}" kafka.Kafka "$CONF") >>"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local waited=0
  until answers; do
    running || die "the broker exited during start-up; see $LOG"
    ((waited++ >= TIMEOUT * 5)) && die "the broker did not answer on 127.0.0.1:$PORT within ${TIMEOUT}s; see $LOG"
    sleep 0.2
  done
  echo "kafka.sh: broker up on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"), log $LOG)"
}

stop() {
  if ! running; then rm -f "$PIDFILE"; echo "kafka.sh: not running"; return; fi
  local pid; pid="$(cat "$PIDFILE")"
  kill "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then echo "kafka.sh: broker $pid ignored SIGTERM for 30 s; killing" >&2; kill -9 "$pid"; fi
  rm -f "$PIDFILE"
  echo "kafka.sh: stopped"
}

status() {
  if running && answers; then echo "kafka.sh: running (pid $(cat "$PIDFILE")) on 127.0.0.1:$PORT"
  else echo "kafka.sh: not running"; exit 3; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch) fetch ;;
  *) echo "usage: scripts/kafka.sh start|stop|status|fetch" >&2; exit 2 ;;
esac
