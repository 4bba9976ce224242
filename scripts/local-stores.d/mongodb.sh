# shellcheck shell=bash
# The MongoDB wire protocol, served by mongo-java-server (Maven Central, pinned in tools/mongo/pom.xml): no registry
# reachable here ships a real mongod. Sourced by scripts/local-stores.sh, which defines ROOT, STATE_DIR, say, fail,
# port_taken, spawn and console_log. Ours: an in-memory server (nothing survives a restart; the tool recreates its
# database on every run anyway), its jars, pid and console log under .stores/mongodb/.
#
# What it lacks, which the adapter detects and reports rather than assumes: multi-document transactions (it is no
# replica set), non-unique indexes (accepted, then ignored: those queries scan), the TTL monitor, and change
# streams unless POLYGLOT_BENCH_MONGODB_OPLOG=1 (its oplog is an in-memory collection that is never trimmed).
# Real MongoDB, as a one-node replica set, comes from docker-compose.yml.

MONGODB_TOOL_DIR=$ROOT/tools/mongo
MONGODB_DIR=$STATE_DIR/mongodb
MONGODB_LIB=$MONGODB_DIR/lib
MONGODB_PORT=27017

srv_mongodb_url() { echo "mongodb://127.0.0.1:$MONGODB_PORT"; }

# A real exchange: OP_MSG {ping: 1, $db: "admin"} (51 bytes, built by hand: header, flags, one body section), and
# the reply must be an OP_MSG (opcode 2013 = dd 07 00 00) holding the double ok: 1.0 (01 'o' 'k' 00, then 1.0 as
# little-endian IEEE 754). One read of up to 64 KiB takes the whole reply, which the server sends in one write; a
# short read only makes this probe answer "down" once, and `up` probes again.
MONGODB_PING='\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00'
MONGODB_PING+='\x10\x70\x69\x6e\x67\x00\x01\x00\x00\x00\x02\x24\x64\x62\x00\x06\x00\x00\x00\x61\x64\x6d\x69\x6e\x00\x00'
srv_mongodb_answers() {
  local reply
  # shellcheck disable=SC2016 # the inner bash expands them: its arguments are the values
  reply=$(timeout 2 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "%b" "$1" >&3
    dd bs=65536 count=1 status=none <&3 | od -An -v -tx1 | tr -d " \n"' "$MONGODB_PORT" "$MONGODB_PING" 2>/dev/null) ||
    return 1
  [[ ${reply:24:8} == dd070000 && $reply == *016f6b00000000000000f03f* ]]
}

srv_mongodb_owner() { echo script; }
# The JDK (the single-file source launcher compiles MongoServer.java, which a JRE cannot) and Maven (fetches the
# jars), only when missing: any JDK 17 or later on the PATH will do (mongo-java-server 1.47 is built for 17).
srv_mongodb_packages() {
  command -v javac >/dev/null || echo openjdk-17-jdk-headless
  command -v mvn >/dev/null || echo maven
}
srv_mongodb_marker() { echo "$MONGODB_TOOL_DIR/MongoServer.java"; }
srv_mongodb_log() { console_log mongodb; }

# The jars of tools/mongo/pom.xml in $MONGODB_LIB, fetched again whenever the pom changed since the last copy (its
# copy in the lib dir is the stamp). Copied into a scratch dir first, so an interrupted download never leaves a
# half-filled lib dir that looks complete.
srv_mongodb_jars() {
  local pom=$MONGODB_TOOL_DIR/pom.xml scratch
  [[ -f $MONGODB_LIB/pom.xml ]] && cmp -s "$pom" "$MONGODB_LIB/pom.xml" && return 0
  command -v mvn >/dev/null || fail "mongodb: mvn is needed to fetch mongo-java-server into $MONGODB_LIB"
  say "mongodb: fetching mongo-java-server and its dependencies into $MONGODB_LIB (Maven Central)"
  mkdir -p "$MONGODB_DIR"
  scratch=$(mktemp -d "$MONGODB_DIR/lib.XXXXXX")
  # Maven 3.8 writes colour resets even in batch mode: stripped, so the terminal shows only its messages (if any).
  mvn -B -q -f "$pom" org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DincludeScope=runtime "-DoutputDirectory=$scratch" 2>&1 | sed -e $'s/\x1b\\[[0-9;]*m//g' -e '/^$/d' >&2 || {
    rm -rf "$scratch"
    fail "mongodb: mvn could not fetch the jars of $pom"
  }
  cp "$pom" "$scratch/pom.xml"
  rm -rf "$MONGODB_LIB"
  mv "$scratch" "$MONGODB_LIB"
}

srv_mongodb_start() {
  local oplog=()
  port_taken "$MONGODB_PORT" && fail "mongodb: port $MONGODB_PORT is taken by something that does not answer like MongoDB"
  command -v java >/dev/null || fail "mongodb: no java on the PATH (a JDK 17 or later is needed)"
  srv_mongodb_jars
  if [[ ${POLYGLOT_BENCH_MONGODB_OPLOG:-0} == 1 ]]; then oplog=(--oplog); fi
  spawn mongodb java -cp "$MONGODB_LIB/*" "$MONGODB_TOOL_DIR/MongoServer.java" "$MONGODB_PORT" "${oplog[@]}"
}

SERVERS+=(mongodb)
