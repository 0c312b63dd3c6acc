# SPDX-License-Identifier: MIT
# Core applets against the real kernel, inside the sandbox.

t_add_makes_a_namespace() {
	expect 0 -- "$NETNS" add a
	[ -f "$RUN_DIR/a" ] || fail "no $RUN_DIR/a"
	a=$(stat -L -c %i "$RUN_DIR/a")
	self=$(stat -L -c %i /proc/self/ns/net)
	[ "$a" != "$self" ] || fail "a is our own namespace"
	grep -q " $MNT_DIR/a " /proc/self/mountinfo || fail "a is not a mount"
	# the caller was not left in the new namespace
	expect 0 "" -- "$NETNS" identify
}

t_add_twice_fails_and_keeps_the_first() {
	"$NETNS" add a || fail "add"
	ino=$(stat -L -c %i "$RUN_DIR/a")
	expect 1 -- "$NETNS" add a
	err_has 'Cannot create namespace file "/var/run/netns/a": File exists'
	check_eq "$(stat -L -c %i "$RUN_DIR/a")" "$ino" "a changed"
}

t_run_dir_is_created_shared() {
	no_run_dir
	expect 0 -- "$NETNS" add a
	[ "$(stat -c %a "$RUN_DIR")" = 755 ] || fail "mode $(stat -c %a $RUN_DIR)"
	grep " $MNT_DIR " /proc/self/mountinfo | grep -q shared: ||
		fail "run dir is not a shared mount"
}

t_parallel_first_adds_make_one_mount() {
	no_run_dir
	for i in $(seq 32); do "$NETNS" add "n$i" & done
	wait
	check_eq "$(grep -c " $MNT_DIR/n[0-9]* " /proc/self/mountinfo)" 32 \
		"mounts of the 32 names"
	check_eq "$(grep -c " $MNT_DIR " /proc/self/mountinfo)" 1 \
		"mounts of the run dir itself"
	check_eq "$(ls "$RUN_DIR" | wc -l)" 32 "names"
}

t_bad_names_create_nothing() {
	long=$(printf 'x%.0s' $(seq 256))
	for n in "" . .. a/b "$long"; do
		expect 255 -- "$NETNS" add "$n"
		err_has "Invalid netns name"
	done
	check_eq "$(ls -A "$RUN_DIR")" "" "run dir"
	expect 0 -- "$NETNS" add "${long%x}"
}

t_delete_unmounts_and_unlinks() {
	"$NETNS" add a || fail add
	expect 0 -- "$NETNS" delete a
	[ ! -e "$RUN_DIR/a" ] || fail "file left"
	grep -q " $MNT_DIR/a " /proc/self/mountinfo && fail "mount left"
	expect 1 -- "$NETNS" delete a
	err_has 'Cannot remove namespace file "/var/run/netns/a": No such file or directory'
}

t_missing_run_dir_lists_nothing() {
	no_run_dir
	expect 0 "" -- "$NETNS" list
	expect 0 "" -- "$NETNS"
	expect 0 "" -- "$NETNS" identify
	expect 0 -- "$NETNS" -all delete
}

t_attach_names_a_process_namespace() {
	"$NETNS" add a || fail add
	"$NETNS" exec a sleep 30 &
	sleep 0.3
	pid=$("$NETNS" pids a)
	[ -n "$pid" ] || fail "no pid in a"
	expect 0 -- "$NETNS" attach b "$pid"
	check_eq "$(stat -L -c %i "$RUN_DIR/b")" "$(stat -L -c %i "$RUN_DIR/a")"
	expect 1 -- "$NETNS" attach c 999999
	[ ! -e "$RUN_DIR/c" ] || fail "c created for a dead pid"
	expect 1 -- "$NETNS" attach c 12x
	err_has "Invalid PID"
	[ ! -e "$RUN_DIR/c" ] || fail "c created for a bad pid"
	kill $!
}

t_identify_and_pids() {
	"$NETNS" add a || fail add
	"$NETNS" exec a sleep 30 &
	sleep 0.3
	pid=$("$NETNS" pids a)
	check_eq "$(echo "$pid" | wc -l)" 1 "one process in a"
	expect 0 a -- "$NETNS" identify "$pid"
	expect 0 "" -- "$NETNS" identify $$
	expect 1 -- "$NETNS" identify 999999
	expect 1 -- "$NETNS" identify 12ab
	expect 1 -- "$NETNS" pids zz
	kill $!
}

t_exec_runs_in_the_namespace() {
	"$NETNS" add a || fail add
	ino=$(stat -L -c %i "$RUN_DIR/a")
	expect 0 "$ino" -- "$NETNS" exec a stat -L -c %i /proc/self/ns/net
	expect 7 -- "$NETNS" exec a sh -c 'exit 7'
	expect 1 -- "$NETNS" exec a /nonexistent/cmd
	err_has 'exec of "/nonexistent/cmd" failed: No such file or directory'
	expect 255 -- "$NETNS" exec zz true
	err_has 'Cannot open network namespace "zz": No such file or directory'
}

t_exec_sysfs_is_the_namespace_own() {
	"$NETNS" add a || fail add
	expect 0 lo -- "$NETNS" exec a ls /sys/class/net
	ip link add v0 type veth peer name v1 || skip "no veth"
	run "$NETNS" exec a ls /sys/class/net
	case $out in *v0*) fail "sysfs shows the caller's devices" ;; esac
}

