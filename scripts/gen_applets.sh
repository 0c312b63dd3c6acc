#!/bin/sh
# SPDX-License-Identifier: MIT
# Reads the //config:, //applet: and //usage: lines of every applets/*.c and
# writes what the build needs from them, so that adding or removing a
# subcommand touches one file:
#   include/generated/Config.applets  the Kconfig entries (menu "Applets")
#   include/generated/applets.h       the dispatch table, in iproute2's
#                                      order of prefix matching (an applet
#                                      left out keeps its words, and no main)
#   include/generated/applets.mk      which file each symbol compiles
# //applet:ORDER FUNC SYMBOL "WORD\0WORD..."   //usage:ONE LINE OF USAGE
set -e
out=include/generated
mkdir -p "$out"
tmp=$out/.gen.$$
trap 'rm -f "$tmp"*' EXIT

for f in applets/*.c; do
	sed -n 's@^//config:@@p' "$f"
	echo
done > "$tmp.in"

: > "$tmp.mk"
for f in applets/*.c; do
	line=$(sed -n 's@^//applet:@@p' "$f")
	[ -n "$line" ] || { echo "$f: no //applet: line" >&2; exit 1; }
	set -- $line
	usage=$(sed -n 's@^//usage:\(.*\)@\1\\n@p' "$f" | tr -d '\n')
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$usage"
	echo "SRCS-\$(CONFIG_$3) += $f" >> "$tmp.mk"
done | sort -n | awk -F'\t' '
	{ fn[NR] = $2; sym[NR] = $3; words[NR] = $4; use[NR] = $5 }
	END {
		for (i = 1; i <= NR; i++)
			printf "int %s_main(int argc, char **argv);\n", fn[i]
		# APPLET_list: the index of the list applet in the table
		for (i = 1; i <= NR; i++)
			printf "#define APPLET_%s %d\n", fn[i], i - 1
		print "static const struct applet applets[] = {"
		for (i = 1; i <= NR; i++) {
			w = substr(words[i], 1, length(words[i]) - 1) "\\0\""
			printf "\t{ %s, CONFIG_%s ? %s_main : 0,\n", w, sym[i], fn[i]
			printf "\t  CONFIG_%s ? \"%s\" : 0 },\n", sym[i], use[i]
		}
		print "};"
	}' > "$tmp.h"

# only touch what changed, so make does not rebuild for nothing
for k in in:Config.applets h:applets.h mk:applets.mk; do
	cmp -s "$tmp.${k%%:*}" "$out/${k#*:}" || cp "$tmp.${k%%:*}" "$out/${k#*:}"
done
