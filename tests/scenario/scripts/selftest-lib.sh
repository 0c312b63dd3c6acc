#!/bin/sh
# SPDX-License-Identifier: MIT
# Namespace helpers in the style of the kernel's networking selftests
# (written for these tests): random names, lo up in each, and a cleanup
# that polls until the name is gone, the poll's pipe passed as words to
# the helper that runs it.
BUSYWAIT_TIMEOUT=${BUSYWAIT_TIMEOUT:-20000}	# ms
NS_LIST=

# busywait TIMEOUT_MS CMD...: run CMD until it succeeds or time is up
busywait() {
	timeout_ms=$1
	shift
	start=$(date +%s%3N)
	while :; do
		"$@" && return 0
		[ $(($(date +%s%3N) - start)) -lt "$timeout_ms" ] || return 1
		sleep 0.1
	done
}

# setup_ns VAR...: a namespace for each, its name in the variable
setup_ns() {
	for var in "$@"; do
		ns="$(echo "$var" | tr 'A-Z' 'a-z')-$(tr -dc a-z0-9 < /dev/urandom | head -c 6)"
		eval "$var=$ns"
		if ! ip netns add "$ns"; then
			echo "Failed to create namespace $var"
			return 4
		fi
		ip -n "$ns" link set lo up
		NS_LIST="$NS_LIST $ns"
	done
}

# cleanup_ns NS...: each namespace gone, or a warning and 1
cleanup_ns() {
	ret=0
	for ns in "$@"; do
		[ -n "$ns" ] || continue
		ip netns pids "$ns" 2> /dev/null | xargs -r kill || true
		ip netns delete "$ns" > /dev/null 2>&1 || true
		if ! busywait "$BUSYWAIT_TIMEOUT" ip netns list \| grep -vq "^$ns$" > /dev/null 2>&1; then
			echo "Warn: Failed to remove namespace $ns"
			ret=1
		fi
	done
	return $ret
}

cleanup_all_ns() {
	cleanup_ns $NS_LIST
}
