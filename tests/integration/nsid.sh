# SPDX-License-Identifier: MIT
# Namespace ids against the real kernel, inside the sandbox: list's
# "(id: N)", set, list-id, their JSON, and the batched lookup (1000 names
# under `ulimit -n 64`, about one syscall per name). Under qemu-user
# (make check-cross), which cannot carry RTM_GETNSID or RTM_NEWNSID, each
# test checks the graceful answer instead: names without ids, and a
# message with a non-zero exit for set and list-id, never a hang.

# the names of the run dir in readdir order, as ls -f reads them
readdir_names() { ls -f "$RUN_DIR" | grep -v '^\.\.\?$'; }

# $1 and $2: the namespaces a (id 5) and b (id 0, chosen by the kernel)
two_with_ids() {
	"$NETNS" add a && "$NETNS" add b || fail "add"
	expect 0 "" -- "$NETNS" set a 5
	expect 0 "" -- "$NETNS" set b auto
}

t_list_shows_ids_in_readdir_order() {
	if qemu_lacks nsid; then
		"$NETNS" add a && "$NETNS" add b || fail "add"
		expect_graceful "$NETNS" set a 5
		expect 0 "$(readdir_names)" -- "$NETNS" list
		expect 0 "$(readdir_names)" -- "$NETNS" show
		return
	fi
	"$NETNS" add c || fail "add c"
	two_with_ids
	want=$(readdir_names | sed 's/^a$/a (id: 5)/; s/^b$/b (id: 0)/')
	expect 0 "$want" -- "$NETNS" list
	expect 0 "$want" -- "$NETNS" lst
	expect 0 "$want" -- "$NETNS_IP" netns
	# an id is ours: inside a, only b has one (given there)
	expect 0 "" -- "$NETNS" exec a "$NETNS" set b 9
	want=$(readdir_names | sed 's/^b$/b (id: 9)/')
	expect 0 "$want" -- "$NETNS" exec a "$NETNS" list
}

t_list_json() {
	if qemu_lacks nsid; then
		"$NETNS" add a || fail "add"
		expect 0 '[{"name":"a"}]' -- "$NETNS_IP" -j netns list
		return
	fi
	two_with_ids
	first=$(readdir_names | head -n 1)
	[ "$first" = a ] && set -- '{"name":"a","id":5}' '{"name":"b","id":0}' ||
		set -- '{"name":"b","id":0}' '{"name":"a","id":5}'
	expect 0 "[$1,$2]" -- "$NETNS_IP" -j netns list
	expect 0 "[$1,$2]" -- "$NETNS_IP" -json netns list
	pretty=$(printf '[ {\n        "name": "%s",\n        "id": %s\n    },{\n        "name": "%s",\n        "id": %s\n    } ]' \
		$(echo "$1$2" | sed 's/[{}",:]/ /g; s/name//g; s/id//g'))
	expect 0 "$pretty" -- "$NETNS_IP" -j -p netns list
	expect 0 "$pretty" -- "$NETNS_IP" -pretty -json netns show
	# -pretty alone changes nothing
	expect 0 "$(readdir_names | sed 's/^a$/a (id: 5)/; s/^b$/b (id: 0)/')" \
		-- "$NETNS_IP" -p netns list
}

t_list_json_empty_and_missing_run_dir() {
	expect 0 "[]" -- "$NETNS_IP" -j netns list
	expect 0 "[ ]" -- "$NETNS_IP" -j -p netns list
	no_run_dir
	expect 0 "" -- "$NETNS_IP" -j netns list
	expect 0 "" -- "$NETNS" list
	expect 0 "" -- "$NETNS_IP" -j -p netns
}

t_json_escapes_names_as_iproute2() {
	"$NETNS" add "$(printf 'q"b\\s\tt')" || fail "add"
	expect 0 '[{"name":"q\"b\\s\tt"}]' -- "$NETNS_IP" -j netns list
}

t_files_that_are_no_namespace_list_without_id() {
	: > "$RUN_DIR/plain"
	mkdir "$RUN_DIR/dir"
	expect 0 "$(readdir_names)" -- "$NETNS" list
	qemu_lacks nsid && return
	# no id anywhere: one dump answers, no file is asked about
	check_eq "$err" "" "stderr without any id"
	"$NETNS" add a && "$NETNS" set a 1 || fail "add, set"
	expect 0 "$(readdir_names | sed 's/^a$/a (id: 1)/')" -- "$NETNS" list
	err_has "Error: Peer netns reference is invalid."
	expect 2 "" -- "$NETNS" set plain 3
	err_has "Error: Peer netns reference is invalid."
}

