# SPDX-License-Identifier: MIT
# Unit tests of libbb-lite (tests/unit/libbb_test.c), built with the host's
# musl-gcc (or cc) against the library sources; no root needed.
# sandbox: no

build_libbb_test() {
	cc=$(command -v musl-gcc || command -v cc) || skip "no C compiler"
	mkdir -p gen
	printf '#define CONFIG_RUN_DIR "/var/run/netns"\n#define CONFIG_ETC_DIR "/etc/netns"\n' > gen/autoconf.h
	$cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Igen -I"$TOP/libbb-lite" \
		-o libbb_test "$TOP/tests/unit/libbb_test.c" \
		"$TOP/libbb-lite/args.c" "$TOP/libbb-lite/out.c" \
		"$TOP/libbb-lite/netns.c" "$TOP/libbb-lite/dir.c" \
		"$TOP/libbb-lite/strerror.c" "$TOP/libbb-lite/str.c" ||
		fail "libbb_test does not build"
}

t_libbb_unit() {
	build_libbb_test
	./libbb_test > out.txt || fail "unit checks failed"
	check_eq "$(head -n 1 out.txt)" "a 42 7 0" "writer numbers"
	check_eq "$(sed -n 2p out.txt | wc -c)" 6001 "writer across its buffer"
}
