# SPDX-License-Identifier: MIT
# Differential: namespace ids (list's "(id: N)", set, list-id) and JSON
# through iproute2's ip and through netns as ip; stdout and exit status of
# every line must be byte-identical. Each line runs in a fresh nested
# sandbox (tests/lib.sh: transcript). Under qemu-user, which cannot carry
# RTM_GETNSID or RTM_NEWNSID, the graceful answer is checked instead.

graceful_under_qemu() {
	qemu_lacks nsid || return 1
	"$NETNS" add a || fail "add"
	expect_graceful "$NETNS" set a 1
	expect_graceful "$NETNS" list-id
	return 0
}

t_manual_set_and_list() {
	graceful_under_qemu && return
	same_as_iproute2 '
ip netns add a
ip netns add b
ip netns add c
ip netns list
ip netns set a 1
ip netns set b auto
ip netns list
ip netns show
ip netns lst
ip netns
ip netns l
ip netns s
ip netns set c 0x10
ip netns list
ip netns exec a ip netns list
ip netns exec a ip netns set b 7
ip netns exec a ip netns list
ip netns delete b
ip netns list'
}

t_set_errors() {
	graceful_under_qemu && return
	same_as_iproute2 '
ip netns add a
ip netns add b
ip netns set
ip netns set a
ip netns set a foo
ip netns set a -1
ip netns set a -5
ip netns set a ""
ip netns set a 2147483648
ip netns set a 09
ip netns set a 0x
ip netns set a "5 "
ip netns set zz 5
ip netns set zz foo
ip netns set .. 5
ip netns set a 5
ip netns set a 5
ip netns set a 6
ip netns set a auto
ip netns set b 5
ip netns set b " +6"
ip netns set a AUTO
ip netns list
touch /var/run/netns/plain
ip netns set plain 9
mkdir /var/run/netns/dir
ip netns set dir 9
ip netns list'
}

t_list_id() {
	graceful_under_qemu && return
	same_as_iproute2 '
ip netns list-id
ip netns add a
ip netns add b
ip netns add c
ip netns list-id
ip netns set a 5
ip netns set b auto
ip netns list-id
ip netns list-id nsid 5
ip netns list-id nsid 0x5
ip netns list-id nsid 0
ip netns exec a ip netns set b 9
ip netns exec a ip netns list-id
ip netns list-id target-nsid 5
ip netns list-id target-nsid 5 nsid 0
ip netns list-id nsid 0 target-nsid 5
ip netns set c 3
ip netns list-id target-nsid 5 nsid 3
ip netns list-id target-nsid 5
ip netns list-id target-nsid 0
ip netns exec a ip netns set c 1
ip netns list-id target-nsid 5
ip netns list-i
ip netns list-id'
}

t_list_id_errors() {
	graceful_under_qemu && return
	same_as_iproute2 '
ip netns add a
ip netns set a 5
ip netns list-id foo
ip netns list-id nsid
ip netns list-id target-nsid
ip netns list-id nsid x
ip netns list-id nsid -1
ip netns list-id target-nsid -3
ip netns list-id target-nsid x
ip netns list-id nsid 1 nsid 2
ip netns list-id target-nsid 1 target-nsid 1
ip netns list-id nsid 2147483648
ip netns list-id nsid 7
ip netns list-id target-nsid 7
ip netns list-id target-nsid 7 nsid 5
ip netns list-id target-nsid 5 nsid 7
ip -j netns list-id nsid 7
ip -j netns list-id target-nsid 7
ip -j -p netns list-id target-nsid 7
ip netns list-id NSID 5'
}

t_json_list() {
	graceful_under_qemu && return
	same_as_iproute2 '
ip -j netns list
ip -j -p netns list
ip -json netns
ip -j netns list-id
ip -j -p netns list-id
ip netns add a
ip netns add b
ip -j netns list
ip -j -p netns list
ip netns set b 3
ip -j netns list
ip -j -p netns list
ip -json -pretty netns show
ip -p netns list
ip -p -j netns lst
ip -j netns list-id
ip -j -p netns list-id
ip -j netns list-id nsid 3
ip -j -p netns list-id nsid 3
ip netns exec b ip netns set a 1
ip -j netns list-id target-nsid 3
ip -j -p netns list-id target-nsid 3
ip netns add c
ip netns set c 4
ip -j -p netns list-id target-nsid 3 nsid 4
ip -j netns list-id target-nsid 3 nsid 4'
}

# (control bytes other than these five: iproute2 writes them raw, which is
# no JSON; netns writes \u00XX, see tests/integration/harden.sh t_13)
t_json_names_escaped() {
	graceful_under_qemu && return
	same_as_iproute2 "
ip netns add 'q\"b'
ip netns add 'back\\\\s'
ip netns add \"\$(printf 't\\tn\\nx')\"
ip netns add \"\$(printf 'c\\b\\f\\rz')\"
ip netns add \"ap's\"
ip netns add \"\$(printf 'u\\177\\303\\251')\"
ip netns set 'q\"b' 4
ip netns list
ip -j netns list
ip -j -p netns list
ip netns list-id
ip -j netns list-id"
}

t_json_missing_run_dir() {
	graceful_under_qemu && return
	same_as_iproute2 '
mount -t tmpfs tmpfs /run
ip -j netns list
ip -j -p netns list
ip netns list
ip netns list-id
ip -j netns list-id
ip -j -p netns list-id'
}

t_files_that_are_no_namespace() {
	graceful_under_qemu && return
	same_as_iproute2 '
ip netns add a
ip netns set a 2
touch /var/run/netns/plain
mkdir /var/run/netns/dir
ip netns list
ip -j netns list
ip netns list-id
ip netns list-id nsid 2'
}

t_two_names_of_one_namespace() {
	graceful_under_qemu && return
	same_as_iproute2 '
ip netns add a
ip netns attach self 1
ip netns attach self2 1
ip netns list
ip netns set self2 3
ip netns set a 4
ip netns list
ip netns list-id
ip netns list-id target-nsid 3
ip -j netns list-id target-nsid 3
ip netns list-id target-nsid 4
touch /var/run/netns/a2
mount --bind /var/run/netns/a /var/run/netns/a2
ip netns list
ip netns list-id'
}
