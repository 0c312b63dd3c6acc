# SPDX-License-Identifier: MIT
# The hardening of issue 13, one test per item (t_NN_...): no hang, no
# silent failure, no half-made name, nothing touched outside the run dir.
# Failures of the kernel are injected with strace (Debian's strace 6.1):
#   strace -f -e inject=SYSCALL:error=ERRNO:when=N
# fails the Nth SYSCALL of each process (see tests/fault for the matrix).

# strace under qemu-user (make check-cross) would see qemu's syscalls
need_strace() {
	under_qemu && skip "strace would count qemu's syscalls, not netns's"
	command -v strace >/dev/null || skip "no strace"
}

# inject SPEC CMD...: CMD under strace with the fault SPEC
# (SYSCALL:error=ERRNO[:when=N]); its stdout, stderr and status as run's.
# The Nth openat is netns's own: those of a dynamic loader (glibc,
# STATIC=0: ld.so.cache, libc.so.6) are added to N.
inject() {
	spec=$1
	shift
	case $spec in openat:*:when=*)
		[ -n "${loader_opens:-}" ] || loader_opens=$(strace -qq \
			-e trace=openat -o /dev/stdout "$NETNS" -V 2>/dev/null |
			grep -c '^openat')
		spec=${spec%:when=*}:when=$((${spec##*:when=} + loader_opens)) ;;
	esac
	run strace -f -qq -o /dev/null -e inject="$spec" "$@"
}

# no_hang CMD...: CMD ends within 10 s (a hang is killed and fails)
no_hang() {
	run timeout 10 "$@"
	[ "$rc" != 124 ] || fail "$*: hung (killed after 10 s)"
	case $err in *"Unknown error"*) fail "$*: a reason without its text: $err" ;; esac
}

is_ns_mount() { grep -q " $MNT_DIR/$1 " /proc/self/mountinfo; }
names() { ls -A "$RUN_DIR" | sort | tr '\n' ' '; }

# 1. the device rescue opens the entry: a FIFO must not make it wait
t_01_delete_of_a_fifo_does_not_hang() {
	mkfifo "$RUN_DIR/f" || fail mkfifo
	no_hang "$NETNS" delete f
	check_eq "$rc" 0 "exit of delete f (stderr: $err)"
	[ ! -e "$RUN_DIR/f" ] || fail "f is left"
	mkfifo "$RUN_DIR/f" && "$NETNS" add a || fail "fifo, add"
	no_hang "$NETNS" -all delete
	check_eq "$rc" 0 "exit of -all delete (stderr: $err)"
	check_eq "$(names)" "" "run dir after -all delete"
}

# 2. the rescue enters only a namespace mounted in the run dir: never one
# that a symlink leads to (a live process's, here)
t_02_rescue_never_enters_through_a_symlink() {
	need_strace
	unnamed_process
	ln -s "/proc/$pid/ns/net" "$RUN_DIR/x" || fail ln
	run strace -f -qq -e trace=setns -o setns.log "$NETNS" delete x
	check_eq "$rc" 0 "exit of delete x (stderr: $err)"
	! grep -q 'setns(' setns.log || fail "delete entered the namespace behind x: $(cat setns.log)"
	[ ! -L "$RUN_DIR/x" ] || fail "the link x is left"
	[ "$(readlink /proc/$pid/ns/net)" != "$(readlink /proc/self/ns/net)" ] ||
		fail "the process was moved"
	ln -s "/proc/$pid/ns/net" "$RUN_DIR/x" || fail ln
	run strace -f -qq -e trace=setns -o setns.log "$NETNS" -all delete
	check_eq "$rc" 0 "exit of -all delete (stderr: $err)"
	! grep -q 'setns(' setns.log || fail "-all delete entered the namespace behind x"
	check_eq "$(names)" "" "run dir"
	kill $pid
}

# 3. -all delete that cannot return to the caller's namespace stops there
t_03_all_delete_stops_when_it_cannot_return() {
	need_strace
	for n in a b c; do "$NETNS" add $n || fail "add $n"; done
	# setns 1 enters the first name, setns 2 comes back
	inject setns:error=EPERM:when=2 "$NETNS" -all delete
	[ "$rc" != 0 ] || fail "exit 0 (stderr: $err)"
	err_has "Operation not permitted"
	check_eq "$(names)" "a b c " "names after a failed return"
}

# 4. list retries or reports what fails in the batched id lookup: never
# exit 0 with ids missing and not a word said
t_04_list_never_drops_ids_silently() {
	need_strace
	"$NETNS" add a && "$NETNS" add b && "$NETNS" add c || fail add
	"$NETNS" set b 5 || fail set
	want=$("$NETNS" list)
	case $want in *"(id: 5)"*) ;; *) fail "no id to lose: $want" ;; esac
	# an interrupted read is done again
	inject recvmmsg:error=EINTR:when=1 "$NETNS" list
	check_eq "$rc" 0 "exit with an interrupted read (stderr: $err)"
	check_eq "$out" "$want" "list after an interrupted read"
	# a lost answer, a failed send: the ids after all, or a message
	for spec in recvmmsg:error=ENOBUFS:when=1 recvmmsg:error=EAGAIN:when=1 \
		sendto:error=ENOBUFS:when=2 sendto:error=EINTR:when=2 \
		sendto:error=ENOMEM:when=2; do
		inject "$spec" "$NETNS" list
		[ "$out" = "$want" ] && [ "$rc" = 0 ] || [ -n "$err" ] ||
			fail "ids lost without a word ($spec): $out"
	done
}

