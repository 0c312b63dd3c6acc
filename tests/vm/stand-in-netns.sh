#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/vm/stand-in-netns.sh: NOT the product. A few lines of busybox sh that
# behave like netns for the commands the VM test uses, so the test harness
# itself can be checked before (or apart from) the real binary:
#
#   sh tests/vm/run.sh tests/vm/stand-in-netns.sh     # expect 0 failed
#
# It runs inside the test VM only (busybox unshare/nsenter/ip, /run/netns).
# Commands: list, add NAME, exec NAME CMD..., move DEV NAME,
# delete [--no-rescue] NAME, help; and, called as `ip`,
# `ip link set dev DEV netns NAME`.
# Simplification: its rescue moves back every link but lo, which in this VM
# are all real NICs; the real netns picks links that have no IFLA_INFO_KIND.

run_dir=/run/netns

die() { echo "netns: $*" >&2; exit 1; }

usage() {
	cat >&2 <<-EOF
	Usage: netns list | add NAME | exec NAME CMD...
	       netns move DEV NAME
	       netns delete [--no-rescue] NAME
	       ip link set dev DEV netns NAME
	EOF
	exit 255
}

# busybox ip moves a link only into the namespace of a pid: start a process
# inside namespace $1 and print its pid (the caller kills it).
pid_inside() {
	rm -f /tmp/.stand-in.pid
	nsenter -n"$run_dir/$1" sh -c 'echo $$ >/tmp/.stand-in.pid; exec sleep 60' </dev/null >/dev/null 2>&1 &
	while [ ! -s /tmp/.stand-in.pid ]; do usleep 10000; done
	cat /tmp/.stand-in.pid
}

move() {
	[ -e "$run_dir/$2" ] || die "Cannot open network namespace \"$2\": No such file or directory"
	pid=$(pid_inside "$2")
	ip link set dev "$1" netns "$pid"; rc=$?
	kill "$pid"
	return $rc
}

delete() {
	rescue=yes
	[ "$1" = --no-rescue ] && { rescue=no; shift; }
	[ -e "$run_dir/$1" ] || die "Cannot remove namespace file \"$run_dir/$1\": No such file or directory"
	if [ $rescue = yes ]; then
		# PID 1 lives in the initial namespace: "netns 1" sends a link home.
		for dev in $(nsenter -n"$run_dir/$1" ip -o link | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); do
			[ "$dev" = lo ] && continue
			nsenter -n"$run_dir/$1" ip link set dev "$dev" netns 1 &&
				echo "netns: moved $dev from \"$1\" back to this namespace" >&2
		done
	fi
	umount "$run_dir/$1" && rm -f "$run_dir/$1"
}

case ${0##*/} in
ip)
	if [ "$1 $2 $3" != "link set dev" ] || [ "$5" != netns ]; then die "stand-in ip knows only: link set dev DEV netns NAME"; fi
	move "$4" "$6"
	exit
	;;
esac

cmd=$1
[ $# -gt 0 ] && shift
case $cmd in
list) ls "$run_dir" 2>/dev/null; exit 0 ;;
add)
	mkdir -p "$run_dir"
	[ -e "$run_dir/$1" ] && die "Cannot create namespace file \"$run_dir/$1\": File exists"
	touch "$run_dir/$1" && unshare --net="$run_dir/$1" true
	;;
exec) ns=$1; shift; exec nsenter -n"$run_dir/$ns" "$@" ;;
move) move "$@" ;;
delete | del) delete "$@" ;;
*) usage ;;
esac
