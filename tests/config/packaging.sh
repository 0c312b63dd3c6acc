# SPDX-License-Identifier: MIT
# The recipes of contrib/ (OpenWrt package, Yocto layer meta-netns,
# Buildroot package) and debian/, checked without their build systems:
# syntax, every variable the real tools read, license fields, the version
# and the hosting location, the OpenWrt options against the project's
# Kconfig, and the build each one drives, run with stand-ins for the
# toolchain it would pass (its real CC, flags and STRIP conventions).
# Runs of the real tools (OpenWrt's scan, bitbake -e/-n, Buildroot's
# check-package) are in README.md, "For packagers".
# sandbox: no

OWRT=contrib/openwrt/netns
LAYER=contrib/yocto/meta-netns
BR=contrib/buildroot/netns

version() { cat "$TOP/VERSION"; }
bb_recipe() { echo "$TOP/$LAYER/recipes-connectivity/netns/netns_$(version).bb"; }
owrt_var() { sed -n "s/^$1:=//p" "$TOP/$OWRT/Makefile"; }
br_var() { sed -n "s/^NETNS_$1 = //p" "$TOP/$BR/netns.mk"; }
# VAR = "..." or VAR ?= "..." of the recipe, continued lines joined
bb_var() {
	sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$(bb_recipe)" |
		sed -n "s/^$1 ?*= \"\(.*\)\"\$/\1/p" | tail -n 1
}

# a copy of the source tree to build in (no build products)
copy_source() {
	mkdir -p "$1"
	(cd "$TOP" && tar -cf - --exclude=./build --exclude=./.git \
		--exclude=./netns --exclude=./.config --exclude=./.flags \
		--exclude='./netns-*' --exclude=./include/generated \
		--exclude=./include/config .) |
		(cd "$1" && tar -xf -) || fail "copy of the source tree"
}

need_musl() { command -v musl-gcc >/dev/null 2>&1 || skip "no musl-gcc"; }

# recording_cc DIR REAL: DIR/cc logs every call to DIR/cc.log, then runs REAL
recording_cc() {
	mkdir -p "$1"
	printf '#!/bin/sh\necho "$*" >> "%s/cc.log"\nexec %s "$@"\n' "$1" "$2" > "$1/cc"
	chmod +x "$1/cc"
}

# the call of the log that links netns: it must carry every one of ARGS
cc_call_has() {
	last=$(grep -- '-o [^ ]*netns ' "$1" | tail -n 1)
	shift
	for a in "$@"; do
		case " $last " in *" $a "*) ;;
		*) fail "the compiler call lacks $a: $last" ;; esac
	done
}

# the defaults of the OpenWrt options as a .config would hold them
owrt_defaults() {
	awk '/^config NETNS_CONFIG_/ { s = $2 }
		/^\tdefault / && s != "" { v = $0; sub(/^\tdefault /, "", v);
			if (v == "n") print "# CONFIG_" s " is not set";
			else print "CONFIG_" s "=" v; s = "" }' "$TOP/$OWRT/Config.in"
}

t_license_fields() {
	grep -q '^MIT License$' "$TOP/LICENSE" || fail "LICENSE is not the MIT license"
	check_eq "$(owrt_var PKG_LICENSE)" MIT "OpenWrt PKG_LICENSE"
	check_eq "$(owrt_var PKG_LICENSE_FILES)" LICENSE "OpenWrt PKG_LICENSE_FILES"
	check_eq "$(bb_var LICENSE)" MIT "Yocto LICENSE"
	md5=$(md5sum < "$TOP/LICENSE" | cut -d' ' -f1)
	check_eq "$(bb_var LIC_FILES_CHKSUM)" "file://LICENSE;md5=$md5" "Yocto LIC_FILES_CHKSUM"
	check_eq "$(br_var LICENSE)" MIT "Buildroot NETNS_LICENSE"
	check_eq "$(br_var LICENSE_FILES)" LICENSE "Buildroot NETNS_LICENSE_FILES"
	sha=$(sha256sum < "$TOP/LICENSE" | cut -d' ' -f1)
	grep -qx "sha256  $sha  LICENSE" "$TOP/$BR/netns.hash" ||
		fail "$BR/netns.hash: no 'sha256  $sha  LICENSE'"
	# debian/copyright: DEP-5, the license text of LICENSE (Expat is MIT)
	grep -q '^License: Expat$' "$TOP/debian/copyright" || fail "debian/copyright: no Expat"
	# the stand-alone License paragraph: after a blank line, to the end
	awk 'p { print } prev == "" && /^License: Expat$/ { p = 1 } { prev = $0 }' \
		"$TOP/debian/copyright" | sed -e 's/^ //' -e 's/^\.$//' > deb.txt
	sed -n '5,$p' "$TOP/LICENSE" > lic.txt
	cmp -s deb.txt lic.txt ||
		fail "debian/copyright's text is not LICENSE's: $(diff lic.txt deb.txt)"
}

