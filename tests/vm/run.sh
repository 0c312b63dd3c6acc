#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/vm/run.sh: prove netns's safe delete on a real kernel with a real NIC.
#
# Usage: sh tests/vm/run.sh PATH/TO/STATIC/netns
#
# Boots Debian's cloud kernel under qemu (TCG, no KVM) with two virtio-net
# NICs on user-mode networking (restrict=on: nothing leaves the VM), from an
# initramfs holding a static busybox, the netns binary and tests/vm/init.sh as
# /init. The guest prints "VMTEST PASS|FAIL|INFO ..." lines on the serial
# console; this script turns them into one line per check and a closing line
# "N passed, N failed, N skipped".
#
# Exit status: 0 all checks passed; 1 a check failed; 2 bad usage;
# 77 skipped as a whole (no qemu, no kernel to be had, ...).
#
# Nothing is installed on the host unless it is missing and we are root: then
# apt-get installs qemu-system-x86, kmod, cpio (DEBIAN_FRONTEND=noninteractive).
# The kernel and busybox-static are never installed: `apt-get download` fetches
# their .deb into the cache and `dpkg -x` unpacks it there.
#
# Environment:
#   NETNS_VM_CACHE           cache dir (default /var/cache/netns-vm as root,
#                            else ${XDG_CACHE_HOME:-~/.cache}/netns-vm)
#   NETNS_VM_KERNEL_PACKAGE  Debian kernel package to boot (default: what
#                            linux-image-cloud-amd64 depends on)
#   NETNS_VM_TIMEOUT         seconds before the VM is killed (default 180)
#   NETNS_VM_VERBOSE=1       also print the whole serial console
#   NETNS_VM_KEEP=1          keep the work dir (initramfs, console log)

set -u

here=$(cd "$(dirname "$0")" && pwd)
vm_timeout=${NETNS_VM_TIMEOUT:-180}
kernel_meta=linux-image-cloud-amd64
# The drivers the guest needs: the virtio PCI transport and the NIC driver.
# Their dependencies are found by modinfo, not listed here.
nic_modules="virtio_pci virtio_net"

say() { printf '%s\n' "$*"; }
note() { printf 'vm: %s\n' "$*" >&2; }

# Skip the whole run: one SKIP line, the closing line, exit 77.
skip_all() {
	say "SKIP vm: $*"
	say "0 passed, 0 failed, 1 skipped"
	exit 77
}

# The run cannot even start for a reason that is the tested binary's fault.
fail_all() {
	say "FAIL $1: $2"
	say "0 passed, 1 failed, 0 skipped"
	exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }
# The last existing path of a glob's expansion (sorted), or nothing.
newest() { for path in "$@"; do [ -e "$path" ] && last=$path; done; echo "${last:-}"; last=''; }

# --------------------------------------------------------------- args ----

if [ $# -ne 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
	say "usage: sh tests/vm/run.sh PATH/TO/STATIC/netns" >&2
	exit 2
fi
netns_bin=$1
[ -f "$netns_bin" ] || { say "run.sh: no such file: $netns_bin" >&2; exit 2; }

# The guest has no C library and is x86_64: the binary must be a static
# x86_64 ELF (a #! script also runs, under busybox sh: see stand-in-netns.sh).
# Read the ELF header with od: no dependency on file(1) or readelf.
#   e_machine @18 (2 bytes, 62 = x86_64), e_phoff @32 (8), e_phentsize @54 (2),
#   e_phnum @56 (2); a program header of type PT_INTERP (3) = dynamic.
read_uint() { od -An -t "u$3" -j "$2" -N "$3" "$1" | tr -d ' '; }
check_static_x86_64() {
	magic=$(od -An -c -N 4 "$1" | tr -d ' ')
	case $magic in
	'#!'*) return 0 ;;
	'177ELF') ;;
	*) fail_all netns_binary "$1 is neither an ELF binary nor a #! script" ;;
	esac
	[ "$(read_uint "$1" 4 1)" = 2 ] || fail_all netns_binary "$1 is not a 64-bit ELF"
	[ "$(read_uint "$1" 18 2)" = 62 ] || fail_all netns_binary "$1 is not an x86_64 binary (e_machine $(read_uint "$1" 18 2))"
	phoff=$(read_uint "$1" 32 8)
	phentsize=$(read_uint "$1" 54 2)
	phnum=$(read_uint "$1" 56 2)
	i=0
	while [ "$i" -lt "$phnum" ]; do
		if [ "$(read_uint "$1" $((phoff + i * phentsize)) 4)" = 3 ]; then
			fail_all netns_binary "$1 is dynamically linked (has PT_INTERP); the VM has no C library"
		fi
		i=$((i + 1))
	done
}
check_static_x86_64 "$netns_bin"

