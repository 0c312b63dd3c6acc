# SPDX-License-Identifier: MIT
# The unit test drivers (tests/unit/*_test.c, see unit.h): each is built
# by build_unit (tests/lib.sh) with the host's musl-gcc (or cc; under make
# check-cross, the cross compiler) against every libbb-lite source and a
# config's header, and run; no root needed.
# sandbox: no

t_libbb_unit() {
	build_unit libbb_test "$TOP/configs/defconfig"
	./libbb_test > out.txt || fail "unit checks failed"
	check_eq "$(head -n 1 out.txt)" "a 42 7 0" "writer numbers"
	check_eq "$(sed -n 2p out.txt | wc -c)" 6001 "writer across its buffer"
}

t_netlink_unit() {
	build_unit netlink_test "$TOP/configs/defconfig"
	./netlink_test || fail "unit checks failed"
}

t_nsid_unit() {
	build_unit nsid_test "$TOP/configs/defconfig"
	./nsid_test || fail "unit checks failed"
}

# the helper's interface; without CONFIG_FEATURE_NSID_PARALLEL its stubs
t_nsid_helper_unit() {
	build_unit nsid_helper_test "$TOP/configs/defconfig"
	./nsid_helper_test || fail "unit checks failed"
	sed 's/NSID_PARALLEL=y/NSID_PARALLEL=n/' "$TOP/configs/defconfig" > off
	build_unit nsid_helper_test "$PWD/off"
	./nsid_helper_test || fail "unit checks without the helper failed"
}

t_json_unit() {
	build_unit json_test "$TOP/configs/defconfig"
	./json_test || fail "unit checks failed"
	sed 's/FEATURE_JSON=y/FEATURE_JSON=n/' "$TOP/configs/defconfig" > nojson
	build_unit json_test "$PWD/nojson"
	./json_test || fail "unit checks without FEATURE_JSON failed"
}

t_link_unit() {
	build_unit link_test "$TOP/configs/defconfig"
	./link_test || fail "unit checks failed"
}
