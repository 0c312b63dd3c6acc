# SPDX-License-Identifier: MIT
# Fault injection (tests/fault/lib.sh): add and attach, every syscall failed
# in turn. A failed add or attach must leave nothing: no name, no bind of
# the run dir, and the caller in its own namespace.
. "$TOP/tests/fault/lib.sh"

# the first add of a boot: the run dir is made, bound and shared too
t_fault_add() {
	fault_matrix add 'no_run_dir' '"$NETNS" add b'
}

t_fault_attach() {
	fault_matrix attach 'unnamed_process' '"$NETNS" attach b $holders'
}
