#!/bin/sh
# SPDX-License-Identifier: MIT
# An OpenVPN up/down hook in the usual style (written for these tests):
# OpenVPN runs it with script_type=up|down and dev, tun_mtu,
# ifconfig_local, ifconfig_netmask, route_vpn_gateway in the environment.
# The tunnel lives in the namespace "vpn"; the rest of the box does not
# see it. (openvpn --script-security 2 --up vpn-hook.sh --down vpn-hook.sh
# --route-noexec --ifconfig-noexec)
set -e
NS=vpn

# 255.255.255.0 -> 24
mask2cidr() {
	bits=0
	for octet in $(echo "$1" | tr . ' '); do
		case $octet in
		255) bits=$((bits + 8)) ;; 254) bits=$((bits + 7)) ;;
		252) bits=$((bits + 6)) ;; 248) bits=$((bits + 5)) ;;
		240) bits=$((bits + 4)) ;; 224) bits=$((bits + 3)) ;;
		192) bits=$((bits + 2)) ;; 128) bits=$((bits + 1)) ;;
		esac
	done
	echo $bits
}

case $script_type in
up)
	ip netns list | grep -q "^$NS\b" || ip netns add "$NS"
	ip -n "$NS" link set lo up
	ip link set dev "$dev" up netns "$NS" mtu "$tun_mtu"
	ip -n "$NS" addr add "$ifconfig_local/$(mask2cidr "$ifconfig_netmask")" dev "$dev"
	ip -n "$NS" route add default via "$route_vpn_gateway"
	;;
down)
	# the tun device goes with the namespace when OpenVPN closes it
	ip netns pids "$NS" | xargs -r kill
	ip netns delete "$NS"
	;;
esac
