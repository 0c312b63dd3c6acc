# SPDX-License-Identifier: MIT
# The fuzz targets (tests/fuzz) replay their seed and regression corpora
# under ASan and UBSan: each input once (-runs=0), every finding fatal. A
# longer run is `make fuzz FUZZ_SECONDS=N`. Skips without Debian's clang.
# sandbox: no

t_fuzz_corpora_replay_under_sanitizers() {
	under_qemu && skip "host code: make check replays the corpora"
	command -v clang >/dev/null || skip "no clang (Debian: clang libclang-rt-dev)"
	sh "$TOP/tests/fuzz/build.sh" fuzz > build.log 2>&1
	case $? in
	0) ;;
	77) skip "$(tail -n 1 build.log)" ;;
	*) cat build.log; fail "the fuzz targets do not build" ;;
	esac
	for f in fuzz/fuzz_*; do
		t=${f#fuzz/fuzz_}
		set --
		for d in seeds regress; do
			[ -d "$TOP/tests/fuzz/$d/$t" ] && set -- "$@" "$TOP/tests/fuzz/$d/$t"
		done
		[ $# -gt 0 ] || fail "fuzz_$t has no corpus"
		./"$f" -runs=0 -close_fd_mask=3 "$@" > "$t.log" 2>&1 || {
			tail -n 30 "$t.log"
			fail "fuzz_$t fails on its corpus"
		}
		echo "fuzz_$t: $(sed -n 's/.*INITED.*corp: \([0-9]*\).*/\1/p' "$t.log" | tail -n 1) inputs replayed"
	done
}
