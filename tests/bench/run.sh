#!/bin/sh
# SPDX-License-Identifier: MIT
# The benchmark: `sh tests/bench/run.sh BINARY` (what `make bench` runs).
#
# Times netns against iproute2's ip on this machine in one run and prints a
# markdown table: medians, the ratio iproute2 time / netns time, syscall
# counts (strace -c -f) and peak RSS. A benchmark, not a test: it prints
# and never fails on a ratio. BENCH_RESULTS=FILE also writes the table and
# the strace evidence to FILE (tests/bench/RESULTS.md is made that way).
#
# Every measurement runs as root inside a sandbox of its own (own mount, net
# and pid namespaces; tmpfs over the run dir and /etc/netns, as the tests
# do), so the machine's own namespaces are never seen or touched. Each
# group below gets a fresh sandbox; inside it the two tools are timed
# alternately (hyperfine, BENCH_ROUNDS rounds, the order swapped each
# round) and the median of all runs is taken.
#
# BENCH_ROUNDS (default 4), BENCH_RUNS (runs per tool and round of the
# fast commands, default 25), BENCH_ADD_RUNS (of the add sequence, default
# 2), and BENCH_NAMES, BENCH_PROCS, BENCH_ADDS (sizes) scale the run; at
# the defaults it takes about two minutes on a 2-core machine, most of it
# creating namespaces. BENCH_KEEP=DIR keeps the raw data (hyperfine JSON
# and log, strace summaries). BENCH_IP=PATH names another iproute2 ip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
self=$here/run.sh
IP=${BENCH_IP:-/usr/sbin/ip}
ROUNDS=${BENCH_ROUNDS:-4}
RUNS=${BENCH_RUNS:-25}
NAMES=${BENCH_NAMES:-1000}         # names for list, list-id, identify
PROCS=${BENCH_PROCS:-2000}         # processes for pids (half of them in the namespace)
ADDS=${BENCH_ADDS:-300}           # adds in one timed sequence

say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------------------
# Inside a sandbox: the measurement groups. $work is shared with the outside.
# ---------------------------------------------------------------------------

# record KEY FIELD VALUE: one result, read back by the table printer
record() { echo "$1|$2|$3" >> "$work/results"; }

# times_of JSON: each run's time in seconds, "1 T" for the first command
# and "2 T" for the second (hyperfine's JSON keeps the command order)
times_of() {
	awk '/"times": \[/ { n++; inside = 1; next }
	     inside && /\]/ { inside = 0; next }
	     inside { gsub(/[ ,]/, ""); print n, $0 }' "$1"
}

# cpu_of JSON: hyperfine's mean user + system time in seconds of each
# command, "1 T" and "2 T" as above
cpu_of() {
	awk -F': ' '/"command":/ { n++ }
	     /"user":/ { u[n] = $2 + 0 }
	     /"system":/ { s[n] = $2 + 0 }
	     END { for (i = 1; i <= n; i++) print i, u[i] + s[i] }' "$1"
}

# median FILE: the median of the numbers in FILE, in milliseconds
median_ms() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "n/a"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f\n", m * 1000 }'
}