# 5. -all exec stops at the first fork that fails, with exit 1
t_05_all_exec_fails_when_fork_fails() {
	need_strace
	"$NETNS" add a && "$NETNS" add b || fail add
	inject fork,clone:error=EAGAIN "$NETNS" -all exec true
	check_eq "$rc" 1 "exit (stderr: $err)"
	err_has "fork"
	err_has "Resource temporarily unavailable"
	check_eq "$(printf '%s\n' "$out" | grep -c '^netns: ')" 1 "names tried"
}

# 6. every reason has its text; a failed make-private or make-shared is
# named as such, not as the bind before it
t_06_messages_name_the_step_and_the_reason() {
	need_strace
	no_run_dir
	inject flock:error=ENOLCK "$NETNS" add a
	check_eq "$rc" 1 "exit when the lock fails"
	err_has "Cannot lock $RUN_DIR: No locks available"
	# mount 1 finds the run dir no mount point, 2 binds it, 3 makes it
	# private, 4 shared
	no_run_dir
	inject mount:error=EPERM:when=3 "$NETNS" add a
	check_eq "$rc" 1 "exit when make-private fails"
	err_has "make-private"
	case $err in *--bind*) fail "the bind is blamed: $err" ;; esac
	no_run_dir
	inject mount:error=EPERM:when=4 "$NETNS" add a
	check_eq "$rc" 1 "exit when make-shared fails"
	err_has "make-shared"
	case $err in *--bind*) fail "the bind is blamed: $err" ;; esac
}

# 7. delete never follows a link out of the run dir: the link goes, what it
# points to stays (a mount elsewhere, another name)
t_07_delete_never_follows_a_link() {
	mkdir -p "$TESTTMP/s" && mount -t tmpfs tmpfs "$TESTTMP/s" || fail mount
	ln -s "$TESTTMP/s" "$RUN_DIR/e" || fail ln
	no_hang "$NETNS" delete e
	check_eq "$rc" 0 "exit of delete e (stderr: $err)"
	mountpoint -q "$TESTTMP/s" || fail "delete e unmounted $TESTTMP/s"
	[ ! -L "$RUN_DIR/e" ] || fail "the link e is left"
	"$NETNS" add a || fail add
	ln -s "$RUN_DIR/a" "$RUN_DIR/l" || fail ln
	no_hang "$NETNS" delete l
	check_eq "$rc" 0 "exit of delete l (stderr: $err)"
	is_ns_mount a || fail "delete l unmounted a"
	ln -s "$TESTTMP/s" "$RUN_DIR/e" || fail ln
	no_hang "$NETNS" -all delete
	check_eq "$rc" 0 "exit of -all delete (stderr: $err)"
	mountpoint -q "$TESTTMP/s" || fail "-all delete unmounted $TESTTMP/s"
	check_eq "$(names)" "" "run dir"
}