t_set_auto_and_numbers() {
	"$NETNS" add a && "$NETNS" add b && "$NETNS" add c || fail "add"
	if qemu_lacks nsid; then
		expect_graceful "$NETNS" set a auto
		err_has "does not support namespace ids"
		return
	fi
	expect 0 "" -- "$NETNS" set a 0x10
	expect 0 "" -- "$NETNS" set b 010
	expect 0 "" -- "$NETNS" set c " 2147483647"
	run "$NETNS" list
	case $out in *"a (id: 16)"*"b (id: 8)"* | *"b (id: 8)"*"a (id: 16)"*) ;;
	*) fail "ids: $out" ;; esac
	case $out in *"c (id: 2147483647)"*) ;; *) fail "c: $out" ;; esac
}

t_set_errors() {
	"$NETNS" add a || fail "add"
	expect 1 "" -- "$NETNS" set
	err_has "No netns name specified"
	expect 1 "" -- "$NETNS" set a
	err_has "No nsid specified"
	expect 255 "" -- "$NETNS" set a foo
	err_has 'Error: argument "foo" is wrong: Invalid "netnsid" value'
	expect 255 "" -- "$NETNS" set a -1
	err_has 'Error: argument "-1" is wrong: "netnsid" value should be >= 0'
	expect 255 "" -- "$NETNS" set a 2147483648
	expect 255 "" -- "$NETNS" set a 09
	expect 255 "" -- "$NETNS" set a ""
	expect 1 "" -- "$NETNS" set zz 5
	err_has 'Cannot open network namespace "zz": No such file or directory'
	if qemu_lacks nsid; then
		expect_graceful "$NETNS" set a 5
		return
	fi
	expect 0 "" -- "$NETNS" set a 5
	expect 2 "" -- "$NETNS" set a 5
	err_has "Error: Peer netns already has a nsid assigned."
	expect 2 "" -- "$NETNS" set a auto
	"$NETNS" add b || fail "add b"
	expect 2 "" -- "$NETNS" set b 5
	err_has "Error: "
	expect 0 "a (id: 5)" -- sh -c "'$NETNS' list | grep '^a'"
}

t_list_id() {
	if qemu_lacks nsid; then
		"$NETNS" add a || fail "add"
		expect_graceful "$NETNS" list-id
		err_has "does not support namespace ids"
		expect_graceful "$NETNS_IP" -j netns list-id nsid 0
		return
	fi
	expect 0 "" -- "$NETNS" list-id
	two_with_ids
	want='nsid 0 (iproute2 netns name: b)
nsid 5 (iproute2 netns name: a)'
	expect 0 "$want" -- "$NETNS" list-id
	expect 0 "nsid 5 (iproute2 netns name: a)" -- "$NETNS" list-id nsid 5
	expect 0 '[{"nsid":0,"name":"b"},{"nsid":5,"name":"a"}]' \
		-- "$NETNS_IP" -j netns list-id
	expect 0 '[ {
        "nsid": 5,
        "name": "a"
    } ]' -- "$NETNS_IP" -j -p netns list-id nsid 0x5
	# the ids that a gives: b is 9 there, and 0 here
	expect 0 "" -- "$NETNS" exec a "$NETNS" set b 9
	expect 0 "nsid 9 current-nsid 0 (iproute2 netns name: b)" \
		-- "$NETNS" list-id target-nsid 5
	expect 0 "nsid 9 current-nsid 0 (iproute2 netns name: b)" \
		-- "$NETNS" list-id target-nsid 5 nsid 0
	expect 0 '[{"nsid":9,"current-nsid":0,"name":"b"}]' \
		-- "$NETNS_IP" -j netns list-id target-nsid 5
	# a has no id for c: "nsid unassigned", left out of JSON
	"$NETNS" add c && "$NETNS" set c 3 || fail "c"
	expect 0 "nsid unassigned current-nsid 3 (iproute2 netns name: c)" \
		-- "$NETNS" list-id target-nsid 5 nsid 3
	expect 0 '[{"current-nsid":3,"name":"c"}]' \
		-- "$NETNS_IP" -j netns list-id target-nsid 5 nsid 3
	# an id with no name in the run dir
	umount "$RUN_DIR/c" && rm "$RUN_DIR/c"
	"$NETNS" exec a "$NETNS" list-id > /dev/null || fail "list-id in a"
}

