#!/bin/sh
# php-fpm for real (ctest php_fpm): Debian's php8.2-fpm started with the
# production configuration README.md documents ("php-fpm"), taken from the
# README's ini block as it stands, with only the install path and the user
# put in: ffi.enable=preload, ffi.preload of cxmetrics-ffi.h and
# opcache.preload of preload.php, over Debian's own php.ini and conf.d. The
# package is copied where a deployment would put it, and php-fpm's pool, pid
# file, log and socket live in the same temporary directory; as root the
# workers run as nobody. One request through the FastCGI socket (cgi-fcgi,
# Debian's libfcgi-bin) runs www/nps.php, which computes an NPS with the
# binding and tries FFI itself; the response must carry the NPS of
# docs/metrics.md's worked example (60 promoters, 30 passives, 10
# detractors: 50), the scope the binding used (ffi.preload), and PHP's
# refusal of FFI to the request's own code. php-fpm is stopped whatever
# happens. Exit 77 (skipped) without php-fpm or cgi-fcgi.
#
# Environment: CXM_LIBRARY, the library built (its directory is handed to
# the loader, as the Debian package's /usr/lib would be); CXM_PHP_FPM, the
# php-fpm binary (default php-fpm8.2, else php-fpm).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
fpm=${CXM_PHP_FPM:-$(command -v php-fpm8.2 || command -v php-fpm || true)}
if [ -z "$fpm" ]; then
  echo "php_fpm: skipped: php-fpm is not installed (Debian: php8.2-fpm)"
  exit 77
fi
if ! command -v cgi-fcgi > /dev/null; then
  echo "php_fpm: skipped: cgi-fcgi is not installed (Debian: libfcgi-bin)"
  exit 77
fi
library=${CXM_LIBRARY:?CXM_LIBRARY names the library to serve}
version=$("$fpm" -v | sed -n 's/^PHP \([0-9]*\.[0-9]*\).*/\1/p')
etc=/etc/php/$version/fpm # Debian's php.ini and conf.d of this php-fpm

tmp=$(mktemp -d)
chmod 755 "$tmp" # the workers' user reads the script below
stop() {
  if [ -s "$tmp/php-fpm.pid" ]; then
    pid=$(cat "$tmp/php-fpm.pid")
    kill "$pid" 2> /dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2> /dev/null || true
  fi
  rm -rf "$tmp"
}
trap stop EXIT INT TERM

# The package where a deployment puts it (as composer install would), so that
# the workers' user reads it wherever this tree lives (a clone under /root).
readme_path=/var/www/helpdesk/vendor/cxmetrics/cxmetrics
package="$tmp/vendor/cxmetrics/cxmetrics"
mkdir -p "$package" "$tmp/conf.d" "$tmp/www"
cp -R "$here/src" "$here/autoload.php" "$here/preload.php" "$here/cxmetrics-ffi.h" "$package/"
chmod -R a+rX "$tmp"

# The README's configuration, verbatim but for the install path and the user.
awk '/^```ini$/ { inside = 1; next } /^```$/ { inside = 0 } inside' "$here/README.md" > "$tmp/readme.ini"
grep -q '^ffi.enable = preload$' "$tmp/readme.ini" || { echo "php_fpm: README.md has no ini block with ffi.enable = preload"; exit 1; }
if [ "$(id -u)" -eq 0 ]; then
  user=nobody
  pool_user="user = nobody
group = $(id -gn nobody)"
else
  user=$(id -un) # opcache.preload_user and the pool's user apply to root only
  pool_user=""
fi
sed -e "s|$readme_path|$package|g" -e "s|= www-data$|= $user|" "$tmp/readme.ini" > "$tmp/conf.d/30-cxmetrics.ini"

cat > "$tmp/php-fpm.conf" << CONF
[global]
pid = $tmp/php-fpm.pid
error_log = $tmp/php-fpm.log
daemonize = no

[cxmetrics]
$pool_user
listen = $tmp/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = 1
catch_workers_output = yes
CONF

cat > "$tmp/www/nps.php" << 'PHP'
<?php
declare(strict_types=1);

require getenv('CXM_BINDING') . '/autoload.php';

use Cxmetrics\{Accumulator, Native};

// docs/metrics.md: 60 promoters, 30 passives, 10 detractors -> NPS 50
$acc = (new Accumulator('nps'))->add(10, 60)->add(8, 30)->add(0, 10);
$snap = $acc->snapshot();
printf("NPS %.1f (95%% CI %.1f to %.1f, n=%d) through %s\n", $snap->score, $snap->scoreLow,
       $snap->scoreHigh, $snap->n, Native::origin());
try {
    FFI::cdef('int abs(int);');
    echo "FFI is open to requests\n";
} catch (FFI\Exception $e) {
    echo $e->getMessage(), "\n";
}
PHP
echo "env[CXM_BINDING] = $package" >> "$tmp/php-fpm.conf"

LD_LIBRARY_PATH=$(dirname "$library") PHP_INI_SCAN_DIR="$etc/conf.d:$tmp/conf.d" \
  "$fpm" --nodaemonize --fpm-config "$tmp/php-fpm.conf" --php-ini "$etc/php.ini" > "$tmp/fpm.out" 2>&1 &
for _ in $(seq 1 40); do
  [ -S "$tmp/php-fpm.sock" ] && break
  sleep 0.25
done
if [ ! -S "$tmp/php-fpm.sock" ]; then
  echo "php_fpm: php-fpm did not start:"
  cat "$tmp/fpm.out" "$tmp/php-fpm.log" 2> /dev/null || true
  exit 1
fi

# cgi-fcgi sends its whole environment as the request's parameters: only
# what a web server sends (nginx's fastcgi_params), not this test's CXM_*.
response=$(env -i SCRIPT_FILENAME="$tmp/www/nps.php" REQUEST_METHOD=GET QUERY_STRING='' \
  SERVER_PROTOCOL=HTTP/1.1 GATEWAY_INTERFACE=CGI/1.1 "$(command -v cgi-fcgi)" -bind -connect "$tmp/php-fpm.sock")
echo "$response"
expected='NPS 50.0 (95% CI 35.5 to 61.6, n=100) through ffi.preload
FFI API is restricted by "ffi.enable" configuration directive'
body=$(printf '%s\n' "$response" | sed '1,/^\r*$/d')
if [ "$body" != "$expected" ]; then
  echo "php_fpm: FAILED: expected the body"
  echo "$expected"
  echo "--- php-fpm's log:"
  cat "$tmp/php-fpm.log" "$tmp/fpm.out" 2> /dev/null || true
  exit 1
fi
echo "php_fpm: $("$fpm" -v | head -n 1 | cut -d' ' -f1-2) served the NPS with the README's configuration"
