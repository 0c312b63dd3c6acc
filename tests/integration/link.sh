# SPDX-License-Identifier: MIT
# Integration tests of the native `ip link` (applets/link.c) against the
# real kernel: what it asks for is what iproute2 then reads back. The
# oracle comparison of the words and answers is tests/diff/link.sh (on the
# host only); these run in the VMs too, so the attributes' byte order is
# proven on a big-endian kernel (s390x) as well.

# mtu_of DEV [NS]: DEV's mtu, as iproute2 reads it (in named namespace NS)
mtu_of() {
	ip ${2:+-n "$2"} -o link show "$1" | sed -n 's/.* mtu \([0-9]*\) .*/\1/p'
}

t_veth_pair_with_attributes() {
	links_or_graceful
	ip link add v9 type veth peer name v8 2>/dev/null || skip "no veth"
	ip link del v9
	"$NETNS" add a || fail add
	expect 0 "" -- "$NETNS_IP" link add v0 mtu 1400 type veth peer name v1 mtu 1300 netns a
	check_eq "$(mtu_of v0)" 1400 "mtu of v0"
	check_eq "$(mtu_of v1 a)" 1300 "mtu of v1 in a"
	expect 0 "" -- "$NETNS_IP" link del v0
	ip -n a link show v1 >/dev/null 2>&1 && fail "v1 outlived its peer"
	return 0
}

t_set_state_mtu_address_and_move() {
	links_or_graceful
	make_veth v0 v1
	"$NETNS" add vpn || fail add
	expect 0 "" -- "$NETNS_IP" link set dev v0 up mtu 1280 address 02:00:00:00:00:07
	ip -o link show v0 | grep -q "<.*UP.*> mtu 1280 .* link/ether 02:00:00:00:00:07 " ||
		fail "v0 is not up, mtu 1280, 02:00:00:00:00:07: $(ip -o link show v0)"
	expect 0 "" -- "$NETNS_IP" link set dev v0 down netns vpn mtu 1500 name w0
	check_eq "$(mtu_of w0 vpn)" 1500 "mtu of w0 in vpn"
	ip -n vpn -o link show w0 | grep -q "<.*UP.*>" && fail "w0 is still up"
	ip link show v0 >/dev/null 2>&1 && fail "v0 is still here"
	return 0
}
