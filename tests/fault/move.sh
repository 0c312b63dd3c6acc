# SPDX-License-Identifier: MIT
# Fault injection (tests/fault/lib.sh): netns move, ip link set DEV netns NS
# (with a new name), and ip -n NS link set DEV netns 1 (home from inside NS,
# pid 1 being the sandbox's first process), every syscall failed in turn.
# A device is in one place or the other, never lost.
. "$TOP/tests/fault/lib.sh"

t_fault_move() {
	fault_matrix move a_and_veth '"$NETNS" move v0 a'
}

t_fault_ip_link_set() {
	fault_matrix ip_link_set a_and_veth \
		'"$NETNS_IP" link set dev v0 netns a name wan'
}

t_fault_ip_n_link_set_home() {
	fault_matrix ip_n_link_set 'a_and_veth && "$NETNS" move v0 a' \
		'"$NETNS_IP" -n a link set v0 netns 1'
}
