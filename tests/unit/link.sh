# SPDX-License-Identifier: MIT
# Unit tests of libbb-lite/link.c (tests/unit/link_test.c): which devices
# of a link dump the safe delete brings home, on crafted netlink messages,
# and the free names it uses. Built with the host's musl-gcc (or cc)
# against the library sources; no root needed.
# sandbox: no

t_link_unit() {
	cc=$(command -v musl-gcc || command -v cc) || skip "no C compiler"
	mkdir -p gen
	printf '#define CONFIG_RUN_DIR "/var/run/netns"\n#define CONFIG_ETC_DIR "/etc/netns"\n' > gen/autoconf.h
	$cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Igen -I"$TOP/libbb-lite" \
		-ffunction-sections -Wl,--gc-sections -o link_test \
		"$TOP/tests/unit/link_test.c" "$TOP/libbb-lite/link.c" \
		"$TOP/libbb-lite/netlink.c" "$TOP/libbb-lite/out.c" \
		"$TOP/libbb-lite/strerror.c" "$TOP/libbb-lite/dir.c" \
		"$TOP/libbb-lite/netns.c" "$TOP/libbb-lite/args.c" "$TOP/libbb-lite/str.c" ||
		fail "link_test does not build"
	./link_test || fail "unit checks failed"
}
