# SPDX-License-Identifier: MIT
# monitor: one line per name that comes or goes, written out at once, also
# into a pipe or a file (iproute2 block-buffers there). No test here times
# the monitor: each wait is a loop with a generous bound (5 s) that only
# keeps a broken build from hanging the run.

# wait_watching PID: until PID watches a directory with inotify
wait_watching() {
	i=0
	until grep -qs '^inotify wd:' /proc/"$1"/fdinfo/*; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "process $1 never set up its inotify watch"
		kill -0 "$1" 2>/dev/null || fail "process $1 died before watching"
		sleep 0.1
	done
}

# wait_lines FILE N: until FILE holds N lines
wait_lines() {
	i=0
	while [ "$(wc -l < "$1")" -lt "$2" ] && [ $i -lt 50 ]; do
		i=$((i + 1))
		sleep 0.1
	done
}

t_monitor_lines_reach_a_pipe_as_they_happen() {
	mkfifo events
	"$NETNS" monitor > events &
	mon=$!
	exec 3< events
	wait_watching $mon
	"$NETNS" add a || fail "add a"
	"$NETNS" add b || fail "add b"
	"$NETNS" delete a || fail "delete a"
	# the monitor is still running and holds the pipe open: a line that
	# sat in a buffer would never arrive, and read would wait for it
	got=$(timeout 5 sh -c 'n=0; while [ $n -lt 3 ] && IFS= read -r l
		do printf "%s\n" "$l"; n=$((n + 1)); done' <&3)
	kill $mon
	check_eq "$got" "add a
add b
delete a" "lines read through the pipe"
}

t_monitor_lines_reach_a_file_as_they_happen() {
	"$NETNS" monitor > events.txt &
	mon=$!
	wait_watching $mon
	"$NETNS" add a && "$NETNS" delete a || fail "add, delete"
	wait_lines events.txt 2
	kill $mon
	check_eq "$(cat events.txt)" "add a
delete a" "lines in the file"
}

# extra words are ignored, as iproute2 ignores them, and named on stderr
t_monitor_through_ip_sees_every_name_in_the_run_dir() {
	"$NETNS_IP" netns monitor extra words > events.txt 2> err.txt &
	mon=$!
	wait_watching $mon
	mkdir "$RUN_DIR/d" && : > "$RUN_DIR/a file" && rm "$RUN_DIR/a file" &&
		rmdir "$RUN_DIR/d" || fail "changes in the run dir"
	wait_lines events.txt 4
	kill $mon
	check_eq "$(cat events.txt)" "add d
add a file
delete a file
delete d" "lines in the file"
	check_eq "$(cat err.txt)" 'extra arguments ignored: "extra" "words"' \
		"what monitor says of the extra words"
}

t_monitor_creates_a_missing_run_dir() {
	no_run_dir
	[ ! -e "$RUN_DIR" ] || fail "could not remove the run dir"
	"$NETNS" monitor > events.txt &
	mon=$!
	wait_watching $mon
	check_eq "$(stat -c %a "$RUN_DIR")" 755 "mode of the run dir"
	# the first add makes the dir a mount of itself: still seen
	"$NETNS" add a || fail "add a"
	wait_lines events.txt 1
	kill $mon
	check_eq "$(cat events.txt)" "add a" "lines in the file"
}

t_monitor_fails_when_the_run_dir_cannot_be_made() {
	no_run_dir
	mount -t tmpfs -o ro tmpfs /run
	expect 1 "" -- timeout 5 "$NETNS" monitor
	err_has "mkdir $RUN_DIR failed: Read-only file system"
	if [ -n "$ORACLE_IP" ]; then
		expect 1 "" -- timeout 5 "$ORACLE_IP" netns monitor
	fi
}

t_monitor_inotify_fd_is_cloexec() {
	"$NETNS" monitor > /dev/null &
	mon=$!
	wait_watching $mon
	fdinfo=$(grep -ls '^inotify wd:' /proc/$mon/fdinfo/*)
	flags=$(sed -n 's/^flags:[[:space:]]*//p' "$fdinfo")
	kill $mon
	# O_CLOEXEC is 02000000 (octal)
	[ $(( 0$flags & 02000000 )) != 0 ] || fail "inotify fd flags $flags"
}

# The same events seen by iproute2's monitor and by ours give the same
# lines. iproute2 block-buffers into a file, so it runs under stdbuf -oL.
t_monitor_same_lines_as_iproute2() {
	need_oracle
	command -v stdbuf > /dev/null || skip "no stdbuf"
	stdbuf -oL "$ORACLE_IP" netns monitor > theirs.txt &
	theirs=$!
	"$NETNS_IP" netns monitor > ours.txt &
	ours=$!
	wait_watching $theirs
	wait_watching $ours
	"$NETNS" add a && "$ORACLE_IP" netns add b && mkdir "$RUN_DIR/d" &&
		: > "$RUN_DIR/x y" && rm "$RUN_DIR/x y" && rmdir "$RUN_DIR/d" &&
		"$ORACLE_IP" netns delete a && "$NETNS" delete b ||
		fail "changes in the run dir"
	wait_lines theirs.txt 8
	wait_lines ours.txt 8
	kill $theirs $ours
	check_eq "$(wc -l < theirs.txt)" 8 "lines from iproute2"
	cmp theirs.txt ours.txt || {
		diff theirs.txt ours.txt
		fail "monitor lines differ from iproute2's"
	}
}