t_exec_sysfs_stays_read_only() {
	"$NETNS" add a || fail add
	mount -o remount,ro /sys 2>/dev/null || mount -t sysfs -o ro sysfs /sys ||
		skip "cannot make /sys read-only"
	run "$NETNS" exec a sh -c 'grep " /sys " /proc/self/mounts'
	check_eq "$rc" 0 "exec"
	case $out in *" ro,"*|*" ro "*) ;; *) fail "sysfs is not ro: $out" ;; esac
}

t_exec_binds_etc_files() {
	"$NETNS" add a || fail add
	mkdir -p /etc/netns/a
	echo "nameserver 192.0.2.53" > /etc/netns/a/resolv.conf
	before=$(cat /etc/resolv.conf 2>/dev/null)
	expect 0 "nameserver 192.0.2.53" -- "$NETNS" exec a cat /etc/resolv.conf
	check_eq "$(cat /etc/resolv.conf 2>/dev/null)" "$before" "caller's /etc"
	# a file with no /etc counterpart: reported, the others still bound
	echo x > /etc/netns/a/no-such-file-in-etc
	run "$NETNS" exec a cat /etc/resolv.conf
	check_eq "$out" "nameserver 192.0.2.53"
	err_has "no-such-file-in-etc"
}

t_exec_leaks_no_fd() {
	"$NETNS" add a || fail add
	mine=$(ls /proc/self/fd | sort | tr '\n' ' ')
	theirs=$("$NETNS" exec a ls /proc/self/fd | sort | tr '\n' ' ')
	check_eq "$theirs" "$mine" "fds seen by the command"
}

t_exec_all() {
	"$NETNS" add a; "$NETNS" add b
	run "$NETNS" -all exec sh -c 'exit 3'
	check_eq "$rc" 0 "exit of -all exec"
	check_eq "$(echo "$out" | grep -c '^netns: ')" 2
}

t_all_delete_removes_every_name() {
	for n in a b c; do "$NETNS" add $n || fail add; done
	expect 0 -- "$NETNS" -all delete
	check_eq "$(ls -A "$RUN_DIR")" "" "run dir"
}

t_non_root_fails_naming_the_step() {
	id nobody >/dev/null 2>&1 || skip "no user nobody"
	"$NETNS" add a || fail add
	for cmd in "add b" "delete a" "attach b 1" "exec a true"; do
		run setpriv --reuid=nobody --regid=nogroup --clear-groups \
			--inh-caps=-all "$NETNS" $cmd
		[ "$rc" != 0 ] || fail "$cmd worked as nobody"
		[ -n "$err" ] || fail "$cmd: no message"
		case $err in *setpriv*) fail "nobody cannot run netns: $err" ;; esac
	done
	[ -e "$RUN_DIR/a" ] || fail "a was removed by nobody"
	[ ! -e "$RUN_DIR/b" ] || fail "b was created by nobody"
}

# iproute2 ignores the words after those a subcommand reads (scripts
# depend on it); netns too, and names them on stderr. It refuses them
# where iproute2 does (identify, pids), and where ignoring them would do
# more than was asked: `ip -all netns delete a` deletes every name there.
t_extra_words_are_ignored_and_named() {
	expect 0 "" -- "$NETNS" add a b
	check_eq "$err" 'extra arguments ignored: "b"' "add a b"
	check_eq "$(ls -A "$RUN_DIR")" "a" "run dir after add a b"
	expect 0 "" -- "$NETNS" add b "(id:" "0)"
	check_eq "$err" 'extra arguments ignored: "(id:" "0)"' "add b (id: 0)"
	expect 0 -- "$NETNS" list "|" grep -vq "^a$"
	check_eq "$(echo "$out" | sort | tr '\n' ' ')" "a b " "list | grep"
	err_has '"|" "grep" "-vq" "^a$"'
	expect 1 -- "$NETNS" -all delete a
	err_has "takes no name"
	expect 1 -- "$NETNS" identify 1 2
	err_has "extra arguments specified"
	expect 1 -- "$NETNS" pids a b
	err_has "extra arguments specified"
	check_eq "$(ls "$RUN_DIR" | sort | tr '\n' ' ')" "a b " "names kept"
	expect 0 "" -- "$NETNS" delete a "(id:" "1)"
	check_eq "$(ls "$RUN_DIR")" "b" "delete a (id: 1)"
	# a long word is named whole
	long=$(printf 'x%.0s' $(seq 5000))
	expect 0 "" -- "$NETNS" add c "$long" y
	check_eq "$err" "extra arguments ignored: \"$long\" \"y\"" "a long word"
}

t_help_forms_print_the_usage() {
	for form in "--help" "help" "h"; do
		expect 255 "" -- "$NETNS" $form
		err_has "Usage:	netns list"
		err_has "netns add NAME"
	done
	expect 255 "" -- "$NETNS_IP" netns help
	err_has "Usage:	ip netns list"
	err_has "ip [-all] netns delete"
	expect 255 "" -- "$NETNS_IP" -help
	err_has "Usage:	ip netns list"
	# one subcommand's usage, and nothing is done
	expect 255 "" -- "$NETNS" add --help
	check_eq "$err" "Usage:	netns add NAME" "usage of add"
	[ ! -e "$RUN_DIR/--help" ] || fail "add --help made a namespace"
	expect 255 "" -- "$NETNS_IP" netns exec --help
	check_eq "$err" "Usage:	ip [-all] netns exec [NAME] cmd ..." "usage of exec"
}
