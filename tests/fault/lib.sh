# SPDX-License-Identifier: MIT
# The fault-injection matrix (sourced by tests/fault/*.sh): one state-changing
# command, every syscall it makes failed in turn.
#
#   fault_matrix LABEL SETUP COMMAND
#
# SETUP is shell run in each fresh sandbox before the command (it may set
# variables that COMMAND uses); COMMAND is the command's words, as shell.
# First a clean run under `strace -ff` lists the syscalls the command makes,
# per process (a fork's child counts its own from 1, as strace's injection
# counts them; what follows the exec of a user command is not ours and not
# counted, nor what libgcov does at the exit of a coverage build). Then,
# for every syscall:N of that list and every errno the kernel really
# returns there (EINTR included where it can), a fresh
# sandbox runs SETUP and the command under
#   strace -f -e inject=SYSCALL:error=ERRNO:when=N
# (the fault hits the Nth such call of every process that makes one) and the
# outcome is judged:
#   - no hang (killed after FAULT_TIMEOUT s) and no crash (a signal);
#   - exit 0 only when the job was done: the state as the clean run left
#     it, and its stdout, or a message on stderr saying what went amiss;
#   - a non-zero exit with a message on stderr (not "Unknown error");
#   - the state, object by object, either as before or as asked: each name
#     of the run dir (what it is, which namespace a mount holds), the ids,
#     every device (in which namespace), every mount outside the run dir;
#     a non-zero exit with every object as asked (and changed) is wrong too:
#     the job was done.
# The figures go to $NETNS_FAULT_FIGURES for the runner's closing lines; each
# problem is printed with the command's stderr. The matrix fails the test
# when any point is a problem.

FAULT_TIMEOUT=${FAULT_TIMEOUT:-20}

# The errnos the kernel returns from SYSCALL, called as the clean run's
# trace line CALL shows (a short list keeps the matrix within a CI's
# minutes)
fault_errnos() {
	case $1 in
	# EINVAL from a change of propagation means "not a mount point",
	# which the caller takes as such (and binds it first)
	mount) case $2 in *MS_SHARED* | *MS_PRIVATE* | *MS_SLAVE*)
		echo EPERM ENOMEM; return ;; esac ;;
	esac
	case $1 in
	openat) echo EACCES EMFILE ENOMEM EINTR ;;
	mkdir) echo EACCES EROFS ENOSPC ;;
	flock) echo EINTR ENOLCK ;;
	mount) echo EPERM EINVAL EBUSY ENOMEM ;;
	umount2) echo EINVAL EBUSY EPERM ;;
	unlink) echo EBUSY EROFS EPERM ;;
	unshare) echo ENOMEM ENOSPC EPERM ;;
	setns) echo EINVAL EPERM ENOMEM ;;
	socket) echo EMFILE ENOBUFS EPROTONOSUPPORT ;;
	setsockopt) echo ENOPROTOOPT ;;
	# (EOPNOTSUPP: a kernel, or qemu-user, without ids refuses the
	# first ask too; the cross tests see it)
	sendto | sendmsg) echo ENOBUFS EINTR ENOMEM ;;
	recvfrom | recvmsg) echo ENOBUFS EINTR ;;
	recvmmsg) echo ENOBUFS EINTR EAGAIN ;;
	getdents64) echo EIO ENOENT ENOMEM ;;
	statx) echo ENOENT EACCES ENOSYS ;;
	statfs) echo EACCES ENOSYS ;;
	fork | clone | vfork) echo EAGAIN ENOMEM ;;
	wait4) echo EINTR ECHILD ;;
	execve) echo ENOENT EACCES ENOMEM ;;
	close) echo EINTR EIO ;;
	close_range) echo EINVAL ENOSYS ;;
	write) echo EIO ENOSPC EINTR ;;
	read) echo EINTR EIO ;;
	access | faccessat) echo ENOENT EACCES ;;
	inotify_init1) echo EMFILE ENOMEM ;;
	inotify_add_watch) echo ENOSPC EACCES ;;
	pipe2) echo EMFILE ENFILE ;;
	readlinkat | readlink) echo EACCES ENOENT ;;
	*) echo EINVAL EPERM ;;
	esac
}

