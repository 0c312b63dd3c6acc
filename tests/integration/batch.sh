# SPDX-License-Identifier: MIT
# -batch FILE / -b FILE, - for stdin, -force: what the differential tests
# cannot see (stderr, fds, the namespace the batch runs in, the limits).

t_batch_failure_names_file_and_line() {
	printf '# setup\n\nnetns add a\nnetns add a\nnetns add b\n' > f
	expect 1 "" -- "$NETNS_IP" -b f
	check_eq "$err" 'Cannot create namespace file "/var/run/netns/a": File exists
Command failed f:4' "stderr"
	[ ! -e "$RUN_DIR/b" ] || fail "the batch went on after a failure"
}

t_batch_force_goes_on_and_still_fails() {
	printf 'netns add a\nnetns add a\nnetns del zz\nnetns add b\n' > f
	expect 1 "" -- "$NETNS" -force -b f
	case $err in *"Command failed f:2"*"Command failed f:3"*) ;;
	*) fail "stderr [$err]" ;; esac
	[ -e "$RUN_DIR/b" ] || fail "the batch stopped"
}

t_batch_from_stdin_is_named_dash() {
	printf 'netns add a\nnetns add a\n' | {
		run "$NETNS_IP" -batch -
		check_eq "$rc" 1 "exit status"
		err_has "Command failed -:2"
	}
}

t_batch_missing_file() {
	expect 1 "" -- "$NETNS_IP" -b nosuch
	check_eq "$err" 'Cannot open file "nosuch" for reading: No such file or directory' "stderr"
}

# add leaves the process in its own namespace and exec forks, so every
# line acts where the one before left off, as the user reads the file
t_batch_add_stays_home_and_exec_forks() {
	home=$(readlink /proc/self/ns/net)
	cat > f <<-'EOF'
	netns add a
	netns identify
	netns exec a sh -c "readlink /proc/self/ns/net"
	netns exec a ip netns identify
	netns add b
	netns exec b ip netns identify
	netns exec a sh -c "exit 3"
	netns exec b echo after
	EOF
	export PATH="$NETNS_BINDIR:$PATH"	# ip in the commands is ours
	expect 1 -- "$NETNS_IP" -force -b f
	a=$(stat -L -c 'net:[%i]' "$RUN_DIR/a")
	check_eq "$out" "
$a
a
b
after" "stdout"
	err_has "Command failed f:7"
	[ "$a" != "$home" ] || fail "a is the caller's namespace"
}

t_batch_usage_error_ends_it_at_once() {
	printf 'netns add a\nnetns foo\nnetns add b\n' > f
	expect 255 "" -- "$NETNS_IP" -force -b f
	check_eq "$err" 'Command "foo" is unknown, try "ip netns help".' "stderr"
	[ ! -e "$RUN_DIR/b" ] || fail "the batch went on after a usage error"
}

# iproute2 forks for exec in a batch, but a child that cannot enter the
# namespace goes on reading the batch itself, so with -force every later
# line runs twice. Here it runs once, and the failure is told once.
t_batch_exec_into_a_missing_namespace_fails_once() {
	printf 'netns add a\nnetns exec zz true\nnetns exec a echo hi\n' > f
	expect 1 "hi" -- "$NETNS_IP" -force -b f
	check_eq "$err" 'Cannot open network namespace "zz": No such file or directory
Command failed f:2' "stderr"
}

t_batch_commands_see_no_batch_fd() {
	printf 'netns add a\nnetns exec a sh -c "readlink /proc/$$/fd/* 2>/dev/null; exit 0"\n' > f
	expect 0 -- "$NETNS_IP" -b f
	[ -n "$out" ] || fail "no fds listed"
	case $out in *"$PWD/f"*) fail "the batch file leaked: $out" ;; esac
	case $out in *inotify*|*socket*) fail "an fd leaked: $out" ;; esac
}

# A command longer than the line buffer is refused with the file and line,
# not cut or run in pieces; a long comment costs nothing.
t_batch_long_command_is_refused_clearly() {
	long=$(head -c 9000 /dev/zero | tr '\0' x)
	printf 'netns add a # %s\nnetns add b\nnetns exec a echo %s\nnetns add c\n' \
		"$long" "$long" > f
	expect 1 "" -- "$NETNS_IP" -force -b f
	check_eq "$err" 'Command too long (over 8191 bytes) f:3' "stderr"
	[ -e "$RUN_DIR/a" ] && [ -e "$RUN_DIR/b" ] || fail "lines 1, 2 did not run"
	[ ! -e "$RUN_DIR/c" ] || fail "line 4 ran"
	# just under the limit still runs
	w=$(head -c 8170 /dev/zero | tr '\0' y)
	printf 'netns exec a echo %s\n' "$w" > g
	expect 0 "$w" -- "$NETNS_IP" -b g
}

t_batch_word_limit_is_iproute2s() {
	w=$(printf ' w%.0s' $(seq 507))
	printf 'netns exec a echo%s w\nnetns add b\n' "$w" > f
	expect 1 "" -- "$NETNS_IP" -force -b f
	check_eq "$err" "Too many arguments to command" "stderr"
}

t_batch_many_lines() {
	for i in $(seq 300); do echo "netns add n$i"; done > f
	echo "netns list" >> f
	expect 0 -- "$NETNS_IP" -b f
	check_eq "$(echo "$out" | wc -l)" 300 "names listed"
	check_eq "$(grep -c " $MNT_DIR/n[0-9]* " /proc/self/mountinfo)" 300 \
		"mounts of the names"
}

t_batch_through_netns_name_too() {
	printf 'netns add a\nnetns list\n' > f
	expect 0 "a" -- "$NETNS" -b f
}
