# shellcheck shell=bash
# CouchDB's HTTP API, served by pouchdb-server (npm, pinned in tools/couchdb/package-lock.json): no CouchDB package
# exists for Debian here. Sourced by scripts/local-stores.sh, which defines ROOT, STATE_DIR, say, fail, port_taken,
# spawn and console_log. Ours: run in memory (nothing survives a restart; the tool recreates its databases anyway),
# with its working directory, config.json and log.txt under .stores/couchdb/.

COUCHDB_TOOL_DIR=$ROOT/tools/couchdb
COUCHDB_SERVER=$COUCHDB_TOOL_DIR/node_modules/.bin/pouchdb-server
COUCHDB_DIR=$STATE_DIR/couchdb

srv_couchdb_url() { echo 'http://127.0.0.1:5984'; }
# CouchDB greets with {"couchdb":"Welcome",…}, pouchdb-server with {"express-pouchdb":"Welcome!",…}: either serves
# the suites, and anything else on 5984 (another HTTP server) does not count as up.
srv_couchdb_answers() {
  curl -fsS --max-time 2 "$(srv_couchdb_url)/" 2>/dev/null | grep -qE '"(couchdb|express-pouchdb)" *: *"Welcome'
}
srv_couchdb_owner() { echo script; }
# Nothing from Debian: only the in-memory backend is used, so the install omits the optional on-disk backends, whose
# sqlite3 would otherwise compile from source (a minute, and python3 make g++).
srv_couchdb_packages() { :; }
srv_couchdb_marker() { echo "$COUCHDB_SERVER"; }
srv_couchdb_log() { echo "$COUCHDB_DIR/log.txt (and $(console_log couchdb))"; }

srv_couchdb_start() {
  port_taken 5984 && fail "couchdb: port 5984 is taken by something that does not answer like CouchDB"
  if [[ ! -e $COUCHDB_SERVER ]]; then
    command -v npm >/dev/null || fail "couchdb: npm is needed to install pouchdb-server into $COUCHDB_TOOL_DIR"
    say "couchdb: installing pouchdb-server into $COUCHDB_TOOL_DIR/node_modules (first start only)"
    npm ci --prefix "$COUCHDB_TOOL_DIR" --omit=optional --no-audit --no-fund >&2
  fi
  mkdir -p "$COUCHDB_DIR"
  # Its /_config lives in the working directory. At the default level every request adds a line to log.txt: a
  # benchmark's worth of disk writes inside the server being measured. Warnings and errors are still logged.
  printf '{"log":{"level":"warning"}}\n' >"$COUCHDB_DIR/config.json"
  spawn couchdb node "$COUCHDB_SERVER" --host 127.0.0.1 --port 5984 --in-memory --no-stdout-logs
}

SERVERS+=(couchdb)
