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
