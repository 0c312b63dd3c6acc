#!/bin/sh
# SPDX-License-Identifier: MIT
# The cost in bytes of each applet and feature: configs/defconfig built with
# and without the symbol (x86_64, static, stripped). With --update, writes
# them into the Kconfig prompts rounded to a tenth of a kb ("list (1.8
# kb)"), as BusyBox states its applets' sizes: a change of a few bytes
# leaves the prompts as they are.
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
	kb=$(awk -v b="$cost" 'BEGIN { printf "%.1f", b / 1024 }')
	echo "$sym: $cost bytes ($kb kb)"
	[ "${1:-}" = --update ] || continue
	for f in applets/*.c Kconfig; do
		# the bool prompt right after "config SYM"
		sed -i "/^\(\/\/config:\)\{0,1\}config $sym\$/,/bool/ s/([0-9.]* kb)/($kb kb)/" "$f"
	done
done