t_list_id_names_the_first_of_two_names() {
	qemu_lacks nsid && return
	"$NETNS" add a && "$NETNS" set a 4 || fail "a"
	: > "$RUN_DIR/a2" && mount --bind "$RUN_DIR/a" "$RUN_DIR/a2" || fail "a2"
	first=$(readdir_names | grep '^a' | head -n 1)
	expect 0 "nsid 4 (iproute2 netns name: $first)" -- "$NETNS" list-id
}

t_list_id_errors() {
	expect 255 "" -- "$NETNS" list-id foo
	expect 255 "" -- "$NETNS" list-id nsid
	expect 255 "" -- "$NETNS" list-id nsid x
	err_has 'Error: argument "x" is wrong: "nsid" value is invalid'
	expect 255 "" -- "$NETNS" list-id nsid -1
	expect 255 "" -- "$NETNS" list-id target-nsid -1
	expect 255 "" -- "$NETNS" list-id nsid 1 nsid 2
	err_has 'Error: duplicate "nsid": "nsid" is the second value.'
	expect 255 "" -- "$NETNS" list-id target-nsid 1 target-nsid 1
	if qemu_lacks nsid; then
		expect_graceful "$NETNS" list-id nsid 5
		return
	fi
	expect 2 "" -- "$NETNS" list-id nsid 5
	err_has "Error: Peer netns reference is invalid."
	expect 1 "" -- "$NETNS" list-id target-nsid 7
	err_has "Error: Invalid target network namespace id."
	err_has "Dump terminated"
	expect 1 "[]" -- "$NETNS_IP" -j netns list-id target-nsid 7
	expect 2 "" -- "$NETNS_IP" -j netns list-id nsid 7
	expect 2 "" -- "$NETNS" list-id target-nsid 7 nsid 1
	err_has "Error: "
}

# 1000 names, half bound to a (id 5), half to b (no id)
thousand_names() {
	"$NETNS" add a && "$NETNS" add b || fail "add"
	qemu_lacks nsid || "$NETNS" set a 5 || fail "set"
	i=0
	while [ $i -lt 1000 ]; do
		: > "$RUN_DIR/n$i" || fail "n$i"
		[ $((i % 2)) = 0 ] && ns=a || ns=b
		mount --bind "$RUN_DIR/$ns" "$RUN_DIR/n$i" || fail "bind n$i"
		i=$((i + 1))
	done
	if qemu_lacks nsid; then
		want=$(readdir_names)
	else
		want=$(readdir_names | sed -e 's/^a$/a (id: 5)/' \
			-e 's/^n[0-9]*[02468]$/& (id: 5)/')
	fi
}

t_thousand_names_under_ulimit_64() {
	thousand_names
	expect 0 "$want" -- sh -c "ulimit -n 64 && exec '$NETNS' list"
	check_eq "$(echo "$out" | wc -l)" 1002 "lines"
	expect 0 "$want" -- sh -c "ulimit -n 16 && exec '$NETNS' list"
	expect 0 "$want" -- "$NETNS" list
	[ -z "$err" ] || fail "stderr: $err"
	qemu_lacks nsid && return
	expect 0 "$(printf 'nsid 5 (iproute2 netns name: %s)' \
		"$(readdir_names | grep -x 'a\|n[0-9]*[02468]' | head -n 1)")" \
		-- sh -c "ulimit -n 64 && exec '$NETNS' list-id"
}

t_list_costs_about_one_syscall_per_name() {
	under_qemu && skip "strace would count qemu's syscalls"
	command -v strace > /dev/null || skip "strace is not installed"
	thousand_names
	strace -c -f -o "$TESTTMP/strace.txt" "$NETNS" list > /dev/null ||
		fail "strace $NETNS list"
	calls=$(awk '$NF == "total" { print $4 }' "$TESTTMP/strace.txt")
	echo "list of 1000 names: $calls syscalls"
	[ -n "$calls" ] && [ "$calls" -le 1200 ] ||
		fail "$calls syscalls for 1000 names (at most 1200)"
	grep -q recvmmsg "$TESTTMP/strace.txt" || fail "no recvmmsg"
	strace -c -f -o "$TESTTMP/strace64.txt" \
		sh -c "ulimit -n 64 && exec '$NETNS' list" > /dev/null
	calls=$(awk '$NF == "total" { print $4 }' "$TESTTMP/strace64.txt")
	echo "under ulimit -n 64 (sh included): $calls syscalls"
	[ "$calls" -le 1300 ] || fail "$calls syscalls under ulimit -n 64"
}