# timed KEY RUNS WARMUP PREPARE CMD_IP CMD_NETNS: ROUNDS rounds of
# hyperfine over both commands, iproute2 first in odd rounds and netns
# first in even ones; the medians of all runs go to the results. PREPARE
# (or empty) runs before each timed run, outside the timing. An empty
# command (that tool failed its trial run) is left out. Exit codes are not
# checked here: the trial run did that (help exits 255 on both tools).
timed() {
	key=$1 runs=$2 warm=$3 prep=$4 cmd_ip=$5 cmd_netns=$6
	: > "$work/$key.ip.times"
	: > "$work/$key.netns.times"
	: > "$work/$key.ip.cpu"
	: > "$work/$key.netns.cpu"
	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		if [ $((r % 2)) = 1 ]; then
			first=ip second=netns a=$cmd_ip b=$cmd_netns
		else
			first=netns second=ip a=$cmd_netns b=$cmd_ip
		fi
		[ -n "$a" ] || { first=$second a=$b b=; }
		[ -n "$a" ] || return 0
		json=$work/$key.$r.json
		set -- -N -i --style basic --runs "$runs" --warmup "$warm" \
			--export-json "$json"
		[ -z "$prep" ] || set -- "$@" --prepare "$prep"
		set -- "$@" "$a"
		[ -z "$b" ] || set -- "$@" "$b"
		echo "== $key round $r: $*" >> "$work/hyperfine.log"
		if ! hyperfine "$@" >> "$work/hyperfine.log" 2>&1; then
			say "$key: hyperfine failed:"
			tail -n 5 "$work/hyperfine.log" >&2
			return 1
		fi
		times_of "$json" | while read -r n t; do
			if [ "$n" = 1 ]; then echo "$t" >> "$work/$key.$first.times"
			else echo "$t" >> "$work/$key.$second.times"; fi
		done
		cpu_of "$json" | while read -r n t; do
			if [ "$n" = 1 ]; then echo "$t" >> "$work/$key.$first.cpu"
			else echo "$t" >> "$work/$key.$second.cpu"; fi
		done
		r=$((r + 1))
	done
	record "$key" ip_ms "$(median_ms "$work/$key.ip.times")"
	record "$key" netns_ms "$(median_ms "$work/$key.netns.times")"
	record "$key" runs "$(wc -l < "$work/$key.netns.times")"
	record "$key" ip_cpu "$(median_ms "$work/$key.ip.cpu")"
	record "$key" netns_cpu "$(median_ms "$work/$key.netns.cpu")"
}

# strace_sum OUT FILE...: add up strace -c summaries, one "NAME CALLS" line
# per syscall, most called first, then "total CALLS"
strace_sum() {
	out=$1
	shift
	awk '$1 ~ /^[0-9.]+$/ && $NF != "total" { c[$NF] += $4 }
	     END { for (s in c) { print s, c[s]; t += c[s] } print "total", t + 0 }' \
		"$@" | sort -k2,2nr > "$out.tmp"
	{ grep -v '^total ' "$out.tmp"; grep '^total ' "$out.tmp"; } > "$out"
	rm -f "$out.tmp"
}

# trial KEY TOOL RC CMD...: one plain run; its stdout is kept for the
# output comparison; a wrong exit status is recorded and fails
trial() {
	key=$1 tool=$2 want=$3
	shift 3
	"$@" > "$work/$key.$tool.out" 2> "$work/$key.$tool.err" < /dev/null
	rc=$?
	[ "$rc" = "$want" ] && return 0
	record "$key" "${tool}_fail" "exit $rc: $(head -n 1 "$work/$key.$tool.err")"
	return 1
}

# count KEY TOOL CMD...: the syscalls of one run (strace -f -c)
count() {
	key=$1 tool=$2
	shift 2
	have strace || return 0
	strace -f -c -o "$work/$key.$tool.st" "$@" > /dev/null 2>&1 < /dev/null
	strace_sum "$work/$key.$tool.sys" "$work/$key.$tool.st"
	record "$key" "${tool}_sys" "$(awk '$1 == "total" { print $2 }' \
		"$work/$key.$tool.sys")"
}

# peak KEY TOOL CMD...: the peak RSS in KB of one run
peak() {
	key=$1 tool=$2
	shift 2
	[ -x /usr/bin/time ] || return 0
	/usr/bin/time -f %M -o "$work/$key.$tool.rss" "$@" \
		> /dev/null 2>&1 < /dev/null
	record "$key" "${tool}_rss" "$(tail -n 1 "$work/$key.$tool.rss")"
}

have() { command -v "$1" > /dev/null 2>&1; }

