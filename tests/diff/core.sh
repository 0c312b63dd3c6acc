# SPDX-License-Identifier: MIT
# Differential: the same sequences through iproute2's ip and netns as ip;
# stdout and exit status of every line must be byte-identical.

t_add_list_delete() {
	same_as_iproute2 '
ip netns
ip netns add a
ip netns add a
ip netns add b
ip netns list
ip netns show
ip netns lst
ip netns l
ip netns s
ip netns del a
ip netns d b
ip netns
ip netns delete zz'
}

t_bad_names() {
	long=$(printf 'x%.0s' $(seq 256))
	same_as_iproute2 "
ip netns add ''
ip netns add .
ip netns add ..
ip netns add a/b
ip netns add $long
ip netns a ${long%x}
ip netns list
ip netns exec '' true
ip netns delete ..
ip netns pids /"
}

t_words_and_usage() {
	same_as_iproute2 '
ip netns foo
ip netns help
ip netns h
ip netns add
ip netns delete
ip netns pids
ip netns exec
ip netns exec x
ip netns attach
ip netns attach x
ip netns identify a b
ip netns identify abc
ip -foo netns
ip -x netns list
ip netns pids a b'
}

t_exec_status() {
	same_as_iproute2 '
ip netns add a
ip netns exec a sh -c "exit 7"
ip netns exec a true
ip netns exec zz true
ip netns exec a nosuchcommand-xyz
ip netns e a echo hello
ip netns exec a ip netns identify
ip -all netns exec echo hi
ip -all netns exec false
ip -a netns exec sh -c "echo \$\$ >/dev/null; echo x"'
}

t_identify_pids_attach() {
	same_as_iproute2 '
ip netns identify
ip netns add a
ip netns attach b 1
ip netns identify 1
ip netns identify
ip netns attach c 999999
ip netns attach c xx
ip netns identify 999999
ip netns list
ip netns pids zz
ip netns exec a sh -c "ip netns pids a > pids.txt; wc -l < pids.txt"'
}

t_all_delete() {
	same_as_iproute2 '
ip -all netns delete
ip netns add a
ip netns add b
ip netns add c
ip -all netns delete
ip netns list
ip -all netns del
ip netns del -all'
}

t_global_options() {
	same_as_iproute2 '
ip netns add a
ip -n a netns identify
ip -netns a netns identify
ip -n zz netns list
ip -s netns list
ip -d -o -t -r -N -4 netns list
ip -fo netns list
ip --all netns exec true
ip -- netns list
ip -b /nonexistent-file
ip net
ip netn a
ip'
}

# iproute2 ignores the words after those a subcommand reads, and scripts
# depend on it: `ip netns list | grep` passed as words to a helper, `ip
# netns del $(ip netns list | grep a)` passing "a (id: 0)". identify and
# pids refuse them (exit 1), as does list-id (usage, 255).
t_extra_words_after_each_subcommand() {
	same_as_iproute2 "
ip netns add a b
ip netns add c '(id:' '0)'
ip netns list x y
ip netns show '|' grep -vq '^a\$'
ip netns set a 1 2
ip netns set c auto extra
ip netns attach d \$\$ x
ip netns list
ip netns identify \$\$ extra
ip netns pids a b
ip netns list-id x
ip netns delete a '(id:' '1)'
ip netns del zz yy
ip netns exec c true extra
ip netns list
ip -all netns exec echo ok
ip netns delete d extra words
ip netns list"
}
