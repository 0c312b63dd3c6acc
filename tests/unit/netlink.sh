# SPDX-License-Identifier: MIT
# Unit tests of libbb-lite/netlink.c and json.c (tests/unit/netlink_test.c):
# the rtnetlink encoder against byte vectors, the decoder against crafted
# and malformed messages, the batched nsid lookup over a socketpair, the
# JSON writer. Built with the host's musl-gcc (or cc) against the library
# sources, with and without FEATURE_JSON; no root needed.
# sandbox: no

build_netlink_test() {
	cc=$(command -v musl-gcc || command -v cc) || skip "no C compiler"
	mkdir -p "gen$1"
	{
		printf '#define CONFIG_RUN_DIR "/var/run/netns"\n'
		printf '#define CONFIG_ETC_DIR "/etc/netns"\n'
		[ "$1" = json ] && printf '#define CONFIG_FEATURE_JSON 1\n'
	} > "gen$1/autoconf.h"
	$cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I"gen$1" \
		-I"$TOP/libbb-lite" -ffunction-sections -Wl,--gc-sections \
		-o "netlink_test$1" "$TOP/tests/unit/netlink_test.c" \
		"$TOP/libbb-lite/netlink.c" "$TOP/libbb-lite/json.c" \
		"$TOP/libbb-lite/out.c" "$TOP/libbb-lite/strerror.c" \
		"$TOP/libbb-lite/dir.c" "$TOP/libbb-lite/netns.c" \
		"$TOP/libbb-lite/args.c" "$TOP/libbb-lite/str.c" ||
		fail "netlink_test does not build"
}

t_netlink_unit() {
	build_netlink_test json
	./netlink_testjson || fail "unit checks failed"
}

t_netlink_unit_without_json() {
	build_netlink_test ""
	./netlink_test || fail "unit checks failed"
}
