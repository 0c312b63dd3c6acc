# SPDX-License-Identifier: MIT
# Scenarios: scripts in the styles real users write (tests/scenario/
# scripts: an OpenVPN up/down hook, a kernel-selftest style setup and
# cleanup with polling, an OpenWrt procd-style init script under BusyBox
# ash), each run twice in fresh sandboxes: with iproute2 as ip, and with
# netns as ip, whose other ip is Debian's BusyBox. What each run leaves
# and prints (read back with iproute2) must be the same.

S=$TOP/tests/scenario/scripts

need_busybox_ip() {
	"$NETNS" -V | grep -q ', ip-fallback' || skip "CONFIG_IP_FALLBACK is not set"
	[ -x /bin/busybox ] || skip "no /bin/busybox (Debian package busybox)"
}

# the namespace's devices (up or not, mtu; not their index, MAC, queue
# length, or carrier, which comes when it comes), addresses and routes,
# as iproute2 prints them
observe='observe() { echo "== $*"; $ORACLE_IP "$@" -o link show | sed -e "s/^[0-9]*: //" -e "s/ link\/[a-z]* [0-9a-f:]* brd [0-9a-f:]*//" -e "s/ qlen [0-9]*//" -e "s/@if[0-9]*:/:/" -e "s/NO-CARRIER,//" -e "s/,LOWER_UP//" -e "s/,M-DOWN//" -e "s/ state [A-Z]*//"; $ORACLE_IP "$@" -4 -o addr | awk "{ print \$2, \$4 }"; $ORACLE_IP "$@" route | sed "s/ linkdown//"; }'

t_vpn_hook_moves_the_tun_device_with_up_and_mtu() {
	need_busybox_ip
	"$ORACLE_IP" tuntap add dev tun0 mode tun 2>/dev/null || skip "no tun device"
	"$ORACLE_IP" tuntap del dev tun0 mode tun
	cat > driver.sh <<EOF
$observe
\$ORACLE_IP tuntap add dev tun0 mode tun
export dev=tun0 tun_mtu=1400 ifconfig_local=10.8.0.2
export ifconfig_netmask=255.255.255.0 route_vpn_gateway=10.8.0.1
script_type=up sh $S/vpn-hook.sh; echo "up: \$?"
ip netns list
observe -n vpn
observe
script_type=down sh $S/vpn-hook.sh; echo "down: \$?"
ip netns list
observe
EOF
	same_result_as_iproute2 sh driver.sh
}

t_selftest_style_setup_and_cleanup_with_polling() {
	need_busybox_ip
	command -v ping > /dev/null || skip "no ping"
	cat > driver.sh <<EOF
sh $S/selftest.sh; echo "selftest: \$?"
ls \$RUN_DIR | wc -l
EOF
	same_result_as_iproute2 sh driver.sh
	grep -q "ping across the veth pair \[ OK \]" "$TESTTMP/ours.txt" ||
		fail "the ping failed"
	! grep -q "Warn: Failed to remove" "$TESTTMP/ours.txt" ||
		fail "cleanup waited out its timeout"
}

t_openwrt_init_script_under_busybox_ash() {
	need_busybox_ip
	mkdir -p www && echo "served from the namespace" > www/index.html
	cat > driver.sh <<EOF
$observe
export WWW=\$TESTTMP/www PIDFILE=\$TESTTMP/httpd.pid
busybox sh $S/rc.common $S/openwrt-init.sh start; echo "start: \$?"
ip netns list
observe
observe -n svc
i=0; until timeout 2 busybox wget -q -O - http://192.168.77.2:8080/ 2>/dev/null; do i=\$((i + 1)); [ \$i -lt 50 ] || break; sleep 0.1; done
busybox sh $S/rc.common $S/openwrt-init.sh stop; echo "stop: \$?"
ip netns list
observe
EOF
	same_result_as_iproute2 /bin/busybox sh driver.sh
	grep -q "served from the namespace" "$TESTTMP/ours.txt" ||
		fail "the daemon in the namespace was not reached"
}

# -batch with netns lines, ip link lines and lines for the other ip; a
# line that fails, -force going on after it
t_batch_file_mixing_objects() {
	need_busybox_ip
	cat > batch.txt <<'EOF_BATCH'
netns add a
link add v0 type veth peer name v1 netns a
addr add 10.2.2.1/24 dev v0
link set v0 up mtu 1400
netns exec a ip link set v1 up
netns exec a ip addr add 10.2.2.2/24 dev v1
addr add 10.4.4.4/24 dev nosuchdev
route add 10.3.0.0/16 via 10.2.2.2
link set v0 name w0
EOF_BATCH
	cat > driver.sh <<EOF
$observe
ip -force -batch $TESTTMP/batch.txt; echo "batch: \$?"
ip netns list
observe
observe -n a
ip -batch $TESTTMP/batch.txt; echo "again, without -force: \$?"
observe
EOF
	same_result_as_iproute2 sh driver.sh
}
