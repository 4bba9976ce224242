#!/usr/bin/env bash
# Real local servers without Docker: the project's provisioning script for CI (.ci/run) and for anyone running the
# server suites on a Debian machine. Users with Docker get the same servers from docker-compose.yml.
#
#   scripts/local-stores.sh up    [names…]  start each server that does not answer, installing it first if missing
#   scripts/local-stores.sh env   [names…]  print `export POLYGLOT_BENCH_<ENGINE>_URL=…` for each server that answers
#   scripts/local-stores.sh check [names…]  one line per server: name, address, up/down (exit 1 if any is down)
#   scripts/local-stores.sh down  [names…]  stop the servers this script started (pid files under .stores/)
#
# Names: postgres mysql redis memcached clickhouse, then those of scripts/local-stores.d/ (default: all of them).
# PostgreSQL, MariaDB and Redis belong to the machine: this script starts them when they are down, but never
# installs or stops them, and reconfigures only PostgreSQL's wal_level (to logical, for the cdc suites). Memcached
# and ClickHouse are installed from Debian when missing and run as this script's own processes, with their state,
# logs and pid files under .stores/<name>/.
#
# Messages go to stderr, so that `eval "$(scripts/local-stores.sh env)"` only sees the export lines.
set -euo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR=${POLYGLOT_BENCH_STORES_DIR:-$ROOT/.stores}
# How long a server may take to answer after its start command: ClickHouse 18.16 needs a few seconds.
WAIT_SECONDS=${POLYGLOT_BENCH_STORES_WAIT:-60}
SERVERS=(postgres mysql redis memcached clickhouse)

say() { printf 'local-stores: %s\n' "$*" >&2; }
fail() {
  say "error: $*"
  exit 1
}

# ---------------------------------------------------------------------------------------------------------------
# Probes. Each is bounded by `timeout`: a server that accepts the connection but never replies counts as down.

# True when the server at host:port answers `request` with a line starting with `expected` (Redis, Memcached).
line_exchange() {
  local host=$1 port=$2 request=$3 expected=$4
  # shellcheck disable=SC2016 # the inner bash expands them: its arguments are the values
  timeout 2 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "%b" "$2" >&3
    IFS= read -r reply <&3 || exit 1
    [[ $reply == "$3"* ]]' "$host" "$port" "$request" "$expected" 2>/dev/null
}

# True when something accepts TCP connections on 127.0.0.1:port.
# shellcheck disable=SC2016 # the inner bash expands $0
port_taken() { timeout 2 bash -c ': <"/dev/tcp/127.0.0.1/$0"' "$1" 2>/dev/null; }

# The first port from `preferred`, then preferred+10000 onwards, that nothing listens on.
free_port() {
  local preferred=$1 port
  for port in "$preferred" $(seq $((preferred + 10000)) $((preferred + 10020))); do
    port_taken "$port" || {
      echo "$port"
      return 0
    }
  done
  fail "no free port near $preferred"
}

# ---------------------------------------------------------------------------------------------------------------
# Installing. Only for the script's own servers; idempotent (installed packages are skipped) and non-interactive.

as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    fail "needs root to run: $* (run this script as root, or run that command yourself first)"
  fi
}

