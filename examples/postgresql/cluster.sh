# A throwaway PostgreSQL cluster for test.sh, sqlsmith.sh and bench.sh (sourced,
# not run). Unix socket only (listen_addresses = ''), in a temporary directory,
# run as the `postgres` user when we are root; stopped and removed on exit
# whatever happens.
#
#   cxm_pg_require            exit 77 (skip) unless pg_config and initdb exist
#   cxm_pg_install            make && make install the extension (needs the
#                             rights to write PostgreSQL's directories)
#   cxm_pg_start [settings]   initdb, start; exports PGHOST, PGPORT, PGUSER,
#                             CXM_PG_LOG (the server log); extra settings are
#                             postgres -c options
#   cxm_pg_log_since_start    the server log so far

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

cxm_pg_stop() {
  if [ -n "${cxm_pg_dir:-}" ] && [ -d "$cxm_pg_dir" ]; then
    cxm_pg_as_owner "$cxm_pg_bindir/pg_ctl" -D "$cxm_pg_dir/data" -m fast -w stop \
      > /dev/null 2>&1 || true
    rm -rf "$cxm_pg_dir"
  fi
}

cxm_pg_start() {
  local setting options=""
  cxm_pg_dir=$(mktemp -d /tmp/cxm-pg.XXXXXX)
  # EXIT covers every ending of the script; a signal becomes an exit, so the
  # cluster is stopped on Ctrl-C, timeout(1) or CI's kill as well.
  trap cxm_pg_stop EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  chmod 755 "$cxm_pg_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$cxm_pg_dir"; fi
  cxm_pg_as_owner "$cxm_pg_bindir/initdb" -D "$cxm_pg_dir/data" -U postgres --auth=trust \
    -E UTF8 --locale=C --no-sync > "$cxm_pg_dir/initdb.log" 2>&1 \
    || { cat "$cxm_pg_dir/initdb.log"; return 1; }
  for setting in "listen_addresses=''" "unix_socket_directories='$cxm_pg_dir'" port=5432 \
      fsync=off "$@"; do
    options="$options -c $setting"
  done
  CXM_PG_LOG=$cxm_pg_dir/server.log
  cxm_pg_as_owner "$cxm_pg_bindir/pg_ctl" -D "$cxm_pg_dir/data" -l "$CXM_PG_LOG" -o "$options" \
    -w start > /dev/null || { cat "$CXM_PG_LOG"; return 1; }
  export PGHOST=$cxm_pg_dir PGPORT=5432 PGUSER=postgres PGDATABASE=postgres CXM_PG_LOG
}
