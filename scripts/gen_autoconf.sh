#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the C header of a config: one #define for every symbol that
# Kconfig and the applets' //config: lines declare, 1 or 0 for a bool (0
# when it is off or missing from the config), the value for a string or a
# number (the Kconfig default when the config lacks it). So C can say
# `if (CONFIG_FEATURE_JSON && opt.json)`, and every line of every config
# compiles. Needs only sh, sed and awk: a build needs no kconfig tools.
#   sh scripts/gen_autoconf.sh CONFIG_FILE > autoconf.h
set -eu
cd "$(dirname "$0")/.."
config=${1:?usage: gen_autoconf.sh CONFIG_FILE}
[ -f "$config" ] || { echo "gen_autoconf.sh: no such config: $config" >&2; exit 1; }

{
	cat Kconfig
	sed -n 's@^//config:@@p' applets/*.c
} | awk -v config="$config" '
	/^config [A-Z0-9_]+$/ { sym = $2; order[++n] = sym; type[sym] = "bool"; next }
	sym != "" && $1 == "string" { type[sym] = "string" }
	sym != "" && ($1 == "int" || $1 == "hex") { type[sym] = "number" }
	sym != "" && $1 == "default" && type[sym] != "bool" {
		value[sym] = substr($0, index($0, "default") + 8)
	}
	/^(menu|endmenu|source|mainmenu|comment)/ { sym = "" }
	END {
		while ((getline line < config) > 0) {
			if (line !~ /^CONFIG_[A-Za-z0-9_]+=/)
				continue
			eq = index(line, "=")
			s = substr(line, 8, eq - 8)
			v = substr(line, eq + 1)
			if (type[s] == "bool")
				v = v == "y" ? 1 : 0
			value[s] = v
		}
		print "/* generated from " config " by scripts/gen_autoconf.sh */"
		for (i = 1; i <= n; i++) {
			s = order[i]
			v = value[s]
			if (type[s] == "bool" && v == "")
				v = 0
			if (v == "") {
				print "gen_autoconf.sh: no value for CONFIG_" s > "/dev/stderr"
				exit 1
			}
			print "#define CONFIG_" s " " v
		}
	}'
