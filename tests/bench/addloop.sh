#!/bin/sh
# SPDX-License-Identifier: MIT
# addloop.sh N CMD...: `CMD add aI` for I = 0 .. N-1, stopping at the
# first failure; the timed unit of the add benchmark, the same shell loop
# for both tools.
n=$1
shift
i=0
while [ $i -lt "$n" ]; do
	"$@" add "a$i" || exit 1
	i=$((i + 1))
done
