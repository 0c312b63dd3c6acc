#!/bin/sh
# SPDX-License-Identifier: MIT
# The C compiler that unit tests find (as musl-gcc, cc, gcc) during
# make check-cross: the cross compiler, linking statically; a program it
# links becomes PROG.ARCH plus a script PROG that runs it under qemu-user,
# so a test that builds a driver and runs ./driver needs no change.
# tests/cross/run.sh installs it with @CROSS_CC@ and @QEMU@ filled in.
cross_cc=@CROSS_CC@
cflags="@CFLAGS@"	# the arch's own (mips16: -mips16 -minterlink-mips16)
qemu=@QEMU@
arch=@ARCH@

link=yes
out=
prev=
n=$#
for a in "$@"; do
	case $a in -c | -S | -E | -M | -MM | --version | -v | -dumpmachine | \
		-dumpversion | -print-*) link=no ;; esac
	if [ "$prev" = -o ]; then
		out=$a
		a=$a.$arch
	else
		case $a in -o?*) out=${a#-o}; a=-o$out.$arch ;; esac
	fi
	set -- "$@" "$a"
	prev=$a
done
shift $n
# shellcheck disable=SC2086 # flags, one word each
[ $link = yes ] || exec "$cross_cc" $cflags "$@"
if [ -z "$out" ]; then
	out=a.out
	set -- "$@" -o "a.out.$arch"
fi
# shellcheck disable=SC2086
"$cross_cc" $cflags -static "$@" || exit
case $out in /*) abs=$out ;; *) abs=$(pwd)/$out ;; esac
[ -f "$abs.$arch" ] || exit 0
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$qemu" "$abs.$arch" > "$out" &&
	chmod +x "$out"
