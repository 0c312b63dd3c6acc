#!/bin/sh
# SPDX-License-Identifier: MIT
# The cost in bytes of each applet and feature: configs/defconfig built with
# and without the symbol (x86_64, static, stripped). With --update, writes
# the numbers into the Kconfig prompts ("list (230 bytes)"), as BusyBox
# states its applets' sizes.
#   sh scripts/applet_costs.sh [--update]
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

size_of() {	# size_of CONFIG_FILE
	make -s CONFIG="$1" OUT="$work/out" >/dev/null 2>&1 || return 1
	wc -c < "$work/out/netns"
}

make -s include/generated/Config.applets
full=$(size_of configs/defconfig)
echo "defconfig: $full bytes"
for sym in $(sed -n 's/^CONFIG_\([A-Z_]*\)=y$/\1/p' configs/defconfig); do
	# off: the symbol and what depends on it (kconfig works that out)
	sed "s/^CONFIG_$sym=y\$/# CONFIG_$sym is not set/" configs/defconfig \
		> "$work/cfg"
	KCONFIG_CONFIG="$work/cfg" kconfig-conf --olddefconfig Kconfig >/dev/null
	cost=$(( full - $(size_of "$work/cfg") ))
	echo "$sym: $cost bytes"
	[ "${1:-}" = --update ] || continue
	for f in applets/*.c Kconfig; do
		# the bool prompt right after "config SYM"
		sed -i "/^\(\/\/config:\)\{0,1\}config $sym\$/,/bool/ s/([0-9]* bytes)/($cost bytes)/" "$f"
	done
done
