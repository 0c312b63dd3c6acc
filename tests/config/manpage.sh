# SPDX-License-Identifier: MIT
# The manual page netns.8: renders without a warning, and names every
# applet word (applets/*.c //applet: lines) and every Kconfig symbol.
# sandbox: no

need_man_page() {
	[ -f "$TOP/netns.8" ] || fail "no netns.8"
	command -v groff >/dev/null 2>&1 ||
		skip "no groff (sh toolchain/install-deps.sh test)"
}

# the page as plain text, no hyphenation, lines too long to break a word
plain_page() {
	groff -man -Tascii -P-cbou -rHY=0 -rLL=250n "$TOP/netns.8" 2>&1
}

t_manpage_renders_without_warnings() {
	need_man_page
	run groff -man -ww -z "$TOP/netns.8"
	check_eq "$rc" 0 "groff -man -ww -z netns.8"
	check_eq "$out$err" "" "groff warnings"
	command -v man >/dev/null 2>&1 || return 0
	run env MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$TOP/netns.8"
	check_eq "$rc" 0 "man -l netns.8"
	check_eq "$err" "" "man -l netns.8 warnings"
	case $out in *NETNS*SYNOPSIS*EXIT\ STATUS*) ;;
		*) fail "man -l netns.8 rendered no page" ;; esac
}

t_manpage_names_every_applet_word() {
	need_man_page
	plain_page > page.txt
	sed -n 's|^//applet:[0-9]* [a-z_]* [A-Z0-9_]* "\(.*\)".*|\1|p' \
		"$TOP"/applets/*.c | sed 's/\\0/\n/g' > words
	[ -s words ] || fail "no //applet: words found"
	while read -r w; do
		grep -qFw -- "$w" page.txt || fail "netns.8 does not mention \"$w\""
	done < words
}

t_manpage_names_every_kconfig_symbol() {
	need_man_page
	plain_page > page.txt
	{ sed -n 's|^//config:config \([A-Z0-9_]*\).*|\1|p' "$TOP"/applets/*.c
	  sed -n 's/^config \([A-Z0-9_]*\).*/\1/p' "$TOP/Kconfig"; } > symbols
	while read -r s; do
		grep -qFw "CONFIG_$s" page.txt || fail "netns.8 does not name CONFIG_$s"
	done < symbols
}
