# SPDX-License-Identifier: MIT
# Fault injection (tests/fault/lib.sh): exec and -all exec, every syscall
# failed in turn up to the exec of the command (what follows is the
# command's). The command, netns identify, says where it ran: a run whose
# stdout differs from the clean run's must say why on stderr.
. "$TOP/tests/fault/lib.sh"

t_fault_exec() {
	fault_matrix exec names_with_etc '"$NETNS" exec a "$NETNS" identify'
}

t_fault_all_exec() {
	fault_matrix all_exec names_with_etc '"$NETNS" -all exec "$NETNS" identify'
}
