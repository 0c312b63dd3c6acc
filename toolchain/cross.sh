#!/bin/sh
# SPDX-License-Identifier: MIT
# toolchain/cross.sh (`make cross`): build every shipped config
# (configs/*defconfig) for every architecture, each into
# build/cross/ARCH/CONFIG/netns, and print a size table (config x arch, bytes
# of the static stripped binary).
#
#   sh toolchain/cross.sh [ARCH...]
#
# ARCH is one of x86_64 aarch64 armhf mipsel mips16 s390x (default: all; also
# NETNS_CROSS_ARCHES="..."). Each build is
#   make CROSS_COMPILE=TRIPLET- CONFIG=configs/X OUT=build/cross/ARCH/X
# with Debian's musl wrappers (toolchain/install-deps.sh cross installs them),
# and CFLAGS="-mips16 -minterlink-mips16" for mips16 (toolchain/arches.sh).
# CC, CFLAGS and LDFLAGS from the environment are ignored here so that the
# table shows what the shipped flags give; for your own toolchain call make
# yourself (toolchain/README.md). Exit status 1 if any build failed or a
# toolchain is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. toolchain/arches.sh

unset CC CFLAGS LDFLAGS
[ $# -gt 0 ] || set -- ${NETNS_CROSS_ARCHES:-$ALL_ARCHES}
status=0
configs=$(cd configs && ls -- *defconfig)

mkdir -p build/cross
for arch in "$@"; do
	triplet=$(arch_triplet "$arch") || { status=1; continue; }
	if ! command -v "${triplet}-gcc" >/dev/null 2>&1; then
		echo "cross: no ${triplet}-gcc: run sh toolchain/install-deps.sh cross" >&2
		status=1
		continue
	fi
	for c in $configs; do
		out=build/cross/$arch/$c
		if ! make -s CROSS_COMPILE="$triplet-" CONFIG="configs/$c" OUT="$out" \
				CFLAGS="$(arch_cflags "$arch")" WERROR=-Werror \
				>build/cross/.log 2>&1; then
			echo "cross: $arch $c failed:" >&2
			sed 's/^/    /' build/cross/.log >&2
			rm -f "$out/netns"
			status=1
		fi
	done
done
rm -f build/cross/.log

# the table: one row per config, one column per arch
printf '%-18s' config
for arch in "$@"; do printf ' %8s' "$arch"; done
echo
for c in $configs; do
	printf '%-18s' "$c"
	for arch in "$@"; do
		f=build/cross/$arch/$c/netns
		if [ -f "$f" ]; then
			printf ' %8d' "$(wc -c < "$f")"
		else
			printf ' %8s' -
		fi
	done
	echo
done
exit $status
