#!/bin/sh
# SPDX-License-Identifier: MIT
# An OpenWrt init script in procd's style (written for these tests): a
# daemon in a namespace of its own, joined to the router by a veth pair.
# On a router it starts with "#!/bin/sh /etc/rc.common"; rc.common here
# is the small stand-in beside it, run by BusyBox ash.
START=90
STOP=10
USE_PROCD=1

NS=svc
LAN_IP=192.168.77.1
SVC_IP=192.168.77.2

start_service() {
	ip netns add "$NS" || return 1
	ip -n "$NS" link set lo up
	ip link add veth-lan type veth peer name veth-svc netns "$NS" || return 1
	ip addr add "$LAN_IP/24" dev veth-lan
	ip link set veth-lan up
	ip -n "$NS" addr add "$SVC_IP/24" dev veth-svc
	ip -n "$NS" link set veth-svc up
	ip -n "$NS" route add default via "$LAN_IP"
	procd_open_instance
	procd_set_param command ip netns exec "$NS" busybox httpd -f -p "$SVC_IP:8080" -h "$WWW"
	procd_close_instance
}

stop_service() {
	ip link del veth-lan
	ip netns delete "$NS"
}
