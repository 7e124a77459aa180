#!/usr/bin/env bash
# The Debian packages end to end, as a user gets them (CI runs this as root):
#
#   1. build them with the README's CPack command; lintian reports no error;
#   2. install them with apt-get, after checking that no file they hold
#      belongs to another package;
#   3. with no LD_LIBRARY_PATH, CXM_LIBRARY or PKG_CONFIG_PATH, use each: a
#      program built through pkg-config and one through find_package, both run;
#      cxm-report on the bundled answers; CREATE EXTENSION in a throwaway
#      PostgreSQL cluster; .load into sqlite3; each binding's README example,
#      the library found by the system loader;
#   4. purge them, and check that nothing is left: no file of theirs, no
#      ldconfig cache entry, no package apt pulled in for them.
#
# Whatever happens, the machine ends as it began: an EXIT trap purges what was
# installed and puts back any file the packages displaced (the PostgreSQL
# extension's own tests `make install` it into the server's directories). The
# install-to-purge window holds /tmp/cxm-pg.lock, as every test that installs
# into PostgreSQL's directories does.
#
# Usage: tests/package/check_debian.sh [BUILD_DIR]      (default: build-deb)
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
build=${1:-build-deb}
export DEBIAN_FRONTEND=noninteractive
# Nothing may be found through the environment.
unset LD_LIBRARY_PATH CXM_LIBRARY CXM_HEADER PKG_CONFIG_PATH

[ "$(id -u)" -eq 0 ] || { echo "check_debian.sh installs packages: run it as root"; exit 1; }
tmp=$(mktemp -d /tmp/cxm-deb.XXXXXX)
chmod 755 "$tmp"
backup=$tmp/displaced           # files found where a package puts its own
packages=()                      # our packages' names, once built
pulled=()                        # packages apt installs for them
window=""                        # set while our packages may be installed
locker=""                        # the flock process while it waits

step() { echo "--- $*"; }
in_loader_cache() { local cache; cache=$(ldconfig -p); grep -q "$1" <<< "$cache"; }
fail() { echo "FAIL: $*"; exit 1; }

# apt-get and dpkg wait for each other's lock (other jobs may use apt).
apt_get() { apt-get -y -qq -o DPkg::Lock::Timeout=600 "$@"; }