# -------------------------------------------------------------- cache ----

if [ -n "${NETNS_VM_CACHE:-}" ]; then
	cache=$NETNS_VM_CACHE
elif is_root; then
	cache=/var/cache/netns-vm
else
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/netns-vm
fi
mkdir -p "$cache" || skip_all "cannot create cache dir $cache"

# ----------------------------------------------------- Debian packages ----

apt_updated=no
apt_update_once() {
	[ $apt_updated = yes ] && return 0
	apt_updated=yes
	note "apt-get update"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$cache/apt.log" 2>&1
}

# Make sure each host command is there; as root, install the Debian packages
# that provide the missing ones. Pairs of "command:package".
ensure_host_tools() {
	missing_pkgs=
	for pair in qemu-system-x86_64:qemu-system-x86 modinfo:kmod depmod:kmod \
		cpio:cpio gzip:gzip dpkg-deb:dpkg timeout:coreutils od:coreutils; do
		have "${pair%%:*}" || missing_pkgs="$missing_pkgs ${pair#*:}"
	done
	[ -z "$missing_pkgs" ] && return 0
	if is_root && have apt-get; then
		note "installing:$missing_pkgs"
		apt_update_once
		# shellcheck disable=SC2086  # a list of package names
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$missing_pkgs >>"$cache/apt.log" 2>&1 ||
			note "apt-get install failed, see $cache/apt.log"
	fi
	for pair in qemu-system-x86_64:qemu-system-x86 modinfo:kmod depmod:kmod \
		cpio:cpio gzip:gzip dpkg-deb:dpkg timeout:coreutils od:coreutils; do
		have "${pair%%:*}" && continue
		if is_root; then
			skip_all "no ${pair%%:*} (Debian package ${pair#*:}); apt-get could not install it, see $cache/apt.log"
		fi
		skip_all "no ${pair%%:*} (Debian package ${pair#*:}); run as root to have it installed"
	done
}

