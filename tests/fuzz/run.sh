#!/bin/sh
# SPDX-License-Identifier: MIT
# make fuzz: build every fuzz target (tests/fuzz/build.sh) and run each for
# FUZZ_SECONDS (default 60) over its seed and regression corpora. New
# inputs go to build/fuzz/corpus/TARGET (not the tree); a crash leaves
# build/fuzz/crash-* and fails the run: copy it to tests/fuzz/regress/TARGET
# once fixed, so that make check replays it for ever.
#
#   sh tests/fuzz/run.sh [TARGET...]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/fuzz
secs=${FUZZ_SECONDS:-60}
sh "$top/tests/fuzz/build.sh" "$out" "$@" || exit $?
[ $# -gt 0 ] || set -- $(cd "$top/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
status=0
for t in "$@"; do
	mkdir -p "$out/corpus/$t"
	echo "fuzz_$t: $secs s"
	# a target without a crash found yet has no regress dir (git keeps
	# no empty one), and libFuzzer stops at a missing corpus dir
	regress=$top/tests/fuzz/regress/$t
	[ -d "$regress" ] || regress=
	(cd "$out" && ./"fuzz_$t" -max_total_time="$secs" -max_len=16384 \
		-close_fd_mask=3 -print_final_stats=1 "corpus/$t" \
		"$top/tests/fuzz/seeds/$t" ${regress:+"$regress"}) \
		> "$out/fuzz_$t.log" 2>&1 || status=1
	grep -E '^stat::number_of_executed_units|^Done|ERROR|SUMMARY' "$out/fuzz_$t.log"
done
exit $status
