# shellcheck shell=bash
# Neo4j 5.26 Community, from Maven Central (no Docker and no Neo4j package here; the README, "Real servers without Docker", says how servers run here).
# Sourced by scripts/local-stores.sh, which defines ROOT, STATE_DIR, say, fail, port_taken, spawn and console_log.
# Ours: tools/neo4j/pom.xml names the version; its runtime jars are copied into .stores/neo4j/lib (Maven keeps its
# download cache in ~/.m2, so a machine that has it never fetches again) and the server runs from them with its
# home (conf, data, logs) under .stores/neo4j/home. Loopback only, no authentication, no HTTP.

NEO4J_TOOL_DIR=$ROOT/tools/neo4j
NEO4J_DIR=$STATE_DIR/neo4j
NEO4J_LIB=$NEO4J_DIR/lib
NEO4J_HOME=$NEO4J_DIR/home
NEO4J_BOLT_PORT=7687

srv_neo4j_url() { echo "bolt://127.0.0.1:$NEO4J_BOLT_PORT"; }

# A Bolt handshake, not just an open port: the magic 0x6060B017, then four version proposals (5.8 down to 5.0,
# 4.4 down to 4.2, two empty). A Bolt server answers with the 4-byte version it picked (00 00 minor major); anything
# else on 7687 either stays silent (timeout), closes, or answers something that is not a 4.x or 5.x version.
srv_neo4j_answers() {
  # shellcheck disable=SC2016 # the inner bash expands $0
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x02\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
    reply=$(head -c 4 <&3 | od -An -tx1 | tr -d " \n")
    [[ $reply =~ ^0000[0-9a-f]{2}0[45]$ ]]' "$NEO4J_BOLT_PORT" 2>/dev/null
}

srv_neo4j_owner() { echo script; }

# Only what is missing: a machine may have a JDK and Maven from elsewhere (SDKMAN, a tarball), and asking apt for
# them there would install a second copy. One line: local-stores.sh reads the first line only.
srv_neo4j_packages() {
  local packages=()
  command -v java >/dev/null || packages+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || packages+=(maven)
  echo "${packages[*]}"
}

srv_neo4j_marker() { echo "--home-dir=$NEO4J_HOME"; }
srv_neo4j_log() { echo "$NEO4J_HOME/logs/neo4j.log, $NEO4J_HOME/logs/debug.log (and $(console_log neo4j))"; }

# The lib dir is current when it holds a copy of the pom it was made from. It is filled in a temporary directory
# and renamed into place, so an interrupted download never leaves a lib dir that looks complete.
neo4j_libraries() {
  if [[ -d $NEO4J_LIB ]] && cmp -s "$NEO4J_TOOL_DIR/pom.xml" "$NEO4J_LIB/pom.xml"; then return 0; fi
  command -v mvn >/dev/null || fail "neo4j: mvn (Maven) is needed to fetch Neo4j from Maven Central"
  say "neo4j: copying Neo4j's jars into $NEO4J_LIB (downloads them into ~/.m2 if missing: about 125 MB)"
  local staging=$NEO4J_DIR/lib.partial
  rm -rf "$staging"
  mkdir -p "$NEO4J_DIR"
  # Debian's Maven 3.8.7 prints colour resets (ESC[0m) even in batch mode, on stdout and stderr: stripped so only
  # its messages remain. local-stores.sh runs with pipefail, so a failing mvn still fails the start.
  mvn -B -q -f "$NEO4J_TOOL_DIR/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DincludeScope=runtime "-DoutputDirectory=$staging" 2>&1 | sed -e $'s/\e\\[0m//g' >&2
  cp "$NEO4J_TOOL_DIR/pom.xml" "$staging/pom.xml"
  rm -rf "$NEO4J_LIB"
  # The database holds nothing but the tool's scratch data: another Neo4j version starts from an empty store
  # rather than attempting a store migration.
  rm -rf "$NEO4J_HOME/data"
  mv "$staging" "$NEO4J_LIB"
}

# Neo4j 5 refuses unknown keys, so this holds only keys 5.26 knows. Rewritten on every start: the file is ours.
neo4j_configure() {
  mkdir -p "$NEO4J_HOME/conf"
  cat >"$NEO4J_HOME/conf/neo4j.conf" <<EOF
# Written by scripts/local-stores.d/neo4j.sh on every start; edit that script, not this file.
# Loopback only: a server without authentication must not be reachable from other machines.
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:$NEO4J_BOLT_PORT
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=false
# The benchmark's graph is small; the heap is set by the JVM flags (-Xmx), which the conf cannot do without the
# neo4j launcher script.
server.memory.pagecache.size=128m
# Development and CI machines do not phone home.
dbms.usage_report.enabled=false
# Transaction logs: by default each database (neo4j and system) preallocates a 256 MB file up front and keeps two
# days of them; every run bulk-loads and deletes a namespace. Smaller files, written as they grow, and about
# 100 MB kept keep .stores/ small.
db.tx_log.preallocate=false
db.tx_log.rotation.size=64M
db.tx_log.rotation.retention_policy=100M size
EOF
}

srv_neo4j_start() {
  command -v java >/dev/null || fail "neo4j: java (17 or 21) is needed to run Neo4j 5.26"
  port_taken "$NEO4J_BOLT_PORT" && fail "neo4j: port $NEO4J_BOLT_PORT is taken by something that does not speak Bolt"
  neo4j_libraries
  neo4j_configure
  # -Xms = a balanced start (Neo4j warns when unset); -Xmx 1g caps it. The --add-opens let the page cache use
  # direct buffers instead of its slower fallback (Neo4j's own launcher passes them too).
  spawn neo4j java -Xms512m -Xmx1g \
    -XX:+ExitOnOutOfMemoryError \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$NEO4J_LIB/*" org.neo4j.server.CommunityEntryPoint \
    "--home-dir=$NEO4J_HOME" "--config-dir=$NEO4J_HOME/conf" --console-mode
}

SERVERS+=(neo4j)
