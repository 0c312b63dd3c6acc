# SPDX-License-Identifier: MIT
# Sourced by toolchain/cross.sh and tests/cross/run.sh: the architectures
# netns is cross-built for, with the prefix of Debian's musl gcc wrapper
# (package musl-dev:DEBARCH) and the qemu-user binary that runs it.
ALL_ARCHES="x86_64 aarch64 armhf mipsel s390x"

# arch_triplet ARCH: the CROSS_COMPILE prefix (without the trailing -)
arch_triplet() {
	case $1 in
	x86_64 | amd64) echo x86_64-linux-musl ;;
	aarch64 | arm64) echo aarch64-linux-musl ;;
	armhf | arm) echo arm-linux-musleabihf ;;
	mipsel | mips16) echo mipsel-linux-musl ;;
	s390x) echo s390x-linux-musl ;;
	*) echo "unknown arch $1 (one of $ALL_ARCHES)" >&2; return 1 ;;
	esac
}

# arch_qemu ARCH: the qemu-user-static binary for ARCH
arch_qemu() {
	case $1 in
	aarch64 | arm64) echo qemu-aarch64-static ;;
	armhf | arm) echo qemu-arm-static ;;
	mipsel | mips16) echo qemu-mipsel-static ;;
	s390x) echo qemu-s390x-static ;;
	x86_64 | amd64) echo qemu-x86_64-static ;;
	*) echo "unknown arch $1 (one of $ALL_ARCHES)" >&2; return 1 ;;
	esac
}

# arch_cflags ARCH: the compiler flags that make ARCH of its triplet
arch_cflags() {
	case $1 in
	mips16) echo "-mips16 -minterlink-mips16" ;;
	esac
}