# What qemu-user shows the cross builds, shown to the native one: the
# send of RTM_GETNSID / RTM_NEWNSID fails with EOPNOTSUPP there.
t_kernel_without_nsid_support_is_graceful() {
	under_qemu && skip "already under qemu"
	q=qemu-$(uname -m)-static
	command -v "$q" > /dev/null || skip "$q is not installed"
	"$NETNS" add a && "$NETNS" add b || fail "add"
	expect 0 "$(readdir_names)" -- "$q" "$NETNS" list
	expect 0 "$(readdir_names | sed 's/.*/{"name":"&"}/' | paste -sd, |
		sed 's/.*/[&]/')" -- "$q" "$NETNS" -json list
	expect 2 "" -- timeout 20 "$q" "$NETNS" set a 5
	err_has "does not support namespace ids"
	expect 2 "" -- timeout 20 "$q" "$NETNS" list-id
	err_has "does not support namespace ids"
	expect 2 "" -- timeout 20 "$q" "$NETNS" -json list-id nsid 1
	no_run_dir
	expect 2 "" -- timeout 20 "$q" "$NETNS" list-id
}

# ---- a helper on a second CPU (CONFIG_FEATURE_NSID_PARALLEL) ----

# 300 names, every third with an id (its number): 100 ids, fewer than
# the 134 that fill the first message of a dump (see below), so that
# iproute2 lists them all on any kernel
three_hundred_with_ids() {
	i=0
	while [ $i -lt 300 ]; do
		"$NETNS" add "n$i" || fail "add n$i"
		[ $((i % 3)) != 0 ] || "$NETNS" set "n$i" "$i" || fail "set n$i"
		i=$((i + 1))
	done
}

# is the helper built in? (the binary names its features: netns -V)
helper_built() {
	"$NETNS" -V | grep -q ', nsid-parallel\(,\|$\)'
}

# Over 128 names (so more than one batch) with a second CPU: the helper
# takes batches in turn with the caller. What list, list-id and -json
# print must be iproute2's, read from the same run dir.
t_two_cpus_list_what_iproute2_lists() {
	qemu_lacks nsid && skip "no ids under qemu-user"
	need_oracle
	[ "$(nproc)" -ge 2 ] || skip "one CPU: no helper"
	three_hundred_with_ids
	for cmd in "netns list" "netns list-id" "-json netns list" \
		"-json netns list-id" "netns list-id nsid 9"; do
		# shellcheck disable=SC2086
		run "$ORACLE_IP" $cmd
		want=$out want_rc=$rc
		# shellcheck disable=SC2086
		expect "$want_rc" "$want" -- "$NETNS_IP" $cmd
		[ -z "$err" ] || fail "ip $cmd: stderr $err"
	done
	check_eq "$(echo "$want" | wc -l)" 1 "list-id nsid 9"
	# under ulimit -n 64 too, where each side asks in several sends
	run "$ORACLE_IP" netns list
	want=$out
	expect 0 "$want" -- sh -c "ulimit -n 64 && exec '$NETNS' list"
}

# The helper shares our memory (clone with CLONE_VM), runs only when the
# process may use two CPUs, and the caller's CPUs are its own again after:
# a command that batch mode runs next inherits all of them.
t_helper_only_on_two_cpus_and_cpus_restored() {
	qemu_lacks nsid && skip "no ids under qemu-user"
	helper_built || skip "CONFIG_FEATURE_NSID_PARALLEL is not set"
	command -v strace > /dev/null || skip "strace is not installed"
	command -v taskset > /dev/null || skip "taskset is not installed"
	[ "$(nproc)" -ge 2 ] || skip "one CPU: no helper"
	three_hundred_with_ids
	strace -f -e trace=clone,clone3 -o "$TESTTMP/two.txt" \
		"$NETNS" list > /dev/null || fail "strace list"
	grep -q 'CLONE_VM' "$TESTTMP/two.txt" ||
		fail "no helper on $(nproc) CPUs: $(cat "$TESTTMP/two.txt")"
	strace -f -e trace=clone,clone3 -o "$TESTTMP/one.txt" \
		taskset -c 0 "$NETNS" list > /dev/null || fail "strace list"
	! grep -q 'CLONE_VM' "$TESTTMP/one.txt" ||
		fail "a helper on one CPU: $(cat "$TESTTMP/one.txt")"
	expect 0 -- "$NETNS" exec n1 true
	mine=$(grep Cpus_allowed_list /proc/self/status)
	expect 0 -- "$NETNS" -batch - <<-EOF
	netns list
	netns exec n1 grep Cpus_allowed_list /proc/self/status
	netns list-id
	netns exec n1 grep Cpus_allowed_list /proc/self/status
	EOF
	check_eq "$(echo "$out" | grep Cpus_allowed_list | sort -u)" "$mine" \
		"CPUs of a command run after list"
}