# compare KEY RC UNITS RUNS CMD_IP CMD_NETNS: trial, same output, syscalls,
# peak RSS and timing of one command line per tool (split on blanks)
compare() {
	key=$1 want=$2 units=$3 runs=$4 cmd_ip=$5 cmd_netns=$6
	record "$key" units "$units"
	# shellcheck disable=SC2086
	trial "$key" ip "$want" $cmd_ip || cmd_ip=
	# shellcheck disable=SC2086
	trial "$key" netns "$want" $cmd_netns || cmd_netns=
	if [ -n "$cmd_ip" ] && [ -n "$cmd_netns" ]; then
		ip_out=$work/$key.ip.out netns_out=$work/$key.netns.out
		if cmp -s "$ip_out" "$netns_out"; then
			record "$key" same yes
		elif head -c "$(wc -c < "$ip_out")" "$netns_out" |
				cmp -s - "$ip_out"; then
			lines="$(wc -l < "$ip_out") of $(wc -l < "$netns_out")"
			record "$key" same "iproute2: first $lines lines"
		else
			record "$key" same no
		fi
	fi
	for tool in ip netns; do
		eval "cmd=\$cmd_$tool"
		[ -n "$cmd" ] || continue
		# shellcheck disable=SC2086
		count "$key" $tool $cmd
		# shellcheck disable=SC2086
		peak "$key" $tool $cmd
	done
	timed "$key" "$runs" 3 "" "$cmd_ip" "$cmd_netns"
}

# names: list, list-id and identify with NAMES names, every second one
# with an id (assigned by iproute2, as a user would)
group_names() {
	say "names: creating $NAMES namespaces"
	i=0
	while [ $i -lt $NAMES ]; do
		"$IP" netns add "n$i" || return 1
		i=$((i + 1))
	done
	i=0
	while [ $i -lt $NAMES ]; do
		"$IP" netns set "n$i" auto || return 1
		i=$((i + 2))
	done
	say "names: list, list-id, identify"
	compare list 0 $NAMES "$RUNS" "$IP netns list" "$BIN list"
	compare list-id 0 $((NAMES / 2)) "$RUNS" "$IP netns list-id" \
		"$BIN list-id"
	# a process in the middle name; both tools look at every name anyway
	"$IP" netns exec "n$((NAMES / 2))" sleep 3600 &
	target=$!
	sleep 0.2
	compare identify 0 $NAMES "$RUNS" "$IP netns identify $target" \
		"$BIN identify $target"
	kill "$target"
}

# pids: PROCS sleep processes, half of them in the namespace asked for
group_pids() {
	"$IP" netns add p || return 1
	say "pids: starting $PROCS processes"
	half=$((PROCS / 2))
	i=0
	while [ $i -lt $half ]; do
		sleep 3600 &
		echo $! >> "$work/sleepers"
		i=$((i + 1))
	done
	"$IP" netns exec p sh -c 'i=0; while [ $i -lt $1 ]; do
		sleep 3600 & echo $!; i=$((i + 1)); done' sh $half \
		>> "$work/sleepers"
	say "pids: measuring"
	compare pids 0 $PROCS $((RUNS / 2 + 1)) "$IP netns pids p" "$BIN pids p"
	# shellcheck disable=SC2046
	kill $(cat "$work/sleepers") 2> /dev/null
}

group_exec() {
	"$IP" netns add e || return 1
	say "exec"
	compare exec 0 - "$RUNS" "$IP netns exec e true" "$BIN exec e true"
}

