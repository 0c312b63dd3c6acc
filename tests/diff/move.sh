# SPDX-License-Identifier: MIT
# Differential: device moves through iproute2's ip and through netns as
# ip, in fresh sandboxes; stdout and exit status of every line must be
# byte-identical. Devices are veth pairs made with iproute2 ($ORACLE_IP)
# in both runs; what moved where is read back with iproute2 too.

# the device names of namespace $1 (or of ours), sorted
names='| cut -d" " -f1 | sort'

t_move_by_name_pid_and_back() {
	moves_or_graceful
	same_as_iproute2 "
ip netns add a
ip netns add b
\$ORACLE_IP link add v0 type veth peer name v1
\$ORACLE_IP link add w0 type veth peer name w1
ip link set v0 netns a
ip link set dev v1 netns a
\$ORACLE_IP -n a -br link $names
ip netns exec b sh -c 'echo \$\$ > \$TESTTMP/pid.\$\$; exec sleep 100' & p=\$!
i=0; while [ ! -s \$TESTTMP/pid.\$p ] && [ \$i -lt 100 ]; do sleep 0.05; i=\$((i+1)); done
ip link set w0 netns \$(cat \$TESTTMP/pid.\$p)
\$ORACLE_IP -n b -br link $names
ip -n a link set dev v0 netns 1
ip -n a link set v1 netns 1
\$ORACLE_IP -br link $names
\$ORACLE_IP -n a -br link $names
ip -netns b link set w0 netns 1
\$ORACLE_IP -br link $names
kill \$p"
}

t_rename_on_move() {
	moves_or_graceful
	same_as_iproute2 "
ip netns add a
\$ORACLE_IP link add v0 type veth peer name v1
\$ORACLE_IP link add w0 type veth peer name w1
ip link set dev v0 name wan netns a
ip link set name lan dev v1 netns a
ip link set w0 netns a name x0
ip link set name w1 netns a
\$ORACLE_IP -n a -br link $names
ip -n a link set wan netns 1 name v0
\$ORACLE_IP -br link $names"
}

t_errors() {
	moves_or_graceful
	same_as_iproute2 "
ip netns add a
\$ORACLE_IP link add v0 type veth peer name v1
\$ORACLE_IP -n a link add t0 type veth peer name t1
\$ORACLE_IP link add t0 type veth peer name t2
ip link set nosuchdev netns a
ip link set v0 netns nosuchns
ip link set nosuchdev netns nosuchns
ip link set v0 netns 999999
ip link set v0 netns -1
ip link set lo netns a
ip link set t0 netns a
ip link set t2 netns a name t1
ip link set v0 netns /nonexistent/file
ip link set v0 netns /etc/hostname
ip link set v0 netns ''
ip -n zz link set v0 netns 1
\$ORACLE_IP -br link $names
\$ORACLE_IP -n a -br link $names"
}

t_words() {
	moves_or_graceful
	same_as_iproute2 "
ip netns add a
\$ORACLE_IP link add v0 type veth peer name v1
\$ORACLE_IP link add w0 type veth peer name w1
ip link set
ip link set dev
ip link set v0 netns
ip link set v0 name
ip link set netns a
ip link set v0 netns a netns a
ip link set v0 name x name y netns a
ip link set dev v0 dev v0 netns a
ip link set v0 name '' netns a
ip link set v0 name 0123456789abcdef netns a
ip link set v0 name 'a b' netns a
ip link set 'a b' netns a
ip link set '' netns a
ip link set a/b netns a
ip link set v0
ip link set v0 netns 0x1
ip link set v0 netns ' 1'
ip link set v0 netns 01
ip link set v0 netns /proc/1/ns/net
ip link set dev help
ip link s v0 netns a
ip l se v1 netns a
ip link change w0 netns a
ip li ch w1 netns a
\$ORACLE_IP -n a -br link $names
\$ORACLE_IP -br link $names"
}
