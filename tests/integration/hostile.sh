# SPDX-License-Identifier: MIT
# Hostile run-dir contents: an entry "h" that is a FIFO, a symlink to the
# namespace of a live process, a symlink to a mount elsewhere, a directory,
# a plain file, a socket; beside it a real namespace "a" with an id, so that
# list and list-id open every name. Every subcommand that reads the run dir
# runs under a timeout (a hang fails), says every reason in words, and
# touches nothing outside the run dir: the mount elsewhere stays mounted,
# the live process stays in its namespace.

# no_hang CMD...: CMD ends within 10 s (a hang is killed and fails)
no_hang() {
	run timeout 10 "$@"
	[ "$rc" != 124 ] || fail "$*: hung (killed after 10 s)"
	case $err in *"Unknown error"*) fail "$*: a reason without its text: $err" ;; esac
}

# make_entry KIND: $RUN_DIR/h as KIND; for "live", $pid is the process
make_entry() {
	h="$RUN_DIR/h"
	case $1 in
	fifo) mkfifo "$h" ;;
	live) ln -s "/proc/$pid/ns/net" "$h" ;;
	mount) ln -s "$TESTTMP/s" "$h" ;;
	dir) mkdir "$h" ;;
	file) : > "$h" ;;
	socket) perl -MIO::Socket::UNIX -e \
		'IO::Socket::UNIX->new(Local => $ARGV[0], Listen => 1) or die "$!\n"' "$h" ;;
	esac || fail "cannot make a $1 entry"
}

# outside_intact: what lies outside the run dir is as it was
outside_intact() {
	mountpoint -q "$TESTTMP/s" || fail "$1 unmounted $TESTTMP/s"
	[ "$(readlink /proc/$pid/ns/net)" = "$live_ns" ] || fail "$1 moved process $pid"
	[ "$(readlink /proc/self/ns/net)" = "$own_ns" ] || fail "$1 moved us"
}

# hostile KIND: every subcommand that reads the run dir, with h a KIND
hostile() {
	kind=$1
	mkdir -p "$TESTTMP/s" && mount -t tmpfs tmpfs "$TESTTMP/s" || fail mount
	own_ns=$(readlink /proc/self/ns/net)
	unnamed_process
	live_ns=$(readlink /proc/$pid/ns/net)
	"$NETNS" add a || fail "add a"
	a='a (id: 5)'
	qemu_lacks nsid && a=a || "$NETNS" set a 5 || fail "set a 5"
	make_entry "$kind"
	type=$(stat -c %F "$h")

	no_hang "$NETNS" list
	check_eq "$rc" 0 "exit of list (stderr: $err)"
	printf '%s\n' "$out" | grep -qx "$a" || fail "list: [$out]"
	printf '%s\n' "$out" | grep -qx 'h' || fail "list: [$out]"
	no_hang "$NETNS" -json list
	check_eq "$rc" 0 "exit of -json list (stderr: $err)"
	no_hang "$NETNS" list-id
	qemu_lacks nsid ||
		check_eq "$out" "nsid 5 (iproute2 netns name: a)" "list-id"
	no_hang "$NETNS" identify
	check_eq "$rc" 0 "exit of identify (stderr: $err)"
	no_hang "$NETNS" identify "$pid"
	check_eq "$rc" 0 "exit of identify PID (stderr: $err)"
	no_hang "$NETNS" pids h
	no_hang "$NETNS" pids a
	check_eq "$rc" 0 "exit of pids a (stderr: $err)"
	outside_intact "reading"

	no_hang "$NETNS" exec h true
	if [ "$kind" = live ]; then
		check_eq "$rc" 0 "exit of exec h (stderr: $err)"
	else
		check_eq "$rc" 255 "exit of exec h (stderr: $err)"
		err_has '"h"'
	fi
	no_hang "$NETNS" -all exec true
	check_eq "$rc" 0 "exit of -all exec (stderr: $err)"
	if [ "$kind" != live ] && ! under_qemu; then
		no_hang "$NETNS" set h 7
		[ "$rc" != 0 ] && [ -n "$err" ] || fail "set h 7: exit $rc [$err]"
	fi
	no_hang "$NETNS" add h
	check_eq "$rc" 1 "exit of add h"
	err_has "File exists"
	no_hang "$NETNS" attach h $$
	check_eq "$rc" 1 "exit of attach h"
	check_eq "$(stat -c %F "$h")" "$type" "h after add and attach"
	outside_intact "exec, set, add"

	"$NETNS" monitor > events.txt &
	mon=$!
	i=0
	until grep -qs '^inotify wd:' /proc/$mon/fdinfo/*; do
		i=$((i + 1))
		[ $i -le 200 ] || fail "monitor never watched"
		sleep 0.05
	done
	"$NETNS" add z || fail "add z"
	i=0
	until grep -qx 'add z' events.txt; do
		i=$((i + 1))
		[ $i -le 200 ] || fail "monitor: no 'add z' [$(cat events.txt)]"
		sleep 0.05
	done
	kill $mon
	"$NETNS" delete z || fail "delete z"

	no_hang "$NETNS" delete h
	if [ "$kind" = dir ]; then
		check_eq "$rc" 1 "exit of delete h"
		err_has "Is a directory"
		rmdir "$h"
	else
		check_eq "$rc" 0 "exit of delete h (stderr: $err)"
		[ ! -e "$h" ] && [ ! -L "$h" ] || fail "h is left"
	fi
	is_a=$(grep -c " $MNT_DIR/a " /proc/self/mountinfo)
	check_eq "$is_a" 1 "mounts of a after delete h"
	outside_intact "delete h"
	make_entry "$kind"
	no_hang "$NETNS" -all delete
	if [ "$kind" = dir ]; then
		check_eq "$rc" 1 "exit of -all delete"
		err_has "Is a directory"
	else
		check_eq "$rc" 0 "exit of -all delete (stderr: $err)"
		check_eq "$(ls -A "$RUN_DIR")" "" "run dir after -all delete"
	fi
	outside_intact "-all delete"
	kill $pid
}

t_hostile_fifo() { hostile fifo; }
t_hostile_symlink_to_a_live_namespace() { hostile live; }
t_hostile_symlink_to_a_mount_elsewhere() { hostile mount; }
t_hostile_directory() { hostile dir; }
t_hostile_plain_file() { hostile file; }
t_hostile_socket() {
	# (a socket is made by perl: the VMs' guests have none)
	command -v perl >/dev/null || skip "no perl to make a socket with"
	hostile socket
}