# add: ADDS adds in a row into a fresh run dir; the namespaces of the last
# run are dropped and a fresh tmpfs mounted before each, outside the timing
group_add() {
	fresh="sh $here/fresh_rundir.sh"
	record add units $ADDS
	ok_ip=yes ok_netns=yes
	for tool in ip netns; do
		if [ $tool = ip ]; then set -- "$IP" netns; else set -- "$BIN"; fi
		say "add: trial and syscalls of $tool"
		$fresh
		sh "$here/addloop.sh" $ADDS "$@" \
			> "$work/add.$tool.out" 2> "$work/add.$tool.err"
		rc=$?
		n=$(ls /var/run/netns | wc -l)
		if [ $rc != 0 ] || [ "$n" != $ADDS ]; then
			record add "${tool}_fail" \
				"exit $rc, $n names: $(head -n 1 "$work/add.$tool.err")"
			eval "ok_$tool=no"
			continue
		fi
		if have strace; then
			$fresh
			i=0
			while [ $i -lt $ADDS ]; do
				strace -f -c -o "$work/add.$tool.st.$i" "$@" add "a$i" \
					> /dev/null 2>&1
				i=$((i + 1))
			done
			strace_sum "$work/add.$tool.sys" "$work"/add.$tool.st.*
			record add "${tool}_sys" "$(awk '$1 == "total" { print $2 }' \
				"$work/add.$tool.sys")"
		fi
		$fresh
		peak add $tool "$@" add a0
	done
	record add same -
	cmd_ip='' cmd_netns=''
	[ $ok_ip = no ] || cmd_ip="sh $here/addloop.sh $ADDS $IP netns"
	[ $ok_netns = no ] || cmd_netns="sh $here/addloop.sh $ADDS $BIN"
	say "add: timing $ADDS adds, $ROUNDS rounds"
	timed add "${BENCH_ADD_RUNS:-2}" 0 "$fresh" "$cmd_ip" "$cmd_netns"
	$fresh
}

group_startup() {
	say "startup"
	compare help 255 - "$RUNS" "$IP netns help" "$BIN help"
	sed -i 's/^help|same|.*/help|same|-/' "$work/results"
}

# ---------------------------------------------------------------------------
# Outside: checks, one sandbox per group, the table.
# ---------------------------------------------------------------------------

# settle: wait until the kernel has freed the namespaces of the last group
# (net_namespace objects stop changing), so its cleanup does not run
# during the next group's timing
settle() {
	if ! [ -r /proc/slabinfo ]; then sleep 3; return; fi
	n=0 prev=
	while [ $n -lt 60 ]; do
		cur=$(awk '$1 == "net_namespace" { print $2 }' /proc/slabinfo)
		[ $n -ge 5 ] && [ "$cur" = "$prev" ] && return
		prev=$cur
		sleep 0.25
		n=$((n + 1))
	done
}

# get KEY FIELD: a recorded result, or empty
get() {
	awk -F'|' -v k="$1" -v f="$2" '$1 == k && $2 == f {
		v = $3; for (i = 4; i <= NF; i++) v = v "/" $i; r = v }
		END { print r }' "$work/results"
}

# ratio A B: A / B with one decimal and an x, or n/a
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a + 0 > 0 && b + 0 > 0) printf "%.1fx\n", a / b
		else print "n/a" }'
}

per_unit() {
	awk -v a="$1" -v u="$2" 'BEGIN {
		if (a != "" && u + 0 > 0) printf "%.2f\n", a / u; else print "-" }'
}

# cell KEY TOOL: the median time, or n/a (why is in the notes)
cell() {
	v=$(get "$1" "${2}_ms")
	case $v in [0-9]*) echo "$v" ;; *) echo n/a ;; esac
}

# notes: why a tool has no numbers for a benchmark
notes() {
	for k in $KEYS; do
		for t in ip netns; do
			why=$(get "$k" "${t}_fail")
			[ -z "$why" ] || echo "- $k: $t failed its trial run: $why"
		done
		same=$(get "$k" same)
		case $same in
		no) echo "- $k: the two tools printed different output" ;;
		iproute2:*) echo "- $k: iproute2 printed the first lines of" \
			"what netns printed: on this kernel an id dump ends" \
			"with its first message when that is full, 4 KiB" \
			"unless a larger read came before (README, list-id)" ;;
		esac
	done
}

