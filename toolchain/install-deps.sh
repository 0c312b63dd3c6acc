#!/bin/sh
# SPDX-License-Identifier: MIT
# toolchain/install-deps.sh: install on Debian (12, bookworm) every package
# that building, testing and cross-building netns needs. Idempotent: what is
# there already is left alone, and a second run changes nothing.
#
#   sh toolchain/install-deps.sh [GROUP...]      (as root; default: all)
#
# Groups:
#   build   make, a C compiler, musl-gcc, the kconfig front ends
#   test    what `make check` runs: iproute2 (the oracle), util-linux
#           (unshare), procps, strace (also the fault injection), file,
#           man-db and groff (manual page), clang and its runtimes (the fuzz
#           targets under ASan and UBSan; make fuzz)
#   cross   what `make cross` and `make check-cross` need: the foreign
#           architectures arm64 armhf mipsel s390x, musl-dev:ARCH (the
#           ARCH-linux-musl-gcc wrappers), gcc-TRIPLET-linux-gnu (the cross
#           compiler those wrappers drive) and qemu-user-static
#   vm      what `make check-vm` and `make check-matrix` need: qemu-system
#           for x86, arm, mips and s390x (-misc), kmod, cpio, and the foreign
#           architectures (the guests' Debian userland and kernels are
#           fetched by tests/vm/run.sh into its cache, never installed)
#   pkg     what `make check-deb` and `make check-glibc` need: dpkg-dev,
#           debhelper, lintian, fakeroot (the .deb), gcc and libc6-dev
#           (glibc, with its static libc.a)
#   all     all of the above
#
# Environment: NETNS_CROSS_ARCHES (default "arm64 armhf mipsel s390x"; the
# names of make check-cross, such as aarch64, work too) trims the cross group
# (not the vm group: it builds and boots all four).
set -eu

# Debian's names; the names of toolchain/arches.sh (aarch64, x86_64) too
arches=
for a in ${NETNS_CROSS_ARCHES:-arm64 armhf mipsel s390x}; do
	case $a in
	aarch64) arches="$arches arm64" ;;
	mips16) arches="$arches mipsel" ;;	# mipsel built with -mips16
	x86_64 | amd64) ;;	# native: the build group has it
	*) arches="$arches $a" ;;
	esac
done

say() { printf 'install-deps: %s\n' "$*"; }

# Debian arch -> the GNU triplet of its gcc-TRIPLET cross compiler
gnu_triplet() {
	case $1 in
	arm64) echo aarch64-linux-gnu ;;
	armhf) echo arm-linux-gnueabihf ;;
	mipsel) echo mipsel-linux-gnu ;;
	s390x) echo s390x-linux-gnu ;;
	*) echo "install-deps: unknown arch $1" >&2; return 1 ;;
	esac
}

pkgs_build="make gcc libc6-dev musl-tools musl-dev kconfig-frontends-nox"
pkgs_test="iproute2 util-linux procps strace file man-db groff-base groff \
	busybox iputils-ping clang libclang-rt-dev"
pkgs_vm="qemu-system-x86 qemu-system-arm qemu-system-mips qemu-system-misc kmod cpio"
pkgs_pkg="dpkg-dev debhelper lintian fakeroot gcc libc6-dev"
pkgs_cross() {
	echo qemu-user-static
	for a in $arches; do
		echo "musl-dev:$a gcc-$(gnu_triplet "$a")"
	done
}

# installed PKG: dpkg knows PKG (name or name:arch) as installed
installed() {
	dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null |
		grep -q '^install ok installed$'
}

[ $# -gt 0 ] || set -- all
want=
for g in "$@"; do
	case $g in
	all) want="$want build test cross vm pkg" ;;
	build | test | cross | vm | pkg) want="$want $g" ;;
	*) echo "usage: $0 [build|test|cross|vm|pkg|all]..." >&2; exit 2 ;;
	esac
done

# the VMs run every arch: the foreign ones and their cross compilers, all four
case " $want " in *" vm "*) arches="arm64 armhf mipsel s390x" ;; esac

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: run as root (apt-get and dpkg need it)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive

need_update=no
case " $want " in *" cross "* | *" vm "*)
	# musl-dev:ARCH and the VMs' packages come from the foreign
	# architecture's package list
	for a in $arches; do
		if ! dpkg --print-foreign-architectures | grep -qx "$a"; then
			say "dpkg --add-architecture $a"
			dpkg --add-architecture "$a"
			need_update=yes
		fi
	done ;;
esac

list=
for g in $want; do
	case $g in
	build) list="$list $pkgs_build" ;;
	test) list="$list $pkgs_test" ;;
	vm) list="$list $pkgs_vm $(pkgs_cross)" ;;
	pkg) list="$list $pkgs_pkg" ;;
	cross) list="$list $(pkgs_cross)" ;;
	esac
done

missing=
for p in $list; do
	installed "$p" || missing="$missing $p"
done
if [ -z "$missing" ] && [ $need_update = no ]; then
	say "everything is installed"
	exit 0
fi
say "apt-get update"
# a mirror in mid-sync fails one index now and then: retry, then go on with
# what was fetched (the install below says if a package is really missing)
apt-get update -qq || { sleep 5; apt-get update -qq; } ||
	say "apt-get update reported errors; trying the install anyway"
if [ -n "$missing" ]; then
	say "apt-get install$missing"
	# shellcheck disable=SC2086 # a list of package names
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
for p in $list; do
	installed "$p" || { echo "install-deps: $p is not installed" >&2; exit 1; }
done
say "done"