# every recipe says the version of VERSION and fetches from one place,
# each in one marked line
t_recipes_version_and_hosting() {
	v=$(version)
	check_eq "$(owrt_var PKG_VERSION)" "$v" "OpenWrt PKG_VERSION"
	[ -f "$(bb_recipe)" ] || fail "no $LAYER/recipes-connectivity/netns/netns_$v.bb"
	[ "$(ls "$TOP/$LAYER"/recipes-*/netns/netns_*.bb | wc -l)" = 1 ] ||
		fail "more than one netns recipe in $LAYER"
	check_eq "$(br_var VERSION)" "$v" "Buildroot NETNS_VERSION"
	site=$(owrt_var PKG_SOURCE_URL)
	check_eq "$(bb_var NETNS_RELEASES)" "$site" "Yocto NETNS_RELEASES"
	check_eq "$(br_var SITE)" "$site" "Buildroot NETNS_SITE"
	for f in "$OWRT/Makefile" "$BR/netns.mk" \
		"$LAYER/recipes-connectivity/netns/netns_$v.bb"; do
		n=$(grep -c "where the release tarballs are hosted" "$TOP/$f")
		check_eq "$n" 1 "marked hosting lines in $f"
		grep -A1 "where the release tarballs are hosted" "$TOP/$f" | grep -qF "$site" ||
			fail "$f: the hosting line does not follow its mark"
	done
}

t_openwrt_package_fields() {
	mk=$TOP/$OWRT/Makefile
	for pat in '^include \$(TOPDIR)/rules\.mk$' '^include \$(INCLUDE_DIR)/package\.mk$' \
		'^PKG_NAME:=netns$' '^PKG_RELEASE:=[0-9][0-9]*$' \
		'^PKG_SOURCE:=\$(PKG_NAME)-\$(PKG_VERSION)\.tar\.gz$' \
		'^PKG_SOURCE_URL:=https\?://' '^PKG_HASH:=[0-9a-f]\{64\}$' \
		'^PKG_MAINTAINER:=[^<]* <[^@ ]*@[^> ]*>$' \
		'^define Package/netns$' '^define Package/netns/description$' \
		'^define Package/netns/config$' '^define Package/netns/install$' \
		'^\$(eval \$(call BuildPackage,netns))$' \
		'^\$(eval \$(call BuildPackage,netns-ip))$' \
		'^MAKE_FLAGS += ' 'STRIP=:' 'OPENWRT_VERBOSE'; do
		grep -q -- "$pat" "$mk" || fail "$OWRT/Makefile lacks $pat"
	done
	for pat in '^PKG_SOURCE_VERSION' '^PKG_MIRROR_HASH' ':=skip' '^MAKE_FLAGS:=' \
		'^MAKE_VARS:=' '	V=1' '[ =]-s[ "]'; do
		grep -q -- "$pat" "$mk" && fail "$OWRT/Makefile has $pat"
	done
	# apk's version: digits and dots, then -rN
	pv=$(owrt_var PKG_VERSION)-r$(owrt_var PKG_RELEASE)
	echo "$pv" | grep -Eqx '[0-9]+(\.[0-9]+)*-r[0-9]+' || fail "apk refuses version $pv"
	# netns-ip: above BusyBox's applets (no priority), below ip-tiny (200)
	prio=$(sed -n 's|^  ALTERNATIVES:=\([0-9]*\):/sbin/ip:/usr/sbin/netns$|\1|p' "$mk")
	[ -n "$prio" ] && [ "$prio" -gt 0 ] && [ "$prio" -lt 200 ] ||
		fail "netns-ip's /sbin/ip alternative priority '$prio' is not in 1..199"
	# it outranks BusyBox's ip only because the rest goes to the other ip
	if grep -q '^config IP_FALLBACK$' "$TOP/Kconfig"; then
		grep -qx 'config NETNS_CONFIG_IP_FALLBACK' "$TOP/$OWRT/Config.in" ||
			fail "Config.in has no IP_FALLBACK for netns-ip to select"
		grep -q '+@NETNS_CONFIG_IP_FALLBACK' "$mk" || fail "netns-ip does not select IP_FALLBACK"
	fi
}

