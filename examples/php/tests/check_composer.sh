#!/bin/sh
# The package installed as Composer installs it (ctest php_package):
#  1. `composer validate --strict --no-check-version` is clean, and plain
#     `composer validate --strict` complains of the version field alone
#     (README.md, "The version field", says why the field stays);
#  2. a fresh project with this directory as a path repository and
#     packagist.org switched off, COMPOSER_HOME and the cache in a temporary
#     directory and COMPOSER_DISABLE_NETWORK set, runs
#     `composer require cxmetrics/cxmetrics:^1.2`, which must resolve to the
#     header's version and install the package without its tests, with
#     the LICENSE, the project's byte for byte (a committed copy, which
#     must not drift);
#  3. `composer archive` (the dist archive Composer makes of the package)
#     holds the LICENSE, the project's, and no tests;
#  4. README.md's example runs in that project, through Composer's PSR-4
#     autoloader, and prints what the README says it prints.
# Exit 77 (skipped) without composer.
#
# Environment: CXM_LIBRARY, the library built.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v composer > /dev/null; then
  echo "php_package: skipped: composer is not installed (Debian: composer)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export COMPOSER_HOME="$tmp/home" COMPOSER_CACHE_DIR="$tmp/cache" COMPOSER_DISABLE_NETWORK=1 \
  COMPOSER_NO_AUDIT=1 COMPOSER_NO_INTERACTION=1
fail() {
  echo "php_package: FAILED: $*"
  exit 1
}

# 1. validate
(cd "$here" && composer validate --strict --no-check-version) || fail "composer validate --strict --no-check-version"
if (cd "$here" && composer validate --strict > "$tmp/validate.out" 2>&1); then
  fail "composer validate --strict no longer warns about the version field: drop --no-check-version"
fi
warnings=$(grep '^- ' "$tmp/validate.out" || true)
[ "$warnings" = "- The version field is present, it is recommended to leave it out if the package is published on Packagist." ] ||
  fail "composer validate --strict says more than the version warning:
$(cat "$tmp/validate.out")"

# 2. composer require in a fresh project, no packagist, no network
"$here/tests/composer-project.sh" "$tmp/project" > "$tmp/require.out" ||
  fail "composer require:
$(cat "$tmp/require.out")"
header=$(sed -n 's/^#define CXM_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)$/\2/p' "$here/../../include/cxmetrics.h" | paste -sd.)
grep -q "Locking cxmetrics/cxmetrics ($header)" "$tmp/require.out" ||
  fail "composer require did not lock cxmetrics/cxmetrics $header:
$(cat "$tmp/require.out")"
installed="$tmp/project/vendor/cxmetrics/cxmetrics"
[ -f "$installed/src/Accumulator.php" ] && [ -f "$installed/preload.php" ] && [ -f "$installed/cxmetrics-ffi.h" ] ||
  fail "the package is not in vendor/: $(ls -R "$tmp/project/vendor" | head -20)"
[ ! -e "$installed/tests" ] && [ ! -e "$installed/bench.php" ] || fail "the tests or the benchmark were installed"
grep -q "'Cxmetrics\\\\\\\\' => array(\$vendorDir . '/cxmetrics/cxmetrics/src')" \
  "$tmp/project/vendor/composer/autoload_psr4.php" || fail "no PSR-4 rule for Cxmetrics\\ in vendor/composer"
license="$here/../../LICENSE"
cmp -s "$installed/LICENSE" "$license" || fail "the installed package's LICENSE is not the project's"

# 3. the dist archive
(cd "$here" && composer archive --format=tar --dir "$tmp/archive" --file cxmetrics) > "$tmp/archive.out" 2>&1 ||
  fail "composer archive:
$(cat "$tmp/archive.out")"
tar -xOf "$tmp/archive/cxmetrics.tar" LICENSE > "$tmp/archived-license" 2> /dev/null ||
  fail "composer archive has no LICENSE: $(tar -tf "$tmp/archive/cxmetrics.tar" | tr '\n' ' ')"
cmp -s "$tmp/archived-license" "$license" || fail "the archive's LICENSE is not the project's"
! tar -tf "$tmp/archive/cxmetrics.tar" | grep -q '^tests/' || fail "composer archive holds the tests"

# 4. the README example, from the project
awk '/^```php$/ { inside = 1; next } /^```$/ { if (inside) exit; inside = 0 } inside' "$here/README.md" > "$tmp/project/example.php"
awk '/^prints$/ { found = 1; next } found && /^```$/ { if (inside) exit; inside = 1; next } inside' \
  "$here/README.md" > "$tmp/expected.txt"
grep -q "require 'vendor/autoload.php';" "$tmp/project/example.php" || fail "README.md's example does not use Composer's autoloader"
(cd "$tmp/project" && php -d ffi.enable=1 example.php) > "$tmp/printed.txt" 2>&1 || fail "the README example:
$(cat "$tmp/printed.txt")"
cmp -s "$tmp/printed.txt" "$tmp/expected.txt" || fail "the README example printed
$(cat "$tmp/printed.txt")
instead of
$(cat "$tmp/expected.txt")"
echo "php_package: cxmetrics/cxmetrics $header installed by composer require ^1.2 from the path repository; README example passed"
