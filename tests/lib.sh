# SPDX-License-Identifier: MIT
# Shared by every test file (sourced by tests/run.sh). Tests that create
# namespaces, mounts or devices run only inside the sandbox set up here:
# tests/run.sh starts each one under
#   unshare --mount --net --pid --fork --mount-proc --propagation private
# and sandbox_setup_yes lays tmpfs over the run dir and /etc/netns, so the
# machine's own namespaces, mounts and interfaces are never seen.
RUN_DIR=/var/run/netns
# where mountinfo shows it (on Debian /var/run is a link to /run)
MNT_DIR=/run/netns

sandbox_setup_yes() {
	# a tmpfs over /run first: nothing below is made on the host's disk
	mount -t tmpfs tmpfs /run || return 1
	mkdir -p /run/netns /etc/netns "$RUN_DIR" || return 1
	mount -t tmpfs tmpfs "$RUN_DIR" || return 1
	mount -t tmpfs tmpfs /etc/netns || return 1
	# a device of our own: never touch an interface we did not make
	ip link set lo up 2>/dev/null
	return 0
}
sandbox_setup_no() { return 0; }
# "# sandbox: nics" (tests/vm/nic.sh, in a test VM only): the machine's own
# network namespace, where a physical NIC comes home when a namespace dies;
# the mounts are the sandbox's own as above
sandbox_setup_nics() {
	mount -t tmpfs tmpfs /run || return 1
	mkdir -p /run/netns /etc/netns "$RUN_DIR" || return 1
	mount -t tmpfs tmpfs "$RUN_DIR" || return 1
	mount -t tmpfs tmpfs /etc/netns || return 1
}

# no_run_dir: from here on the run dir does not exist, in this sandbox
# only: a fresh tmpfs over /run hides it (rmdir would reach the host's disk)
no_run_dir() {
	umount "$RUN_DIR" 2>/dev/null
	mount -t tmpfs tmpfs /run || fail "cannot mount a tmpfs over /run"
	[ ! -e "$RUN_DIR" ] || fail "$RUN_DIR still exists"
}

fail() { echo "FAILED: $*"; exit 1; }
skip() { echo "skip: $*"; exit 77; }
# unsupported REASON: what the test needs, this kernel lacks (an old one:
# make check-vm KERNEL=...); REASON names it and the version that has it.
# Counted apart from skips: a skip is about the test machine, this about
# the kernel the binary runs on.
unsupported() { echo "unsupported: $*"; exit 78; }

# kernel_before MAJOR.MINOR: the running kernel is older than that
kernel_before() {
	set -- "${1%%.*}" "${1#*.}" "$(uname -r)"
	kmaj=${3%%.*} kmin=${3#*.}
	kmin=${kmin%%[!0-9]*}
	[ "$kmaj" -lt "$1" ] || { [ "$kmaj" -eq "$1" ] && [ "$kmin" -lt "$2" ]; }
}

# run CMD...: its stdout in $out, stderr in $err, exit status in $rc
run() {
	"$@" > "$TESTTMP/.out" 2> "$TESTTMP/.err"
	rc=$?
	out=$(cat "$TESTTMP/.out")
	err=$(cat "$TESTTMP/.err")
	return 0
}

# expect RC [STDOUT] -- CMD...: exit status and, when given, whole stdout
expect() {
	want_rc=$1
	shift
	want_out=
	check_out=no
	if [ "$1" != -- ]; then
		want_out=$1
		check_out=yes
		shift
	fi
	[ "$1" = -- ] && shift
	run "$@"
	[ "$rc" = "$want_rc" ] ||
		fail "$*: exit $rc, wanted $want_rc (stdout: $out) (stderr: $err)"
	[ $check_out = no ] || [ "$out" = "$want_out" ] ||
		fail "$*: stdout [$out], wanted [$want_out] (stderr: $err)"
}

# err_has TEXT: the last run's stderr contains TEXT
err_has() {
	case $err in *"$1"*) ;; *) fail "stderr [$err] lacks [$1]" ;; esac
}

check_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: [$1] != [$2]"; }

