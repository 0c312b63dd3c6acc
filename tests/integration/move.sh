# SPDX-License-Identifier: MIT
# Integration tests of `netns move`, `ip link set DEV netns NS` and the
# safe delete, against the real kernel, each in its own sandbox. Devices
# are veth pairs made here. A veth has a kind, so here the safe delete
# must leave it to the kernel; bringing a physical NIC home is proven in
# tests/vm (a real kernel with real NICs) and its decision in tests/unit.

# in_ns NS DEV: DEV is a device of named namespace NS
in_ns() { ip -n "$1" link show "$2" >/dev/null 2>&1; }
# at_home DEV: DEV is a device of the sandbox's own namespace
at_home() { ip link show "$1" >/dev/null 2>&1; }

# until_gone DEV: wait (up to 5 s) for the kernel's asynchronous cleanup
until_gone() {
	i=0
	while at_home "$1" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	! at_home "$1"
}

# hold NS: a process inside NS keeps it alive after its name goes; $holder
hold() {
	"$NETNS" exec "$1" sleep 100 &
	holder=$!
	i=0
	until [ "$(readlink /proc/$holder/ns/net)" = \
		"$(ip netns exec "$1" readlink /proc/self/ns/net)" ]; do
		sleep 0.05
		i=$((i + 1))
		[ $i -lt 100 ] || fail "no holder process in $1"
	done
}

t_move_into_namespace_by_name() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	expect 0 "" -- "$NETNS" move v0 a
	check_eq "$err" "" "stderr"
	in_ns a v0 || fail "v0 is not in a"
	at_home v0 && fail "v0 is still here"
	return 0
}

t_move_into_namespace_by_pid() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	hold a
	expect 0 "" -- "$NETNS" move v1 "$holder"
	in_ns a v1 || fail "v1 is not in the namespace of pid $holder"
	kill $holder
}

t_move_with_rename() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	expect 0 "" -- "$NETNS" move v0 a name wan
	in_ns a wan || fail "no wan in a"
	in_ns a v0 && fail "v0 kept its name"
	return 0
}

t_ip_link_set_spellings() {
	moves_or_graceful
	make_veth v0 v1
	ip link add w0 type veth peer name w1 || fail "veth"
	"$NETNS" add a || fail add
	expect 0 "" -- "$NETNS_IP" link set dev v0 netns a
	in_ns a v0 || fail "dev v0 netns a"
	expect 0 "" -- "$NETNS_IP" l s v1 netns a
	in_ns a v1 || fail "l s v1 netns a"
	expect 0 "" -- "$NETNS_IP" link change dev w0 name x netns a
	in_ns a x || fail "change dev w0 name x netns a"
	expect 0 "" -- "$NETNS_IP" link set name y dev w1 netns a
	in_ns a y || fail "set name y dev w1 netns a"
}

t_ip_n_brings_a_device_home() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	"$NETNS" move v0 a || fail move
	# -n acts from inside a; pid 1 is in the sandbox's own namespace
	expect 0 "" -- "$NETNS_IP" -n a link set dev v0 netns 1
	at_home v0 || fail "v0 is not back"
	in_ns a v0 && fail "v0 is still in a"
	return 0
}

t_move_errors() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	expect 1 "" -- "$NETNS" move nosuchdev a
	check_eq "$err" 'Cannot find device "nosuchdev"'
	# a name too long for IFNAMSIZ is looked up as an alternative name
	# (IFLA_ALT_IFNAME, 5.5); an older kernel finds no such device either
	expect 1 "" -- "$NETNS" move nosuchdev_longer_than_16 a
	check_eq "$err" 'Cannot find device "nosuchdev_longer_than_16"'
	expect 255 "" -- "$NETNS" move v0 nosuchns
	check_eq "$err" 'Error: argument "nosuchns" is wrong: Invalid "netns" value'
	expect 2 "" -- "$NETNS" move v0 999999
	check_eq "$err" "RTNETLINK answers: No such process"
	# lo may not leave its namespace: the kernel says so in words (6.14
	# and later), or with EINVAL alone, printed as iproute2 prints it
	expect 2 "" -- "$NETNS" move lo a
	case $err in
	"Error: "*immutable*) ;;
	"RTNETLINK answers: Invalid argument") ;;
	*) fail "move lo: stderr [$err]" ;;
	esac
	ip -n a link add v0 type veth peer name v9 || fail "veth in a"
	# the kernel's words where it has them (6.18 here), else its errno:
	# EEXIST (6.1), EINVAL (4.14), as iproute2 prints it
	expect 2 "" -- "$NETNS" move v0 a
	case $err in "Error: "* | "RTNETLINK answers: "*) ;;
	*) fail "move v0 to a name taken: stderr [$err]" ;; esac
	at_home v0 || fail "v0 left although its name is taken in a"
	expect 255 "" -- "$NETNS" move v0 a name "bad name"
	err_has '"name" not a valid ifname'
	expect 255 "" -- "$NETNS" move v0 a name 0123456789abcdef
	expect 255 "" -- "$NETNS" move v0
	err_has "Usage: netns move"
	expect 255 "" -- "$NETNS" move v0 a v1
	expect 255 "" -- "$NETNS_IP" link set v0 netns
	err_has 'Command line is not complete'
	at_home v0 || fail "v0 moved on a failed command"
}