t_openwrt_config_in_is_generated() {
	sh "$TOP/contrib/openwrt/gen_config.sh" > gen.in || fail "gen_config.sh failed"
	diff -u "$TOP/$OWRT/Config.in" gen.in > drift ||
		fail "$OWRT/Config.in drifted from the project's Kconfig; run
sh contrib/openwrt/gen_config.sh > $OWRT/Config.in
$(cat drift)"
}

# a new symbol (as IP_FALLBACK will be) reaches Config.in with no edit
# of the generator, with its depends and default
t_openwrt_config_in_follows_new_symbols() {
	copy_source src
	printf '\nconfig TEST_FALLBACK\n\tbool "a new option (99 bytes)"\n\tdefault y\n\tdepends on NETNS_LIST && !FEATURE_JSON\n\thelp\n\t  default n in the help text is not a default.\n' \
		>> src/Kconfig
	printf '/* a new applet */\n//config:config NETNS_TEST\n//config:\tbool "test (1 byte)"\n//config:\tselect FEATURE_NSID\n//applet:99 test NETNS_TEST "test"\n' \
		> src/applets/zz_test.c
	echo 'CONFIG_NETNS_TEST=y' >> src/configs/router_defconfig
	sh src/contrib/openwrt/gen_config.sh > gen.in || fail "gen_config.sh failed"
	awk '/^config NETNS_CONFIG_TEST_FALLBACK$/,/^$/' gen.in > fb
	grep -qx '	depends on NETNS_CONFIG_NETNS_LIST && !NETNS_CONFIG_FEATURE_JSON' fb ||
		fail "the new symbol's depends: $(cat fb)"
	grep -qx '	default y' fb || fail "the new symbol's own default: $(cat fb)"
	grep -qx '	default n' fb && fail "a help line taken for a default: $(cat fb)"
	awk '/^config NETNS_CONFIG_NETNS_TEST$/,/^$/' gen.in > ap
	grep -qx '	select NETNS_CONFIG_FEATURE_NSID' ap || fail "the new applet: $(cat ap)"
	grep -qx '	default y' ap || fail "router_defconfig's value: $(cat ap)"
}

# the package's defaults, mapped as Build/Configure maps them, are
# configs/router_defconfig
t_openwrt_defaults_are_the_router_config() {
	owrt_defaults | sed 's/CONFIG_NETNS_CONFIG_/CONFIG_/' | sort > mapped
	grep '^\(# \)\?CONFIG_' "$TOP/configs/router_defconfig" | sort > router
	diff router mapped > d || fail "defaults differ from router_defconfig: $(cat d)"
}