# 8. names are checked whatever the options; -n NS add works
t_08_names_are_checked_whatever_the_options() {
	expect 255 -- "$NETNS" -all add ../escape
	err_has 'Invalid netns name "../escape"'
	[ ! -e /run/escape ] || fail "-all add ../escape made /run/escape"
	unnamed_process
	expect 255 -- "$NETNS" -all attach ../x "$pid"
	[ ! -e /run/x ] || fail "-all attach ../x made /run/x"
	expect 255 -- "$NETNS_IP" -all netns set ../x 5
	kill $pid
	"$NETNS" add a || fail add
	expect 0 -- "$NETNS" -n a add b
	is_ns_mount b || fail "-n a add b: b is no namespace"
	b=$(stat -L -c %i "$RUN_DIR/b")
	[ "$b" != "$(stat -L -c %i "$RUN_DIR/a")" ] || fail "b is a"
	[ "$b" != "$(stat -L -c %i /proc/self/ns/net)" ] || fail "b is ours"
	expect 0 -- "$NETNS_IP" -n a netns attach c $$
	check_eq "$(stat -L -c %i "$RUN_DIR/c")" "$(stat -L -c %i /proc/self/ns/net)" \
		"-n a attach c \$\$"
}

# 9. an entry that blocks on open (a FIFO) blocks nothing
t_09_a_fifo_blocks_nothing() {
	mkfifo "$RUN_DIR/f" || fail mkfifo
	"$NETNS" add a || fail add
	a='a (id: 5)'
	qemu_lacks nsid && a=a || "$NETNS" set a 5 || fail set
	no_hang "$NETNS" list
	check_eq "$rc" 0 "exit of list (stderr: $err)"
	printf '%s\n' "$out" | grep -qx "$a" || fail "list: $out"
	printf '%s\n' "$out" | grep -qx 'f' || fail "list: $out"
	no_hang "$NETNS" list-id
	qemu_lacks nsid ||
		check_eq "$out" "nsid 5 (iproute2 netns name: a)" "list-id"
	no_hang "$NETNS" exec f true
	check_eq "$rc" 255 "exit of exec f (stderr: $err)"
	err_has '"f"'
	no_hang "$NETNS" -all exec true
	check_eq "$rc" 0 "exit of -all exec (stderr: $err)"
	no_hang "$NETNS" set f 7
	[ "$rc" != 0 ] && [ -n "$err" ] || fail "set f 7: exit $rc ($err)"
	no_hang "$NETNS" pids f
	no_hang "$NETNS" identify
}

# 10. a failed add leaves no name, no namespace, and of the run dir only
# what the README says: made, and a shared mount of itself, as any add
# leaves it (a failure while making it shared undoes the bind)
t_10_failed_add_leaves_nothing() {
	need_strace
	# mount 1: not yet a mount point; 2 the bind; 3 private; 4 shared;
	# 5 the name's bind. openat 2: the name's file; 3: our namespace
	for spec in mount:error=EPERM:when=3 mount:error=ENOMEM:when=4 \
		openat:error=ENOSPC:when=2 openat:error=EMFILE:when=3 \
		unshare:error=ENOSPC:when=1 mount:error=ENOMEM:when=5 \
		setns:error=EPERM:when=1 setns:error=ENOMEM:when=1; do
		no_run_dir
		inject "$spec" "$NETNS" add a
		[ "$rc" != 0 ] && [ -n "$err" ] ||
			fail "$spec: exit $rc, stderr [$err]"
		[ ! -e "$RUN_DIR/a" ] && [ ! -L "$RUN_DIR/a" ] ||
			fail "$spec: the name a is left"
		binds=$(grep -c " $MNT_DIR " /proc/self/mountinfo)
		case $spec in
		mount:*:when=[34]) check_eq "$binds" 0 "$spec: binds of the run dir" ;;
		*) [ "$binds" -le 1 ] || fail "$spec: $binds binds of the run dir"
			[ "$binds" = 0 ] || grep " $MNT_DIR " /proc/self/mountinfo |
				grep -q shared: || fail "$spec: the run dir left private" ;;
		esac
	done
	# a failed add leaves the caller where it was: the next add works
	no_run_dir
	expect 0 -- "$NETNS" add a
}

