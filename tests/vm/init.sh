#!/bin/busybox sh
# SPDX-License-Identifier: MIT
# tests/vm/init.sh: the test VM's /init (PID 1), run by busybox sh.
#
# tests/vm/run.sh packs this file into an initramfs with a Debian userland
# of the VM's arch, a static busybox (/bin/busybox, applets in /bb, last in
# PATH), the binary under test (/opt/netns/netns), the test files under /src
# (their list in /src/tests.list) and, for a Debian kernel, its modules
# (/modules/NN-name.ko, NN = load order). The VM has two NICs.
#
# It loads the modules, waits for the NICs, and runs /src/tests/run.sh on
# the binary, as `make check` does on the host; the NICs are given to the
# tests of tests/vm/nic.sh through NETNS_TEST_NICS. Every line for run.sh
# goes to the serial console prefixed with "VMTEST ":
#   VMTEST INFO <text>       what the guest is (kernel, CPUs, NICs)
#   VMTEST PASS|FAIL|SKIP|UNSUPPORTED ...   the suite's own lines
#   VMTEST DONE              last; then the VM powers off
# Anything else on the console (kernel messages) is for people.

/bin/busybox mount -t devtmpfs devtmpfs /dev
# no /dev/console in the initramfs (cpio as a user cannot make one):
# the kernel started us without stdin/stdout/stderr
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s /bb
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/bb
export HOME=/root LC_ALL=C

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
mkdir -p /root
echo 1 >/proc/sys/kernel/printk    # kernel messages off the result lines
# ld.so's cache: without it every exec of a Debian tool searches each
# hwcaps dir for each library, and strace counts those calls in the tests
/sbin/ldconfig

vm() { echo "VMTEST $*"; }

echo
vm "INFO kernel $(uname -r) $(uname -m), $(grep -c ^processor /proc/cpuinfo) CPU"
for ko in /modules/*.ko; do
	[ -e "$ko" ] || continue
	out=$(insmod "$ko" 2>&1) || vm "INFO insmod $ko failed: $out"
done

# the NICs: links with a device behind them (virtual ones have none);
# drivers bind asynchronously, so wait for two, up to 10 s
physical_nics() {
	for l in /sys/class/net/*; do
		[ -e "$l/device" ] && echo "${l##*/}"
	done
}
i=0
while [ "$(physical_nics | wc -l)" -lt 2 ] && [ $i -lt 100 ]; do
	usleep 100000
	i=$((i + 1))
done
NETNS_TEST_NICS=$(physical_nics | tr '\n' ' ')
export NETNS_TEST_NICS=${NETNS_TEST_NICS% }
vm "INFO links: $(ls /sys/class/net | tr '\n' ' '); NICs: ${NETNS_TEST_NICS:-none}"

cd /src || exit 1
# /bin/sh is Debian's dash, as on the host: busybox sh would run its own
# applets (ip, mount, ...) before those in PATH
# shellcheck disable=SC2046  # the list of test files
/bin/sh tests/run.sh /opt/netns/netns $(cat tests.list) 2>&1 |
	while IFS= read -r line; do vm "$line"; done
vm DONE
sync
poweroff -f
