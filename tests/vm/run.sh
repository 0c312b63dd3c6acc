#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/vm/run.sh (make check-vm): the integration suite on a real kernel of
# a router CPU, under qemu-system (TCG), with two emulated NICs.
#
#   sh tests/vm/run.sh [--arch ARCH] [--kernel IMAGE] [BINARY]
#   sh tests/vm/run.sh --build --arch ARCH   (build only; print the path)
#
# ARCH is x86_64 (default), aarch64, armhf, mipsel or s390x. Without
# --kernel the VM boots Debian 12's kernel for ARCH (its package fetched with
# apt-get download and unpacked into the cache, never installed; the NIC,
# veth, tun, bridge and macvlan modules go into the initramfs and are loaded
# in dependency order). --kernel IMAGE boots that image instead, which must
# have all of these built in (as those in ../shared/kernels, x86_64). Without
# BINARY the script builds configs/defconfig for ARCH (the native musl-gcc for
# x86_64, ARCH's musl cross compiler for the others, -Werror).
#
# The guest is an initramfs: a Debian 12 userland of ARCH (dash, coreutils,
# util-linux, mount, iproute2, strace, grep, sed, mawk, diffutils, findutils,
# libc-bin (ldconfig) and the libraries they need, unpacked from their
# .debs), busybox-static of ARCH for /init's chores (its applets come last in PATH), the binary, and
# tests/run.sh with tests/lib.sh, tests/integration/*.sh and tests/vm/nic.sh
# (NETNS_VM_TESTS replaces that list). The guest runs tests/run.sh exactly as
# `make check` does, each test in its sandbox; the NIC tests (tests/vm/nic.sh)
# get the guest's two NICs. Differential tests (tests/diff) stay on the host:
# they need the host's iproute2 as the oracle.
#
# Output: the suite's lines as the guest prints them, "INFO ..." lines, then
# "N unsupported on this kernel" when a test said so, and the closing line
# "N passed, N failed, N skipped". The last line before it,
#   VMRESULT ARCH KERNEL PASSED FAILED SKIPPED UNSUPPORTED SECONDS CPU
# (the VM's wall time, and the CPU seconds qemu used) is for matrix.sh.
# Exit status: 0 no failure; 1 a failure; 2 bad usage; 77 skipped as a whole
# (no qemu, no kernel to be had, ...), said why.
#
# Nothing leaves the VM: user-mode networking with restrict=on, and the NICs
# never get an address. Nothing is installed on the host unless it is missing
# and we are root: then apt-get installs qemu-system-*, kmod, cpio.
#
# Environment:
#   NETNS_VM_CACHE    cache dir (default /var/cache/netns-vm as root, else
#                     ${XDG_CACHE_HOME:-~/.cache}/netns-vm)
#   NETNS_VM_TIMEOUT  seconds before the VM is killed (default 2400)
#   NETNS_VM_TESTS    test files to run in the guest, relative to the top
#   NETNS_VM_SMP      CPUs of the VM (default: 2 where the kernel has SMP)
#   NETNS_VM_VERBOSE=1  also print the whole serial console
#   NETNS_VM_KEEP=1   keep the work dir (initramfs, console log)

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
vm_timeout=${NETNS_VM_TIMEOUT:-2400}

# The guest's userland: these Debian packages and every library package
# they need (found by apt-cache, cached per arch).
# libc-bin: ldconfig, run at boot; without its cache ld.so tries every
# hwcaps dir for each library (on s390x some 250 failed calls per exec).
guest_tools="dash coreutils util-linux mount iproute2 strace grep sed mawk diffutils findutils libc-bin"
# Modules loaded when the kernel has them (the NIC's come from arch_setup).
test_modules="veth tun bridge macvlan"