t_usage_documents_move_and_no_rescue() {
	run "$NETNS" help
	err_has "netns move DEV NAME|PID [name NEWNAME]"
	err_has "delete [--no-rescue] [NAME]"
	run "$NETNS_IP" help
	err_has "ip netns move DEV NAME|PID [name NEWNAME]"
	if "$NETNS_IP" help 2>&1 | grep -q "link set"; then
		err_has "ip [-n NAME] link set [dev] DEV [ATTRS] [name NEWNAME]"
		err_has "ATTRS := [up|down] [mtu MTU] [address LLADDR] [netns NAME|PID]"
	fi
}

# A veth is virtual: delete leaves it to the kernel, which destroys it
# (and its peer here) with the namespace, and says nothing about it.
t_delete_leaves_virtual_devices_to_the_kernel() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	"$NETNS" move v0 a || fail move
	expect 0 "" -- "$NETNS" delete a
	check_eq "$err" "" "stderr of delete"
	[ ! -e "$RUN_DIR/a" ] || fail "a still exists"
	until_gone v1 || fail "the peer of a veth in a deleted namespace lives"
}

# Held by a process, the namespace lives on: its veth stays in it.
t_delete_of_held_namespace_leaves_veth_in_it() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	"$NETNS" move v0 a || fail move
	hold a
	expect 0 "" -- "$NETNS" delete a
	check_eq "$err" "" "stderr of delete"
	at_home v0 && fail "a veth was brought home"
	nsenter -t "$holder" -n ip link show v0 >/dev/null ||
		fail "v0 left the held namespace"
	at_home v1 || fail "the peer went although the namespace lives"
	kill $holder
}

t_delete_no_rescue() {
	moves_or_graceful
	make_veth v0 v1
	"$NETNS" add a || fail add
	"$NETNS" move v0 a || fail move
	expect 0 "" -- "$NETNS" delete --no-rescue a
	check_eq "$err" "" "stderr"
	[ ! -e "$RUN_DIR/a" ] || fail "a still exists"
	expect 1 "" -- "$NETNS" delete --no-rescue a
	err_has "Cannot remove namespace file"
	# the name after the flag is checked as carefully as without it
	expect 255 "" -- "$NETNS" delete --no-rescue ..
	err_has 'Invalid netns name ".."'
	expect 1 "" -- "$NETNS" delete --no-rescue
	"$NETNS" add b && "$NETNS" add c || fail add
	expect 0 "" -- "$NETNS" -all delete --no-rescue
	check_eq "$(ls -A "$RUN_DIR")" "" "run dir after -all delete"
}

# A name whose file is no namespace (its mount gone) cannot be entered:
# that is said, and the name is removed all the same.
t_delete_of_stale_name_reports_and_goes_on() {
	touch "$RUN_DIR/stale" || fail touch
	expect 0 "" -- "$NETNS" delete stale
	err_has '"stale"'
	[ ! -e "$RUN_DIR/stale" ] || fail "stale name left"
}

# A name for our own namespace: its devices are home already (nothing
# may be "moved back" and renamed).
t_delete_of_own_namespace_moves_nothing() {
	make_veth v0 v1
	"$NETNS" attach self $$ || fail attach
	expect 0 "" -- "$NETNS" delete self
	check_eq "$err" "" "stderr"
	at_home v0 || fail "v0 gone"
}

t_all_delete_with_devices() {
	moves_or_graceful
	make_veth v0 v1
	for n in a b c; do "$NETNS" add $n || fail add; done
	"$NETNS" move v0 b || fail move
	expect 0 "" -- "$NETNS" -all delete
	check_eq "$err" "" "stderr"
	check_eq "$(ls -A "$RUN_DIR")" "" "run dir"
	until_gone v1 || fail "veth survived"
}

t_move_as_non_root_fails() {
	id nobody >/dev/null 2>&1 || skip "no user nobody"
	make_veth v0 v1
	"$NETNS" add a || fail add
	run setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all "$NETNS" move v0 1
	check_eq "$rc" 2 "exit"
	err_has "Operation not permitted"
	at_home v0 || fail "v0 moved"
}