package_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
  local missing=() package
  for package in "$@"; do package_installed "$package" || missing+=("$package"); done
  ((${#missing[@]} > 0)) || return 0
  command -v apt-get >/dev/null || fail "cannot install ${missing[*]}: no apt-get (this script knows Debian only)"
  say "installing ${missing[*]} (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ---------------------------------------------------------------------------------------------------------------
# The script's own server processes: started in a session of their own (they outlive the script and a Ctrl-C in
# its terminal), their pid recorded so `down` stops exactly them.

pid_file() { echo "$STATE_DIR/$1/pid"; }
console_log() { echo "$STATE_DIR/$1/console.log"; }

spawn() {
  local name=$1
  shift
  mkdir -p "$STATE_DIR/$name"
  # Run from the state dir (a server may write next to its working directory). The subshell execs setsid, which
  # execs the server in place (a background child of a script is no process-group leader): $! is the server's pid.
  (
    cd "$STATE_DIR/$name"
    exec setsid "$@" </dev/null >>"$(console_log "$name")" 2>&1
  ) &
  echo $! >"$(pid_file "$name")"
}

# The recorded pid when that process is still ours: alive, and its command line holds the server's marker (a pid
# reused by another program after a reboot must never be killed).
owned_pid() {
  local name=$1 file pid
  file=$(pid_file "$name")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$("srv_${name}_marker")" || return 1
  echo "$pid"
}

# Whether the process spawn() started is still running. By pid, not by marker: until setsid has exec'd the server,
# its command line is still the subshell's (a check in that moment took a starting server for a dead one).
spawned_alive() {
  local file
  file=$(pid_file "$1")
  [[ -f $file ]] && kill -0 "$(<"$file")" 2>/dev/null
}

stop_owned() {
  local name=$1 pid
  if ! pid=$(owned_pid "$name"); then
    if [[ -f $(pid_file "$name") ]]; then
      rm -f "$(pid_file "$name")"
      say "$name: already stopped"
    else
      say "$name: not started by this script (no $(pid_file "$name")), left alone"
    fi
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name: still running 30 s after SIGTERM, sending SIGKILL"
    kill -KILL "$pid"
  fi
  rm -f "$(pid_file "$name")"
  say "$name: stopped (pid $pid)"
}

# ---------------------------------------------------------------------------------------------------------------
# Servers. Each server NAME defines:
#   srv_NAME_url        the URL the test suites and scenarios use (printed by `env`)
#   srv_NAME_answers    true when the server answers its own protocol there
#   srv_NAME_owner      "machine" (started when down, never installed or stopped) or "script" (ours)
#   srv_NAME_packages   Debian packages to install when missing (script-owned servers only)
#   srv_NAME_start      start it in the background; `up` then waits until it answers
#   srv_NAME_marker     text in the command line of our process (script-owned servers only, for `down`)
#   srv_NAME_log        where to look when it does not come up
#   srv_NAME_ready      (optional) run by `up` once the server answers, whether it was up already or just started
# Adding a server: define these functions in scripts/local-stores.d/NAME.sh, which appends NAME to SERVERS. NAME
# is the engine's kind, and its descriptor (src/stores/NAME/descriptor.ts) names that file as server.local.startedBy
# with the URL srv_NAME_url prints; test/provision/local-stores-file.test.ts fails when the two disagree.

# PostgreSQL 15: the machine's own cluster, trust authentication, database `test`.
srv_postgres_url() { echo 'postgres://postgres@127.0.0.1:5432/test'; }
srv_postgres_answers() { pg_isready -q -h 127.0.0.1 -p 5432 -t 2 2>/dev/null; }
srv_postgres_owner() { echo machine; }
# The configured cluster's major version; 15 (the version the suites were written against) when several are.
srv_postgres_version() {
  local versions
  versions=$(ls /etc/postgresql 2>/dev/null || true)
  if grep -qx 15 <<<"$versions"; then echo 15; else sort -rn <<<"$versions" | head -1; fi
}
srv_postgres_start() {
  local version
  version=$(srv_postgres_version)
  [[ -n $version ]] || fail "postgres: not installed on this machine (no /etc/postgresql); install PostgreSQL 15 with trust auth on 127.0.0.1:5432, or set POLYGLOT_BENCH_POSTGRES_URL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2
}
srv_postgres_log() { echo "/var/log/postgresql/"; }
srv_postgres_wal_level() { psql -X -A -t -q "$(srv_postgres_url)" -c 'SHOW wal_level'; }
# The cdc propagation streams the outbox from the WAL (logical decoding), which needs wal_level = logical. The
# server reads that setting only at start, so the cluster is restarted once when it differs; ALTER SYSTEM keeps
# the change in postgresql.auto.conf, nothing else is touched.
srv_postgres_ready() {
  local level
  command -v psql >/dev/null || fail "postgres: no psql to check wal_level with (install postgresql-client)"
  level=$(srv_postgres_wal_level)
  [[ $level != logical ]] || return 0
  say "postgres: wal_level is $level; setting wal_level = logical and restarting PostgreSQL (for the cdc suites)"
  psql -X -q "$(srv_postgres_url)" -c 'ALTER SYSTEM SET wal_level = logical' >&2
  as_root pg_ctlcluster --skip-systemctl-redirect "$(srv_postgres_version)" main restart >&2
  wait_until_answers postgres
  level=$(srv_postgres_wal_level)
  [[ $level == logical ]] || fail "postgres: wal_level is still $level after the restart; see $(srv_postgres_log)"
}

# MariaDB: the machine's own server, root without a password, database `test`.
srv_mysql_url() { echo 'mysql://root@127.0.0.1:3306/test'; }
srv_mysql_answers() {
  if command -v mariadb-admin >/dev/null; then
    # `ping` succeeds as soon as the server replies, whether or not the login would be accepted.
    timeout 3 mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -u root --connect-timeout=2 ping >/dev/null 2>&1
  else
    port_taken 3306
  fi
}
srv_mysql_owner() { echo machine; }
srv_mysql_start() {
  [[ -x /usr/sbin/mariadbd ]] || fail "mysql: MariaDB is not installed on this machine (no /usr/sbin/mariadbd); install mariadb-server, or set POLYGLOT_BENCH_MYSQL_URL"
  # The socket directory lives on a tmpfs: after a reboot nothing recreates it but the service manager.
  if id mysql >/dev/null 2>&1; then as_root install -d -o mysql -g mysql /run/mysqld; fi
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
}
srv_mysql_log() { echo "/var/log/mysql/ (or: journalctl, mariadbd's stderr)"; }

# Redis: the machine's own server, nothing kept on disk.
srv_redis_url() { echo 'redis://127.0.0.1:6379'; }
srv_redis_answers() { line_exchange 127.0.0.1 6379 'PING\r\n' '+PONG'; }
srv_redis_owner() { echo machine; }
srv_redis_start() {
  command -v redis-server >/dev/null || fail "redis: not installed on this machine (no redis-server); install redis-server, or set POLYGLOT_BENCH_REDIS_URL"
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >&2
}
srv_redis_log() { echo "redis-server's output above"; }

# Memcached 1.6 (Debian `memcached`): ours, in the foreground of its own session so its pid is the one recorded.
srv_memcached_url() { echo 'memcached://127.0.0.1:11211'; }
srv_memcached_answers() { line_exchange 127.0.0.1 11211 'version\r\n' 'VERSION '; }
srv_memcached_owner() { echo script; }
srv_memcached_packages() { echo memcached; }
srv_memcached_marker() { echo memcached; }
srv_memcached_start() {
  local binary user=()
  binary=$(command -v memcached || echo /usr/bin/memcached)
  port_taken 11211 && fail "memcached: port 11211 is taken by something that does not speak memcached"
  # Memcached refuses to run as root without -u; the Debian package creates the memcache user.
  if ((EUID == 0)); then
    if id memcache >/dev/null 2>&1; then user=(-u memcache); else user=(-u nobody); fi
  fi
  spawn memcached "$binary" "${user[@]}" -l 127.0.0.1 -p 11211
}
srv_memcached_log() { console_log memcached; }

# ClickHouse (Debian `clickhouse-server`, 18.16 on bookworm): ours, from a copy of the packaged config whose paths
# point into .stores/clickhouse/ and whose ports are free ones on 127.0.0.1 only.
CLICKHOUSE_DIR=$STATE_DIR/clickhouse
srv_clickhouse_http_port() {
  local config=$CLICKHOUSE_DIR/config.xml
  if [[ -f $config ]]; then
    sed -n 's:^ *<http_port>\([0-9]*\)</http_port>.*:\1:p' "$config" | head -1
  else
    echo 8123
  fi
}
srv_clickhouse_url() { echo "http://127.0.0.1:$(srv_clickhouse_http_port)"; }
srv_clickhouse_answers() { [[ $(curl -fsS --max-time 2 "$(srv_clickhouse_url)/ping" 2>/dev/null) == Ok.* ]]; }
srv_clickhouse_owner() { echo script; }
srv_clickhouse_packages() { echo clickhouse-server clickhouse-client; }
srv_clickhouse_marker() { echo "--config-file=$CLICKHOUSE_DIR/config.xml"; }
srv_clickhouse_log() { echo "$CLICKHOUSE_DIR/log/clickhouse-server.err.log (and $(console_log clickhouse))"; }

# The replacement side of a sed s||| command: the path may hold any of \ & |.
sed_replacement() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

srv_clickhouse_configure() {
  local http_port=$1 tcp_port=$2 data log
  [[ -f /etc/clickhouse-server/config.xml ]] || fail "clickhouse: /etc/clickhouse-server/config.xml is missing (is clickhouse-server installed?)"
  mkdir -p "$CLICKHOUSE_DIR/data" "$CLICKHOUSE_DIR/log"
  data=$(sed_replacement "$CLICKHOUSE_DIR/data/")
  log=$(sed_replacement "$CLICKHOUSE_DIR/log/")
  # Every path under /var/lib/clickhouse (data, tmp, user_files, format_schemas, and access/ on newer versions) and
  # /var/log/clickhouse-server moves into the state dir. Listening is 127.0.0.1 only. The ports a benchmark never
  # uses (replication, TLS, MySQL/PostgreSQL wire protocols on newer versions) are dropped rather than moved.
  sed -e "s|/var/lib/clickhouse/|$data|g" \
    -e "s|/var/log/clickhouse-server/|$log|g" \
    -e "s|<http_port>[0-9]*</http_port>|<http_port>$http_port</http_port>|" \
    -e "s|<tcp_port>[0-9]*</tcp_port>|<tcp_port>$tcp_port</tcp_port><listen_host>127.0.0.1</listen_host>|" \
    -e '/^[[:space:]]*<listen_host>.*<\/listen_host>[[:space:]]*$/d' \
    -e '/^[[:space:]]*<\(interserver_http_port\|https_port\|tcp_port_secure\|mysql_port\|postgresql_port\)>/d' \
    /etc/clickhouse-server/config.xml >"$CLICKHOUSE_DIR/config.xml"
  cp /etc/clickhouse-server/users.xml "$CLICKHOUSE_DIR/users.xml"
}

srv_clickhouse_start() {
  local binary http_port tcp_port
  binary=$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)
  [[ -x $binary ]] || fail "clickhouse: no clickhouse-server binary after installing clickhouse-server"
  # 8123 may hold another ClickHouse (not ours to use or stop) or anything else; 9000 is a popular port.
  http_port=$(free_port 8123)
  tcp_port=$(free_port 9000)
  srv_clickhouse_configure "$http_port" "$tcp_port"
  spawn clickhouse "$binary" "--config-file=$CLICKHOUSE_DIR/config.xml"
}

# Servers defined in files of their own (Neo4j, MongoDB, CouchDB, …): each file defines the srv_NAME_* functions
# above and appends NAME to SERVERS. Sourced in name order, so the order servers start in is stable.
for extra in "$ROOT"/scripts/local-stores.d/*.sh; do
  [[ -e $extra ]] || continue
  # shellcheck source=/dev/null
  source "$extra"
done

# ---------------------------------------------------------------------------------------------------------------
# Subcommands.

is_known() {
  local name
  for name in "${SERVERS[@]}"; do [[ $name == "$1" ]] && return 0; done
  return 1
}

# NAMES := the names given on the command line (checked), or every known server.
NAMES=()
select_names() {
  local name
  if (($# == 0)); then
    NAMES=("${SERVERS[@]}")
    return 0
  fi
  for name in "$@"; do is_known "$name" || fail "unknown server \"$name\" (known: ${SERVERS[*]})"; done
  NAMES=("$@")
}

wait_until_answers() {
  local name=$1 deadline=$((SECONDS + WAIT_SECONDS))
  until "srv_${name}_answers"; do
    if [[ $("srv_${name}_owner") == script ]] && ! spawned_alive "$name"; then
      fail "$name: exited during start-up; see $("srv_${name}_log")"
    fi
    ((SECONDS < deadline)) || fail "$name: not answering at $("srv_${name}_url") after ${WAIT_SECONDS} s; see $("srv_${name}_log")"
    sleep 0.5
  done
}

start_one() {
  local name=$1 started=$SECONDS
  say "$name: starting"
  "srv_${name}_start"
  wait_until_answers "$name"
  say "$name: up at $("srv_${name}_url") after $((SECONDS - started)) s"
}

# The server's readiness step (srv_NAME_ready), for servers that define one.
ready_one() {
  if declare -F "srv_$1_ready" >/dev/null; then "srv_$1_ready"; fi
}

cmd_up() {
  local down=() packages=() more=() name failed=() status
  select_names "$@"
  for name in "${NAMES[@]}"; do
    if "srv_${name}_answers"; then
      say "$name: already up at $("srv_${name}_url")"
    else
      down+=("$name")
      if [[ $("srv_${name}_owner") == script ]]; then
        read -ra more <<<"$("srv_${name}_packages")"
        packages+=("${more[@]}")
      fi
    fi
  done
  # One apt transaction for everything missing: a single `apt-get update`, and dpkg's lock taken once.
  ((${#packages[@]} == 0)) || apt_install "${packages[@]}"
  for name in "${NAMES[@]}"; do
    # A subshell per server, with errexit back on inside it: one server failing still lets the others start,
    # and any failing command inside aborts that server's start instead of being ignored (`if (…)` or `(…) ||`
    # would switch errexit off inside the subshell too). Servers already up only get their readiness step.
    set +e
    (
      set -e
      if [[ " ${down[*]} " == *" $name "* ]]; then start_one "$name"; fi
      ready_one "$name"
    )
    status=$?
    set -e
    ((status == 0)) || failed+=("$name")
  done
  ((${#failed[@]} == 0)) || fail "could not bring up: ${failed[*]}"
}

cmd_env() {
  local name
  select_names "$@"
  for name in "${NAMES[@]}"; do
    if "srv_${name}_answers"; then
      printf 'export POLYGLOT_BENCH_%s_URL=%q\n' "${name^^}" "$("srv_${name}_url")"
    else
      say "$name: down, no POLYGLOT_BENCH_${name^^}_URL (start it with: $0 up $name)"
    fi
  done
}

cmd_check() {
  local name status=0
  select_names "$@"
  for name in "${NAMES[@]}"; do
    if "srv_${name}_answers"; then
      printf '%-11s %-40s up\n' "$name" "$("srv_${name}_url")"
    else
      printf '%-11s %-40s down\n' "$name" "$("srv_${name}_url")"
      status=1
    fi
  done
  return "$status"
}

cmd_down() {
  local name
  select_names "$@"
  for name in "${NAMES[@]}"; do
    if [[ $("srv_${name}_owner") == machine ]]; then
      # Only name it when asked for by name: `down` alone just stops what is ours.
      (($# == 0)) || say "$name: belongs to this machine, left running"
      continue
    fi
    stop_owned "$name"
  done
}

usage() {
  sed -n 's/^#   \(scripts\/local-stores.sh .*\)/\1/p' "${BASH_SOURCE[0]}" >&2
  say "servers: ${SERVERS[*]}"
}

main() {
  local command=${1:-}
  (($# == 0)) || shift
  case $command in
    up) cmd_up "$@" ;;
    env) cmd_env "$@" ;;
    check) cmd_check "$@" ;;
    down) cmd_down "$@" ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage
      exit 2
      ;;
  esac
}

main "$@"
