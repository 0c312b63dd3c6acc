# SPDX-License-Identifier: MIT
# Packagers' flags: what a packager passes in CC, CPPFLAGS, CFLAGS and
# LDFLAGS takes effect (hardening included), STRIP=: keeps the symbols and
# -g, STATIC=0 links dynamically, and make install installs what make
# built, never relinking with the flags of its own call.
# sandbox: no

# a copy of the sources to build in (no build products)
copy_source() {
	mkdir -p "$1"
	(cd "$TOP" && tar -cf - --exclude=./build --exclude=./.git \
		--exclude=./netns --exclude=./.config --exclude=./.flags \
		--exclude='./netns-*' --exclude=./include/generated \
		--exclude=./include/config --exclude=./debian .) |
		(cd "$1" && tar -xf -) || fail "copy of the source tree"
}

need_musl() { command -v musl-gcc >/dev/null 2>&1 || skip "no musl-gcc"; }

# build ARGS...: make in src/ (tiny_defconfig) with ARGS
build() {
	run make -C src CONFIG=configs/tiny_defconfig "$@"
	[ "$rc" = 0 ] || fail "make $*: $out $err"
}

has_section() { readelf -S "$1" 2>/dev/null | grep -q " $2 "; }

t_default_build_strips_a_separate_step() {
	need_musl
	copy_source src
	build V=1
	case $out in *" -s "*) fail "the link line strips (-s): $out" ;; esac
	case $(file -b src/netns) in *", stripped"*) ;;
	*) fail "the default build is not stripped: $(file -b src/netns)" ;; esac
	has_section src/netns .comment && fail "the default build keeps .comment"
	return 0
}

# CC carries hardening as Yocto's does; CFLAGS -O2 -g as a distribution's
t_packager_flags_win_and_strip_is_skippable() {
	need_musl
	copy_source src
	build V=1 STRIP=: CC="musl-gcc -fstack-protector-strong" \
		CPPFLAGS=-DPACKAGER_CPPFLAGS CFLAGS="-O2 -g" LDFLAGS=-Wl,-z,relro
	line=$(printf '%s\n' "$out" | grep -- '-o src/netns\|-o netns' | tail -n 1)
	case $line in *-fno-stack-protector*)
		fail "the Makefile cancels CC's -fstack-protector-strong: $line" ;; esac
	case $line in *-Wl,-z,norelro*) fail "the Makefile cancels -z relro: $line" ;; esac
	case $line in *"-Os "*"-O2 -g"*) ;; *) fail "CFLAGS do not come after -Os: $line" ;; esac
	case $line in *-DPACKAGER_CPPFLAGS*) ;; *) fail "CPPFLAGS not passed: $line" ;; esac
	case $(file -b src/netns) in *"not stripped"*) ;;
	*) fail "STRIP=: stripped all the same: $(file -b src/netns)" ;; esac
	has_section src/netns .debug_info || fail "-g left no debug info"
	nm src/netns | grep -q __stack_chk_fail ||
		fail "no stack protector in the binary (no __stack_chk_fail)"
}

t_static_0_links_dynamically() {
	need_musl
	copy_source src
	build STATIC=0
	case $(file -b src/netns) in *dynamically*) ;;
	*) fail "STATIC=0: $(file -b src/netns)" ;; esac
}

t_install_installs_what_make_built() {
	need_musl
	copy_source src
	build STRIP=:
	cp src/netns built
	sleep 1
	run make -C src CONFIG=configs/tiny_defconfig install CFLAGS=-O2 \
		DESTDIR="$TESTTMP/root" PREFIX=/usr
	[ "$rc" = 0 ] || fail "make install: $out $err"
	cmp built root/usr/sbin/netns || fail "make install relinked or stripped"
	cmp built src/netns || fail "make install rebuilt the binary"
	[ -f root/usr/share/man/man8/netns.8 ] || fail "no manual page installed"
	[ ! -e root/usr/sbin/ip ] || fail "an ip link without IP_LINK=1"
}

t_install_without_a_build_builds_first() {
	need_musl
	copy_source src
	run make -C src CONFIG=configs/tiny_defconfig install DESTDIR="$TESTTMP/root"
	[ "$rc" = 0 ] || fail "make install alone: $out $err"
	[ -x root/usr/sbin/netns ] || fail "nothing installed"
}
