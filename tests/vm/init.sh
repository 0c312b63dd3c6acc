#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/vm/init.sh: the test VM's /init (PID 1), run by busybox sh.
#
# tests/vm/run.sh packs this file into an initramfs together with a static
# busybox, the netns binary under test (/bin/netns) and the kernel modules for
# the virtio NICs (/modules/NN-name.ko, NN = load order). The VM has two
# virtio-net NICs, eth0 and eth1; every test moves eth1, a real NIC (a device
# without rtnl_link_ops, what the kernel hands back to the initial namespace
# when a namespace dies), and leaves eth0 alone.
#
# What is checked:
#   baseline       the kernel alone (busybox unshare + ip, no netns binary):
#                  a NIC moved into a namespace comes back only when the last
#                  process holding that namespace exits. Proves the VM's
#                  plumbing and the failure the safe delete exists to avoid.
#   rescue_move    netns add r; netns move eth1 r; a process holds r;
#                  netns delete r  ->  eth1 is back in the init namespace at
#                  once, usable, and delete said on stderr that it moved eth1.
#   rescue_iplink  the same, eth1 moved with `ip link set dev eth1 netns r`
#                  where `ip` is a symlink to the netns binary.
#   no_rescue      netns delete --no-rescue r2  ->  the manual page's warning:
#                  eth1 stays invisible while the process lives, and comes
#                  back after it is killed.
#
# Results go to the serial console, one per line, for run.sh to parse:
#   VMTEST PASS <check>
#   VMTEST FAIL <check> <why, on one line>
#   VMTEST INFO <text>
#   VMTEST DONE            (last line; then the VM powers off)
# Anything else on the console (VMLOG lines, kernel messages) is for people.

export PATH=/bin

# ---------------------------------------------------------------- setup ----

# The initramfs has no /dev/console node (building one would need root on
# the host), so the kernel started us with no stdin/stdout/stderr: mount
# devtmpfs first and take the console from there.
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s /bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /run          # the netns run dir (/var/run is a link here)
mount -t tmpfs tmpfs /tmp
echo 1 >/proc/sys/kernel/printk    # keep kernel messages off our result lines

# A directory whose `ip` is the netns binary, for the `ip link set` spelling;
# plain `ip` (in /bin) stays busybox's, the independent witness.
mkdir -p /netns-as-ip
ln -s /bin/netns /netns-as-ip/ip

# ------------------------------------------------------------- reporting ----

# Squash a message onto one line so a result is always exactly one line.
one_line() { printf '%s' "$*" | tr '\n\r\t' '   '; }

pass() { echo "VMTEST PASS $1"; }
fail() { check=$1; shift; echo "VMTEST FAIL $check $(one_line "$*")"; }
info() { echo "VMTEST INFO $(one_line "$*")"; }
log()  { echo "VMLOG $(one_line "$*")"; }

# Time since boot in hundredths of a second, for "took N.NN s" notes.
uptime_cs() { read -r up _ </proc/uptime; echo "${up%.*}${up#*.}"; }
since() { t=$(( $(uptime_cs) - $1 )); printf '%d.%02d s' $((t / 100)) $((t % 100)); }

# Run CMD... every 0.1 s until it succeeds or SECONDS pass.
# Usage: poll_until SECONDS CMD...
poll_until() {
	tries=$(( $1 * 10 )); shift
	while [ "$tries" -gt 0 ]; do
		"$@" && return 0
		usleep 100000
		tries=$((tries - 1))
	done
	"$@"
}

# --------------------------------------------------------- NIC helpers ----

# Is NIC $1 visible in the initial namespace? /sys is mounted here, in the
# initial namespace, so its class/net lists exactly this namespace's links.
in_init_ns()     { [ -e "/sys/class/net/$1" ]; }
not_in_init_ns() { ! in_init_ns "$1"; }

# Is NIC $1 in the network namespace of process $2? (busybox, over netlink)
in_ns_of_pid() { nsenter -t "$2" -n ip link show "$1" >/dev/null 2>&1; }