# ---- the setups the test files use (run inside each sandbox) ----

# a process in a namespace of its own: $holders
unnamed_process() {
	unshare -n sleep 1000 &
	holders=$!
	fault_wait_ns "$holders" "$(readlink /proc/self/ns/net)" !=
}

# fault_wait_ns PID NS OP: wait until PID's namespace OP NS (= or !=)
fault_wait_ns() {
	i=0
	until [ "$(readlink "/proc/$1/ns/net")" "$3" "$2" ]; do
		sleep 0.02
		i=$((i + 1))
		[ $i -lt 250 ] || return 1
	done
}

# a, b; veth v0 in a (v1 here); a held by a process: $holders
names_with_a_device() {
	"$NETNS" add a && "$NETNS" add b || return 1
	ip link add v0 type veth peer name v1 || return 1
	"$NETNS" move v0 a || return 1
	"$NETNS" exec a sleep 1000 &
	holders=$!
	fault_wait_ns "$holders" "$(ip netns exec a readlink /proc/self/ns/net)" =
}

# a and b, a with /etc/netns/a/hosts
names_with_etc() {
	"$NETNS" add a && "$NETNS" add b || return 1
	mkdir -p /etc/netns/a && echo "127.0.0.1 a" > /etc/netns/a/hosts
}

a_and_veth() {
	"$NETNS" add a && ip link add v0 type veth peer name v1
}

# ---- the state, as "OBJECT<TAB>STATE" lines ----

# fault_refs: the namespaces known before the command, "INODE LABEL" lines:
# ours, those of processes the setup named in $holders, and each name's
fault_refs() {
	echo "$(stat -L -c %i /proc/self/ns/net) self"
	for p in ${holders:-}; do
		echo "$(stat -L -c %i "/proc/$p/ns/net") pid"
	done
	for f in "$RUN_DIR"/* "$RUN_DIR"/.[!.]*; do
		[ -e "$f" ] || continue
		ino=$(stat -L -c %i "$f" 2>/dev/null) || continue
		echo "$ino name:${f##*/}"
	done
}

# fault_label INODE REFS: which known namespace INODE is, or "new"
fault_label() {
	awk -v i="$1" '$1 == i { print $2; found = 1; exit }
		END { if (!found) print "new" }' "$2"
}

# fault_snapshot REFS: the state the judgement compares
fault_snapshot() {
	# the run dir: each entry, what it is, and what is mounted on it
	ls -A "$RUN_DIR" 2>/dev/null | while IFS= read -r n; do
		f="$RUN_DIR/$n"
		kind=$(stat -c %F "$f" 2>/dev/null)
		fs=$(awk -v m="$MNT_DIR/$n" '$5 == m {
			for (i = 7; $i != "-"; i++) ; printf "%s ", $(i + 1) }' \
			/proc/self/mountinfo)
		ns=
		[ -n "$fs" ] && ns=$(fault_label "$(stat -L -c %i "$f")" "$1")
		printf 'name:%s\t%s %s%s\n' "$n" "$kind" "$fs" "$ns"
	done
	# mounts outside the run dir's names: where, what, from, how (the
	# run dir's own mounts too: a bind left behind shows as one more)
	awk -v r="$MNT_DIR/" 'substr($5, 1, length(r)) != r {
		for (i = 7; $i != "-"; i++) ;
		m[$5] = m[$5] $(i + 1) " " $(i + 2) " " $6 ";" }
		END { for (k in m) printf "mount:%s\t%s\n", k, m[k] }' \
		/proc/self/mountinfo
	# the ids and which name each is
	ip netns list-id 2>/dev/null | sed 's/^nsid \([0-9]*\) .*name: \(.*\))$/id:\2\t\1/'
	# every device but lo, by the namespace it is in
	ip -o link show 2>/dev/null | awk -F': ' '{ sub("@.*", "", $2);
		if ($2 != "lo") printf "dev:%s\thome\n", $2 }'
	ls -A "$RUN_DIR" 2>/dev/null | while IFS= read -r n; do
		ip -n "$n" -o link show 2>/dev/null | awk -F': ' -v n="$n" '{
			sub("@.*", "", $2);
			if ($2 != "lo") printf "dev:%s\tin %s\n", $2, n }'
	done
}

