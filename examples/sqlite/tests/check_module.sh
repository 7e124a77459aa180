#!/bin/sh
# The SQLite module as the design asks for it (docs: examples/sqlite/README.md):
# named cxmetrics.so, no "lib" prefix, so that `.load ./cxmetrics` finds
# sqlite3_cxmetrics_init by the name; exporting that entry point and nothing
# else; and needing no libcxmetrics.so at run time (the library is inside).
#
#   check_module.sh path/to/cxmetrics.so
set -eu
module=${1:?usage: check_module.sh path/to/cxmetrics.so}
fail() { echo "check_module.sh: $*" >&2; exit 1; }

[ "$(basename "$module")" = cxmetrics.so ] || fail "the module is named $(basename "$module")"
exports=$(nm -D --defined-only "$module" | awk '{print $3}' | grep -v '^_' | sort)
[ "$exports" = sqlite3_cxmetrics_init ] ||
    fail "exports must be sqlite3_cxmetrics_init alone, found: $exports"
needed=$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
case "$needed" in
    *cxmetrics*) fail "depends on the shared library: $needed" ;;
esac
echo "cxmetrics.so exports sqlite3_cxmetrics_init only and needs: $(echo $needed)"
