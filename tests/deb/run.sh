#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/deb/run.sh (make check-deb): the Debian package, built as a
# packager builds it, from a copy of this tree:
#   dpkg-buildpackage -us -uc -b     the .deb (musl, static), then lintian
#                                    (no error; each warning is printed),
#                                    then the binary of the extracted .deb
#   DEB_BUILD_OPTIONS="nostrip nocheck"  keeps the symbols, skips the tests
# Ends with "N passed, N failed, N skipped". Needs dpkg-dev, debhelper,
# lintian, fakeroot and musl-tools (sh toolchain/install-deps.sh pkg).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0 skipped=0
ok() { pass=$((pass + 1)); echo "PASS deb $*"; }
bad() { fail=$((fail + 1)); echo "FAIL deb $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIP deb $*"; }
finish() {
	echo "$pass passed, $fail failed, $skipped skipped"
	[ $fail = 0 ]
	exit
}

for tool in dpkg-buildpackage dh lintian fakeroot musl-gcc; do
	command -v $tool >/dev/null 2>&1 || {
		skip "no $tool (sh toolchain/install-deps.sh pkg)"; finish; }
done
work=$(mktemp -d /tmp/netns-deb.XXXXXX) || exit 2
trap 'rm -rf "$work"' EXIT
version=$(cat "$top/VERSION")
arch=$(dpkg --print-architecture)

# copy_tree DIR: the tree's files (git's list in a checkout), no products
copy_tree() {
	mkdir -p "$1"
	if [ -e "$top/.git" ] && command -v git >/dev/null 2>&1; then
		(cd "$top" && git ls-files --cached --others --exclude-standard |
			while IFS= read -r f; do [ -e "$f" ] && echo "$f"; done |
			tar -cf - -T -) | tar -xf - -C "$1"
	else
		(cd "$top" && tar -cf - --exclude=./build --exclude=./netns \
			--exclude=./include/generated --exclude=./.config .) |
			tar -xf - -C "$1"
	fi
}

# build NAME [ENV...]: dpkg-buildpackage in $work/NAME/src; the log beside
build() {
	name=$1
	shift
	copy_tree "$work/$name/src"
	(cd "$work/$name/src" && env "$@" dpkg-buildpackage -us -uc -b) \
		> "$work/$name/build.log" 2>&1
}

deb=netns_${version}-1_$arch.deb
if build plain && [ -f "$work/plain/$deb" ]; then
	ok "dpkg-buildpackage -us -uc -b: $deb"
else
	bad "dpkg-buildpackage -us -uc -b"
	tail -n 40 "$work/plain/build.log" | sed 's/^/    | /'
	finish
fi

lintian "$work/plain/netns_${version}-1_$arch.changes" > "$work/lintian.log" 2>&1
if grep -q '^E:' "$work/lintian.log"; then
	bad "lintian reports errors:"
else
	ok "lintian: no errors"
fi
sed 's/^/    lintian | /' "$work/lintian.log"

x=$work/plain/x
dpkg-deb -x "$work/plain/$deb" "$x"
out=$("$x/usr/sbin/netns" -V 2>&1)
case $out in "netns utility, $version" | "netns utility, $version, "*)
	ok "the packaged netns runs: $out" ;;
*) bad "the packaged netns -V printed: $out" ;; esac
if [ -f "$x/usr/share/man/man8/netns.8.gz" ]; then ok "manual page installed"
else bad "no /usr/share/man/man8/netns.8.gz"; fi
if [ -e "$x/usr/sbin/ip" ] || [ -e "$x/sbin/ip" ] || [ -e "$x/usr/bin/ip" ]; then
	bad "the package ships an ip (iproute2 owns it)"
else
	ok "no ip link"
fi
f=$(file -b "$x/usr/sbin/netns")
case $f in *statically\ linked*", stripped"*) ok "static and stripped by dh_strip" ;;
*) bad "not static and stripped: $f" ;; esac
bu=$(dpkg-deb -f "$work/plain/$deb" Built-Using)
case $bu in musl\ \(=\ *\)) ok "Built-Using: $bu" ;; *) bad "Built-Using: '$bu'" ;; esac
if grep -q 'tests/run.sh ./netns' "$work/plain/build.log"; then ok "the quick tests ran"
else bad "the quick tests did not run"; fi

if build opts DEB_BUILD_OPTIONS="nostrip nocheck" && [ -f "$work/opts/$deb" ]; then
	dpkg-deb -x "$work/opts/$deb" "$work/opts/x"
	f=$(file -b "$work/opts/x/usr/sbin/netns")
	case $f in *"not stripped"*) ok "nostrip: the symbols stay" ;;
	*) bad "nostrip: $f" ;; esac
	if grep -q 'tests/run.sh ./netns' "$work/opts/build.log"; then
		bad "nocheck: the tests ran"
	else ok "nocheck: no tests ran"; fi
else
	bad "dpkg-buildpackage with DEB_BUILD_OPTIONS=\"nostrip nocheck\""
	tail -n 40 "$work/opts/build.log" | sed 's/^/    | /'
fi
finish
