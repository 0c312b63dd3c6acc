# SPDX-License-Identifier: MIT
# Config tests: every shipped config builds within its budget, allnoconfig
# and allyesconfig build, a left-out applet is absent and says so, and the
# make conventions hold. Builds go to the test's own dir (OUT=).
# sandbox: no

budget_of() {
	case $1 in
	defconfig) echo 28672 ;;
	router_defconfig) echo 21504 ;;
	tiny_defconfig) echo 14336 ;;
	*) echo 28672 ;;
	esac
}

build() {	# build CONFIG_FILE OUTDIR [make args]
	cfg=$1 dir=$2
	shift 2
	make -s -C "$TOP" CONFIG="$cfg" OUT="$dir" WERROR=-Werror "$@" \
		> "$dir.log" 2>&1 || { cat "$dir.log"; fail "build of $cfg"; }
}

t_shipped_configs_build_static_within_budget() {
	for c in "$TOP"/configs/*defconfig; do
		n=$(basename "$c")
		build "$c" "$TESTTMP/$n"
		size=$(wc -c < "$TESTTMP/$n/netns")
		echo "$n: $size bytes (budget $(budget_of $n))"
		[ "$size" -le "$(budget_of $n)" ] ||
			fail "$n is $size bytes, over $(budget_of $n)"
		file "$TESTTMP/$n/netns" | grep -q 'statically linked' ||
			fail "$n is not static: $(file "$TESTTMP/$n/netns")"
	done
}

t_shipped_configs_are_complete_and_current() {
	command -v kconfig-conf >/dev/null || skip "no kconfig-conf"
	make -s -C "$TOP" include/generated/Config.applets
	for c in "$TOP"/configs/*defconfig; do
		cp "$c" "$TESTTMP/cfg"
		(cd "$TOP" && KCONFIG_CONFIG="$TESTTMP/cfg" \
			kconfig-conf --olddefconfig Kconfig) >/dev/null ||
			fail "kconfig-conf on $c"
		grep '^[C#] \?CONFIG' "$c" | sort > "$TESTTMP/a"
		grep '^[C#] \?CONFIG' "$TESTTMP/cfg" | sort > "$TESTTMP/b"
		diff "$TESTTMP/a" "$TESTTMP/b" ||
			fail "$(basename "$c") is not a complete, current config"
	done
}

t_allno_and_allyes_build() {
	command -v kconfig-conf >/dev/null || skip "no kconfig-conf"
	make -s -C "$TOP" include/generated/Config.applets
	for mode in allnoconfig allyesconfig; do
		(cd "$TOP" && KCONFIG_CONFIG="$TESTTMP/$mode.cfg" \
			kconfig-conf --$mode Kconfig) >/dev/null || fail "$mode"
		build "$TESTTMP/$mode.cfg" "$TESTTMP/$mode"
	done
	expect 255 -- "$TESTTMP/allnoconfig/netns" list
	err_has "not built into"
	expect 255 -- "$TESTTMP/allnoconfig/netns" help
	expect 255 -- "$TESTTMP/allyesconfig/netns" help
	err_has "netns add NAME"
}

t_left_out_applets_are_absent_and_say_so() {
	build "$TOP/configs/tiny_defconfig" "$TESTTMP/tiny"
	bin=$TESTTMP/tiny/netns
	for word in $(sed -n 's@^//applet:[0-9]* \([a-z_]*\) \([A-Z_]*\) .*@\1:\2@p' "$TOP"/applets/*.c); do
		fn=${word%%:*} sym=${word#*:}
		if grep -q "^CONFIG_$sym=y" "$TOP/configs/tiny_defconfig"; then
			continue
		fi
		usage=$(sed -n 's@^//usage:@@p' "$TOP/applets/$fn.c" | head -n 1)
		if strings -n 6 "$bin" | grep -qF -- "$usage"; then
			fail "usage of left-out $fn is in the binary: $usage"
		fi
		w=$(sed -n 's@^//applet:[0-9]* [a-z_]* [A-Z_]* "\([^\\"]*\).*@\1@p' "$TOP/applets/$fn.c")
		expect 255 -- "$bin" "$w" x y
		err_has "not built into"
	done
}

# rounded, as BusyBox does: "(1.8 kb)" (scripts/applet_costs.sh --update)
t_applet_prompts_state_their_size() {
	for f in "$TOP"/applets/*.c; do
		grep -q '^//config:	bool ".* ([0-9]*\.[0-9] kb)"' "$f" ||
			fail "$f: the Kconfig prompt does not state its size"
	done
}

# -V names the features built in (tests ask the binary, not a config)
t_version_names_the_features_built_in() {
	for c in "$TOP"/configs/*defconfig; do
		n=$(basename "$c")
		build "$c" "$TESTTMP/$n"
		want=$(sed -n 's/^CONFIG_FEATURE_\([A-Z_]*\)=y$/\1/p' "$c" |
			tr 'A-Z_' 'a-z-' | sort | tr '\n' ' ')
		got=$("$TESTTMP/$n/netns" -V | sed 's/^netns utility, [^,]*//' |
			tr -d ',' | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
		check_eq "$got" "$want" "$n: the features -V names"
	done
}

t_make_conventions() {
	cp -r "$TOP" "$TESTTMP/src" 2>/dev/null
	cd "$TESTTMP/src" && rm -rf build netns .config .flags include/generated
	# no .config: configs/defconfig; V=1 shows the command; CFLAGS add
	run make V=1 CFLAGS=-DNETNS_TEST_MARK=1
	check_eq "$rc" 0 "make"
	[ -f .config ] || fail "no .config made"
	case $out in *musl-gcc*-Os*-DNETNS_TEST_MARK=1*) ;;
		*) fail "V=1 CFLAGS: $out" ;; esac
	# DESTDIR and PREFIX; an existing ip is never replaced
	mkdir -p dest/usr/local/sbin && echo keep > dest/usr/local/sbin/ip
	run make install DESTDIR="$TESTTMP/src/dest" PREFIX=/usr/local IP_LINK=1
	check_eq "$rc" 0 "make install"
	[ -x dest/usr/local/sbin/netns ] || fail "netns not installed"
	[ -f dest/usr/local/share/man/man8/netns.8 ] || fail "netns.8 not installed"
	check_eq "$(cat dest/usr/local/sbin/ip)" keep "existing ip"
	run make install DESTDIR="$TESTTMP/src/dest2" IP_LINK=1
	[ -L dest2/usr/sbin/ip ] || fail "no opt-in ip link"
	run make install DESTDIR="$TESTTMP/src/dest3"
	[ ! -e dest3/usr/sbin/ip ] || fail "ip link without opt-in"
	run make clean
	[ ! -e netns ] || fail "make clean left netns"
}
