# SPDX-License-Identifier: MIT
# Fault injection (tests/fault/lib.sh): delete and -all delete with the
# device rescue, every syscall failed in turn. A veth is moved into the
# namespace, which a process holds, so that the devices are the same
# whenever the state is looked at (a namespace nobody holds dies in the
# background, and its veth with it). A veth has a kind and stays: the move
# of a physical device is proven in tests/vm; here the rescue looks (opens,
# enters, dumps) and every step of that is failed.
. "$TOP/tests/fault/lib.sh"

t_fault_delete() {
	fault_matrix delete names_with_a_device '"$NETNS" delete a'
}

t_fault_all_delete() {
	fault_matrix all_delete names_with_a_device '"$NETNS" -all delete'
}