# Fetch Debian package $1 into $cache/debs (without installing it) and unpack
# it into $cache/pkg/$1; prints that dir. Does nothing if already unpacked.
# Returns 1 if the package cannot be had.
fetch_and_unpack() {
	pkg=$1
	unpacked=$cache/pkg/$pkg
	if [ ! -e "$unpacked/.complete" ]; then
		mkdir -p "$cache/debs" "$cache/pkg"
		deb=$(newest "$cache/debs/${pkg}_"*.deb)
		if [ -z "$deb" ]; then
			have apt-get || return 1
			note "apt-get download $pkg"
			dl=$(mktemp -d "$cache/debs/.dl.XXXXXX")
			# -o APT::Sandbox::User=root: as root, apt's _apt user could not
			# write into our cache dir; as a user the option is harmless.
			if ! (cd "$dl" && apt-get download -o APT::Sandbox::User="$(id -un)" "$pkg") >>"$cache/apt.log" 2>&1; then
				is_root && apt_update_once &&
					(cd "$dl" && apt-get download -o APT::Sandbox::User="$(id -un)" "$pkg") >>"$cache/apt.log" 2>&1
			fi
			mv "$dl"/*.deb "$cache/debs/" 2>/dev/null
			rm -rf "$dl"
			deb=$(newest "$cache/debs/${pkg}_"*.deb)
			[ -n "$deb" ] || return 1
		fi
		note "unpacking $(basename "$deb")"
		rm -rf "$unpacked" "$unpacked.tmp"
		dpkg-deb -x "$deb" "$unpacked.tmp" || return 1
		mv "$unpacked.tmp" "$unpacked" && touch "$unpacked/.complete"
	fi
	echo "$unpacked"
}

# The concrete kernel package behind the cloud meta-package, as apt knows it
# now; empty when apt has no package lists.
current_kernel_package() {
	have apt-cache || return 0
	apt-cache depends "$kernel_meta" 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'
}

# Choose and fetch the kernel; sets kernel_root, kernel_release, vmlinuz.
# Order: $NETNS_VM_KERNEL_PACKAGE; else the package apt names today; else
# (no package lists and no root to update them) any kernel already cached.
get_kernel() {
	pkg=${NETNS_VM_KERNEL_PACKAGE:-$(current_kernel_package)}
	if [ -z "$pkg" ] && is_root && have apt-get; then
		apt_update_once
		pkg=$(current_kernel_package)
	fi
	if [ -z "$pkg" ]; then
		pkg=$(newest "$cache/pkg/linux-image-"*)
		pkg=${pkg##*/}
	fi
	[ -n "$pkg" ] || skip_all "no kernel: apt knows no $kernel_meta and none is cached in $cache"
	kernel_root=$(fetch_and_unpack "$pkg") ||
		skip_all "cannot download $pkg (see $cache/apt.log)"
	kernel_release=$(newest "$kernel_root/lib/modules/"*)
	kernel_release=${kernel_release##*/}
	vmlinuz=$kernel_root/boot/vmlinuz-$kernel_release
	[ -f "$vmlinuz" ] || skip_all "$pkg has no /boot/vmlinuz-$kernel_release"
	# The package ships no modules.dep (its postinst makes it): make it once,
	# in the cache, so modinfo can find modules by name.
	if [ ! -e "$kernel_root/lib/modules/$kernel_release/modules.dep" ]; then
		depmod -b "$kernel_root" "$kernel_release" ||
			skip_all "depmod failed for $kernel_release"
	fi
	# Keep one kernel in the cache: drop the ones a newer package replaced.
	for old in "$cache/pkg/linux-image-"*; do
		[ "$old" = "$kernel_root" ] && continue
		[ -e "$old" ] || continue
		note "removing old cached kernel ${old##*/}"
		rm -rf "$old" "$cache/debs/${old##*/}_"*.deb
	done
}

# A static busybox for the guest: busybox-static's, unpacked in the cache
# (installing it could replace the host's dynamic busybox package).
get_busybox() {
	bb_root=$(fetch_and_unpack busybox-static) ||
		skip_all "cannot download busybox-static (see $cache/apt.log)"
	busybox=$bb_root/bin/busybox
	[ -x "$busybox" ] || skip_all "busybox-static has no /bin/busybox"
}

# ------------------------------------------------------------ modules ----