# OpenWrt's package-defaults.mk, reduced: MAKE_VARS in the environment,
# MAKE_FLAGS = TARGET_CONFIGURE_OPTS (which pass STRIP=...strip) and the
# package's own += on the command line
t_openwrt_build_as_package_mk_drives_it() {
	need_musl
	top=$TESTTMP/owrt
	recording_cc "$top/tc" musl-gcc
	copy_source "$top/build_dir/netns"
	mkdir -p "$top/include" "$top/ipkg"
	printf '#!/bin/sh\nmd5sum | cut -c1-32\n' > "$top/mkhash" && chmod +x "$top/mkhash"
	{
		echo "INCLUDE_DIR:=$top/include"
		echo "PKG_BUILD_DIR=$top/build_dir/netns"
		echo "TARGET_CROSS:=x86_64-linux-musl-"
		echo "TARGET_CC:=$top/tc/cc"
		echo "TARGET_CFLAGS:=-Os -pipe -fstack-protector -DOWRT_CFLAGS_MARK"
		echo "TARGET_CPPFLAGS:=-DOWRT_CPPFLAGS_MARK"
		echo "TARGET_LDFLAGS:=-znow -zrelro"
		echo "MKHASH:=$top/mkhash"
		echo "INSTALL_DIR:=install -d -m0755"
		echo "INSTALL_BIN:=install -m0755"
	} > "$top/rules.mk"
	tab=$(printf '\t')
	sed "s/^>/$tab/" > "$top/include/package.mk" <<'MK'
MAKE_VARS = CFLAGS="$(TARGET_CFLAGS) $(TARGET_CPPFLAGS)" LDFLAGS="$(TARGET_LDFLAGS)"
MAKE_FLAGS = CC="$(TARGET_CC)" STRIP=$(TARGET_CROSS)strip OBJCOPY=objcopy CROSS="$(TARGET_CROSS)"
define Build/Compile/Default
>+$(MAKE_VARS) $(MAKE) -C $(PKG_BUILD_DIR) $(MAKE_FLAGS) $(1)
endef
Build/Compile = $(Build/Compile/Default)
define BuildPackage
stub-all: stub-$(1)
stub-$(1): stub-compile
>mkdir -p $(TOPDIR)/ipkg/$(1)
>$$(call Package/$(1)/install,$(TOPDIR)/ipkg/$(1))
endef
stub-compile:
>$(Build/Configure)
>$(Build/Compile)
MK
	# OpenWrt's .config: the package's defaults with three changes
	owrt_defaults |
		sed -e 's/^CONFIG_NETNS_CONFIG_NETNS_PIDS=y/# CONFIG_NETNS_CONFIG_NETNS_PIDS is not set/' \
		-e 's/^# CONFIG_NETNS_CONFIG_NETNS_ATTACH is not set/CONFIG_NETNS_CONFIG_NETNS_ATTACH=y/' \
		-e 's|^CONFIG_NETNS_CONFIG_RUN_DIR=.*|CONFIG_NETNS_CONFIG_RUN_DIR="/tmp/run/netns"|' \
		> "$top/.config"
	run make -C "$top" -f "$TOP/$OWRT/Makefile" TOPDIR="$top" OPENWRT_VERBOSE=w stub-all
	[ "$rc" = 0 ] || fail "the package's build failed: $out $err"
	bin=$top/ipkg/netns/usr/sbin/netns
	[ -x "$bin" ] || fail "not installed as /usr/sbin/netns"
	cc_call_has "$top/tc/cc.log" -DOWRT_CFLAGS_MARK -DOWRT_CPPFLAGS_MARK \
		-fstack-protector -znow
	grep -q -- '-fno-stack-protector' "$top/tc/cc.log" &&
		fail "OpenWrt's -fstack-protector cancelled"
	case $(file -b "$bin") in *"not stripped"*) ;;
	*) fail "the package stripped it (OpenWrt strips): $(file -b "$bin")" ;; esac
	case $out in *"-std=c11"*) fail "V=1 without OpenWrt's V=sc: $out" ;; esac
	cfg=$top/build_dir/netns/.config
	grep -qx 'CONFIG_NETNS_ATTACH=y' "$cfg" || fail "option ATTACH not mapped"
	grep -qx '# CONFIG_NETNS_PIDS is not set' "$cfg" || fail "option PIDS not mapped"
	grep -q '/tmp/run/netns' "$top/build_dir/netns/include/generated/autoconf.h" ||
		fail "RUN_DIR not mapped"
	run "$bin" help
	case $err in *attach*) ;; *) fail "attach not built in: $err" ;; esac
	case $err in *pids*) fail "pids built in: $err" ;; esac
	return 0
}

