# shellcheck shell=bash
# OpenSearch 2.19 (the Apache-2.0 fork of Elasticsearch 7.10, the same REST search and aggregation API) from
# Maven Central: no Docker, no tarball and no OpenSearch package here. Sourced by scripts/local-stores.sh, which
# defines ROOT, STATE_DIR, say, fail, port_taken, spawn and console_log. Ours: tools/opensearch/pom.xml names the
# version; its runtime jars are copied into .stores/opensearch/lib and tools/opensearch/OpenSearchNode.java (a
# single-file launcher) runs one node from them, its home, data and logs under .stores/opensearch/. Loopback
# only, single-node discovery, no security plugin (none is on the classpath), HTTP on 9200.

OPENSEARCH_TOOL_DIR=$ROOT/tools/opensearch
OPENSEARCH_DIR=$STATE_DIR/opensearch
OPENSEARCH_LIB=$OPENSEARCH_DIR/lib
OPENSEARCH_HTTP_PORT=9200
OPENSEARCH_TRANSPORT_PORT=9300

srv_opensearch_url() { echo "http://127.0.0.1:$OPENSEARCH_HTTP_PORT"; }

# GET / answers with the cluster's name and its version, distribution "opensearch": an Elasticsearch on 9200
# (distribution absent) or anything else there counts as down.
srv_opensearch_answers() {
  curl -fsS --max-time 2 "$(srv_opensearch_url)/" 2>/dev/null | grep -q '"distribution" *: *"opensearch"'
}

srv_opensearch_owner() { echo script; }
# A JDK (the single-file source launcher compiles OpenSearchNode.java, which a JRE cannot) and Maven (fetches the
# jars), only when missing: OpenSearch 2.19 runs on Java 17 or later.
srv_opensearch_packages() {
  local packages=()
  command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || packages+=(maven)
  command -v curl >/dev/null || packages+=(curl)
  echo "${packages[*]}"
}
srv_opensearch_marker() { echo "$OPENSEARCH_TOOL_DIR/OpenSearchNode.java"; }
srv_opensearch_log() { echo "$OPENSEARCH_DIR/home/logs/ (and $(console_log opensearch))"; }

# The jars of tools/opensearch/pom.xml (about 55 jars, 43 MB) in $OPENSEARCH_LIB, fetched again whenever the pom
# changed since the last copy (its copy in the lib dir is the stamp); copied into a scratch dir first, so an
# interrupted download never leaves a half-filled lib dir that looks complete.
srv_opensearch_jars() {
  local pom=$OPENSEARCH_TOOL_DIR/pom.xml scratch
  [[ -f $OPENSEARCH_LIB/pom.xml ]] && cmp -s "$pom" "$OPENSEARCH_LIB/pom.xml" && return 0
  command -v mvn >/dev/null || fail "opensearch: mvn is needed to fetch OpenSearch into $OPENSEARCH_LIB"
  say "opensearch: fetching OpenSearch and its dependencies into $OPENSEARCH_LIB (Maven Central, about 43 MB)"
  mkdir -p "$OPENSEARCH_DIR"
  scratch=$(mktemp -d "$OPENSEARCH_DIR/lib.XXXXXX")
  # Maven 3.8 writes colour resets even in batch mode: stripped, so the terminal shows only its messages (if any).
  mvn -B -q -f "$pom" org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DincludeScope=runtime "-DoutputDirectory=$scratch" 2>&1 | sed -e $'s/\x1b\\[[0-9;]*m//g' -e '/^$/d' >&2 || {
    rm -rf "$scratch"
    fail "opensearch: mvn could not fetch the jars of $pom"
  }
  cp "$pom" "$scratch/pom.xml"
  rm -rf "$OPENSEARCH_LIB"
  # The data directory holds nothing but the tool's scratch indices: another version starts from empty.
  rm -rf "$OPENSEARCH_DIR/home/data"
  mv "$scratch" "$OPENSEARCH_LIB"
}

srv_opensearch_start() {
  local home=$OPENSEARCH_DIR/home
  port_taken "$OPENSEARCH_HTTP_PORT" && fail "opensearch: port $OPENSEARCH_HTTP_PORT is taken by something that is not OpenSearch"
  port_taken "$OPENSEARCH_TRANSPORT_PORT" && fail "opensearch: transport port $OPENSEARCH_TRANSPORT_PORT is taken"
  command -v java >/dev/null || fail "opensearch: no java on the PATH (a JDK 17 or later is needed)"
  srv_opensearch_jars
  mkdir -p "$home/config" "$home/data" "$home/logs"
  # Heap: 512 MB to 1 GB beside the other servers on a 2-core machine. The disk watermarks are off: a CI disk that
  # is 90 % full would otherwise turn the tool's indices read-only mid-run.
  spawn opensearch java -Xms512m -Xmx1g -XX:+ExitOnOutOfMemoryError \
    -cp "$OPENSEARCH_LIB/*" "$OPENSEARCH_TOOL_DIR/OpenSearchNode.java" \
    "path.home=$home" "path.data=$home/data" "path.logs=$home/logs" \
    node.name=polyglot-bench cluster.name=polyglot-bench discovery.type=single-node \
    network.host=127.0.0.1 "http.port=$OPENSEARCH_HTTP_PORT" "transport.port=$OPENSEARCH_TRANSPORT_PORT" \
    transport.type=netty4 http.type=netty4 cluster.routing.allocation.disk.threshold_enabled=false
}

SERVERS+=(opensearch)