# Print the .ko files that module $1 needs, then $1's own, each once,
# dependencies first (depth first over `modinfo -F depends`). Builtin
# modules have no file and are left out. $seen_modules holds the names done.
# (Only $1 must survive the recursion, and positional parameters do.)
modules_in_load_order() {
	case " $seen_modules " in *" $1 "*) return 0 ;; esac
	seen_modules="$seen_modules $1"
	modinfo -b "$kernel_root" -k "$kernel_release" -F filename "$1" >/dev/null 2>&1 || {
		note "kernel $kernel_release has no module $1"
		return 1
	}
	for dep in $(modinfo -b "$kernel_root" -k "$kernel_release" -F depends "$1" | tr ',' ' '); do
		modules_in_load_order "$dep" || return 1
	done
	file=$(modinfo -b "$kernel_root" -k "$kernel_release" -F filename "$1")
	case $file in
	/*) echo "$file" ;;       # a file; "(builtin)" needs no loading
	esac
}

# Copy a module into the initramfs as an uncompressed .ko (busybox insmod
# does not read compressed ones; newer Debian kernels compress them).
copy_module() {
	case $1 in
	*.ko)     cp "$1" "$2" ;;
	*.ko.xz)  xz -dc "$1" >"$2" ;;
	*.ko.zst) zstd -qdc "$1" >"$2" ;;
	*.ko.gz)  gzip -dc "$1" >"$2" ;;
	*) return 1 ;;
	esac
}

# ---------------------------------------------------------- initramfs ----

build_initramfs() {
	root=$work/initramfs
	mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/run" \
		"$root/tmp" "$root/var" "$root/modules"
	cp "$busybox" "$root/bin/busybox"
	ln -s busybox "$root/bin/sh"       # for /init's #! line; init.sh adds the rest
	cp "$netns_bin" "$root/bin/netns"
	chmod 755 "$root/bin/netns"
	ln -s ../run "$root/var/run"
	cp "$here/init.sh" "$root/init"
	chmod 755 "$root/init"

	seen_modules=
	n=10
	for want in $nic_modules; do
		modules_in_load_order "$want" >"$work/order" ||
			skip_all "kernel $kernel_release lacks a module for the virtio NICs"
		while read -r ko; do
			name=$(basename "$ko"); name=${name%%.ko*}
			copy_module "$ko" "$root/modules/$n-$name.ko" ||
				skip_all "cannot unpack module $ko"
			n=$((n + 1))
		done <"$work/order"
	done
	note "modules: $(cd "$root/modules" && echo *)"

	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 >"$work/initramfs.gz"
}

# ---------------------------------------------------------------- boot ----

boot_vm() {
	note "booting $kernel_release (TCG, timeout ${vm_timeout}s)"
	started=$(date +%s)
	# -nic user,restrict=on: user-mode networking cut off from the host and
	# the world; the test never gives the NICs an address anyway.
	timeout "$vm_timeout" qemu-system-x86_64 \
		-accel tcg -cpu max -m 256 -smp 1 -nographic -no-reboot \
		-kernel "$vmlinuz" -initrd "$work/initramfs.gz" \
		-append "console=ttyS0 quiet panic=-1" \
		-nic user,restrict=on,model=virtio-net-pci \
		-nic user,restrict=on,model=virtio-net-pci \
		</dev/null >"$work/console.raw" 2>&1
	qemu_status=$?
	vm_seconds=$(( $(date +%s) - started ))
	# Drop the CRs of the serial line, and whatever the firmware's escape
	# sequences left in front of a result on the same line.
	tr -d '\r' <"$work/console.raw" | sed 's/^.*\(VMTEST \)/\1/' >"$work/console.log"
}

# -------------------------------------------------------------- report ----

# One line per guest result, then the closing line; sets the exit status.
report() {
	passed=0 failed=0 skipped=0
	[ "${NETNS_VM_VERBOSE:-}" = 1 ] && sed 's/^/console: /' "$work/console.log"
	while read -r tag verdict name detail; do
		[ "$tag" = VMTEST ] || continue
		case $verdict in
		PASS) say "PASS $name"; passed=$((passed + 1)) ;;
		FAIL) say "FAIL $name: $detail"; failed=$((failed + 1)) ;;
		SKIP) say "SKIP $name: $detail"; skipped=$((skipped + 1)) ;;
		INFO) say "INFO $name${detail:+ $detail}" ;;
		esac
	done <"$work/console.log"
	if ! grep -q '^VMTEST DONE' "$work/console.log"; then
		case $qemu_status in
		124) why="killed after ${vm_timeout}s" ;;
		*)   why="qemu exit $qemu_status" ;;
		esac
		say "FAIL vm_finished: the guest did not finish ($why); last console lines:"
		tail -n 15 "$work/console.log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
	if [ $passed -eq 0 ] && [ $failed -eq 0 ]; then
		say "FAIL vm_results: no results on the console"
		failed=1
	fi
	say "INFO vm ran ${vm_seconds}s; console log: $log_copy"
	say "$passed passed, $failed failed, $skipped skipped"
	[ $failed -eq 0 ]
}

# ---------------------------------------------------------------- main ----

# One run at a time fills the cache (flock is util-linux's, always on Debian).
if have flock; then
	exec 9>"$cache/.lock"
	flock 9
fi
ensure_host_tools
get_kernel
get_busybox
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
log_copy=$cache/last-console.log
cp "$work/console.log" "$log_copy"
report
