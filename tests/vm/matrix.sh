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
# NETNS_VM_KERNELS names another kernels dir.
#
# Output: the lines of each cell that are not a PASS (FAIL with its log,
# UNSUPPORTED, SKIP), prefixed with the cell, then the table (Markdown, as
# README keeps it) with each cell's wall time, including its build, and the
# CPU seconds its qemu used (what it costs on a quiet host; the wall time
# moves with the load, printed before each cell), then "N passed, N failed, N skipped" over all cells.
# Each cell's whole output is in build/matrix/CELL.log. Exit status 1 if a
# cell failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
kernels=${NETNS_VM_KERNELS:-$top/../shared/kernels}

# every cell: the five arches, then the old kernels, oldest first
all_cells() {
	echo x86_64 aarch64 armhf mipsel s390x
	for k in "$kernels"/bzImage-*; do
		[ -f "$k" ] && echo "x86_64:${k##*/bzImage-}"
	done | sort -t. -k1,1n -k2,2n -k3,3n
}

[ $# -gt 0 ] || set -- ${NETNS_MATRIX_CELLS:-$(all_cells)}
mkdir -p build/matrix
total_pass=0 total_fail=0 total_skip=0 total_unsup=0 status=0
table="| kernel | arch | passed | failed | skipped | unsupported | seconds | qemu CPU s |
|---|---|---:|---:|---:|---:|---:|---:|"

for cell in "$@"; do
	arch=${cell%%:*}
	set -- --arch "$arch"
	case $cell in
	*:*)
		image=$kernels/bzImage-${cell#*:}
		set -- "$@" --kernel "$image" ;;
	esac
	log=build/matrix/$(echo "$cell" | tr ':/' '--').log
	echo "=== $cell (load $(cut -d' ' -f1-3 /proc/loadavg))"
	start=$(date +%s)
	sh tests/vm/run.sh "$@" >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	# what is not a PASS: failures with their logs, unsupported, skips
	grep -v '^PASS \|^VMRESULT ' "$log" | sed "s/^/[$cell] /"
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

echo "check-matrix (host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) at the end):"
echo "$table"
[ $total_unsup = 0 ] || echo "$total_unsup unsupported on their kernels"
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
exit $status