row() {
	key=$1 label=$2
	ip_ms=$(cell "$key" ip) netns_ms=$(cell "$key" netns)
	ip_sys=$(get "$key" ip_sys) netns_sys=$(get "$key" netns_sys)
	units=$(get "$key" units)
	same=$(get "$key" same)
	echo "| $label | $ip_ms | $netns_ms | $(ratio "$ip_ms" "$netns_ms") |" \
		"$(ratio "$(get "$key" ip_cpu)" "$(get "$key" netns_cpu)") |" \
		"${ip_sys:--} | ${netns_sys:--} |" \
		"$(per_unit "$ip_sys" "$units") | $(per_unit "$netns_sys" "$units") |" \
		"$(get "$key" ip_rss) | $(get "$key" netns_rss) | ${same:--} |" \
		"$(get "$key" runs) |"
}

KEYS="list list-id identify pids exec add help"

table() {
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	echo "# netns against iproute2: benchmark"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: Linux $(uname -r), $(uname -m), ${cpu:-unknown CPU}," \
		"$(nproc) CPUs"
	echo "- netns: $(cat "$work/commit"), $(wc -c < "$BIN") bytes," \
		"$(file -bL "$BIN" 2> /dev/null | grep -o 'statically linked')"
	echo "- iproute2: $("$IP" -V 2>&1 | head -n 1), $(wc -c < "$IP") bytes," \
		"dynamically linked"
	echo "- $(hyperfine --version), $ROUNDS alternating rounds;" \
		"medians of all runs; times in ms; ratio = iproute2 time / netns" \
		"time (above 1: netns is faster); CPU ratio = the same for" \
		"user + system time (median of hyperfine's per-round means)," \
		"less moved by other load on the machine than wall time"
	echo "- load average before and after: $(cat "$work/load.before")," \
		"$(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine" \
		"shows here)"
	echo "- syscalls: strace -f -c, one run (add: the sum over the $ADDS adds);" \
		"per unit = per name, id, process or add; peak RSS in KB of" \
		"one run, including what it execs (/usr/bin/time %M)"
	echo
	echo "| benchmark | iproute2 ms | netns ms | ratio | CPU ratio |" \
		"syscalls iproute2 | syscalls netns | per unit iproute2 |" \
		"per unit netns | RSS KB iproute2 | RSS KB netns | same stdout |" \
		"runs |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
	row list "\`list\`, $NAMES names, half with ids"
	row list-id "\`list-id\`, $((NAMES / 2)) ids"
	row identify "\`identify PID\`, $NAMES names"
	row pids "\`pids NAME\`, $PROCS processes"
	row exec "\`exec NAME true\`"
	row add "\`add\` x $ADDS, one sequence"
	row help "startup: \`help\`"
	rss_ip=0 rss_netns=0
	for k in $KEYS; do
		v=$(get "$k" ip_rss); [ "${v:-0}" -gt $rss_ip ] && rss_ip=$v
		v=$(get "$k" netns_rss); [ "${v:-0}" -gt $rss_netns ] && rss_netns=$v
	done
	echo "| peak RSS KB, largest above | $rss_ip | $rss_netns |" \
		"$(ratio "$rss_ip" "$rss_netns") | | | | | | | | | |"
	notes > "$work/notes"
	if [ -s "$work/notes" ]; then echo; cat "$work/notes"; fi
	echo
	sp=$(ratio "$(get list ip_ms)" "$(get list netns_ms)")
	pu=$(per_unit "$(get list netns_sys)" $NAMES)
	met_sp=$(awk -v r="${sp%x}" 'BEGIN { print (r + 0 >= 5) ? "met" : "not met" }')
	met_pu=$(awk -v r="$pu" 'BEGIN { print (r != "-" && r + 0 <= 1.2) ? "met" : "not met" }')
	echo "Targets for \`list\`: at least 5x iproute2's speed: $sp ($met_sp);" \
		"at most 1.2 syscalls per name: $pu ($met_pu)."
	echo
	echo "## Syscalls by name (strace -c -f, the most called of each tool)"
	for k in $KEYS; do
		[ -f "$work/$k.ip.sys" ] || [ -f "$work/$k.netns.sys" ] || continue
		touch "$work/$k.ip.sys" "$work/$k.netns.sys"
		echo
		echo "$k:"
		echo
		echo "| syscall | iproute2 | netns |"
		echo "|---|---:|---:|"
		awk 'FNR == 1 { f++ }
		     $1 != "total" && FNR <= 8 { top[$1] = 1 }
		     { c[f, $1] = $2 }
		     END {
			for (s in top) printf "| %s | %d | %d |\n", s, c[1, s], c[2, s]
			printf "| total | %d | %d |\n", c[1, "total"], c[2, "total"] }' \
			"$work/$k.ip.sys" "$work/$k.netns.sys" |
			awk -F'|' '/total/ { t = $0; next }
			     { m = ($3 + 0 > $4 + 0) ? $3 : $4; print m + 0, $0 }
			     END { print "-1", t }' |
			sort -k1,1nr | cut -d' ' -f2-
	done
}

