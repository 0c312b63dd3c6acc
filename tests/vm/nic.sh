# SPDX-License-Identifier: MIT
# The safe delete with real NICs. A veth (tests/integration/move.sh) has a
# kind and dies with its namespace; a physical NIC (no IFLA_INFO_KIND) is
# what the kernel hands back to the *initial* namespace, and only when the
# namespace's last process is gone. So these tests run in the machine's own
# network namespace, on NICs that are theirs to move: a test VM's
# (make check-vm gives two; tests/vm/init.sh names them in NETNS_TEST_NICS).
# Anywhere else tests/run.sh skips this file and says why.
# sandbox: nics
#
# The witnesses are the kernel's own views: /sys/class/net of the initial
# namespace (mounted before the tests, so it shows that namespace only) and
# iproute2's ip; a NIC is the same NIC when its MAC is.

nic1=${NETNS_TEST_NICS%% *}
nic2=${NETNS_TEST_NICS#* }
nic2=${nic2%% *}

at_home() { [ -e "/sys/class/net/$1" ]; }
mac_of() { cat "/sys/class/net/$1/address" 2>/dev/null; }
is_up() { flags=$(cat "/sys/class/net/$1/flags" 2>/dev/null) &&
	[ $((flags & 1)) = 1 ]; }
# in_ns_of PID DEV: DEV is in the network namespace of process PID
in_ns_of() { nsenter -t "$1" -n ip link show "$2" >/dev/null 2>&1; }

# poll SECONDS CMD...: until CMD succeeds, every 0.1 s (a bound, not a timing)
poll() {
	n=$(($1 * 10))
	shift
	until "$@"; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		sleep 0.1
	done
}

# Every test starts with both NICs at home and down: a test that failed
# before killed its holders with its pid namespace, and the kernel brings
# the NICs back when their namespace is cleaned up.
nics_home() {
	[ -n "$nic1" ] && [ "$nic1" != "$nic2" ] ||
		skip "two NICs needed, NETNS_TEST_NICS is '$NETNS_TEST_NICS'"
	for n in $nic1 $nic2; do
		poll 15 at_home "$n" || fail "$n is not at home to start with"
		ip link set "$n" down
	done
	mac1=$(mac_of "$nic1") mac2=$(mac_of "$nic2")
}

# hold NS: a process in NS keeps it alive after its name goes; sets $holder
hold() {
	"$NETNS" exec "$1" sleep 1000 &
	holder=$!
	want=$(ip netns exec "$1" readlink /proc/self/ns/net) || fail "ip netns exec $1"
	poll 10 sh -c "[ \"\$(readlink /proc/$holder/ns/net)\" = '$want' ]" ||
		fail "no holder process in $1"
}

# The kernel alone (no netns): a NIC in a namespace comes back only when its
# last process exits. Proves the failure the safe delete exists to avoid.
t_kernel_keeps_a_nic_while_its_namespace_lives() {
	nics_home
	unshare -n sleep 1000 &
	holder=$!
	poll 10 sh -c "[ \"\$(readlink /proc/$holder/ns/net)\" != \"\$(readlink /proc/self/ns/net)\" ]" ||
		fail "unshare -n did not start"
	ip link set dev "$nic1" netns "$holder" || fail "ip link set $nic1 netns $holder"
	in_ns_of "$holder" "$nic1" || fail "$nic1 is not in the namespace"
	sleep 0.5
	at_home "$nic1" && fail "$nic1 came back while its namespace lives"
	kill "$holder"
	poll 10 at_home "$nic1" || fail "$nic1 not back 10 s after its namespace died"
}

# delete_brings_home NS NIC MAC: delete NS (held by $holder); NIC is home
# when delete returns, the same MAC, usable, named on stderr; the holder
# lives on
delete_brings_home() {
	expect 0 "" -- "$NETNS" delete "$1"
	at_home "$2" || fail "$2 not at home when delete returned: $(ls /sys/class/net)"
	check_eq "$(mac_of "$2")" "$3" "MAC of $2"
	err_has "$2"
	ip link set "$2" up && is_up "$2" || fail "ip link set $2 up"
	ip link set "$2" down
	[ ! -e "$RUN_DIR/$1" ] || fail "$RUN_DIR/$1 is still there"
	kill -0 "$holder" 2>/dev/null || fail "the process in $1 is gone"
	kill "$holder"
}

t_delete_brings_a_moved_nic_home_at_once() {
	nics_home
	"$NETNS" add r || fail add
	hold r
	expect 0 "" -- "$NETNS" move "$nic1" r
	at_home "$nic1" && fail "$nic1 did not leave"
	in_ns_of "$holder" "$nic1" || fail "$nic1 is not in r"
	delete_brings_home r "$nic1" "$mac1"
}

t_delete_brings_home_a_nic_moved_by_ip_link_set() {
	nics_home
	"$NETNS" add r || fail add
	hold r
	expect 0 "" -- "$NETNS_IP" link set dev "$nic1" netns r
	in_ns_of "$holder" "$nic1" || fail "$nic1 is not in r"
	delete_brings_home r "$nic1" "$mac1"
}

# A NIC renamed on its way in comes home under the name it has there.
t_delete_brings_home_a_renamed_nic() {
	nics_home
	"$NETNS" add r || fail add
	hold r
	expect 0 "" -- "$NETNS" move "$nic1" r name wan0
	in_ns_of "$holder" wan0 || fail "no wan0 in r"
	delete_brings_home r wan0 "$mac1"
	ip link set wan0 name "$nic1" || fail "rename wan0 back to $nic1"
}

# Its name taken at home meanwhile: it comes home under a free name.
t_delete_brings_a_nic_home_when_its_name_is_taken() {
	nics_home
	"$NETNS" add r || fail add
	hold r
	"$NETNS" move "$nic1" r || fail move
	ip link add "$nic1" type veth peer name vpeer || skip "no veth"
	# this namespace is the machine's: nothing may stay for the next test
	trap 'ip link del vpeer 2>/dev/null' EXIT
	expect 0 "" -- "$NETNS" delete r
	newname=
	for l in /sys/class/net/*; do
		[ "$(cat "$l/address")" = "$mac1" ] && newname=${l##*/}
	done
	[ -n "$newname" ] || fail "no link with $nic1's MAC at home: $(ls /sys/class/net)"
	[ "$newname" != "$nic1" ] || fail "the veth lost its name"
	err_has "$newname"
	ip link del "$nic1"
	ip link set "$newname" name "$nic1" || fail "rename $newname back"
	kill "$holder"
}