say() { printf '%s\n' "$*"; }
note() { printf 'vm: %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" -eq 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

# Skip the whole run: one SKIP line, the closing line, exit 77.
skip_all() {
	say "SKIP vm: $*"
	say "0 passed, 0 failed, 1 skipped"
	exit 77
}

# The run cannot start for a reason that is the tested binary's fault.
fail_all() {
	say "FAIL $1: $2"
	say "0 passed, 1 failed, 0 skipped"
	exit 1
}

usage() {
	say "usage: sh tests/vm/run.sh [--arch x86_64|aarch64|armhf|mipsel|s390x] [--kernel IMAGE] [BINARY]" >&2
	exit 2
}

# --------------------------------------------------------------- args ----

arch=x86_64 kernel_image= netns_bin= build_only=no
while [ $# -gt 0 ]; do
	case $1 in
	--build) build_only=yes; shift ;;
	--arch) [ $# -ge 2 ] || usage; arch=$2; shift 2 ;;
	--kernel) [ $# -ge 2 ] || usage; kernel_image=$2; shift 2 ;;
	-h | --help) usage ;;
	-*) usage ;;
	*) [ -z "$netns_bin" ] || usage; netns_bin=$1; shift ;;
	esac
done
if [ -n "$kernel_image" ]; then
	[ -f "$kernel_image" ] || { say "run.sh: no such kernel image: $kernel_image" >&2; exit 2; }
	kernel_image=$(cd "$(dirname "$kernel_image")" && pwd)/$(basename "$kernel_image")
fi

# arch_setup ARCH: what qemu, Debian and the ELF header call it.
#   deb_arch   Debian's name;  qemu, qemu_pkg  the emulator and its package
#   machine    qemu's board and CPU;  console  the kernel's serial console
#   kernel_meta  Debian's package that depends on the current kernel
#   nic_model  qemu's NIC;  nic_modules  its drivers (dependencies by modinfo)
#   elf        class (1 = 32, 2 = 64 bit), data (1 = LE, 2 = BE), e_machine
#   mem        MiB of RAM;  smp  CPUs where the kernel has SMP
arch_setup() {
	case $1 in
	x86_64)
		deb_arch=amd64 qemu=qemu-system-x86_64 qemu_pkg=qemu-system-x86
		machine="-M pc -cpu max" console=ttyS0
		kernel_meta=linux-image-cloud-amd64
		nic_model=virtio-net-pci nic_modules="virtio_pci virtio_net"
		elf="2 1 62" mem=512 smp=2 ;;
	aarch64)
		deb_arch=arm64 qemu=qemu-system-aarch64 qemu_pkg=qemu-system-arm
		machine="-M virt -cpu cortex-a57" console=ttyAMA0
		kernel_meta=linux-image-arm64
		nic_model=virtio-net-pci nic_modules="virtio_pci virtio_net"
		elf="2 1 183" mem=512 smp=2 ;;
	armhf)
		deb_arch=armhf qemu=qemu-system-arm qemu_pkg=qemu-system-arm
		machine="-M virt,highmem=off -cpu cortex-a15" console=ttyAMA0
		kernel_meta=linux-image-armmp
		nic_model=virtio-net-pci nic_modules="virtio_pci virtio_net"
		elf="1 1 40" mem=512 smp=2 ;;
	mipsel)
		# Malta: the first NIC is the board's own pcnet, the second a
		# pcnet on its PCI bus; 256 MiB is all the board maps without
		# highmem. The 4kc-malta kernel has no SMP.
		deb_arch=mipsel qemu=qemu-system-mipsel qemu_pkg=qemu-system-mips
		machine="-M malta -cpu 4KEc" console=ttyS0
		kernel_meta=linux-image-4kc-malta
		nic_model=pcnet nic_modules="pcnet32"
		elf="1 1 8" mem=256 smp=1 ;;
	s390x)
		deb_arch=s390x qemu=qemu-system-s390x qemu_pkg=qemu-system-misc
		machine="-M s390-ccw-virtio" console=ttysclp0
		kernel_meta=linux-image-s390x
		nic_model=virtio-net-ccw nic_modules="virtio_net"
		elf="2 2 22" mem=512 smp=2 ;;
	*) say "run.sh: unknown arch $1 (x86_64 aarch64 armhf mipsel s390x)" >&2; exit 2 ;;
	esac
}
arch_setup "$arch"

# ------------------------------------------------------------- binary ----

