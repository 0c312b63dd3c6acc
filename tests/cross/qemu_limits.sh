# SPDX-License-Identifier: MIT
# What the binary answers where qemu-user cannot carry its request (run by
# make check-cross only, on each cross binary; outside qemu these skip).
# qemu-user sends no RTM_GETNSID/RTM_NEWNSID (EOPNOTSUPP), and on big-endian
# arches passes RTM_NEWLINK's u32 attributes unswapped. Whatever the kernel
# under the emulator cannot be asked, the binary must still answer as it
# does on a kernel without namespace ids: names without ids, a message and
# a non-zero exit for set and list-id, and never a hang.

need_qemu() { under_qemu || skip "only under make check-cross (qemu-user)"; }

# built_in WORD: the binary's usage lists the applet WORD
built_in() {
	"$NETNS" help 2>&1 | grep -Eq "netns (\[-all\] )?$1( |\$)"
}

# the host's iproute2 runs natively: it can give a namespace an id
oracle_set_id() {
	"$ORACLE_IP" netns set "$1" "$2" || skip "the host's ip cannot set ids"
}

t_list_shows_names_without_ids() {
	need_qemu
	need_oracle
	"$NETNS" add a && "$NETNS" add b || fail "add"
	want=$("$ORACLE_IP" netns list)
	expect 0 "$want" -- timeout 20 "$NETNS" list
	oracle_set_id a 7
	qemu_lacks nsid
	case $("$ORACLE_IP" netns list) in *"(id: 7)"*) ;;
	*) fail "the host's ip shows no id for a" ;; esac
	# the ids cannot be asked for: the same lines as before, no hang
	expect 0 "$want" -- timeout 20 "$NETNS" list
	expect 0 "$want" -- timeout 20 "$NETNS_IP" netns
}

t_json_list_shows_names_without_ids() {
	need_qemu
	need_oracle
	# with no names iproute2 prints [] where a binary without JSON prints
	# nothing or refuses -j
	run timeout 20 "$NETNS_IP" -j netns list
	[ "$rc" = 0 ] && [ -n "$out" ] || skip "no JSON in this binary ($err)"
	"$NETNS" add a || fail "add"
	run timeout 20 "$NETNS_IP" -j netns list
	want=$("$ORACLE_IP" -j netns list)
	check_eq "$out" "$want" "JSON list of a name without id"
	oracle_set_id a 7
	qemu_lacks nsid
	expect 0 "$want" -- timeout 20 "$NETNS_IP" -j netns list
}

t_set_says_ids_are_unsupported() {
	need_qemu
	built_in set || skip "set is not built in"
	"$NETNS" add a || fail "add"
	qemu_lacks nsid
	expect_graceful "$NETNS" set a 5
	expect_graceful "$NETNS_IP" netns set a auto
	if [ -n "$ORACLE_IP" ]; then
		case $("$ORACLE_IP" netns list) in *"(id:"*)
			fail "a got an id: $("$ORACLE_IP" netns list)" ;; esac
	fi
}

t_list_id_says_ids_are_unsupported() {
	need_qemu
	built_in list-id || skip "list-id is not built in"
	"$NETNS" add a || fail "add"
	qemu_lacks nsid
	expect_graceful "$NETNS" list-id
	expect_graceful "$NETNS_IP" netns list-id nsid 0
}

# Moving a device: works under qemu on little-endian arches; on big-endian
# ones the namespace fd or pid reaches the kernel byte-swapped, and the
# binary must report the kernel's refusal and leave the device where it was.
t_link_move_or_its_graceful_answer() {
	need_qemu
	built_in move || skip "move is not built in"
	"$NETNS" add a || fail "add"
	make_veth v0 v1
	if qemu_lacks link-ns; then
		expect_graceful "$NETNS_IP" link set dev v0 netns a
		expect_graceful "$NETNS" move v0 $$
		ip link show v0 >/dev/null 2>&1 || fail "v0 left the caller's namespace"
		return 0
	fi
	expect 0 "" -- timeout 20 "$NETNS_IP" link set dev v0 netns a
	"$NETNS" exec a ip link show v0 >/dev/null 2>&1 || fail "v0 is not in a"
	ip link show v0 >/dev/null 2>&1 && fail "v0 is still here"
	expect 0 "" -- timeout 20 "$NETNS_IP" -n a link set dev v0 netns 1
	ip link show v0 >/dev/null 2>&1 || fail "v0 did not come back"
}
