#!/bin/sh
# composer-project.sh DIR: makes DIR a fresh Composer project that requires
# cxmetrics/cxmetrics ^1.2 from this directory, as a path repository, with
# packagist.org switched off and no network, COMPOSER_HOME and the cache in
# DIR/.composer. Prints Composer's output; fails as `composer require` does.
# Used by check_composer.sh and by tests/package/check_debian.sh.
set -eu
[ $# -eq 1 ] || { echo "usage: composer-project.sh DIR"; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
export COMPOSER_HOME="$1/.composer/home" COMPOSER_CACHE_DIR="$1/.composer/cache" \
  COMPOSER_DISABLE_NETWORK=1 COMPOSER_NO_AUDIT=1 COMPOSER_NO_INTERACTION=1
cat > "$1/composer.json" << JSON
{
    "name": "acme/helpdesk",
    "type": "project",
    "repositories": [
        {"type": "path", "url": "$here", "options": {"symlink": false}},
        {"packagist.org": false}
    ]
}
JSON
cd "$1" && composer require cxmetrics/cxmetrics:^1.2 2>&1