t_yocto_layer_and_recipe_fields() {
	conf=$TOP/$LAYER/conf/layer.conf
	for pat in '^BBFILE_COLLECTIONS += "netns"$' '^LAYERDEPENDS_netns = "core"$' \
		'^LAYERSERIES_COMPAT_netns = ".*scarthgap' '^BBFILES += ".*recipes-\*/\*/\*\.bb'; do
		grep -q -- "$pat" "$conf" || fail "layer.conf lacks $pat"
	done
	bb=$(bb_recipe)
	grep -q 'AUTOREV\|SRCREV\|git://' "$bb" && fail "the recipe fetches from git"
	grep -q '^S = ' "$bb" && fail "S is set: the default fits scarthgap and later"
	grep -q 'INSANE_SKIP.*already-stripped' "$bb" && fail "the recipe expects a stripped binary"
	grep -Eq '^SRC_URI\[sha256sum\] = "[0-9a-f]{64}"$' "$bb" || fail "no SRC_URI[sha256sum]"
	check_eq "$(bb_var SRC_URI)" '${NETNS_RELEASES}/${BP}.tar.gz' "SRC_URI"
	# oe-core alone: kern-tools-native gives merge_config.sh
	check_eq "$(bb_var DEPENDS)" kern-tools-native "DEPENDS"
	oem=$(bb_var EXTRA_OEMAKE)
	for v in "CC='\${CC}'" "CPPFLAGS='\${CPPFLAGS}'" "CFLAGS='\${CFLAGS}'" \
		"LDFLAGS='\${LDFLAGS}'" 'STRIP=:' 'DESTDIR=${D}' 'CONFIG=.config'; do
		case $oem in *"$v"*) ;; *) fail "EXTRA_OEMAKE lacks $v" ;; esac
	done
	# update-alternatives: above BusyBox's ip (50), below iproute2's (100)
	prio=$(sed -n 's/^ALTERNATIVE_PRIORITY\[ip\] = "\([0-9]*\)"$/\1/p' "$bb")
	[ -n "$prio" ] && [ "$prio" -gt 50 ] && [ "$prio" -lt 100 ] ||
		fail "the ip alternative's priority '$prio' is not in 51..99"
	grep -q '^ALTERNATIVE:${PN}-ip = "ip"$' "$bb" || fail "no ip alternative in \${PN}-ip"
	# above BusyBox's ip only because the rest goes to the other ip
	if grep -q '^config IP_FALLBACK$' "$TOP/Kconfig"; then
		grep -qx 'CONFIG_IP_FALLBACK=y' "$TOP/configs/$(bb_var NETNS_DEFCONFIG)" ||
			fail "NETNS_DEFCONFIG $(bb_var NETNS_DEFCONFIG) leaves IP_FALLBACK out"
	fi
}

