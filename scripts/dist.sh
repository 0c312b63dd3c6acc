#!/bin/sh
# SPDX-License-Identifier: MIT
# make dist: the release tarball netns-VERSION.tar.gz of a commit, and
# netns-VERSION.tar.gz.sha256 beside it.
#
#   sh scripts/dist.sh [REV [DIR]]     (default: HEAD, the top of the tree)
#
# Reproducible: the same commit gives the same bytes. git archive takes the
# files of the commit (not the work tree) in the order of its tree, gives
# every file the commit's date as mtime and owner root (0/0), the modes
# 0644 and 0755 (tar.umask); gzip -n writes no name and no time. VERSION is
# read from the commit too. Files marked export-ignore in .gitattributes
# (the recipes that pin this tarball's hash) stay out. The tarball builds
# with make, sh and a C compiler alone: it needs no git.
set -eu
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
dir=${2:-.}
die() { echo "dist: $*" >&2; exit 1; }

[ -e .git ] && command -v git >/dev/null 2>&1 ||
	die "needs a git checkout of netns (a tarball is made from a commit)"
commit=$(git rev-parse --verify -q "$rev^{commit}") || die "no commit $rev"
version=$(git show "$commit:VERSION") || die "no VERSION in $rev"
name=netns-$version
if [ "$rev" = HEAD ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "dist: uncommitted changes are not in $name.tar.gz (it is HEAD's)" >&2
fi
mkdir -p "$dir"
tmp=$dir/.$name.tar.gz.$$
trap 'rm -f "$tmp"' EXIT
git -c tar.umask=0022 archive --format=tar --prefix="$name/" "$commit" |
	gzip -n -9 > "$tmp"
mv "$tmp" "$dir/$name.tar.gz"
(cd "$dir" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist: $dir/$name.tar.gz from $(git rev-parse --short=12 "$commit")"
cat "$dir/$name.tar.gz.sha256"
