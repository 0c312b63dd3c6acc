# SPDX-License-Identifier: MIT
# Differential: the forms of ip link that netns does itself (set with
# attributes, add a veth pair, delete), through iproute2's ip and through
# netns as ip; stdout and exit status of every line must be the same.
# What the kernel then holds is read back with iproute2, without the
# random parts (a veth's MAC address).

# show [-n NS] [DEV]: the devices, their state, mtu and (set) address
show='show() { $ORACLE_IP "$@" -o link show | sed -e "s/^[0-9]*: //" -e "s/ link\/ether [0-9a-f:]* brd [0-9a-f:]*//" -e "s/ qlen [0-9]*//"; }'

t_set_state_mtu_address_name() {
	links_or_graceful
	same_as_iproute2 "
$show
\$ORACLE_IP link add v0 type veth peer name v1
ip link set v0 up
ip link set dev v0 down mtu 1400
ip link set v0 address 02:00:00:00:00:01
\$ORACLE_IP -o link show v0 | grep -o 'link/ether [^ ]*'
ip link set v0 address 0x2:0:0:0:0:2
\$ORACLE_IP -o link show v0 | grep -o 'link/ether [^ ]*'
ip link set v0 up down
ip link set name v0 mtu 1300
ip link set v0 name wan up
show
ip link set wan name v0 name x
ip link set wan mtu 1300 mtu 1200
show"
}

t_set_errors() {
	links_or_graceful
	same_as_iproute2 "
$show
\$ORACLE_IP link add v0 type veth peer name v1
ip link set v0 address zz
ip link set v0 address 02:00:00:00:00:01:02
ip link set v0 address 02:zz:00:00:00:01
ip link set v0 mtu abc
ip link set v0 mtu 99999
ip link set v0 mtu -1
ip link set v0 mtu
ip link set nosuch up
ip link set dev nosuch mtu 1400
ip link set v0 name 0123456789abcdef
ip link set lo name lo2 mtu 1400
show"
}

# the usual OpenVPN up-script line, and a move between two namespaces
t_move_with_attributes() {
	links_or_graceful
	same_as_iproute2 "
$show
ip netns add vpn
ip netns add b
\$ORACLE_IP link add v0 type veth peer name v1
ip link set dev v0 up netns vpn mtu 1300
show -n vpn
ip -netns vpn link set v0 netns b up name w0
show -n b
ip -n b link set w0 down netns vpn mtu 1500 name v0
show -n vpn
show"
}

t_lo_up_in_a_new_namespace() {
	same_as_iproute2 "
$show
ip netns add a
ip -n a link set lo up
show -n a
ip -n a link set dev lo down
show -n a
ip -n nosuch link set lo up"
}

t_veth_pairs() {
	links_or_graceful
	same_as_iproute2 "
$show
ip netns add a
ip link add v0 type veth peer name v1
ip link add v0 type veth peer name v1
ip link add name w0 type veth peer w1 netns a
ip link add dev x0 mtu 1400 type veth peer name x1 mtu 1300 netns a
ip link add y0 netns a type veth peer name y1
ip link add type veth
show
show -n a
ip link add z0 type veth peer name z1 netns nosuch
ip link add z0
ip link add z0 type veth peer name 0123456789abcdef
ip link add 0123456789abcdef type veth
ip link add z0 type veth peer name z1 mtu abc
show"
}

t_delete() {
	same_as_iproute2 "
$show
\$ORACLE_IP link add v0 type veth peer name v1
\$ORACLE_IP link add w0 type veth peer name w1
ip link del v0
ip link delete dev w1
ip link del nosuch
ip link del
ip link d dev
ip link del lo
show"
}

# iproute2's abbreviations of the verbs
t_verbs_abbreviated() {
	links_or_graceful
	same_as_iproute2 "
$show
ip l a v0 type veth peer name v1
ip li s v0 up
ip link ch v1 up
ip link s
ip link d v0
show"
}