# No BINARY: build defconfig for ARCH, as make check and make check-cross do.
build_binary() {
	. "$top/toolchain/arches.sh"
	if [ "$arch" = x86_64 ] && [ "$(uname -m)" = x86_64 ]; then
		out=build/check
		set --
	else
		triplet=$(arch_triplet "$arch") || exit 2
		have "$triplet-gcc" ||
			skip_all "no $triplet-gcc to build the $arch binary (sh toolchain/install-deps.sh cross)"
		out=build/cross/$arch/check
		set -- CROSS_COMPILE="$triplet-"
	fi
	mkdir -p "$top/$out"
	if ! make -s -C "$top" "$@" CONFIG=configs/defconfig OUT="$out" \
			WERROR=-Werror >"$top/$out.vm-build.log" 2>&1; then
		sed 's/^/    | /' "$top/$out.vm-build.log"
		fail_all build "the $arch build of configs/defconfig failed"
	fi
	netns_bin=$top/$out/netns
}
[ -n "$netns_bin" ] || build_binary
[ $build_only = no ] || { echo "$netns_bin"; exit 0; }
[ -f "$netns_bin" ] || { say "run.sh: no such file: $netns_bin" >&2; exit 2; }

# The guest has no musl: the binary must be static, of ARCH. Read the ELF
# header with od (no file(1) or readelf needed): EI_CLASS @4, EI_DATA @5,
# e_machine @18; the program headers at e_phoff (@32 or @28), e_phentsize
# (@54 or @42) apart, e_phnum (@56 or @44) of them; PT_INTERP (3) = dynamic.
# read_uint FILE OFFSET BYTES: an unsigned number in the file's byte order
read_uint() {
	od -An -t u1 -j "$2" -N "$3" "$1" | awk -v be="$elf_be" '{
		for (i = 1; i <= NF; i++) b[n++] = $i }
		END { v = 0; for (i = 0; i < n; i++) v = v * 256 + (be ? b[i] : b[n - 1 - i]); print v }'
}
check_static_elf() {
	set -- $elf
	[ "$(od -An -c -N 4 "$netns_bin" | tr -d ' ')" = '177ELF' ] ||
		fail_all netns_binary "$netns_bin is not an ELF binary"
	elf_be=0
	[ "$(read_uint "$netns_bin" 5 1)" = 2 ] && elf_be=1
	[ "$(read_uint "$netns_bin" 4 1)" = "$1" ] && [ $((elf_be + 1)) = "$2" ] &&
		[ "$(read_uint "$netns_bin" 18 2)" = "$3" ] ||
		fail_all netns_binary "$netns_bin is not an $arch binary (class $(read_uint "$netns_bin" 4 1), data $(read_uint "$netns_bin" 5 1), e_machine $(read_uint "$netns_bin" 18 2))"
	if [ "$1" = 2 ]; then
		phoff=$(read_uint "$netns_bin" 32 8) phentsize=$(read_uint "$netns_bin" 54 2)
		phnum=$(read_uint "$netns_bin" 56 2)
	else
		phoff=$(read_uint "$netns_bin" 28 4) phentsize=$(read_uint "$netns_bin" 42 2)
		phnum=$(read_uint "$netns_bin" 44 2)
	fi
	i=0
	while [ "$i" -lt "$phnum" ]; do
		[ "$(read_uint "$netns_bin" $((phoff + i * phentsize)) 4)" = 3 ] &&
			fail_all netns_binary "$netns_bin is dynamically linked (PT_INTERP); the guest has no musl"
		i=$((i + 1))
	done
}
check_static_elf

# -------------------------------------------------------------- cache ----

if [ -n "${NETNS_VM_CACHE:-}" ]; then
	cache=$NETNS_VM_CACHE
elif is_root; then
	cache=/var/cache/netns-vm
else
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/netns-vm
fi
mkdir -p "$cache/debs" "$cache/$deb_arch" || skip_all "cannot create cache dir $cache"

# ----------------------------------------------------- Debian packages ----

apt_updated=no
apt_update_once() {
	[ $apt_updated = yes ] && return 0
	apt_updated=yes
	note "apt-get update"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$cache/apt.log" 2>&1
}

