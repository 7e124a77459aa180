# shellcheck shell=bash
# A throwaway Citus cluster on this machine, for test-citus.sh and
# bench-citus.sh (sourced after cluster.sh): a coordinator and workers, each a
# node of cluster.sh (initdb in its temporary directory, Unix sockets only, run
# as `postgres` when we are root) with Citus preloaded; all stopped and removed
# on exit, as cluster.sh stops its one server.
#
#   cxm_citus_start WORKERS JOINED [settings]
#       starts a coordinator (port 9700) and WORKERS workers (9701, 9702, ...)
#       in directories coordinator, worker1, worker2, ... of cxm_pg_dir,
#       creates the citus extension on every node and makes the first JOINED
#       workers part of the cluster (a test adds the others itself); extra
#       settings are postgresql.conf lines for every node. Exports PGHOST (the
#       socket directory, also every node's name in Citus's metadata), PGPORT
#       (the coordinator's), PGUSER, PGDATABASE, and CXM_PG_CLUSTER (cluster.sh,
#       whose `stop DIR` and `start DIR` a test uses to take a worker down)
#   cxm_citus_logs      the server log files of every node

cxm_citus_port=9700

cxm_citus_psql() { # cxm_citus_psql PORT SQL
  psql -X -q -v ON_ERROR_STOP=1 -h "$cxm_pg_dir" -p "$1" -U postgres -d postgres -c "$2" > /dev/null
}

cxm_citus_start() {
  local workers=$1 joined=$2 i
  shift 2
  cxm_pg_tempdir cxm-citus
  # The nodes reach each other through the socket directory, the rebalancer's
  # background tasks included (citus.local_hostname); no statistics are sent
  # to Citus Data.
  for ((i = 0; i <= workers; i++)); do
    cxm_pg_node_init "$cxm_pg_dir/$(cxm_citus_node_name "$i")" $((cxm_citus_port + i)) \
      "shared_preload_libraries='citus'" "citus.local_hostname='$cxm_pg_dir'" \
      citus.enable_statistics_collection=off max_worker_processes=16 "$@"
    cxm_pg_node_start "$cxm_pg_dir/$(cxm_citus_node_name "$i")"
    cxm_citus_psql $((cxm_citus_port + i)) "CREATE EXTENSION citus"
  done
  cxm_citus_psql "$cxm_citus_port" \
    "SELECT citus_set_coordinator_host('$cxm_pg_dir', $cxm_citus_port)"
  for ((i = 1; i <= joined; i++)); do
    cxm_citus_psql "$cxm_citus_port" \
      "SELECT citus_add_node('$cxm_pg_dir', $((cxm_citus_port + i)))"
  done
  export PGHOST=$cxm_pg_dir PGPORT=$cxm_citus_port PGUSER=postgres PGDATABASE=postgres
  export CXM_PG_CLUSTER=$cxm_pg_here/cluster.sh
}

cxm_citus_node_name() {
  if [ "$1" -eq 0 ]; then echo coordinator; else echo "worker$1"; fi
}

cxm_citus_logs() {
  local node
  for node in $cxm_pg_nodes; do echo "$node/server.log"; done
}
