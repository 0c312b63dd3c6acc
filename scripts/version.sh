#!/bin/sh
# SPDX-License-Identifier: MIT
# Prints the version of this tree for the binary (netns -V): the VERSION
# file, and in a git checkout of this very tree what `git describe` adds:
#   0.2.0               a release tarball (no .git), or the tag v0.2.0
#   0.2.0-3-gabc1234    3 commits after the tag v0.2.0
#   0.2.0-gabc1234      no tag v0.2.0 in the history yet
# and -dirty after either for uncommitted changes. A tarball unpacked in
# another project's git tree (OpenWrt's or Buildroot's build dir) has no
# .git of its own, so that tree's commits are never taken for ours.
cd "$(dirname "$0")/.." || exit 1
version=$(cat VERSION) || exit 1
if [ -e .git ] && command -v git >/dev/null 2>&1 &&
	d=$(git describe --always --dirty --abbrev=7 --match "v$version" 2>/dev/null)
then
	case $d in
	v"$version"*) version=${d#v} ;;
	*) version=$version-g$d ;;
	esac
fi
echo "$version"