# 11. a delete whose unlink fails leaves the namespace working
t_11_failed_unlink_keeps_the_namespace() {
	need_strace
	"$NETNS" add a || fail add
	ino=$(stat -L -c %i "$RUN_DIR/a")
	for e in EBUSY EROFS EPERM; do
		inject unlink,unlinkat:error=$e "$NETNS" delete a
		check_eq "$rc" 1 "exit when unlink fails with $e"
		err_has 'Cannot remove namespace file "/var/run/netns/a"'
		is_ns_mount a || fail "$e: a is a name without its namespace"
		check_eq "$(stat -L -c %i "$RUN_DIR/a")" "$ino" "$e: the namespace of a"
	done
	expect 0 -- "$NETNS" exec a true
	expect 0 -- "$NETNS" delete a
}

# 12. a directory that cannot be read is said so, and the job is not done:
# exit non-zero
t_12_read_errors_are_reported() {
	need_strace
	"$NETNS" add a && "$NETNS" add b || fail add
	for cmd in "-all delete" "-all exec true" "list" "identify"; do
		# shellcheck disable=SC2086 # the words of the command
		inject getdents64:error=EIO:when=1 "$NETNS" $cmd
		[ "$rc" != 0 ] || fail "$cmd: exit 0 after a read error"
		err_has "Input/output error"
		err_has "$RUN_DIR"
	done
	check_eq "$(names)" "a b " "names after -all delete could not read"
	inject openat:error=EACCES:when=1 "$NETNS" list
	[ "$rc" != 0 ] || fail "list: exit 0 when the run dir cannot be opened"
	err_has "Permission denied"
	# /etc/netns/NAME that is no dir, or cannot be read: said, and no
	# command runs without its files
	echo x > /etc/netns/a
	run "$NETNS" exec a echo ran
	[ "$rc" != 0 ] && [ -z "$out" ] || fail "exec ran without /etc/netns/a: $rc $out"
	err_has "/etc/netns/a"
	err_has "Not a directory"
	rm /etc/netns/a && mkdir /etc/netns/a && echo x > /etc/netns/a/hosts
	inject getdents64:error=EIO:when=1 "$NETNS" exec a echo ran
	[ "$rc" != 0 ] && [ -z "$out" ] || fail "exec ran without /etc/netns/a: $rc $out"
	err_has "/etc/netns/a"
	expect 0 "ran" -- "$NETNS" exec a echo ran
}

# 13. JSON escapes every control byte; \t \n \r \f \b keep their short form
t_13_json_escapes_control_bytes() {
	"$NETNS" add "$(printf 'a\001b\033c\037d\te')" || fail add
	expect 0 '[{"name":"a\u0001b\u001bc\u001fd\te"}]' -- "$NETNS" -json list
}