ensure_host_tools() {
	pairs="$qemu:$qemu_pkg modinfo:kmod depmod:kmod cpio:cpio gzip:gzip \
dpkg-deb:dpkg timeout:coreutils od:coreutils"
	missing=
	for pair in $pairs; do
		have "${pair%%:*}" || missing="$missing ${pair#*:}"
	done
	if [ -n "$missing" ] && is_root && have apt-get; then
		note "installing:$missing"
		apt_update_once
		# shellcheck disable=SC2086  # a list of package names
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $missing >>"$cache/apt.log" 2>&1 ||
			note "apt-get install failed, see $cache/apt.log"
	fi
	for pair in $pairs; do
		have "${pair%%:*}" && continue
		skip_all "no ${pair%%:*} (Debian package ${pair#*:}; sh toolchain/install-deps.sh vm)"
	done
	dpkg --print-foreign-architectures 2>/dev/null | grep -qx "$deb_arch" ||
		[ "$deb_arch" = "$(dpkg --print-architecture 2>/dev/null)" ] ||
		skip_all "dpkg does not know the architecture $deb_arch (sh toolchain/install-deps.sh vm)"
}

# The .deb of package $1 (for $deb_arch) in the cache, or nothing.
cached_deb() {
	for f in "$cache/debs/$1_"*"_$deb_arch.deb" "$cache/debs/$1_"*_all.deb; do
		[ -e "$f" ] && last=$f
	done
	echo "${last:-}"
	last=
}

