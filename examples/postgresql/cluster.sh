#!/usr/bin/env bash
# Throwaway PostgreSQL servers for test.sh, sqlsmith.sh, bench.sh and citus.sh
# (sourced). Unix socket only (listen_addresses = ''), in a temporary
# directory, run as the `postgres` user when we are root; stopped and removed
# on exit whatever happens.
#
#   cxm_pg_require            exit 77 (skip) unless pg_config and initdb exist
#   cxm_pg_install            make && make install the extension (needs the
#                             rights to write PostgreSQL's directories)
#   cxm_pg_start [settings]   initdb, start; exports PGHOST, PGPORT, PGUSER,
#                             CXM_PG_LOG (the server log); extra settings are
#                             postgresql.conf lines (name=value)
#
# Several servers (citus.sh starts a coordinator and workers) are nodes in one
# temporary directory, cxm_pg_dir, all stopped and removed with it:
#   cxm_pg_tempdir PREFIX     make cxm_pg_dir, stop every node in it on exit
#   cxm_pg_node_init DIR PORT [settings]
#                             initdb DIR/data, socket in cxm_pg_dir; the
#                             settings go to its postgresql.conf, so a restart
#                             needs none
#   cxm_pg_node_start DIR     start it, its log in DIR/server.log
#   cxm_pg_node_stop DIR      stop it (fast), if it runs
#
# Run as a program, `cluster.sh start|stop DIR` starts or stops a node, for a
# suite that stops a server in the middle of its run (test-citus.sh).

cxm_pg_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}

cxm_pg_require() {
  if ! command -v "$PG_CONFIG" > /dev/null; then
    echo "skipped: pg_config not found (install postgresql-server-dev-15)"; exit 77
  fi
  cxm_pg_bindir=$("$PG_CONFIG" --bindir)
  if [ ! -x "$cxm_pg_bindir/initdb" ] || [ ! -x "$cxm_pg_bindir/pg_ctl" ]; then
    echo "skipped: no initdb/pg_ctl in $cxm_pg_bindir (install postgresql-15)"; exit 77
  fi
}

# Runs a command as the server's owner: postgres when we are root.
cxm_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cxm_pg_install() {
  local libdir
  libdir=$("$PG_CONFIG" --pkglibdir)
  if [ ! -w "$libdir" ]; then
    echo "skipped: cannot write $libdir; run as root (sudo $0) to install the extension"; exit 77
  fi
  make -C "$cxm_pg_here" -s > /dev/null
  make -C "$cxm_pg_here" -s install > /dev/null
}

cxm_pg_node_init() {
  local dir=$1 port=$2 setting
  shift 2
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  cxm_pg_as_owner "$cxm_pg_bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
    -E UTF8 --locale=C --no-sync > "$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log"; return 1; }
  for setting in "listen_addresses=''" "unix_socket_directories='$cxm_pg_dir'" "port=$port" \
      fsync=off "$@"; do
    echo "$setting"
  done >> "$dir/data/postgresql.conf"
  cxm_pg_nodes="${cxm_pg_nodes:-} $dir"
}

cxm_pg_node_start() {
  cxm_pg_as_owner "$cxm_pg_bindir/pg_ctl" -D "$1/data" -l "$1/server.log" -w start > /dev/null \
    || { cat "$1/server.log"; return 1; }
}

cxm_pg_node_stop() {
  if [ -f "$1/data/postmaster.pid" ]; then
    cxm_pg_as_owner "$cxm_pg_bindir/pg_ctl" -D "$1/data" -m fast -w stop > /dev/null 2>&1 || true
  fi
}

cxm_pg_stop() {
  local node
  if [ -n "${cxm_pg_dir:-}" ] && [ -d "$cxm_pg_dir" ]; then
    for node in ${cxm_pg_nodes:-}; do cxm_pg_node_stop "$node"; done
    rm -rf "$cxm_pg_dir"
  fi
}

cxm_pg_tempdir() {
  cxm_pg_dir=$(mktemp -d "/tmp/$1.XXXXXX")
  cxm_pg_nodes=""
  # EXIT covers every ending of the script; a signal becomes an exit, so the
  # servers are stopped on Ctrl-C, timeout(1) or CI's kill as well.
  trap cxm_pg_stop EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  chmod 755 "$cxm_pg_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$cxm_pg_dir"; fi
}

cxm_pg_start() {
  cxm_pg_tempdir cxm-pg
  cxm_pg_node_init "$cxm_pg_dir" 5432 "$@"
  cxm_pg_node_start "$cxm_pg_dir"
  CXM_PG_LOG=$cxm_pg_dir/server.log
  export PGHOST=$cxm_pg_dir PGPORT=5432 PGUSER=postgres PGDATABASE=postgres CXM_PG_LOG
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cxm_pg_require
  case "${1:-}:${2:-}" in
    start:?*) cxm_pg_node_start "$2" ;;
    stop:?*) cxm_pg_node_stop "$2" ;;
    *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
  esac
fi
