#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the libFuzzer targets (tests/fuzz/fuzz_*.c) into OUT_DIR with
# Debian's clang: -fsanitize=fuzzer,address,undefined, every UBSan finding
# fatal. Each target is its harness and the sources of libbb-lite it does
# not #include itself (a harness includes a .c file to reach its static
# functions). The config is configs/defconfig (every feature). Sanitizers
# need glibc, which builds the sources as musl does.
#
#   sh tests/fuzz/build.sh OUT_DIR [TARGET...]      exit 77: no clang
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: tests/fuzz/build.sh OUT_DIR [TARGET...]}
shift
cc=${FUZZ_CC:-clang}
command -v "$cc" >/dev/null 2>&1 || { echo "no $cc: cannot build the fuzz targets"; exit 77; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
make -s -C "$top" CONFIG=configs/defconfig OUT="$out" \
	"$out/include/generated/autoconf.h"
[ $# -gt 0 ] || set -- $(cd "$top/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
for t in "$@"; do
	harness="$top/tests/fuzz/fuzz_$t.c"
	srcs=
	for s in "$top"/libbb-lite/*.c; do
		grep -q "^#include \"\.\./\.\./libbb-lite/${s##*/}\"" "$harness" ||
			srcs="$srcs $s"
	done
	# shellcheck disable=SC2086 # a list of sources
	"$cc" -g -O1 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$out/include/generated" -I"$top/include/generated" \
		-I"$top/libbb-lite" -I"$top" -o "$out/fuzz_$t" "$harness" $srcs
done
