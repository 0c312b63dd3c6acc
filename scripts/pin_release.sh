#!/bin/sh
# SPDX-License-Identifier: MIT
# Pins the release tarball's sha256 in the recipes of contrib/ (OpenWrt,
# Yocto, Buildroot), which make dist leaves out of the tarball.
#
#   sh scripts/pin_release.sh           write the pins (and the versions)
#   sh scripts/pin_release.sh --check   only compare; exit 1 if one differs
#
# The release of version X (the VERSION file) is the tarball of the newest
# commit whose message has the line "Release: X" (a git trailer), made by
# scripts/dist.sh: releasing X is committing VERSION, CHANGELOG.md,
# debian/changelog and netns.8's .TH line with that trailer, then running
# this and committing the recipes. Exit 2: no such commit (or no git).
set -eu
cd "$(dirname "$0")/.."
check=no
[ "${1:-}" = --check ] && check=yes
version=$(cat VERSION)
[ -e .git ] && command -v git >/dev/null 2>&1 || {
	echo "pin_release: needs a git checkout" >&2; exit 2; }
commit=$(git log -1 --format=%H --grep="^Release: $version\$" HEAD)
[ -n "$commit" ] || {
	echo "pin_release: no commit with the line \"Release: $version\"" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh scripts/dist.sh "$commit" "$tmp" > /dev/null
hash=$(cut -d' ' -f1 "$tmp/netns-$version.tar.gz.sha256")

owrt=contrib/openwrt/netns/Makefile
br=contrib/buildroot/netns
layer=contrib/yocto/meta-netns/recipes-connectivity/netns
bb=$layer/netns_$version.bb

if [ $check = yes ]; then
	status=0
	differs() { echo "pin_release: $1 is not $hash (the tarball of $commit)" >&2; status=1; }
	grep -qx "PKG_VERSION:=$version" $owrt || differs "$owrt's PKG_VERSION"
	grep -qx "PKG_HASH:=$hash" $owrt || differs "$owrt's PKG_HASH"
	[ -f "$bb" ] || differs "$bb (no such recipe)"
	grep -qx "SRC_URI\[sha256sum\] = \"$hash\"" "$bb" 2>/dev/null ||
		differs "$bb's SRC_URI[sha256sum]"
	grep -qx "NETNS_VERSION = $version" $br/netns.mk || differs "$br/netns.mk's NETNS_VERSION"
	grep -qx "sha256  $hash  netns-$version.tar.gz" $br/netns.hash ||
		differs "$br/netns.hash"
	[ $status = 0 ] && echo "pin_release: the recipes pin netns-$version.tar.gz $hash"
	exit $status
fi

sed -i -e "s/^PKG_VERSION:=.*/PKG_VERSION:=$version/" \
	-e "s/^PKG_HASH:=.*/PKG_HASH:=$hash/" $owrt
old=$(ls $layer/netns_*.bb)
[ "$old" = "$bb" ] || git mv "$old" "$bb"
sed -i "s/^SRC_URI\[sha256sum\] = .*/SRC_URI[sha256sum] = \"$hash\"/" "$bb"
sed -i "s/^NETNS_VERSION = .*/NETNS_VERSION = $version/" $br/netns.mk
sed -i "s/^sha256  [0-9a-f]*  netns-.*\.tar\.gz\$/sha256  $hash  netns-$version.tar.gz/" \
	$br/netns.hash
echo "pin_release: netns-$version.tar.gz of $commit: $hash"
