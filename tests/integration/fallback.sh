# SPDX-License-Identifier: MIT
# The other ip (CONFIG_IP_FALLBACK): netns installed as ip hands what it
# does not do itself to the router's other ip, here Debian's BusyBox
# (package busybox, /bin/busybox: its shell runs external commands as a
# router's does), with the same words and options, inside -n NS.

need_fallback() {
	"$NETNS" -V | grep -q ', ip-fallback' || skip "CONFIG_IP_FALLBACK is not set"
	[ -x /bin/busybox ] || skip "no /bin/busybox (Debian package busybox)"
	/bin/busybox ip >/dev/null 2>&1
	[ $? != 127 ] || skip "this busybox has no ip applet"
}

# variant NAME SETTINGS...: the binary under test's config (defconfig)
# with SETTINGS, built into $TESTTMP/NAME/netns (with an ip link beside)
variant() {
	under_qemu && skip "a variant build would be the host's, not $NETNS_UNDER_QEMU"
	# a test VM (make check-vm) has the tree but no toolchain
	command -v make > /dev/null || skip "no make here to build a variant"
	name=$1
	shift
	cp "$TOP/configs/defconfig" "$TESTTMP/$name.cfg"
	for s in "$@"; do
		sym=$(echo "$s" | sed -n 's/^\(# \)\{0,1\}\(CONFIG_[A-Z_]*\).*/\2/p')
		sed -i "/^\(# \)\{0,1\}$sym[= ]/d" "$TESTTMP/$name.cfg"
		echo "$s" >> "$TESTTMP/$name.cfg"
	done
	make -s -C "$TOP" CONFIG="$TESTTMP/$name.cfg" OUT="$TESTTMP/$name" \
		> "$TESTTMP/$name.log" 2>&1 || { cat "$TESTTMP/$name.log"; fail "build of $name"; }
	ln -sf netns "$TESTTMP/$name/ip"
}

t_other_objects_run_in_the_namespace_of_dash_n() {
	need_fallback
	"$NETNS" add a || fail "add a"
	expect 0 "" -- "$NETNS_IP" -n a link set lo up
	expect 0 "" -- "$NETNS_IP" -n a addr add 10.1.1.1/24 dev lo
	expect 0 "" -- "$NETNS_IP" -netns a route add default via 10.1.1.2
	run "$ORACLE_IP" -n a -4 -o addr show dev lo
	case $out in *"inet 10.1.1.1/24"*) ;; *) fail "no address in a: $out" ;; esac
	run "$ORACLE_IP" -n a route show default
	check_eq "$out" "default via 10.1.1.2 dev lo " "default route in a"
	# nothing of that happened here
	run "$ORACLE_IP" -4 -o addr
	case $out in *10.1.1.1*) fail "the address landed here: $out" ;; esac
}

# the other ip's output, options passed on: what BusyBox's ip prints
t_output_and_options_are_the_other_ips() {
	need_fallback
	"$ORACLE_IP" addr add 10.9.9.9/32 dev lo || fail "address on lo"
	for cmd in "addr show" "-4 -o addr" "-o link" "-4 addr show dev lo" \
		"route" "link show lo"; do
		# shellcheck disable=SC2086
		run /bin/busybox ip $cmd
		want=$out want_rc=$rc
		# shellcheck disable=SC2086
		expect "$want_rc" "$want" -- "$NETNS_IP" $cmd
	done
	# an option BusyBox does not know: its answer, not ours
	run /bin/busybox ip -j addr
	expect "$rc" -- "$NETNS_IP" -j addr
}

t_no_other_ip_says_what_was_tried() {
	variant none 'CONFIG_IP_FALLBACK_PATHS="/nonexistent/ip-full /nonexistent/busybox"'
	expect 255 "" -- "$TESTTMP/none/ip" addr show
	err_has "tried /nonexistent/ip-full /nonexistent/busybox"
	err_has '"ip addr show"'
	# what this ip does itself still works
	expect 0 "" -- "$TESTTMP/none/ip" netns add a
	expect 0 "" -- "$TESTTMP/none/ip" -n a link set lo up
}

# A link to netns among the other ips is passed over, not run: it would
# run itself for ever
t_never_runs_itself() {
	need_fallback
	mkdir -p "$TESTTMP/self"
	variant loop "CONFIG_IP_FALLBACK_PATHS=\"$TESTTMP/self/ip $TESTTMP/loop/netns /bin/busybox\""
	ln -s ../loop/netns "$TESTTMP/self/ip"
	run timeout 10 "$TESTTMP/loop/ip" -4 -o addr
	[ "$rc" != 124 ] || fail "ran itself until killed"
	run /bin/busybox ip -4 -o addr
	want=$out
	expect 0 "$want" -- timeout 10 "$TESTTMP/loop/ip" -4 -o addr
	# and with only itself there, it says so
	variant alone "CONFIG_IP_FALLBACK_PATHS=\"$TESTTMP/alone/netns $TESTTMP/alone/ip\""
	expect 255 "" -- timeout 10 "$TESTTMP/alone/ip" route
	err_has "no other ip to run it"
}

t_without_the_fallback_other_objects_are_refused() {
	variant off "# CONFIG_IP_FALLBACK is not set"
	for o in n ne address route "link show" "link set lo txqueuelen 5"; do
		# shellcheck disable=SC2086
		expect 255 "" -- "$TESTTMP/off/ip" $o
		err_has "this ip is netns, which does only"
	done
	expect 0 "" -- "$TESTTMP/off/ip" link set lo up
	expect 255 -- "$TESTTMP/off/ip"
}

# A word netns does not know in ip link set (a keyword of iproute2's, or
# garbage) makes the whole command the other ip's: it does what BusyBox
# does, or fails with BusyBox's message; nothing was done before.
t_unknown_link_words_go_to_the_other_ip() {
	need_fallback
	make_veth v0 v1
	"$NETNS" add a || fail "add a"
	expect 0 "" -- "$NETNS_IP" link set dev v0 promisc on
	"$ORACLE_IP" -o link show v0 | grep -q PROMISC || fail "not promisc"
	run "$NETNS_IP" link set v0 v1 netns a
	[ "$rc" != 0 ] || fail "ip link set v0 v1 netns a succeeded"
	err_has "garbage"
	"$ORACLE_IP" link show v0 > /dev/null 2>&1 || fail "v0 moved"
}