# Every file and link (not directory) the built packages hold, as /usr/...
package_files() {
  local deb
  for deb in "$build"/*.deb; do
    dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n 's|^\./|/|; /[^/]$/p'
  done
}

# Moves aside, into $backup, a file where a package will put its own, which
# no package owns (an extension installed by `make install`); fails if a
# package owns it.
displace() {
  local path owner
  while read -r path; do
    if owner=$(dpkg-query -S "$path" 2> /dev/null); then
      fail "$path belongs to ${owner%%:*}: a package must not overwrite it"
    fi
    if [ -e "$path" ] || [ -L "$path" ]; then
      echo "displaced until the end: $path"
      mkdir -p "$backup$(dirname "$path")"
      mv "$path" "$backup$path"
    fi
  done < <(package_files)
}

put_back() {
  [ -d "$backup" ] || return 0
  (cd "$backup" && find . ! -type d) | while read -r path; do
    mkdir -p "$(dirname "${path#.}")"
    mv "$backup/$path" "${path#.}"
  done
  rm -rf "$backup"
}

# Purges our packages and those apt installed for them (and for nothing else).
purge() {
  apt_get purge "${packages[@]}" "${pulled[@]}" > "$tmp/purge.log" 2>&1
}

cleanup() {
  local status=$?
  if [ -n "$locker" ]; then kill "$locker" 2> /dev/null || true; fi
  if [ -n "$window" ]; then
    echo "check_debian.sh: putting the machine back"
    purge || { cat "$tmp/purge.log"; echo "check_debian.sh: apt-get purge failed"; }
  fi
  put_back
  if [ -d "$backup" ]; then
    echo "check_debian.sh: files not put back are in $backup"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in lintian:lintian file:file dpkg-shlibdeps:dpkg-dev; do
  command -v "${tool%%:*}" > /dev/null || apt_get install "${tool#*:}" > /dev/null
done

# ---- 1. build, lintian ----------------------------------------------------
start=$SECONDS
step "build: the README's CPack command"
rm -f "$build"/*.deb
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DCXM_BUILD_TESTS=OFF -DCXM_BUILD_POSTGRESQL=ON -DCXM_BUILD_SQLITE=ON > "$tmp/configure.log" ||
  { cat "$tmp/configure.log"; fail "configure"; }
cmake --build "$build" -j2 > "$tmp/build.log" || { cat "$tmp/build.log"; fail "build"; }
(cd "$build" && cpack -G DEB > "$tmp/cpack.log") || { cat "$tmp/cpack.log"; fail "cpack"; }
debs=("$build"/*.deb)
case $build in /*) ;; *) debs=("${debs[@]/#/./}") ;; esac # apt-get installs a file given as a path
pg_major=$(pg_config --version | grep -o '[0-9]\+' | head -1)
expected="cxmetrics-tools libcxmetrics-dev libcxmetrics1 postgresql-$pg_major-cxmetrics sqlite3-cxmetrics"
for deb in "$build"/*.deb; do
  packages+=("$(dpkg-deb -f "$deb" Package)")
  echo "$(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
done
[ "$(printf '%s\n' "${packages[@]}" | LC_ALL=C sort | xargs)" = "$expected" ] ||
  fail "packages built: ${packages[*]}; expected: $expected"
built=$SECONDS

step "lintian (errors fail; warnings listed)"
lintian_status=0
lintian --fail-on error "$build"/*.deb > "$tmp/lintian.log" 2>&1 || lintian_status=$?
grep -v "^running with root privileges" "$tmp/lintian.log" || true
[ "$lintian_status" -eq 0 ] || fail "lintian reports errors"
linted=$SECONDS

# ---- 2. install -----------------------------------------------------------
for package in "${packages[@]}"; do
  if dpkg-query -W -f '${db:Status-Status}' "$package" 2> /dev/null | grep -qx installed; then
    fail "$package is installed already: purge it first (this check installs and purges)"
  fi
done
if in_loader_cache libcxmetrics; then fail "a libcxmetrics is in the loader's cache already"; fi
# What apt would install besides ours: the dependencies this machine lacks.
mapfile -t pulled < <(apt_get install -s "${debs[@]}" | awk '$1 == "Inst" {print $2}' |
  grep -vxF -f <(printf '%s\n' "${packages[@]}") || true)
[ "${#pulled[@]}" -eq 0 ] || echo "apt installs for them, and the purge removes: ${pulled[*]}"

waiting=$SECONDS
exec 9> /tmp/cxm-pg.lock
# In the background, so that a signal ends the wait (bash runs traps only
# between commands); the lock belongs to the open file, held by fd 9 here.
flock 9 &
locker=$!
wait "$locker"
locker=""
locked=$SECONDS
window=yes
step "install: apt-get install ${debs[*]}"
displace
apt_get install "${debs[@]}" > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "apt-get install"; }
in_loader_cache "libcxmetrics\.so\.1 " ||
  fail "libcxmetrics.so.1 is not in the loader's cache (the ldconfig trigger did not run)"
installed=$SECONDS

# ---- 3. use, with no environment --------------------------------------------
step "C: pkg-config (shared, static) and find_package(cxmetrics)"
# shellcheck disable=SC2046 # pkg-config's answer is a list of words
cc tests/package/consumer.c $(pkg-config --cflags --libs cxmetrics) -o "$tmp/consumer"
"$tmp/consumer"
libraries=$(ldd "$tmp/consumer")
grep -Eq "libcxmetrics\.so\.1 => /(usr/)?lib/[^/ ]+/libcxmetrics\.so\.1 " <<< "$libraries" ||
  fail "consumer loads: $libraries"
# shellcheck disable=SC2046
cc -static tests/package/consumer.c $(pkg-config --cflags --libs --static cxmetrics) \
  -o "$tmp/consumer-static"
"$tmp/consumer-static"
cmake -S tests/package/consumer -B "$tmp/cmake-consumer" > "$tmp/cmake-consumer.log"
cmake --build "$tmp/cmake-consumer" >> "$tmp/cmake-consumer.log"
"$tmp/cmake-consumer/consumer_shared"
"$tmp/cmake-consumer/consumer_static"

step "cxm-report and compare-periods on the bundled answers; their manual pages"
cxm-report examples/data/answers.csv > "$tmp/report.txt"
grep -qF "nps    chat         2026-09      134    44.0  [30.7, 55.5]" "$tmp/report.txt" ||
  fail "cxm-report: the README's line is not in its output"
compare-periods examples/data/answers-previous.csv examples/data/answers.csv > /dev/null
for page in cxm-report compare-periods; do
  [ -f "/usr/share/man/man1/$page.1.gz" ] || fail "no manual page $page(1)"
  gzip -dc "/usr/share/man/man1/$page.1.gz" | grep -c "^\.SH NAME" > /dev/null ||
    fail "$page(1) is no manual page"
done

step "PostgreSQL: every SQL script installed; CREATE EXTENSION cxmetrics in a throwaway cluster"
for script in examples/postgresql/cxmetrics--*.sql; do
  [ -f "$(pg_config --sharedir)/extension/${script##*/}" ] || fail "not installed: ${script##*/}"
done
(
  # shellcheck source=examples/postgresql/cluster.sh
  . examples/postgresql/cluster.sh
  cxm_pg_require
  # shellcheck disable=SC2119 # no extra server settings
  cxm_pg_start
  # NPS of 10, 9, 0: (2 promoters - 1 detractor) / 3 answers.
  got=$("$cxm_pg_bindir/psql" -X -q -A -t -v ON_ERROR_STOP=1 -c "CREATE EXTENSION cxmetrics" \
    -c "SELECT cxm_acc_agg(r, 'nps')::text || ' ' || round(cxm_nps(r)::numeric, 1)
        FROM (VALUES (10), (9), (0)) AS answers (r)")
  [ "$got" = "nps{0:1,9:1,10:1} 33.3" ] || { echo "FAIL: PostgreSQL answers '$got'"; exit 1; }
  echo "$got"
)

step "SQLite: .load /usr/lib/sqlite3/cxmetrics into sqlite3"
got=$(sqlite3 :memory: ".load /usr/lib/sqlite3/cxmetrics" \
  "SELECT printf('%.1f', cxm_nps(column1)) FROM (VALUES (10), (9), (0))")
[ "$got" = "33.3" ] || fail "sqlite3 answers '$got'"
echo "$got"

# Each binding as its README tells a user to use it: its files copied into a
# project, the README's first example run there; where the README shows the
# output ("prints"), the output must be exactly that.
readme_example() { # readme_example README LANGUAGE: the first ```LANGUAGE block
  awk -v fence='```'"$2" '$0 == fence {on = 1; next} on && /^```$/ {exit} on' "$1"
}
readme_prints() { # readme_prints README: the block after the line "prints"
  awk '/^prints$/ {after = 1; next} after && /^```/ {if (on) exit; on = 1; next} on' "$1"
}
run_example() { # run_example NAME DIR EXPECTED COMMAND...: EXPECTED, if any, is the whole output
  local name=$1 dir=$2 expected=$3
  shift 3
  if ! (cd "$dir" && "$@") > "$dir/output.txt" 2>&1; then
    cat "$dir/output.txt"; fail "$name README example"
  fi
  cat "$dir/output.txt"
  if [ -n "$expected" ] && ! diff -u <(printf '%s\n' "$expected") "$dir/output.txt"; then
    fail "$name README example: output differs from the README's"
  fi
}

step "Python binding (examples/python): the README example"
mkdir "$tmp/python"
cp -r examples/python/cxmetrics "$tmp/python/"
readme_example examples/python/README.md python > "$tmp/python/example.py"
run_example Python "$tmp/python" "$(readme_prints examples/python/README.md)" python3 example.py
# The README shows the text form in a comment; NPS (6 - 2) / 40 = 10.0.
if ! grep -qxF "nps{3:1,6:1,7:1,8:31,9:3,10:3}" "$tmp/python/output.txt" ||
   ! grep -q "^NPS 10.0 " "$tmp/python/output.txt"; then
  fail "Python README example: no NPS 10.0 and nps{3:1,6:1,7:1,8:31,9:3,10:3}"
fi

step "Node.js binding (examples/node, koffi from npm ci): the README example"
[ -d examples/node/node_modules/koffi ] ||
  (cd examples/node && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$tmp/node/node_modules"
ln -s "$src/examples/node" "$tmp/node/node_modules/cxmetrics" # koffi: from its node_modules
readme_example examples/node/README.md js > "$tmp/node/example.js"
run_example Node.js "$tmp/node" "$(readme_prints examples/node/README.md)" node example.js

step "Ruby binding (examples/ruby): the README example"
mkdir "$tmp/ruby"
cp -r examples/ruby/lib "$tmp/ruby/"
readme_example examples/ruby/README.md ruby > "$tmp/ruby/example.rb"
run_example Ruby "$tmp/ruby" "$(readme_prints examples/ruby/README.md)" ruby -I lib example.rb

step "PHP binding (examples/php): the README example"
examples/php/tests/composer-project.sh "$tmp/php" > "$tmp/composer.log" ||
  { cat "$tmp/composer.log"; fail "composer require"; }
readme_example examples/php/README.md php > "$tmp/php/example.php"
run_example PHP "$tmp/php" "$(readme_prints examples/php/README.md)" php -d ffi.enable=1 example.php
used=$SECONDS

# ---- 4. purge: nothing left -------------------------------------------------
step "purge: apt-get purge -y ${packages[*]} ${pulled[*]}"
purge || { cat "$tmp/purge.log"; fail "apt-get purge"; }
left=$(dpkg-query -W -f '${binary:Package} ${db:Status-Status}\n' "${packages[@]}" 2> /dev/null |
  awk '$2 != "not-installed"') || true
[ -z "$left" ] || fail "still known to dpkg: $left"
while read -r path; do
  if [ -e "$path" ] || [ -L "$path" ]; then fail "left behind: $path"; fi
done < <(package_files)
for package in "${packages[@]}"; do
  [ ! -e "/usr/share/doc/$package" ] || fail "left behind: /usr/share/doc/$package"
done
if in_loader_cache libcxmetrics; then fail "libcxmetrics is still in the loader's cache"; fi
window=""
put_back
exec 9>&-
echo "check_debian.sh: passed in $((SECONDS - start)) s: build $((built - start)) s, lintian $((linted - built)) s," \
  "waiting for /tmp/cxm-pg.lock $((locked - waiting)) s, install $((installed - locked)) s," \
  "use $((used - installed)) s, purge $((SECONDS - used)) s"