# ---- one run in a fresh sandbox ----

# fault_run DIR SETUP COMMAND [SYSCALL:ERRNO:N]: in a fresh sandbox, SETUP,
# then the command under strace (the whole trace per process in DIR/tr.PID
# for a clean run; only the injected syscall, in DIR/trace, for a fault),
# then the state; DIR gets before, after, out, err, rc
fault_run() {
	mkdir -p "$1"
	export FAULT_DIR="$1" FAULT_SETUP="$2" FAULT_CMD="$3" FAULT_AT="${4:-}"
	export TESTTMP FAULT_TIMEOUT
	unshare --mount --net --pid --fork --mount-proc --propagation private \
		sh -c '
		. "$TOP/tests/lib.sh"; . "$TOP/tests/fault/lib.sh"
		sandbox_setup_yes >/dev/null 2>&1 || exit 3
		cd "$FAULT_DIR" || exit 3
		holders=
		eval "$FAULT_SETUP" > setup.log 2>&1 || { echo setup failed; exit 3; }
		fault_refs > refs
		fault_snapshot refs | sort > before
		eval "set -- $FAULT_CMD"
		if [ -z "$FAULT_AT" ]; then
			set -- strace -ff -qq -o tr "$@"
		else
			sys=${FAULT_AT%%:*}; rest=${FAULT_AT#*:}
			set -- strace -f -q -e trace="$sys" -o trace \
				-e inject="$sys:error=${rest%%:*}:when=${rest#*:}" "$@"
		fi
		timeout -s KILL "$FAULT_TIMEOUT" "$@" > out 2> err < /dev/null
		echo $? > rc
		fault_snapshot refs | sort > after' > "$1/sandbox.log" 2>&1
}

# fault_points DIR: from a clean run's traces, the points "SYSCALL:N" of
# every process (by pid, the first the command itself), up to the exec of
# a user command; not the start of the binary, nor what cannot fail
fault_points() {
	first=1
	for pid in $(ls "$1" | sed -n 's/^tr\.//p' | sort -n); do
		awk -v first=$first '
		match($0, /^[a-z_0-9]+\(/) {
			sys = substr($0, 1, RLENGTH - 1)
			if (sys == "exit" || sys == "exit_group" ||
			    sys == "arch_prctl" || sys == "set_tid_address" ||
			    sys == "rt_sigreturn" || sys == "rt_sigaction" ||
			    sys == "rt_sigprocmask")
				next
			# netns has no malloc: the first brk is that of libgcov at
			# the exit of a coverage build (make coverage)
			if (sys == "brk")
				exit
			n[sys]++
			if (sys == "execve") {
				if (first && n[sys] == 1)
					next	# the binary itself starting
				if ($0 ~ /= 0$/)
					exit	# a user command from here on
			}
			# a message on stderr cannot be reported when it fails
			if (sys == "write" && $0 ~ /^write\(2,/)
				next
			print sys ":" n[sys] "\t" $0
		}' "$1/tr.$pid"
		first=0
	done | awk -F'\t' '!seen[$1]++'
}

# fault_judge DIR CLEAN SYSCALL: what is wrong with the run in DIR, judged against
# the clean run in CLEAN; nothing when it is clean
fault_judge() {
	rc=$(cat "$1/rc" 2>/dev/null)
	[ -n "$rc" ] || { echo "the sandbox failed: $(cat "$1/sandbox.log")"; return; }
	[ "$rc" != 137 ] || { echo "hang (killed after $FAULT_TIMEOUT s)"; return; }
	if grep -q '+++ killed by' "$1/trace" 2>/dev/null; then
		echo "crash: $(grep '+++ killed by' "$1/trace" | head -n 1)"
		return
	fi
	cmp -s "$1/before" "$2/before" ||
		{ echo "setup differs from the clean run's"; return; }
	# each object as before or as asked; "asked" is the clean run's after
	verdict=$(awk -F'\t' '
		FILENAME == ARGV[1] { b[$1] = $2; keys[$1] = 1; next }
		FILENAME == ARGV[2] { a[$1] = $2; keys[$1] = 1; next }
		{ f[$1] = $2; keys[$1] = 1 }
		END {
			for (k in keys) {
				if (f[k] != b[k] && f[k] != a[k])
					printf "bad %s: [%s], was [%s], asked [%s]\n",
						k, f[k], b[k], a[k]
				if (f[k] != a[k])
					notasked = 1
				if (b[k] != a[k])
					changes = 1
			}
			print notasked ? "notdone" : changes ? "done" : "nochange"
		}' "$2/before" "$2/after" "$1/after")
	case $verdict in *"bad "*)
		echo "$verdict" | grep '^bad '
		return ;;
	esac
	if [ -s "$1/err" ] && grep -q 'Unknown error' "$1/err"; then
		echo "message without the reason's text: $(head -n 1 "$1/err")"
		return
	fi
	if [ "$rc" = 0 ]; then
		case $verdict in *notdone*)
			echo "exit 0, but the state is not as asked"; return ;;
		esac
		cmp -s "$1/out" "$2/out" || [ -s "$1/err" ] ||
			echo "exit 0 and no message, but stdout differs from the clean run's"
		return
	fi
	[ -s "$1/err" ] || { echo "exit $rc without a message"; return; }
	# the kernel's answer lost after it acted, or a read of the run dir
	# that failed (more names may have been there): the outcome is not
	# known to the caller, and a message and a failure are right
	case $3 in recvfrom | recvmsg | recvmmsg | getdents64) return ;; esac
	[ "$verdict" != done ] ||
		echo "exit $rc, but the job was done (every object as asked)"
}

# fault_matrix LABEL SETUP COMMAND: the whole matrix (see the top)
fault_matrix() {
	label=$1 setup=$2 cmd=$3
	dir="$TESTTMP/fault.$(echo "$label" | tr -c 'a-zA-Z0-9\n' _)"
	rm -rf "$dir"
	fault_run "$dir/clean" "$setup" "$cmd"
	[ "$(cat "$dir/clean/rc" 2>/dev/null)" = 0 ] || {
		cat "$dir/clean/sandbox.log" "$dir/clean/setup.log" \
			"$dir/clean/err" 2>/dev/null
		fail "$label: the clean run failed (exit $(cat "$dir/clean/rc" 2>/dev/null))"
	}
	fault_points "$dir/clean" > "$dir/points"
	[ -s "$dir/points" ] || fail "$label: no syscalls found"
	tried=0 clean=0 problems=0 unreached=0
	while IFS='	' read -r point call; do
		sys=${point%%:*} n=${point#*:}
		for e in $(fault_errnos "$sys" "$call"); do
			tried=$((tried + 1))
			d="$dir/$sys.$n.$e"
			fault_run "$d" "$setup" "$cmd" "$sys:$e:$n"
			if ! grep -q INJECTED "$d/trace" 2>/dev/null; then
				unreached=$((unreached + 1))
			fi
			why=$(fault_judge "$d" "$dir/clean" "$sys")
			if [ -z "$why" ]; then
				clean=$((clean + 1))
				rm -rf "$d"
				continue
			fi
			problems=$((problems + 1))
			printf 'PROBLEM %s: %s #%s %s (exit %s): %.100s\n' "$label" \
				"$sys" "$n" "$e" "$(cat "$d/rc" 2>/dev/null)" "$call"
			echo "$why" | sed 's/^/    /'
			sed 's/^/    stderr: /' "$d/err" 2>/dev/null | head -n 5
		done
	done < "$dir/points"
	echo "fault matrix $label: $(wc -l < "$dir/points") syscalls," \
		"$tried points tried, $clean clean, $problems problems" \
		"($unreached not reached)"
	[ -z "${NETNS_FAULT_FIGURES:-}" ] ||
		echo "$label $tried $clean $problems" >> "$NETNS_FAULT_FIGURES"
	[ "$problems" = 0 ] || fail "$label: $problems problems in $tried points"
}