# apt_download PKG...: fetch the .debs of ARCH into the cache, one apt call
apt_download() {
	have apt-get || return 1
	dl=$(mktemp -d "$cache/debs/.dl.XXXXXX") || return 1
	names=
	for p in "$@"; do names="$names $p:$deb_arch"; done
	note "apt-get download$names"
	# as root, apt's _apt user could not write into our cache dir
	# shellcheck disable=SC2086
	if ! (cd "$dl" && apt-get download -o APT::Sandbox::User="$(id -un)" $names) \
			>>"$cache/apt.log" 2>&1; then
		is_root && apt_update_once &&
			(cd "$dl" && apt-get download -o APT::Sandbox::User="$(id -un)" $names) \
			>>"$cache/apt.log" 2>&1
	fi
	mv "$dl"/*.deb "$cache/debs/" 2>/dev/null
	rm -rf "$dl"
}

# The package names of the guest's userland: the tools and, level by level
# (one apt-cache call each: it takes seconds), every lib* package they
# depend on. Kept in the cache with the tool list it was made for.
guest_packages() {
	list=$cache/$deb_arch/packages
	if [ -s "$list" ] && [ "$(head -n 1 "$list")" = "# $guest_tools" ]; then
		tail -n +2 "$list"
		return 0
	fi
	have apt-cache || return 1
	all=" $guest_tools busybox-static "
	level=$guest_tools
	while [ -n "$level" ]; do
		args=
		for p in $level; do args="$args $p:$deb_arch"; done
		# shellcheck disable=SC2086
		deps=$(apt-cache depends --no-recommends --no-suggests \
			--no-conflicts --no-breaks --no-replaces --no-enhances $args \
			2>/dev/null | awk '$1 ~ /^\|?(Pre)?Depends:$/ { print $2 }' |
			sed "s/:$deb_arch\$//" | grep -E '^(lib|zlib)' | sort -u)
		level=
		for d in $deps; do
			case $all in *" $d "*) ;; *) all="$all$d " level="$level $d" ;; esac
		done
	done
	case $all in *" libc6 "*) ;; *) return 1 ;; esac	# apt knew nothing
	{ echo "# $guest_tools"; printf '%s\n' $all; } >"$list.tmp" && mv "$list.tmp" "$list"
	tail -n +2 "$list"
}

# The guest's userland as a gzipped cpio, made once per arch and package set:
# $cache/ARCH/userland.cpio.gz. Docs, locales and gconv are left out.
get_userland() {
	pkgs=$(guest_packages) || {
		is_root && apt_update_once && pkgs=$(guest_packages)
	} || skip_all "apt knows no packages of $deb_arch (apt-get update; sh toolchain/install-deps.sh vm)"
	missing=
	for p in $pkgs; do [ -n "$(cached_deb "$p")" ] || missing="$missing $p"; done
	# shellcheck disable=SC2086
	[ -z "$missing" ] || apt_download $missing
	stamp=
	for p in $pkgs; do
		deb=$(cached_deb "$p")
		[ -n "$deb" ] || skip_all "cannot download $p:$deb_arch (see $cache/apt.log)"
		stamp="$stamp ${deb##*/}"
	done
	userland=$cache/$deb_arch/userland.cpio.gz
	[ -s "$userland" ] && [ "$(cat "$userland.debs" 2>/dev/null)" = "$stamp" ] && return 0
	note "unpacking the $deb_arch userland"
	tree=$cache/$deb_arch/root
	rm -rf "$tree" && mkdir -p "$tree" || skip_all "cannot create $tree"
	for deb in $stamp; do
		dpkg-deb -x "$cache/debs/$deb" "$tree" || skip_all "dpkg-deb -x $deb failed"
	done
	(cd "$tree" && rm -rf usr/share/doc usr/share/man usr/share/info \
		usr/share/locale usr/share/lintian usr/share/bash-completion \
		usr/lib/*/gconv usr/include var)
	# usrmerge is not in these packages: some links point across
	[ -e "$tree/bin/sh" ] || ln -s dash "$tree/bin/sh"
	(cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 >"$userland.tmp" || skip_all "cpio of the userland failed"
	mv "$userland.tmp" "$userland" && printf '%s' "$stamp" >"$userland.debs"
	rm -rf "$tree"
}

# The kernel: Debian's current one for ARCH, fetched and unpacked into the
# cache (one per arch kept), with a modules.dep made by depmod. Sets
# vmlinuz, kernel_root, kernel_release (empty for --kernel: no modules).
get_kernel() {
	if [ -n "$kernel_image" ]; then
		vmlinuz=$kernel_image kernel_root= kernel_release=
		return 0
	fi
	pkg=${NETNS_VM_KERNEL_PACKAGE:-}
	if [ -z "$pkg" ] && have apt-cache; then
		pkg=$(apt-cache depends "$kernel_meta:$deb_arch" 2>/dev/null |
			awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
		pkg=${pkg%:"$deb_arch"}
	fi
	if [ -z "$pkg" ]; then	# no package lists: the one cached
		for d in "$cache/$deb_arch/linux-image-"*; do [ -d "$d" ] && pkg=${d##*/}; done
	fi
	[ -n "$pkg" ] || skip_all "no kernel: apt knows no $kernel_meta:$deb_arch and none is cached"
	kernel_root=$cache/$deb_arch/$pkg
	if [ ! -e "$kernel_root/.complete" ]; then
		[ -n "$(cached_deb "$pkg")" ] || apt_download "$pkg"
		deb=$(cached_deb "$pkg")
		[ -n "$deb" ] || skip_all "cannot download $pkg:$deb_arch (see $cache/apt.log)"
		note "unpacking ${deb##*/}"
		rm -rf "$kernel_root"
		dpkg-deb -x "$deb" "$kernel_root" || skip_all "dpkg-deb -x $deb failed"
		touch "$kernel_root/.complete"
	fi
	kernel_release=
	for d in "$kernel_root/lib/modules/"*; do [ -d "$d" ] && kernel_release=${d##*/}; done
	vmlinuz=$kernel_root/boot/vmlinuz-$kernel_release
	[ -f "$vmlinuz" ] || skip_all "$pkg has no /boot/vmlinuz-$kernel_release"
	if [ ! -e "$kernel_root/lib/modules/$kernel_release/modules.dep" ]; then
		depmod -b "$kernel_root" "$kernel_release" ||
			skip_all "depmod failed for $kernel_release"
	fi
	# one kernel per arch: drop those a newer package replaced
	for old in "$cache/$deb_arch/linux-image-"*; do
		[ "$old" = "$kernel_root" ] || [ ! -e "$old" ] || {
			note "removing old cached kernel ${old##*/}"
			rm -rf "$old" "$cache/debs/${old##*/}_"*
		}
	done
}

# ------------------------------------------------------------ modules ----

