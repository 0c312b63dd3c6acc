#!/bin/sh
# SPDX-License-Identifier: MIT
# The test runner: `sh tests/run.sh BINARY [TEST_FILE[:t_NAME]...]`
# (tests/README.md). TEST_FILE:t_NAME runs that one test of the file.
#
# A test file defines shell functions named t_*; each runs on its own, in a
# fresh sandbox (own mount, net and pid namespaces; tmpfs over the run dir
# and /etc/netns, see tests/lib.sh) unless the file says "# sandbox: no",
# or "# sandbox: nics": then the test runs in this machine's own network
# namespace with its physical NICs, which only a test VM hands out
# (NETNS_TEST_NICS, see tests/vm); elsewhere the file is skipped, saying so.
# A test passes by returning 0, skips with `skip REASON` (exit 77), is
# unsupported on this kernel with `unsupported REASON` (exit 78), and fails
# otherwise; a failing test's output is shown. The last line is
# "N passed, N failed, N skipped", after "N unsupported on this kernel"
# when there were any; the exit status is 1 if any failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: tests/run.sh BINARY [TEST_FILE[:t_NAME]...]}
shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "tests/run.sh: $bin is not an executable" >&2; exit 2; }
[ $# -gt 0 ] || set -- "$top"/tests/unit/*.sh "$top"/tests/config/*.sh \
	"$top"/tests/integration/*.sh "$top"/tests/diff/*.sh \
	"$top"/tests/scenario/*.sh "$top"/tests/fault/*.sh

work=$(mktemp -d /tmp/netns-tests.XXXXXX)
trap 'rm -rf "$work"' EXIT
# a copy, not a link, in a dir anyone may enter: tests that drop root must
# reach the binary even when the tree sits where only root may go
chmod 755 "$work"
mkdir -p "$work/bin"
cp "$bin" "$work/bin/netns"
ln -s netns "$work/bin/ip"
export NETNS="$work/bin/netns" NETNS_IP="$work/bin/ip" TOP="$top"
export NETNS_BINDIR="$work/bin"
# the oracle: Debian's iproute2 ip, where installed
ORACLE_IP=
for p in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
	if [ -x "$p" ] && "$p" -V 2>/dev/null | grep -q iproute2; then
		ORACLE_IP=$p
		break
	fi
done
export ORACLE_IP
# the fault matrices (tests/fault) note their figures here: "LABEL TRIED
# CLEAN PROBLEMS", summed up before the closing line
export NETNS_FAULT_FIGURES="$work/fault-figures"

# what one test may take before it fails as hung (seconds)
limit=${NETNS_TEST_TIMEOUT:-900}
pass=0 fail=0 skipped=0 unsupported=0
skips=
for arg in "$@"; do
	file=${arg%%:t_*} only=
	[ "$file" = "$arg" ] || only=${arg#"$file":}
	case $file in /*) ;; *) file=$(pwd)/$file ;; esac
	[ -f "$file" ] || { echo "FAIL $arg: no such test file"; fail=$((fail + 1)); continue; }
	rel=${file#"$top"/}
	sandbox=yes
	grep -q '^# sandbox: no' "$file" && sandbox=no
	if grep -q '^# sandbox: nics' "$file"; then
		if [ -z "${NETNS_TEST_NICS:-}" ]; then
			skipped=$((skipped + 1))
			echo "SKIP $rel (skip: no physical NICs to move here: NETNS_TEST_NICS, set by make check-vm)"
			continue
		fi
		sandbox=nics
	fi
	tests=$(sed -n 's/^\(t_[A-Za-z0-9_]*\)[ ]*().*/\1/p' "$file")
	if [ -n "$only" ]; then
		case " $(echo $tests) " in
		*" $only "*) tests=$only ;;
		*) echo "FAIL $arg: no such test in $rel"; fail=$((fail + 1)); continue ;;
		esac
	fi
	for t in $tests; do
		tdir="$work/t" && rm -rf "$tdir" && mkdir -p "$tdir"
		script=". '$top/tests/lib.sh'; . '$file'; cd '$tdir'; \
TESTTMP='$tdir'; sandbox_setup_$sandbox && $t"
		# a test that hangs fails, and with it all it started (the
		# sandbox's pid namespace dies with its first process)
		if [ $sandbox = yes ]; then
			timeout -k 5 "$limit" unshare --mount --net --pid --fork \
				--kill-child --mount-proc --propagation private \
				sh -c "$script" > "$work/log" 2>&1 < /dev/null
		elif [ $sandbox = nics ]; then
			timeout -k 5 "$limit" unshare --mount --pid --fork \
				--kill-child --mount-proc --propagation private \
				sh -c "$script" > "$work/log" 2>&1 < /dev/null
		else
			timeout -k 5 "$limit" sh -c "$script" > "$work/log" 2>&1 \
				< /dev/null
		fi
		rc=$?
		[ $rc != 124 ] && [ $rc != 137 ] ||
			echo "timed out after $limit s (NETNS_TEST_TIMEOUT)" >> "$work/log"
		# make coverage: what the test's own builds counted
		if [ -n "${NETNS_COVERAGE_DIR:-}" ] && ls "$tdir"/*.gcda >/dev/null 2>&1; then
			cov="$NETNS_COVERAGE_DIR/$(echo "${rel%.sh}-$t" | tr / _)"
			mkdir -p "$cov" && cp "$tdir"/*.gcda "$tdir"/*.gcno "$cov/"
		fi
		if [ $rc = 0 ]; then
			pass=$((pass + 1))
			echo "PASS $rel $t"
		elif [ $rc = 77 ]; then
			skipped=$((skipped + 1))
			why=$(grep '^skip:' "$work/log" | tail -n 1)
			echo "SKIP $rel $t ($why)"
		elif [ $rc = 78 ]; then
			unsupported=$((unsupported + 1))
			why=$(grep '^unsupported:' "$work/log" | tail -n 1)
			echo "UNSUPPORTED $rel $t ($why)"
		else
			fail=$((fail + 1))
			echo "FAIL $rel $t (exit $rc)"
			sed "s/^/    | /" "$work/log" | head -n 150
		fi
	done
done
[ $unsupported = 0 ] ||
	echo "$unsupported unsupported on this kernel (Linux $(uname -r))"
if [ -s "$NETNS_FAULT_FIGURES" ]; then
	awk '{ n++; t += $2; c += $3; p += $4 }
		END { printf "fault matrix: %d commands, %d points tried, %d clean, %d problems\n",
			n, t, c, p }' "$NETNS_FAULT_FIGURES"
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ $fail = 0 ]