# Both NICs, in two namespaces held by one process each: -all delete brings
# both home.
t_all_delete_brings_every_nic_home() {
	nics_home
	"$NETNS" add a && "$NETNS" add b || fail add
	hold a
	h1=$holder
	hold b
	"$NETNS" move "$nic1" a && "$NETNS_IP" link set "$nic2" netns b || fail move
	expect 0 "" -- "$NETNS" -all delete
	at_home "$nic1" && at_home "$nic2" || fail "not both at home: $(ls /sys/class/net)"
	check_eq "$(mac_of "$nic1") $(mac_of "$nic2")" "$mac1 $mac2" "MACs"
	err_has "$nic1"
	err_has "$nic2"
	kill "$h1" "$holder"
}

# --no-rescue: the manual page's warning, on purpose. The NIC stays with the
# process, unusable from here, and comes back when the process is gone.
t_delete_no_rescue_leaves_the_nic_with_the_process() {
	nics_home
	"$NETNS" add r || fail add
	hold r
	"$NETNS" move "$nic1" r || fail move
	expect 0 "" -- "$NETNS" delete --no-rescue r
	check_eq "$err" "" "stderr"
	at_home "$nic1" && fail "$nic1 came home although --no-rescue was given"
	in_ns_of "$holder" "$nic1" || fail "$nic1 left the held namespace"
	ip link set "$nic1" up 2>/dev/null && fail "ip link set $nic1 up worked"
	kill "$holder"
	poll 10 at_home "$nic1" || fail "$nic1 not back 10 s after the holder was killed"
	ip link set "$nic1" up && is_up "$nic1" || fail "ip link set $nic1 up after"
	ip link set "$nic1" down
}
