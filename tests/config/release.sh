# SPDX-License-Identifier: MIT
# Releases: one version (VERSION) everywhere it is said, and make dist's
# tarball: the same bytes twice from one commit, fixed owners, mtimes and
# order, and a tree that builds and passes the unit tests without git.
# sandbox: no

version() { cat "$TOP/VERSION"; }

need_git_checkout() {
	[ -e "$TOP/.git" ] || skip "not a git checkout (make dist needs one)"
	command -v git >/dev/null 2>&1 || skip "no git"
}

# apk (OpenWrt 25) takes digits, dots, [a-z]?, _suffixN and -rN; a
# release says MAJOR.MINOR.PATCH and nothing else
t_version_is_a_plain_release_number() {
	v=$(version)
	case $v in
	*[!0-9.]* | .* | *. | *..*) fail "VERSION is '$v': only digits and dots" ;;
	esac
	[ "$(echo "$v" | tr -cd . | wc -c)" = 2 ] || fail "VERSION is '$v': not X.Y.Z"
}

t_version_agrees_everywhere() {
	v=$(version)
	run "$NETNS" -V
	case $out in "netns utility, $v" | "netns utility, $v-"* | "netns utility, $v, "*) ;;
	*) fail "netns -V says [$out], VERSION is $v" ;; esac
	th=$(sed -n 's/^\.TH NETNS 8 "[^"]*" "netns \([^"]*\)".*/\1/p' "$TOP/netns.8")
	check_eq "$th" "$v" "netns.8's .TH version"
	top=$(sed -n 's/^## \([^ ]*\).*/\1/p' "$TOP/CHANGELOG.md" | head -n 1)
	check_eq "$top" "$v" "the newest version in CHANGELOG.md"
	deb=$(sed -n '1s/^netns (\([^-)]*\)-[0-9]*).*/\1/p' "$TOP/debian/changelog")
	check_eq "$deb" "$v" "debian/changelog's upstream version"
	grep -q "^## $v (20[0-9][0-9]-[01][0-9]-[0-3][0-9])\$" "$TOP/CHANGELOG.md" ||
		fail "CHANGELOG.md: no heading '## $v (YYYY-MM-DD)'"
}

t_dist_twice_gives_the_same_bytes() {
	need_git_checkout
	run make -s -C "$TOP" dist DISTDIR="$TESTTMP/a"
	[ "$rc" = 0 ] || fail "make dist: $out $err"
	sleep 1	# a clock that would leak into the tarball moves on
	run make -s -C "$TOP" dist DISTDIR="$TESTTMP/b"
	[ "$rc" = 0 ] || fail "make dist (again): $out $err"
	t=netns-$(version).tar.gz
	cmp "a/$t" "b/$t" || fail "two make dist of one commit differ"
	(cd a && sha256sum -c "$t.sha256") > /dev/null || fail "$t.sha256 does not match"
	# owners 0/0, one mtime (the commit's), the tree's order, no .git
	tar -tvzf "a/$t" --numeric-owner > list || fail "tar -t $t"
	awk '$2 != "0/0" { print "owner: " $0 }' list | head -n 3 > bad
	[ -s bad ] && fail "$(cat bad)"
	[ "$(awk '{ print $4, $5 }' list | sort -u | wc -l)" = 1 ] ||
		fail "more than one mtime in $t"
	tar -tzf "a/$t" > names
	grep -q '/\.git/' names && fail "$t holds .git"
	grep -q "^netns-$(version)/contrib/" names && fail "$t holds contrib/ (the recipes pin its hash)"
	grep -qx "netns-$(version)/VERSION" names || fail "$t has no VERSION"
	gzip -l "a/$t" > /dev/null || fail "not gzip"
	# gzip -n: no name, no time in the gzip header (bytes 4-7 zero)
	[ "$(od -An -tx1 -j4 -N4 "a/$t" | tr -d ' ')" = 00000000 ] ||
		fail "the gzip header carries a time (gzip -n)"
}

# the tarball alone: make, sh and a C compiler build it, git is never
# called, and the unit tests pass
t_tarball_builds_without_git_and_passes_unit_tests() {
	need_git_checkout
	command -v musl-gcc >/dev/null 2>&1 || skip "no musl-gcc"
	run make -s -C "$TOP" dist DISTDIR="$TESTTMP"
	[ "$rc" = 0 ] || fail "make dist: $out $err"
	tar -xzf "netns-$(version).tar.gz" || fail "tar -x"
	mkdir -p nogit
	printf '#!/bin/sh\necho "git $*" >> "%s/git.log"\nexit 1\n' "$TESTTMP" > nogit/git
	chmod +x nogit/git
	src=$TESTTMP/netns-$(version)
	run env PATH="$TESTTMP/nogit:$PATH" make -s -C "$src"
	[ "$rc" = 0 ] || fail "make in the unpacked tarball: $out $err"
	[ ! -f git.log ] || fail "the build called git: $(cat git.log)"
	run "$src/netns" -V
	case $out in "netns utility, $(version)" | "netns utility, $(version), "*) ;;
	*) fail "netns -V of the tarball's build: $out" ;; esac
	run env PATH="$TESTTMP/nogit:$PATH" sh "$src/tests/run.sh" "$src/netns" \
		"$src"/tests/unit/*.sh
	[ "$rc" = 0 ] || fail "unit tests of the tarball's build: $out"
	case $out in *" passed, 0 failed, "*) ;; *) fail "unit tests: $out" ;; esac
}

# the recipes pin the tarball of the release commit (scripts/pin_release.sh)
t_recipes_pin_the_release_tarball() {
	need_git_checkout
	[ "$(git -C "$TOP" rev-parse --is-shallow-repository)" = false ] ||
		skip "a shallow clone may lack the release commit"
	run sh "$TOP/scripts/pin_release.sh" --check
	[ "$rc" = 2 ] && skip "$err"
	[ "$rc" = 0 ] || fail "$err
(a new release commit: sh scripts/pin_release.sh, then commit contrib/)"
}