# build_unit NAME CONFIG: tests/unit/NAME.c, built into ./NAME with the
# host's musl-gcc (or cc) against every libbb-lite source and CONFIG's
# header (scripts/gen_autoconf.sh); the applets' dir is on the include
# path, for a driver that includes an applet to reach its static parts.
# make coverage adds its gcov flags (NETNS_COVERAGE_CFLAGS).
build_unit() {
	cc=$(command -v musl-gcc || command -v cc) || skip "no C compiler"
	mkdir -p "gen.$1"
	sh "$TOP/scripts/gen_autoconf.sh" "$2" > "gen.$1/autoconf.h" ||
		fail "no header for $2"
	# shellcheck disable=SC2086 # make coverage's flags, words
	$cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I"gen.$1" \
		-I"$TOP/libbb-lite" -I"$TOP/applets" -I"$TOP" \
		${NETNS_COVERAGE_CFLAGS:-} \
		-ffunction-sections -Wl,--gc-sections -o "$1" \
		"$TOP/tests/unit/$1.c" "$TOP"/libbb-lite/*.c ||
		fail "$1 does not build"
}

need_oracle() { [ -n "$ORACLE_IP" ] || skip "iproute2's ip is not installed"; }

# unnamed_process: a process in a network namespace of its own (no name),
# its pid in $pid
unnamed_process() {
	unshare -n sleep 1000 &
	pid=$!
	i=0
	while [ "$(readlink /proc/$pid/ns/net)" = "$(readlink /proc/self/ns/net)" ]; do
		sleep 0.02
		i=$((i + 1))
		[ $i -lt 250 ] || fail "no process in a namespace of its own"
	done
}

# a veth pair made here, for tests that move devices
make_veth() { ip link add "$1" type veth peer name "$2" || skip "no veth"; }

# transcript IP SCRIPT: run each line of SCRIPT with `ip` being IP, in a
# fresh nested sandbox; print each line's stdout then "[rc=N]"
transcript() {
	# the inner sh needs it: without it, stderr and ipbin land in /
	export TESTTMP
	unshare --mount --net --pid --fork --mount-proc --propagation private \
		sh -c '
		. "$TOP/tests/lib.sh"; sandbox_setup_yes >/dev/null 2>&1
		mkdir -p "$TESTTMP/ipbin.$$"
		ln -sf "$1" "$TESTTMP/ipbin.$$/ip"
		PATH="$TESTTMP/ipbin.$$:$PATH"
		printf "%s\n" "$2" | while IFS= read -r line; do
			[ -n "$line" ] || continue
			printf "%s\n" "\$ $line"
			eval "$line" 2>>"$TESTTMP/stderr.$(basename "$1")" </dev/null
			echo "[rc=$?]"
		done' sh "$1" "$2"
}

# same_as_oracle WHAT ORACLE_STDERR OUR_STDERR: oracle.txt and ours.txt of
# the test's dir are the same; else their diff and both stderrs, and fail
same_as_oracle() {
	cmp -s "$TESTTMP/oracle.txt" "$TESTTMP/ours.txt" && return 0
	diff -u "$TESTTMP/oracle.txt" "$TESTTMP/ours.txt"
	echo "--- stderr with iproute2:"; cat "$2" 2>/dev/null
	echo "--- stderr with netns:"; cat "$3" 2>/dev/null
	fail "$1"
}

# same_as_iproute2 SCRIPT: stdout and exit status of every line are the
# same through iproute2's ip and through netns as ip
same_as_iproute2() {
	need_oracle
	transcript "$ORACLE_IP" "$1" > "$TESTTMP/oracle.txt"
	transcript "$NETNS" "$1" > "$TESTTMP/ours.txt"
	same_as_oracle "differs from iproute2" "$TESTTMP/stderr.ip" \
		"$TESTTMP/stderr.netns"
}

# scenario IP CMD...: run CMD (a script and its shell) in a fresh nested
# sandbox where `ip` is IP; its stdout, then "[rc=N]"
scenario() {
	export TESTTMP ORACLE_IP
	unshare --mount --net --pid --fork --mount-proc --propagation private \
		sh -c '
		. "$TOP/tests/lib.sh"; sandbox_setup_yes >/dev/null 2>&1
		export RUN_DIR
		mkdir -p "$TESTTMP/ipbin.$$"
		ln -sf "$1" "$TESTTMP/ipbin.$$/ip"
		PATH="$TESTTMP/ipbin.$$:$PATH"
		shift
		"$@" 2>>"$TESTTMP/scenario.stderr" </dev/null
		echo "[rc=$?]"' sh "$@"
}

# same_result_as_iproute2 CMD...: what a script prints (its observations
# of the kernel's state, read with iproute2) and its exit status are the
# same with iproute2 as ip and with netns as ip
same_result_as_iproute2() {
	need_oracle
	scenario "$ORACLE_IP" "$@" > "$TESTTMP/oracle.txt"
	mv "$TESTTMP/scenario.stderr" "$TESTTMP/oracle.stderr" 2>/dev/null
	scenario "$NETNS" "$@" > "$TESTTMP/ours.txt"
	same_as_oracle "the scenario differs from iproute2's" \
		"$TESTTMP/oracle.stderr" "$TESTTMP/scenario.stderr"
}

# ---- under qemu-user (make check-cross, see tests/cross/run.sh) ----
# tests/cross/run.sh runs the integration tests on each cross binary under
# qemu-ARCH-static, with NETNS_UNDER_QEMU=ARCH and $NETNS a wrapper script
# (NETNS_CROSS_BIN is the real binary). qemu-user cannot carry some
# requests; a test that needs one checks the binary's graceful answer
# instead, and says so through qemu_lacks, which notes it for the run's
# summary:
#   if qemu_lacks nsid; then expect_graceful "$NETNS" set a 5; return; fi
under_qemu() { [ -n "${NETNS_UNDER_QEMU:-}" ]; }

# qemu_lacks WHAT: true when running under qemu-user that cannot carry WHAT:
#   nsid     RTM_GETNSID, RTM_NEWNSID (every arch: send fails, EOPNOTSUPP)
#   link-ns  RTM_NEWLINK with IFLA_NET_NS_FD / IFLA_NET_NS_PID (big-endian
#            arches: qemu passes these u32 attributes unswapped, EBADF)
#   link-attrs  RTM_NEWLINK with IFLA_MTU or a nested IFLA_LINKINFO (big-
#            endian arches: qemu swaps no IFLA attribute's data, so an mtu
#            of 1400 reaches the kernel as 2013593600, a veth's kind is lost)
qemu_lacks() {
	under_qemu || return 1
	case $1 in
	nsid) ;;
	link-ns | link-attrs)
		case $NETNS_UNDER_QEMU in s390x | mips | ppc*) ;; *) return 1 ;; esac ;;
	*) fail "qemu_lacks: unknown request kind $1" ;;
	esac
	echo "qemu: cannot carry $1 requests: checking the graceful answer"
	# the test's name: the runner's script (sh -c) ends with it
	qemu_test=$(tr '\0' '\n' < /proc/$$/cmdline 2>/dev/null |
		sed -n "s|.*\. '\([^']*\)'; cd .*&& \(t_[A-Za-z0-9_]*\)\$|\1 \2|p")
	qemu_test=${qemu_test#"$TOP"/}
	[ -z "${NETNS_QEMU_NOTES:-}" ] ||
		echo "${qemu_test:-?}: $1" >> "$NETNS_QEMU_NOTES" 2>/dev/null
	return 0
}

# expect_graceful CMD...: CMD ends within 20 s, fails with one of the
# project's exit codes (1 a step failed, 2 the kernel refused, 255 usage)
# and says why on stderr
expect_graceful() {
	run timeout 20 "$@"
	[ "$rc" != 124 ] || fail "$*: hung (killed after 20 s)"
	[ "$rc" -lt 128 ] || [ "$rc" = 255 ] ||
		fail "$*: killed by signal $((rc - 128)) (stderr: $err)"
	[ "$rc" != 0 ] || fail "$*: succeeded where qemu cannot carry it ($out)"
	case $rc in 1 | 2 | 255) ;;
	*) fail "$*: exit $rc, not 1, 2 or 255 (stderr: $err)" ;; esac
	[ -n "$err" ] || fail "$*: failed (exit $rc) without a message"
}

# moves_or_graceful: under a qemu-user that cannot carry device moves
# (qemu_lacks link-ns), check that a move fails with a message instead,
# and end the test there (it passes, and the run lists it as graceful)
moves_or_graceful() {
	qemu_lacks link-ns || return 0
	ip link add qv0 type veth peer name qv1 || skip "no veth"
	"$NETNS" add qa || fail "add"
	expect_graceful "$NETNS" move qv0 qa
	expect_graceful "$NETNS_IP" link set dev qv0 netns qa
	exit 0
}

# links_or_graceful: the same for requests with link attributes (qemu_lacks
# link-attrs): making a veth pair fails with a message, and the test ends
links_or_graceful() {
	qemu_lacks link-attrs || return 0
	expect_graceful "$NETNS_IP" link add qv0 type veth peer name qv1
	exit 0
}