# Is NIC $1 administratively up? (IFF_UP is bit 0 of the flags)
is_up() { flags=$(cat "/sys/class/net/$1/flags" 2>/dev/null) && [ $((flags & 1)) -eq 1 ]; }

# Every netns command runs under a time limit, so one hang costs one check,
# not the whole run.
netns_cmd() { timeout 30 netns "$@"; }

# ------------------------------------------------------ holder processes ----

# Start `sleep 1000` inside network namespace NAME through `netns exec`, the
# process that keeps the namespace alive after its name is deleted. Sets
# HOLDER (the sleep's pid) and HOLDER_JOB (the background job); returns 1
# when the sleep did not show up within 10 s.
# Usage: start_holder NAME
start_holder() {
	rm -f /tmp/holder.pid
	netns exec "$1" sh -c 'echo $$ >/tmp/holder.pid; exec sleep 1000' \
		</dev/null >/tmp/holder.out 2>&1 &
	HOLDER_JOB=$!
	poll_until 10 [ -s /tmp/holder.pid ] || { HOLDER=''; return 1; }
	HOLDER=$(cat /tmp/holder.pid)
}

# End the holder (if any) and wait until its namespace is gone: a NIC in it
# comes back to the initial namespace asynchronously (cleanup_net work).
stop_holder() {
	[ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null
	[ -n "$HOLDER_JOB" ] && { kill "$HOLDER_JOB" 2>/dev/null; wait "$HOLDER_JOB" 2>/dev/null; }
	HOLDER='' HOLDER_JOB=''
}

# Leave the VM as each scenario expects to find it: no holder, no namespace
# names, eth1 in the initial namespace and down.
# Usage: cleanup SCENARIO NSNAME
cleanup() {
	stop_holder
	[ -n "$2" ] && for dir in /run/netns /var/run/netns; do
		if [ -e "$dir/$2" ]; then
			umount "$dir/$2" 2>/dev/null
			rm -f "$dir/$2"
		fi
	done
	if ! poll_until 15 in_init_ns eth1; then
		fail "$1.cleanup" "eth1 did not come back to the initial namespace; later checks will fail"
	fi
	ip link set eth1 down 2>/dev/null
}

# Move eth1 into namespace NAME, the way SPELLING says:
#   move    netns move eth1 NAME
#   iplink  ip link set dev eth1 netns NAME   (ip = symlink to netns)
# reporting CHECK. If the netns binary cannot, report why and move eth1 with
# busybox's `ip link set eth1 netns PID` instead, so the delete checks that
# follow still say something. Returns 1 if eth1 could not be moved at all.
# Usage: move_eth1 SPELLING NAME CHECK
move_eth1() {
	case $1 in
	move)   out=$(netns_cmd move eth1 "$2" 2>&1) ;;
	iplink) out=$(timeout 30 /netns-as-ip/ip link set dev eth1 netns "$2" 2>&1) ;;
	esac
	rc=$?
	if [ $rc -eq 0 ] && not_in_init_ns eth1 && in_ns_of_pid eth1 "$HOLDER"; then
		pass "$3"
		return 0
	fi
	if [ $rc -ne 0 ] && [ "$1" = move ] && ! netns_help_mentions move; then
		fail "$3" "netns has no move applet (netns help does not mention it): exit $rc: $out"
	elif [ $rc -ne 0 ]; then
		fail "$3" "exit $rc: $out"
	else
		fail "$3" "exit 0 but eth1 is not in namespace $2: $out"
	fi
	in_init_ns eth1 || return 1
	log "$3: moving eth1 with busybox ip link set eth1 netns $HOLDER instead"
	ip link set dev eth1 netns "$HOLDER" && in_ns_of_pid eth1 "$HOLDER"
}

# --------------------------------------------------------------- checks ----