# Print the .ko files that module $1 needs, then $1's own, each once,
# dependencies first (depth first over `modinfo -F depends`). Built-in
# modules have no file and are left out. Returns 1 if there is no $1.
modules_in_load_order() {
	case " $seen_modules " in *" $1 "*) return 0 ;; esac
	seen_modules="$seen_modules $1"
	modinfo -b "$kernel_root" -k "$kernel_release" -F filename "$1" >/dev/null 2>&1 ||
		return 1
	for dep in $(modinfo -b "$kernel_root" -k "$kernel_release" -F depends "$1" | tr ',' ' '); do
		modules_in_load_order "$dep" || return 1
	done
	file=$(modinfo -b "$kernel_root" -k "$kernel_release" -F filename "$1")
	case $file in /*) echo "$file" ;; esac	# "(builtin)" needs no loading
}

# An uncompressed copy of a module (busybox insmod reads no compressed ones).
copy_module() {
	case $1 in
	*.ko) cp "$1" "$2" ;;
	*.ko.xz) xz -dc "$1" >"$2" ;;
	*.ko.zst) zstd -qdc "$1" >"$2" ;;
	*.ko.gz) gzip -dc "$1" >"$2" ;;
	*) return 1 ;;
	esac
}

# Into $1/modules as NN-name.ko: the NIC drivers (required) and the test
# modules the kernel has (the tests say what is missing).
add_modules() {
	[ -n "$kernel_release" ] || return 0
	seen_modules= n=10
	for want in $nic_modules $test_modules; do
		if ! modules_in_load_order "$want" >"$work/order"; then
			case " $nic_modules " in *" $want "*)
				skip_all "kernel $kernel_release has no module $want for its NICs" ;;
			esac
			note "kernel $kernel_release has no module $want"
			continue
		fi
		while read -r ko; do
			name=${ko##*/}; name=${name%%.ko*}
			copy_module "$ko" "$1/modules/$n-$name.ko" ||
				skip_all "cannot unpack module $ko"
			n=$((n + 1))
		done <"$work/order"
	done
}

# ---------------------------------------------------------- initramfs ----

