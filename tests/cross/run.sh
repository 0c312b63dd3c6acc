#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/cross/run.sh (make check-cross): the tests of `make check` on the
# cross binaries, under qemu-user emulation, inside the same sandbox.
#
#   sh tests/cross/run.sh [ARCH...]   (default: aarch64 armhf mipsel mips16 s390x,
#                                      or NETNS_CROSS_ARCHES="...")
#
# For each ARCH: build configs/defconfig with ARCH's musl cross compiler
# (-Werror; mips16: mipsel with OpenWrt's -mips16 -minterlink-mips16, the
# unit tests' drivers too) into build/cross/ARCH/check, then run tests/run.sh on it with
# tests/unit (drivers built by the cross compiler, run under qemu),
# tests/integration, tests/diff and tests/cross/qemu_*.sh. How:
#  - $NETNS is tests/cross/qemu-exec.c, which runs
#    `qemu-ARCH-static -0 NAME BINARY "$@"`, NAME being the name it was
#    called by, so the `ip` link reaches the binary as argv[0] "ip" (no
#    binfmt_misc registration needed or used).
#    Commands that the binary executes (exec) are the host's own and run
#    natively.
#  - musl-gcc, cc and gcc on PATH are tests/cross/cc-wrapper.sh: the cross
#    compiler, whose programs run under qemu when called by their path.
#  - NETNS_UNDER_QEMU=ARCH tells tests where qemu cannot carry a request
#    (tests/lib.sh: under_qemu, qemu_lacks, expect_graceful); each test that
#    checked a graceful answer instead is listed after the arch's results.
# Output: each line of tests/run.sh prefixed with [ARCH], per-arch timings,
# then one closing line "N passed, N failed, N skipped" over all arches.
# A missing cross compiler or qemu skips that arch with the reason
# (sh toolchain/install-deps.sh cross installs both).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
. toolchain/arches.sh

[ $# -gt 0 ] || set -- ${NETNS_CROSS_ARCHES:-aarch64 armhf mipsel mips16 s390x}
unset CC CFLAGS LDFLAGS
# the host's compiler, for the program that starts qemu
host_cc=$(command -v musl-gcc || command -v cc) || {
	echo "FAIL cross: no C compiler for the host"; exit 1; }
total_pass=0 total_fail=0 total_skip=0
public=$(mktemp -d /tmp/netns-cross.XXXXXX) && chmod 755 "$public" || exit 2
trap 'rm -rf "$public"' EXIT
summary=

# run_arch ARCH: build, wrap and test one arch; adds to the totals
run_arch() {
	arch=$1
	triplet=$(arch_triplet "$arch") || { total_fail=$((total_fail + 1)); return; }
	qemu_name=$(arch_qemu "$arch")
	qemu=$(command -v "$qemu_name") || {
		echo "SKIP cross $arch: no $qemu_name (sh toolchain/install-deps.sh cross)"
		total_skip=$((total_skip + 1)); return; }
	cross_cc=$(command -v "$triplet-gcc") || {
		echo "SKIP cross $arch: no $triplet-gcc (sh toolchain/install-deps.sh cross)"
		total_skip=$((total_skip + 1)); return; }

	dir=$top/build/cross/$arch/check
	mkdir -p "$dir"	# a fresh clone has no build/ yet
	if ! make -s CROSS_COMPILE="$triplet-" CONFIG=configs/defconfig \
			OUT="$dir" CFLAGS="$(arch_cflags "$arch")" WERROR=-Werror \
			> "$top/build/cross/$arch.log" 2>&1; then
		echo "FAIL cross $arch: the build failed"
		sed 's/^/    | /' "$top/build/cross/$arch.log"
		total_fail=$((total_fail + 1))
		return
	fi
	# the binary where anyone may reach it (tests drop root), as
	# tests/run.sh does with the wrapper
	mkdir -p "$public/$arch" && cp "$dir/netns" "$public/$arch/netns" || exit 2
	bin=$public/$arch/netns
	wrap=$dir/qemu
	rm -rf "$wrap" && mkdir -p "$wrap/bin" "$wrap/cc" || exit 2
	if ! $host_cc -static -O2 -Wall -Werror -DQEMU="\"$qemu\"" -DBIN="\"$bin\"" \
			-o "$wrap/bin/netns" tests/cross/qemu-exec.c; then
		echo "FAIL cross $arch: tests/cross/qemu-exec.c does not build"
		total_fail=$((total_fail + 1))
		return
	fi
	sed -e "s|@CROSS_CC@|$cross_cc|" -e "s|@QEMU@|$qemu|" -e "s|@ARCH@|$arch|" \
		-e "s|@CFLAGS@|$(arch_cflags "$arch")|" \
		tests/cross/cc-wrapper.sh > "$wrap/cc/cc"
	chmod +x "$wrap/cc/cc"
	ln -s cc "$wrap/cc/gcc"
	ln -s cc "$wrap/cc/musl-gcc"
	notes=$wrap/graceful.txt
	: > "$wrap/times"
	: > "$notes" && chmod 666 "$notes"

	start=$(date +%s)
	NETNS_UNDER_QEMU=$arch NETNS_QEMU_NOTES=$notes NETNS_CROSS_BIN=$bin \
		CC=cc PATH="$wrap/cc:$PATH" \
		sh tests/run.sh "$wrap/bin/netns" "$top"/tests/unit/*.sh \
		"$top"/tests/integration/*.sh "$top"/tests/diff/*.sh \
		"$top"/tests/cross/qemu_*.sh \
		> "$wrap/log" 2>&1 &
	test_pid=$!
	# show the lines as they come, prefixed with the arch; note how long
	# each test took (from the end of the one before)
	tail -n +1 -f --pid=$test_pid "$wrap/log" 2>/dev/null | {
		last=$(date +%s)
		while IFS= read -r l; do
			echo "[$arch] $l"
			case $l in PASS\ * | FAIL\ * | SKIP\ *)
				now=$(date +%s)
				set -- $l
				echo "$((now - last)) $2 $3" >> "$wrap/times"
				last=$now ;;
			esac
		done
	}
	wait $test_pid
	secs=$(( $(date +%s) - start ))

	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$wrap/log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL cross $arch: tests/run.sh printed no closing line"
		total_fail=$((total_fail + 1))
		line="? passed, ? failed, ? skipped"
	else
		set -- $line
		total_pass=$((total_pass + $1))
		total_fail=$((total_fail + $3))
		total_skip=$((total_skip + $5))
	fi
	echo "[$arch] slowest tests (seconds):"
	sort -rn "$wrap/times" | head -n 3 | sed "s/^/[$arch]   /"
	echo "[$arch] graceful answers checked instead (qemu cannot carry the request):"
	if [ -s "$notes" ]; then
		sort -u "$notes" | sed "s/^/[$arch]   /"
	else
		echo "[$arch]   none"
	fi
	summary="$summary$(printf '%-8s %4ss  %s (%d graceful)' "$arch" "$secs" \
		"$line" "$(sort -u "$notes" | wc -l)")
"
}

for a in "$@"; do
	run_arch "$a"
done
echo "check-cross, per arch (seconds, results):"
printf '%s' "$summary"
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ $total_fail = 0 ]