if [ "${1:-}" = --group ]; then
	group=$2 BIN=$3 work=$4
	. "$top/tests/lib.sh"
	sandbox_setup_yes || { say "sandbox setup failed"; exit 1; }
	"group_$group"
	exit $?
fi

BIN=${1:?usage: tests/bench/run.sh BINARY}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN" ] || { say "$BIN is not an executable"; exit 2; }
if [ "$(id -u)" != 0 ]; then
	say "skipped: needs root (every measurement runs in its own namespaces)"
	exit 0
fi
if ! "$IP" -V 2> /dev/null | grep -q iproute2; then
	say "skipped: iproute2's ip is not at $IP (BENCH_IP=PATH)"
	exit 0
fi
for pkg in hyperfine:hyperfine strace:strace time:/usr/bin/time; do
	have "${pkg#*:}" && continue
	say "installing ${pkg%%:*} (apt-get)"
	apt-get install -y -q "${pkg%%:*}" > /dev/null 2>&1 ||
		say "could not install ${pkg%%:*}"
done
if ! have hyperfine; then
	say "skipped: hyperfine is missing (apt-get install hyperfine)"
	exit 0
fi
have strace || say "strace is missing: no syscall counts"
[ -x /usr/bin/time ] || say "/usr/bin/time is missing: no peak RSS"

work=$(mktemp -d /tmp/netns-bench.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
: > "$work/results"
cut -d' ' -f1-3 /proc/loadavg > "$work/load.before"
# the tree the binary was (presumably) built from, as the run starts
commit=$(git -C "$top" rev-parse --short HEAD 2> /dev/null || echo unknown)
dirty=$(git -C "$top" status --porcelain --untracked-files=no 2> /dev/null |
	awk '{ printf "%s%s", s, $2; s = ", " }')
echo "built from commit $commit${dirty:+ plus uncommitted changes in $dirty}" \
	> "$work/commit"
for g in names pids exec add startup; do
	settle
	unshare --mount --net --pid --fork --mount-proc --propagation private \
		sh "$self" --group "$g" "$BIN" "$work" < /dev/null ||
		say "group $g stopped early (exit $?)"
done
settle
table > "$work/table.md"
cat "$work/table.md"
if [ -n "${BENCH_RESULTS:-}" ]; then
	cp "$work/table.md" "$BENCH_RESULTS" && say "written to $BENCH_RESULTS"
fi
if [ -n "${BENCH_KEEP:-}" ]; then
	rm -rf "$BENCH_KEEP" && cp -r "$work" "$BENCH_KEEP" && say "raw data in $BENCH_KEEP"
fi
exit 0
