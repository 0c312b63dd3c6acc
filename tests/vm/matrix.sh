#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/vm/matrix.sh (make check-matrix): the integration suite on every
# router CPU and on the old kernels routers still run, one VM per cell
# (tests/vm/run.sh):
#   - x86_64, aarch64, armhf, mipsel, s390x on Debian 12's kernel (6.1)
#   - x86_64 on each bzImage-* of the kernels dir (default ../shared/kernels
#     beside the source tree: 4.14, 4.19, 5.4, 5.10, 5.15, no modules)
#
#   sh tests/vm/matrix.sh [CELL...]
#
# A CELL is ARCH (Debian's kernel) or x86_64:VERSION (bzImage-VERSION of the
# kernels dir); without any, all of them (or NETNS_MATRIX_CELLS="...").
# NETNS_VM_KERNELS names another kernels dir. NETNS_MATRIX_JOBS=N runs N
# cells at once (default 1; each VM is one or two busy host threads).
#
# Output: the lines of each cell that are not a PASS (FAIL with its log,
# UNSUPPORTED, SKIP), prefixed with the cell, then the table (Markdown, as
# README keeps it): each cell's results, its wall time including the boot
# and the host's load (printed as each cell starts), and the CPU seconds its
# qemu used (what it costs on a quiet host); then "N passed, N failed,
# N skipped" over all cells. Each cell's whole output is in
# build/matrix/CELL.log. Exit status 1 if a cell failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
kernels=${NETNS_VM_KERNELS:-$top/../shared/kernels}
jobs=${NETNS_MATRIX_JOBS:-1}

# every cell: the five arches, then the old kernels, oldest first
all_cells() {
	echo x86_64 aarch64 armhf mipsel s390x
	for k in "$kernels"/bzImage-*; do
		[ -f "$k" ] && echo "${k##*/bzImage-}"
	done | sort -t. -k1,1n -k2,2n -k3,3n | sed 's/^/x86_64:/'
}

# without the old kernels (a machine without the kernels dir), the cells
# of all of them count as one skip, and say why
no_old_kernels=
if [ $# = 0 ] && [ -z "${NETNS_MATRIX_CELLS:-}" ] &&
   ! ls "$kernels"/bzImage-* >/dev/null 2>&1; then
	no_old_kernels="SKIP x86_64 on the old kernels: no bzImage-VERSION in $kernels (NETNS_VM_KERNELS)"
	echo "$no_old_kernels"
fi
[ $# -gt 0 ] || set -- ${NETNS_MATRIX_CELLS:-$(all_cells)}
cells=$*
mkdir -p build/matrix
log_of() { echo "build/matrix/$(echo "$1" | tr ':/' '--').log"; }

# each arch's binary first, once (cells of one arch must not build at once)
arches=
for cell in $cells; do
	case " $arches " in *" ${cell%%:*} "*) ;; *) arches="$arches ${cell%%:*}" ;; esac
done
for arch in $arches; do
	if ! bin=$(sh tests/vm/run.sh --build --arch "$arch" 2>&1); then
		echo "$bin" | sed "s/^/[$arch] /"
		bin=
	fi
	eval "bin_$arch=\$bin"
done

# run_cell CELL: one VM; its output in the cell's log, then "RC SECONDS"
# in LOG.rc
run_cell() {
	arch=${1%%:*}
	eval "bin=\$bin_$arch"
	set -- "$1" --arch "$arch"
	case $1 in *:*) set -- "$@" --kernel "$kernels/bzImage-${1#*:}" ;; esac
	log=$(log_of "$1")
	start=$(date +%s)
	if [ -n "$bin" ]; then
		shift
		sh tests/vm/run.sh "$@" "$bin" >"$log" 2>&1
	else
		echo "FAIL build: the $arch binary did not build" >"$log"
		false
	fi
	echo "$? $(( $(date +%s) - start ))" >"$log.rc"
}

running=
for cell in $cells; do
	# wait for a free slot
	while :; do
		alive=
		for p in $running; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
		running=$alive
		# shellcheck disable=SC2086
		[ "$(set -- $running; echo $#)" -lt "$jobs" ] && break
		sleep 2
	done
	echo "=== $cell (load $(cut -d' ' -f1-3 /proc/loadavg))"
	rm -f "$(log_of "$cell").rc"
	run_cell "$cell" &
	running="$running $!"
done
wait

total_pass=0 total_fail=0 total_skip=0 total_unsup=0 status=0
table="| kernel | arch | passed | failed | skipped | unsupported | seconds | qemu CPU s |
|---|---|---:|---:|---:|---:|---:|---:|"
for cell in $cells; do
	arch=${cell%%:*}
	log=$(log_of "$cell")
	read -r rc secs <"$log.rc" 2>/dev/null || { rc=1 secs=?; }
	# what is not a PASS: failures with their logs, unsupported, skips
	grep -v '^PASS \|^VMRESULT \|^INFO   ' "$log" | sed "s/^/[$cell] /"
	result=$(sed -n 's/^VMRESULT //p' "$log" | tail -n 1)
	if [ "$rc" = 77 ] || [ -z "$result" ]; then
		why=$(grep '^SKIP vm:\|^FAIL ' "$log" | head -n 1)
		if [ "$rc" = 77 ]; then
			total_skip=$((total_skip + 1))
		else
			total_fail=$((total_fail + 1)) status=1
		fi
		table="$table
| ${cell#*:} | $arch | ${why:-exit $rc} | | | | $secs | |"
		continue
	fi
	# shellcheck disable=SC2086 # ARCH KERNEL PASSED FAILED SKIPPED UNSUPPORTED SECONDS CPU
	set -- $result
	total_pass=$((total_pass + $3)) total_fail=$((total_fail + $4))
	total_skip=$((total_skip + $5)) total_unsup=$((total_unsup + $6))
	[ "$rc" = 0 ] || status=1
	table="$table
| $2 | $1 | $3 | $4 | $5 | $6 | $secs | ${8:-} |"
done

if [ -n "$no_old_kernels" ]; then
	total_skip=$((total_skip + 1))
	table="$table
| 4.14 ... 5.15 | x86_64 | skipped: no kernels in $kernels | | | | | |"
fi
echo "check-matrix ($jobs at once; host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) at the end):"
echo "$table"
[ $total_unsup = 0 ] || echo "$total_unsup unsupported on their kernels"
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
exit $status