# bitbake, reduced: the recipe's variables expanded as bitbake would, its
# tasks' shell bodies run in order; CC carries the hardening as poky's does
t_yocto_build_as_bitbake_runs_it() {
	need_musl
	bb=$(bb_recipe)
	w=$TESTTMP/yocto
	S=$w/netns-$(version) D=$w/image UNPACKDIR=$w
	B=$S
	copy_source "$S"
	recording_cc "$w/tc" musl-gcc
	CC="$w/tc/cc -fstack-protector-strong -D_FORTIFY_SOURCE=2"
	CPPFLAGS=-DYOCTO_CPPFLAGS_MARK CFLAGS="-O2 -g -pipe"
	LDFLAGS="-Wl,-O1 -Wl,--hash-style=gnu -Wl,-z,relro,-z,now"
	OBJCOPY=objcopy prefix=/usr sbindir=/usr/sbin mandir=/usr/share/man
	NETNS_STATIC=1 NETNS_DEFCONFIG=$(bb_var NETNS_DEFCONFIG)
	[ -f "$TOP/configs/$NETNS_DEFCONFIG" ] ||
		fail "NETNS_DEFCONFIG $NETNS_DEFCONFIG is not shipped"
	NETNS_FILES=$UNPACKDIR
	printf '# CONFIG_NETNS_PIDS is not set\nCONFIG_NETNS_ATTACH=y\n' > "$w/no-pids.cfg"
	# merge_config.sh -m BASE FRAGMENT...: each fragment's symbols replace
	# the base's (what kern-tools' script does with -m)
	mkdir -p "$w/bin"
	cat > "$w/bin/merge_config.sh" <<'MERGE'
#!/bin/sh
[ "$1" = -m ] || exit 2
base=$2; shift 2
for f in "$@"; do
	sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p' \
		-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1/p' "$f" |
	while read -r s; do sed -i -e "/^$s=/d" -e "/^# $s is not set\$/d" "$base"; done
	cat "$f" >> "$base"
done
MERGE
	chmod +x "$w/bin/merge_config.sh"
	EXTRA_OEMAKE=$(eval "printf '%s' \"$(bb_var EXTRA_OEMAKE)\"")
	oe_runmake() { eval "make $EXTRA_OEMAKE \"\$@\"" || exit 1; }
	for task in do_configure do_compile do_install; do
		sed -n "/^$task() {\$/,/^}\$/p" "$bb" | sed '1d;$d' |
			sed "s|\${@\" \".join(find_cfgs(d))}|$w/no-pids.cfg|" > "$w/$task.sh"
		[ -s "$w/$task.sh" ] || fail "the recipe has no $task"
		(cd "$B" && PATH="$w/bin:$PATH" && . "$w/$task.sh") > "$w/$task.log" 2>&1 ||
			{ cat "$w/$task.log"; fail "$task failed"; }
	done
	bin=$D/usr/sbin/netns
	[ -x "$bin" ] || fail "not installed in \${D}\${sbindir}"
	[ -f "$D/usr/share/man/man8/netns.8" ] || fail "netns.8 not in \${D}\${mandir}"
	cc_call_has "$w/tc/cc.log" -fstack-protector-strong -DYOCTO_CPPFLAGS_MARK -g
	grep -q -- '-fno-stack-protector' "$w/tc/cc.log" && fail "poky's stack protector cancelled"
	grep -qx '# CONFIG_NETNS_PIDS is not set' "$B/.config" || fail "the fragment did not apply"
	case $(file -b "$bin") in *"not stripped"*) ;;
	*) fail "stripped before OE's -dbg split: $(file -b "$bin")" ;; esac
	nm "$bin" | grep -q __stack_chk_fail || fail "no stack protector in the binary"
	run "$bin" help
	case $err in *pids*) fail "pids built in despite the fragment" ;; esac
	return 0
}

t_buildroot_package_fields() {
	mk=$TOP/$BR/netns.mk
	for pat in '^NETNS_SITE = https\?://' '^NETNS_LICENSE = MIT$' \
		'^NETNS_LICENSE_FILES = LICENSE$' '^\$(eval \$(generic-package))$' \
		'STRIP=:' '\$(TARGET_CONFIGURE_OPTS)' '^define NETNS_INSTALL_TARGET_CMDS$'; do
		grep -q -- "$pat" "$mk" || fail "$BR/netns.mk lacks $pat"
	done
	grep -q '^config BR2_PACKAGE_NETNS$' "$TOP/$BR/Config.in" || fail "no BR2_PACKAGE_NETNS"
	grep -Eq "^sha256  [0-9a-f]{64}  netns-$(version)\.tar\.gz\$" "$TOP/$BR/netns.hash" ||
		fail "$BR/netns.hash pins no netns-$(version).tar.gz"
	# the default config is one the release ships
	def=$(sed -n '/^config BR2_PACKAGE_NETNS_CONFIG$/,/^$/s/^\tdefault "\(.*\)"$/\1/p' \
		"$TOP/$BR/Config.in")
	[ -f "$TOP/configs/$def" ] || fail "BR2_PACKAGE_NETNS_CONFIG's default '$def' is not shipped"
}

t_debian_fields() {
	d=$TOP/debian
	for pat in '^Build-Depends: .*musl-tools' '^Built-Using: \${musl:Built-Using}$' \
		'^Rules-Requires-Root: no$'; do
		grep -q -- "$pat" "$d/control" || fail "debian/control lacks $pat"
	done
	grep -q 'IP_LINK' "$d/rules" && fail "debian/rules makes an ip link (iproute2 owns it)"
	grep -q 'STRIP=:' "$d/rules" || fail "debian/rules lets the build strip (dh_strip does)"
	grep -q 'nocheck' "$d/rules" || fail "debian/rules ignores nocheck"
	[ -x "$d/rules" ] || fail "debian/rules is not executable"
}
