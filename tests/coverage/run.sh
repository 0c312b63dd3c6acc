#!/bin/sh
# SPDX-License-Identifier: MIT
# make coverage: the tests of make check against a binary built with gcov
# counters (build/coverage/netns), and the unit tests built with them too;
# then the line and branch coverage of applets/ and libbb-lite/ (and of
# main.c and batch.c), per file and in total, from gcov's own reports
# merged here with awk (a line counts as run when any process or unit test
# ran it).
#
#   sh tests/coverage/run.sh BUILD_DIR [TEST_FILE...]
#
# The build (see the Makefile's coverage target) is musl-gcc, static as the
# shipped binary, at -O0 without LTO so that each line keeps its counter;
# gcc's libgcov links against musl as it is. A child that ends by _exit or
# by a signal writes its counts too (tests/coverage/gcov_exit.c). The
# config tests build binaries of their own and are left out.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: tests/coverage/run.sh BUILD_DIR [TEST_FILE...]}" && pwd)
shift
# (the fuzz replay is clang's, and counts nothing here)
[ $# -gt 0 ] || set -- $(ls "$top"/tests/unit/*.sh | grep -v /fuzz.sh) \
	"$top"/tests/integration/*.sh "$top"/tests/diff/*.sh "$top"/tests/fault/*.sh
cd "$top" || exit 2
if [ -z "${COVERAGE_REPORT_ONLY:-}" ]; then	# set: the counts there are
	rm -rf "$build"/*.gcda "$build/unit"
	mkdir -p "$build/unit"
	# a process that drops root (a test does) writes its counts too,
	# and says nothing on stderr, where the tests look: the counts files
	# are made once (a run writes them all) and anyone may write them
	"$build/netns" -V > /dev/null
	chmod a+rw "$build"/*.gcda
	# the unit tests build with these and leave their counts here
	export NETNS_COVERAGE_CFLAGS="-O0 --coverage" NETNS_COVERAGE_DIR="$build/unit"
	sh tests/run.sh "$build/netns" "$@" > "$build/tests.log" 2>&1
	echo "tests against the coverage build: $(tail -n 1 "$build/tests.log")"
	grep '^FAIL' "$build/tests.log"
fi

# gcov's text report of every counts file: "COUNT: LINE: text", each line's
# branches after it ("branch N taken C" or "never executed")
for gcda in "$build"/*.gcda "$build"/unit/*/*.gcda; do
	[ -f "$gcda" ] || continue
	gcov -b -c -t "$gcda" 2>/dev/null
done | awk -v top="$top/" '
	/^ *-: *0:Source:/ {
		sub(/.*:Source:/, "")
		if (substr($0, 1, length(top)) == top) $0 = substr($0, length(top) + 1)
		file = $0 ~ /^tests\// ? "" : $0	# the hooks: not counted
		next
	}
	file == "" { next }
	match($0, /^ *[^ :]+: *[0-9]+:/) {
		split($0, fld, ":")
		count = fld[1]; gsub(/ /, "", count); line = fld[2] + 0
		if (count == "-") { line = -1; next }
		key = file SUBSEP line
		lines[key] = 1
		if (count !~ /^(#####|=====)$/) ran[key] = 1
		next
	}
	/^branch / && line >= 0 {
		key = file SUBSEP line SUBSEP $2
		branches[key] = 1
		if ($3 == "taken" && $4 + 0 > 0) taken[key] = 1
	}
	function group(file) {
		if (file ~ /^applets\//) return "applets/"
		if (file ~ /^libbb-lite\//) return "libbb-lite/"
		return "other"
	}
	END {
		for (k in lines) {
			split(k, p, SUBSEP); g = group(p[1])
			fl[p[1]]++; gl[g]++
			if (k in ran) { fr[p[1]]++; gr[g]++ }
		}
		for (k in branches) {
			split(k, p, SUBSEP); g = group(p[1])
			fb[p[1]]++; gb[g]++
			if (k in taken) { ft[p[1]]++; gt[g]++ }
		}
		for (f in fl)
			printf "%-24s lines %5.1f%% of %4d   branches %5.1f%% of %4d\n",
				f, 100 * fr[f] / fl[f], fl[f],
				fb[f] ? 100 * ft[f] / fb[f] : 100, fb[f] | "sort"
		close("sort")
		for (g in gl) {
			if (g == "other") continue
			al += gl[g]; ar += gr[g]; ab += gb[g]; at += gt[g]
			printf "%-24s lines %5.1f%% of %4d   branches %5.1f%% of %4d\n",
				g, 100 * gr[g] / gl[g], gl[g], 100 * gt[g] / gb[g], gb[g]
		}
		printf "%-24s lines %5.1f%% of %4d   branches %5.1f%% of %4d\n",
			"applets/ + libbb-lite/", 100 * ar / al, al, 100 * at / ab, ab
	}'