# Load the NIC drivers, in the order run.sh computed from their dependencies.
check_modules() {
	for ko in /modules/*.ko; do
		[ -e "$ko" ] || continue
		if ! out=$(insmod "$ko" 2>&1); then
			fail modules_loaded "insmod $ko: $out"
			return
		fi
	done
	pass modules_loaded
}

check_nics() {
	# Drivers bind asynchronously after insmod; give them a moment.
	for nic in eth0 eth1; do
		if poll_until 10 in_init_ns "$nic"; then
			pass "nic_${nic}_present"
		else
			fail "nic_${nic}_present" "links: $(ls /sys/class/net)"
		fi
	done
	MAC_ETH1=$(cat /sys/class/net/eth1/address 2>/dev/null)
	info "links: $(ls /sys/class/net)"
}

# The kernel alone, with busybox only: proves the VM and the NIC behave as the
# manual page says, so the netns checks below test netns, not the VM.
scenario_baseline() {
	s=baseline
	rm -f /tmp/holder.pid
	unshare -n sh -c 'echo $$ >/tmp/holder.pid; exec sleep 1000' </dev/null &
	HOLDER_JOB=$!
	poll_until 10 [ -s /tmp/holder.pid ]
	HOLDER=$(cat /tmp/holder.pid 2>/dev/null)
	if ! out=$(ip link set dev eth1 netns "$HOLDER" 2>&1); then
		fail "$s.nic_moved_into_ns" "busybox ip link set dev eth1 netns $HOLDER: $out"
		cleanup "$s" ''
		return
	fi
	if not_in_init_ns eth1 && in_ns_of_pid eth1 "$HOLDER"; then
		pass "$s.nic_moved_into_ns"
	else
		fail "$s.nic_moved_into_ns" "eth1 not found in the holder's namespace"
	fi
	# While the holder lives, eth1 stays in its namespace.
	usleep 500000
	if not_in_init_ns eth1; then
		pass "$s.nic_stays_while_ns_held"
	else
		fail "$s.nic_stays_while_ns_held" "eth1 came back although the namespace lives"
	fi
	started=$(uptime_cs)
	stop_holder
	if poll_until 10 in_init_ns eth1; then
		pass "$s.nic_returns_when_ns_dies"
		info "$s: eth1 was back $(since "$started") after its namespace's last process exited"
	else
		fail "$s.nic_returns_when_ns_dies" "eth1 not back 10 s after the holder was killed"
	fi
	cleanup "$s" ''
}

# Does the netns binary run at all (static, right architecture)?
check_netns_runs() {
	out=$(netns_cmd list 2>&1); rc=$?
	if [ $rc -eq 0 ]; then
		pass netns_runs
		return 0
	fi
	fail netns_runs "netns list: exit $rc: $out"
	return 1
}

# What the binary's help says it can do. iproute2-style help exits non-zero,
# so only the text counts.
netns_help_mentions() { netns_cmd help 2>&1 | grep -q -w -e "$1"; }

# Safe delete: a NIC in the deleted namespace is back at once.
# Usage: scenario_rescue SPELLING   (move | iplink)
scenario_rescue() {
	s=rescue_$1
	ns=r
	if ! out=$(netns_cmd add $ns 2>&1); then
		fail "$s.add" "netns add $ns: $out"
		cleanup "$s" "$ns"
		return
	fi
	if ! start_holder $ns; then
		fail "$s.holder" "netns exec $ns sh -c ...: no process in $ns after 10 s: $(cat /tmp/holder.out)"
		cleanup "$s" "$ns"
		return
	fi
	move_eth1 "$1" $ns "$s.move_eth1" || { cleanup "$s" "$ns"; return; }

	netns_cmd delete $ns >/tmp/delete.out 2>/tmp/delete.err; rc=$?
	# Look before anything else: the NIC must be back when delete returns,
	# not some time later.
	if in_init_ns eth1; then back_at_once=yes; else back_at_once=no; fi
	if [ $rc -eq 0 ]; then
		pass "$s.delete_ok"
	else
		fail "$s.delete_ok" "netns delete $ns: exit $rc: $(cat /tmp/delete.err)"
	fi
	if [ $back_at_once = yes ]; then
		pass "$s.eth1_back_at_once"
	else
		fail "$s.eth1_back_at_once" "eth1 not in the initial namespace when delete returned; links: $(ls /sys/class/net)"
	fi
	if [ "$(cat /sys/class/net/eth1/address 2>/dev/null)" = "$MAC_ETH1" ]; then
		pass "$s.same_nic_same_name"
	else
		fail "$s.same_nic_same_name" "no eth1 with MAC $MAC_ETH1; links: $(ls /sys/class/net)"
	fi
	if out=$(ip link set eth1 up 2>&1) && is_up eth1; then
		pass "$s.eth1_usable"
	else
		fail "$s.eth1_usable" "busybox ip link set eth1 up: $out"
	fi
	if grep -q eth1 /tmp/delete.err; then
		pass "$s.delete_reports_eth1"
		info "$s: delete said: $(cat /tmp/delete.err)"
	else
		fail "$s.delete_reports_eth1" "stderr of delete does not name eth1: '$(cat /tmp/delete.err)'"
	fi
	if [ ! -e /run/netns/$ns ] && [ ! -e /var/run/netns/$ns ]; then
		pass "$s.name_removed"
	else
		fail "$s.name_removed" "/run/netns/$ns still exists after delete"
	fi
	# The rescue takes the NIC back; it does not kill anybody.
	if kill -0 "$HOLDER" 2>/dev/null; then
		pass "$s.holder_untouched"
	else
		fail "$s.holder_untouched" "the process inside $ns is gone"
	fi
	cleanup "$s" "$ns"
}

# Delete with the rescue skipped: the manual page's failure mode, on purpose.
scenario_no_rescue() {
	s=no_rescue
	ns=r2
	if ! netns_help_mentions '--no-rescue'; then
		fail "$s.flag_documented" "netns help does not mention --no-rescue (not implemented yet?)"
	fi
	if ! out=$(netns_cmd add $ns 2>&1); then
		fail "$s.add" "netns add $ns: $out"
		cleanup "$s" "$ns"
		return
	fi
	if ! start_holder $ns; then
		fail "$s.holder" "no process in $ns after 10 s: $(cat /tmp/holder.out)"
		cleanup "$s" "$ns"
		return
	fi
	move_eth1 move $ns "$s.move_eth1" || { cleanup "$s" "$ns"; return; }

	if ! out=$(netns_cmd delete --no-rescue $ns 2>&1); then
		fail "$s.delete_ok" "netns delete --no-rescue $ns: $out"
		cleanup "$s" "$ns"
		return
	fi
	pass "$s.delete_ok"
	if not_in_init_ns eth1 && in_ns_of_pid eth1 "$HOLDER"; then
		pass "$s.eth1_hidden_while_ns_held"
	else
		fail "$s.eth1_hidden_while_ns_held" "eth1 left namespace $ns although --no-rescue was given: $out"
	fi
	if out=$(ip link set eth1 up 2>&1); then
		fail "$s.eth1_unusable_while_ns_held" "ip link set eth1 up succeeded"
	else
		pass "$s.eth1_unusable_while_ns_held"
	fi
	started=$(uptime_cs)
	stop_holder
	if poll_until 10 in_init_ns eth1; then
		pass "$s.eth1_back_after_holder_exits"
		info "$s: eth1 was back $(since "$started") after the holder was killed"
	else
		fail "$s.eth1_back_after_holder_exits" "eth1 not back 10 s after the holder was killed"
	fi
	if out=$(ip link set eth1 up 2>&1) && is_up eth1; then
		pass "$s.eth1_usable_after"
	else
		fail "$s.eth1_usable_after" "busybox ip link set eth1 up: $out"
	fi
	cleanup "$s" "$ns"
}

# ----------------------------------------------------------------- main ----

echo                     # end whatever line the firmware left unfinished
info "kernel $(uname -r)"
check_modules
check_nics
if in_init_ns eth1; then
	scenario_baseline
	if check_netns_runs; then
		scenario_rescue move
		scenario_rescue iplink
		scenario_no_rescue
	else
		fail netns_scenarios "not run: the netns binary does not run in the VM"
	fi
else
	fail scenarios "not run: no eth1"
fi
echo "VMTEST DONE"
sync
poweroff -f