# The run's own part of the initramfs, appended to the cached userland (the
# kernel unpacks a concatenation of compressed cpio archives in order).
build_initramfs() {
	root=$work/overlay
	mkdir -p "$root/dev" "$root/proc" "$root/sys" "$root/run" "$root/tmp" \
		"$root/var" "$root/etc" "$root/modules" "$root/bb" "$root/src/tests" \
		"$root/src/configs" "$root/opt/netns"
	ln -s ../run "$root/var/run"
	ln -s ../tmp "$root/var/tmp"
	cp "$netns_bin" "$root/opt/netns/netns" && chmod 755 "$root/opt/netns/netns"
	cp "$here/init.sh" "$root/init" && chmod 755 "$root/init"
	# the users the tests drop to, and the files exec binds over
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
	: >"$root/etc/resolv.conf"
	printf '127.0.0.1 localhost\n' >"$root/etc/hosts"
	cp "$top/tests/run.sh" "$top/tests/lib.sh" "$root/src/tests/"
	cp "$top/configs/defconfig" "$root/src/configs/"
	tests=${NETNS_VM_TESTS:-$(cd "$top" && echo tests/integration/*.sh tests/vm/nic.sh)}
	for t in $tests; do
		mkdir -p "$root/src/${t%/*}" && cp "$top/$t" "$root/src/$t" ||
			skip_all "no test file $t"
	done
	echo "$tests" >"$root/src/tests.list"
	add_modules "$root"
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 >"$work/overlay.cpio.gz"
	cat "$userland" "$work/overlay.cpio.gz" >"$work/initramfs.gz"
}

# ---------------------------------------------------------------- boot ----

# children_cpu FILE: the children's user + system seconds in `times` output
children_cpu() {
	tail -n 1 "$1" | awk '{ t = 0; for (i = 1; i <= 2; i++) {
		split($i, p, /[ms]/); t += p[1] * 60 + p[2] } print int(t) }'
}

boot_vm() {
	cpus=${NETNS_VM_SMP:-$smp}
	# the old kernels of ../shared/kernels are uniprocessor
	[ -n "$kernel_image" ] && [ -z "${NETNS_VM_SMP:-}" ] && cpus=1
	note "booting ${kernel_image:-$kernel_release} ($arch, $cpus CPU, TCG, timeout ${vm_timeout}s)"
	started=$(date +%s)
	times >"$work/times0"
	# -nic user,restrict=on: user-mode networking cut off from the host
	# and the world; the tests never give the NICs an address anyway.
	# -nic takes the NICs qemu knows as network cards (the board's own
	# first, on Malta); virtio-net-ccw is only a -device
	case $nic_model in
	virtio-net-ccw)
		nics="-netdev user,id=n0,restrict=on -device $nic_model,netdev=n0"
		nics="$nics -netdev user,id=n1,restrict=on -device $nic_model,netdev=n1" ;;
	*) nics="-nic user,restrict=on,model=$nic_model -nic user,restrict=on,model=$nic_model" ;;
	esac
	# shellcheck disable=SC2086  # $machine and $nics are lists of arguments
	timeout "$vm_timeout" "$qemu" -accel tcg $machine -m "$mem" -smp "$cpus" \
		-nographic -no-reboot -kernel "$vmlinuz" -initrd "$work/initramfs.gz" \
		-append "console=$console quiet panic=-1 netns_vm_arch=$arch" \
		$nics </dev/null >"$work/console.raw" 2>&1 &
	qemu_job=$!
	# the suite's lines as they come (the guest prefixes them with VMTEST);
	# a read loop, as sed or tr would hold them in a pipe's buffer
	cr=$(printf '\r')
	last=$started
	: >"$work/times"
	tail -n +1 -f --pid=$qemu_job "$work/console.raw" 2>/dev/null |
		while IFS= read -r l; do
			case $l in *'VMTEST '*) l=${l#*VMTEST } ;; *) continue ;; esac
			l=${l%"$cr"}
			# the guest's closing lines: report() prints the VM's own
			case $l in
			DONE | [0-9]*' passed, '*' failed, '* | [0-9]*' unsupported on '*) ;;
			*) say "$l" ;;
			esac
			# how long each test took (from the line before)
			case $l in PASS\ * | FAIL\ * | SKIP\ * | UNSUPPORTED\ *)
				now=$(date +%s)
				echo "$((now - last)) ${l#* }" >>"$work/times"
				last=$now ;;
			esac
		done
	wait $qemu_job
	qemu_status=$?
	vm_seconds=$(( $(date +%s) - started ))
	# the CPU time of qemu (the children's, as `times` gives it): what the
	# run costs on a quiet host, where vm_seconds moves with the load
	times >"$work/times1"
	vm_cpu=$(( $(children_cpu "$work/times1") - $(children_cpu "$work/times0") ))
	tr -d '\r' <"$work/console.raw" | sed 's/^.*\(VMTEST \)/\1/' >"$work/console.log"
}

# -------------------------------------------------------------- report ----

report() {
	[ "${NETNS_VM_VERBOSE:-}" = 1 ] && sed 's/^/console: /' "$work/console.log"
	passed=$(grep -c '^VMTEST PASS ' "$work/console.log")
	failed=$(grep -c '^VMTEST FAIL ' "$work/console.log")
	skipped=$(grep -c '^VMTEST SKIP ' "$work/console.log")
	unsupported=$(grep -c '^VMTEST UNSUPPORTED ' "$work/console.log")
	release=$(sed -n 's/^VMTEST INFO kernel \([^ ]*\).*/\1/p' "$work/console.log" | head -n 1)
	if ! grep -q '^VMTEST DONE' "$work/console.log"; then
		case $qemu_status in
		124) why="killed after ${vm_timeout}s" ;;
		*) why="qemu exit $qemu_status" ;;
		esac
		say "FAIL vm_finished: the guest did not finish ($why); last console lines:"
		tail -n 15 "$work/console.log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
	if [ $((passed + failed + unsupported)) -eq 0 ]; then
		say "FAIL vm_results: no results on the console"
		failed=1
	fi
	say "INFO vm ran ${vm_seconds}s (qemu used ${vm_cpu}s of CPU, load $(cut -d' ' -f1 /proc/loadavg)); console log: $log_copy; slowest tests (s):"
	sort -rn "$work/times" | head -n 5 | sed 's/^/INFO   /'

	say "VMRESULT $arch ${release:-?} $passed $failed $skipped $unsupported $vm_seconds $vm_cpu"
	[ "$unsupported" -eq 0 ] || say "$unsupported unsupported on this kernel"
	say "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}

# ---------------------------------------------------------------- main ----

# one run at a time fills the cache (flock is util-linux's)
if have flock; then
	exec 9>"$cache/.lock"
	flock 9
fi
ensure_host_tools
get_kernel
get_userland
exec 9>&-

work=$(mktemp -d "${TMPDIR:-/tmp}/netns-vm.XXXXXX")
if [ "${NETNS_VM_KEEP:-}" = 1 ]; then
	note "keeping $work"
else
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM

build_initramfs
boot_vm
log_copy=$cache/$deb_arch/last-console${kernel_image:+-${kernel_image##*/}}.log
cp "$work/console.log" "$log_copy"
report
