# SPDX-License-Identifier: MIT
# Fault injection (tests/fault/lib.sh): set, and list with ids (whose job
# is its stdout: ids missing without a word are a problem).
. "$TOP/tests/fault/lib.sh"

t_fault_set() {
	fault_matrix set '"$NETNS" add a' '"$NETNS" set a 7'
}

t_fault_list_with_ids() {
	fault_matrix list_ids \
		'"$NETNS" add a && "$NETNS" add b && "$NETNS" add c && "$NETNS" set b 5' \
		'"$NETNS" list'
}