# A helper only where it pays off: the first read of the run dir must
# hold 40 names. 30 names of 201 or 202 bytes take three reads, and get
# none; 60 of 41 or 42 bytes (47 to a read) get one. Both list as
# iproute2 does.
t_helper_only_for_many_names() {
	qemu_lacks nsid && skip "no ids under qemu-user"
	helper_built || skip "CONFIG_FEATURE_NSID_PARALLEL is not set"
	command -v strace > /dev/null || skip "strace is not installed"
	[ "$(nproc)" -ge 2 ] || skip "one CPU: no helper"
	long=$(printf '%0200d' 0)
	mid=$(printf '%040d' 0)
	for n in 30:$long 60:$mid; do
		i=0
		while [ $i -lt "${n%%:*}" ]; do
			"$NETNS" add "$i${n#*:}" && "$NETNS" set "$i${n#*:}" auto ||
				fail "add"
			i=$((i + 1))
		done
		strace -f -e trace=clone,clone3 -o "$TESTTMP/c.txt" \
			"$NETNS" list > /dev/null || fail "strace list"
		case $n in
		30:*) ! grep -q CLONE_VM "$TESTTMP/c.txt" ||
			fail "a helper for 30 names" ;;
		*) grep -q CLONE_VM "$TESTTMP/c.txt" ||
			fail "no helper for 60 names" ;;
		esac
		if [ -n "${ORACLE_IP:-}" ]; then
			run "$ORACLE_IP" netns list
			expect 0 "$out" -- "$NETNS" list
		fi
		"$NETNS" -all delete || fail "delete"
	done
}

# Some kernels (6.18 here) end an id dump when its first message is
# full, and size that message by the largest read on the socket so far:
# 134 ids after none, as iproute2 reads. list-id reads an ACK of 32 KiB
# first, so 300 ids all come, in id order, each with its name.
t_list_id_lists_every_id_of_a_long_dump() {
	qemu_lacks nsid && skip "no ids under qemu-user"
	want=
	i=0
	while [ $i -lt 300 ]; do
		"$NETNS" add "n$i" && "$NETNS" set "n$i" "$i" || fail "n$i"
		want="$want${want:+
}nsid $i (iproute2 netns name: n$i)"
		i=$((i + 1))
	done
	expect 0 "$want" -- "$NETNS" list-id
	run "$NETNS" -json list-id
	check_eq "$(echo "$out" | grep -o '"nsid":' | wc -l)" 300 "JSON ids"
	if [ -n "${ORACLE_IP:-}" ]; then
		run "$ORACLE_IP" netns list-id
		echo "iproute2 lists $(echo "$out" | grep -c nsid) of the 300"
	fi
}

# Names come and go while lists run: the helper reads the run dir on its
# own, so its batches can be for other names than ours. Every name that
# stays must still show with its own id, once, and no name with another
# name's id.
t_ids_stay_right_while_names_change() {
	qemu_lacks nsid && skip "no ids under qemu-user"
	[ "$(nproc)" -ge 2 ] || skip "one CPU: no helper"
	three_hundred_with_ids
	want=$(i=0; while [ $i -lt 300 ]; do
		[ $((i % 3)) != 0 ] && echo "n$i" || echo "n$i (id: $i)"
		i=$((i + 1)); done | sort)
	( j=0; while [ ! -e "$TESTTMP/stop" ]; do
		"$NETNS" add "z$j" && "$NETNS" delete "z$j"
		: > "$RUN_DIR/f$j" && rm -f "$RUN_DIR/f$j"
		j=$((j + 1)); done ) 2>/dev/null &
	churn=$!
	k=0
	while [ $k -lt 30 ]; do
		run "$NETNS" list
		[ "$rc" = 0 ] || { : > "$TESTTMP/stop"; fail "list: exit $rc"; }
		got=$(echo "$out" | grep '^n' | sort)
		[ "$got" = "$want" ] || {
			: > "$TESTTMP/stop"
			echo "$got" > "$TESTTMP/got"
			echo "$want" > "$TESTTMP/want"
			diff "$TESTTMP/want" "$TESTTMP/got" | head -n 20
			fail "list $k: the names that stayed differ"
		}
		k=$((k + 1))
	done
	: > "$TESTTMP/stop"
	wait "$churn"
}
