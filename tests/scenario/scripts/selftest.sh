#!/bin/sh
# SPDX-License-Identifier: MIT
# A selftest in the style of the kernel's networking selftests (written
# for these tests): two namespaces joined by a veth pair, a ping across,
# and the cleanup of lib.sh. Prints what it found; exits 0 when all went.
. "$(dirname "$0")/selftest-lib.sh"
BUSYWAIT_TIMEOUT=3000
ret=0

setup_ns NS1 NS2 || exit 4
ip link add veth1 netns "$NS1" type veth peer name veth2 netns "$NS2"
ip -n "$NS1" addr add 192.0.2.1/24 dev veth1
ip -n "$NS2" addr add 192.0.2.2/24 dev veth2
ip -n "$NS1" link set veth1 up
ip -n "$NS2" link set veth2 up
if ip netns exec "$NS1" ping -c 1 -W 2 192.0.2.2 > /dev/null; then
	echo "TEST: ping across the veth pair [ OK ]"
else
	echo "TEST: ping across the veth pair [FAIL]"
	ret=1
fi
echo "namespaces: $(ip netns list | wc -l)"
cleanup_all_ns || ret=1
echo "namespaces after cleanup: $(ip netns list | wc -l)"
exit $ret