# wait_watching PID: until PID watches a directory with inotify
wait_watching() {
	i=0
	until grep -qs '^inotify wd:' /proc/"$1"/fdinfo/*; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "process $1 never set up its inotify watch"
		sleep 0.05
	done
}

# 14. monitor says when events were lost and lists the differences: its
# lines, replayed over the names it started with, give the names there are
t_14_monitor_resyncs_after_an_overflow() {
	max=$(cat /proc/sys/fs/inotify/max_queued_events)
	[ "$max" -le 100000 ] || skip "max_queued_events is $max"
	n=$((max / 2 + 500))
	: > "$RUN_DIR/x"
	"$NETNS" monitor > events.txt 2> monitor.err &
	mon=$!
	wait_watching $mon
	kill -STOP $mon
	i=1
	while [ $i -le $n ]; do : > "$RUN_DIR/f$i"; i=$((i + 1)); done
	rm "$RUN_DIR"/f* "$RUN_DIR/x" && : > "$RUN_DIR/f1" && : > "$RUN_DIR/y" ||
		fail "changes"
	kill -CONT $mon
	: > "$RUN_DIR/zz-end"
	i=0
	until grep -qx 'add zz-end' events.txt; do
		i=$((i + 1))
		[ $i -le 200 ] || break
		sleep 0.05
	done
	kill $mon
	grep -qi overflow monitor.err || fail "no word of the overflow: $(cat monitor.err)"
	got=$(awk 'BEGIN { s["x"] = 1 } $1 == "add" { s[$2] = 1 }
		$1 == "delete" { delete s[$2] } END { for (k in s) print k }' \
		events.txt | sort | tr '\n' ' ')
	check_eq "$got" "$(names)" "names replayed from the monitor's lines"
}

# 15. -batch: a file that is no text, or a directory, or a line too long,
# gets an error, never a wait or a silent success
t_15_batch_refuses_what_is_no_text() {
	no_hang "$NETNS" -batch /dev/zero
	check_eq "$rc" 1 "exit of -batch /dev/zero (stderr: $err)"
	err_has "/dev/zero"
	no_hang "$NETNS" -batch "$TESTTMP"
	check_eq "$rc" 1 "exit of -batch DIR"
	err_has "Is a directory"
	printf 'netns add a\nnetns add b\0c\nnetns add d\n' > nul
	no_hang "$NETNS" -batch nul
	check_eq "$rc" 1 "exit of a batch with a NUL byte"
	err_has "nul:2"
	[ -e "$RUN_DIR/a" ] && [ ! -e "$RUN_DIR/b" ] && [ ! -e "$RUN_DIR/d" ] ||
		fail "names after the NUL line: $(names)"
	long=$(head -c 9000 /dev/zero | tr '\0' x)
	printf 'netns add %s\n' "$long" > long
	no_hang "$NETNS" -batch long
	check_eq "$rc" 1 "exit of a long line"
	err_has "too long"
}

# 16. move: a namespace file that exists but cannot be opened is said so
t_16_move_reports_why_the_namespace_cannot_be_opened() {
	id nobody >/dev/null 2>&1 || skip "no user nobody"
	make_veth v0 v1
	"$NETNS" add a || fail add
	chmod 700 "$RUN_DIR"
	run setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all "$NETNS" move v0 a
	check_eq "$rc" 1 "exit (stderr: $err)"
	check_eq "$err" 'Cannot open network namespace "a": Permission denied'
	qemu_lacks link-ns && return
	# a number is still a PID where no name of it can be opened
	run setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all "$NETNS" move v0 1
	check_eq "$rc" 2 "exit of move v0 1 (stderr: $err)"
	err_has "Operation not permitted"
}

# Beyond the 16 (found by the fault matrix): output that cannot be written
# (a full disk, a closed pipe whose SIGPIPE is ignored) is no success
t_write_errors_are_said() {
	"$NETNS" add a || fail add
	run "$NETNS" list
	check_eq "$out" a "list"
	expect 1 "" -- sh -c "\"$NETNS\" list > /dev/full"
	err_has "write failed: No space left on device"
	expect 1 "" -- sh -c "\"$NETNS\" -all exec true > /dev/full"
	err_has "write failed"
	# a monitor with nowhere to write ends at its first line
	"$NETNS" monitor > /dev/full 2> monitor.err &
	mon=$!
	wait_watching $mon
	"$NETNS" add b || fail "add b"
	i=0
	while kill -0 $mon 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 100 ] || { kill $mon; fail "monitor writes on into /dev/full"; }
		sleep 0.05
	done
	wait $mon
	check_eq "$?" 1 "exit of monitor"
	grep -q "write failed" monitor.err || fail "monitor.err: $(cat monitor.err)"
}
