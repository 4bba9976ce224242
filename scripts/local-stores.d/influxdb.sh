# shellcheck shell=bash
# InfluxDB 1.6, Debian's `influxdb` package (the 1.x line: InfluxQL and the /write line protocol). Sourced by
# scripts/local-stores.sh, which defines ROOT, STATE_DIR, say, fail, port_taken, spawn and console_log. The package
# installs no running service here; this script runs `influxd -config` with a config it writes, its meta, data
# and WAL directories under .stores/influxdb/. Loopback only, no authentication, no usage reporting.

INFLUXDB_DIR=$STATE_DIR/influxdb
INFLUXDB_HTTP_PORT=8086
# The RPC port backups and restores use; influxd binds it whatever else is configured, so it stays on loopback.
INFLUXDB_RPC_PORT=8088

srv_influxdb_url() { echo "http://127.0.0.1:$INFLUXDB_HTTP_PORT"; }

# GET /ping answers 204 with an X-Influxdb-Version header: anything else on 8086 counts as down.
srv_influxdb_answers() {
  curl -fsS --max-time 2 -o /dev/null -D - "$(srv_influxdb_url)/ping" 2>/dev/null | grep -qi '^x-influxdb-version:'
}

srv_influxdb_owner() { echo script; }
srv_influxdb_packages() {
  local packages=(influxdb)
  command -v curl >/dev/null || packages+=(curl)
  echo "${packages[*]}"
}
srv_influxdb_marker() { echo "-config $INFLUXDB_DIR/influxdb.conf"; }
srv_influxdb_log() { console_log influxdb; }

# Rewritten on every start: the file is ours.
srv_influxdb_configure() {
  mkdir -p "$INFLUXDB_DIR/meta" "$INFLUXDB_DIR/data" "$INFLUXDB_DIR/wal"
  cat >"$INFLUXDB_DIR/influxdb.conf" <<CONF
# Written by scripts/local-stores.d/influxdb.sh on every start; edit that script, not this file.
reporting-disabled = true
bind-address = "127.0.0.1:$INFLUXDB_RPC_PORT"

[meta]
  dir = "$INFLUXDB_DIR/meta"

[data]
  dir = "$INFLUXDB_DIR/data"
  wal-dir = "$INFLUXDB_DIR/wal"
  # One line per query in the console log would drown it.
  query-log-enabled = false

[http]
  bind-address = "127.0.0.1:$INFLUXDB_HTTP_PORT"
  log-enabled = false

# The server's own statistics would be written into a database of its own every 10 s: not the benchmark's load.
[monitor]
  store-enabled = false
CONF
}

srv_influxdb_start() {
  command -v influxd >/dev/null || fail "influxdb: influxd is missing (Debian's influxdb package installs it)"
  port_taken "$INFLUXDB_HTTP_PORT" && fail "influxdb: port $INFLUXDB_HTTP_PORT is taken by something that is not InfluxDB"
  port_taken "$INFLUXDB_RPC_PORT" && fail "influxdb: RPC port $INFLUXDB_RPC_PORT is taken"
  srv_influxdb_configure
  spawn influxdb influxd -config "$INFLUXDB_DIR/influxdb.conf"
}

SERVERS+=(influxdb)
