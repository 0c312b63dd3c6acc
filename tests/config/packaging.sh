# SPDX-License-Identifier: MIT
# The OpenWrt package (contrib/openwrt/netns) and the Yocto recipe
# (contrib/yocto/netns_git.bb). Neither SDK runs here, so these check what
# can be checked: each recipe's options cover the project's Kconfig symbols,
# and a build driven the way each build system drives it (the recipe's own
# make variables and steps, with stand-ins for the SDK's values) honours
# CC, CFLAGS, LDFLAGS, CROSS_COMPILE, DESTDIR, PREFIX and the chosen config.
# sandbox: no

OWRT=contrib/openwrt/netns
YOCTO=contrib/yocto/netns_git.bb

# every Kconfig symbol of the project: applets, features, paths
project_symbols() {
	sed -n 's|^//config:config \([A-Z0-9_]*\).*|\1|p' "$TOP"/applets/*.c
	sed -n 's/^config \([A-Z0-9_]*\).*/\1/p' "$TOP/Kconfig"
}

# a copy of the source tree to build in (no build products)
copy_source() {
	mkdir -p "$1"
	(cd "$TOP" && tar -cf - --exclude=./build --exclude=./.git \
		--exclude=./netns --exclude=./.config --exclude=./.flags \
		--exclude=./include/generated --exclude=./include/config .) |
		(cd "$1" && tar -xf -) || fail "copy of the source tree"
}

# a C compiler for the SDK stand-in: a musl cross compiler if one is here
# (Debian's musl-dev:mipsel), else musl's x86_64 wrapper
pick_cross() {
	for p in mipsel-linux-musl x86_64-linux-musl; do
		command -v "$p-gcc" >/dev/null 2>&1 && { echo "$p"; return; }
	done
	skip "no musl gcc (sh toolchain/install-deps.sh build)"
}

# recording_cc DIR REAL: DIR/cc logs every call to DIR/cc.log, then runs
# REAL (what an SDK's ccache or wrapper would do)
recording_cc() {
	mkdir -p "$1"
	printf '#!/bin/sh\necho "$*" >> "%s/cc.log"\nexec %s "$@"\n' "$1" "$2" \
		> "$1/cc"
	chmod +x "$1/cc"
}

# the last compiler call that compiles (not one that asks the compiler
# what it is): it must carry every one of ARGS
cc_call_has() {
	last=$(grep -v -e ' -dumpmachine$' -e ' -print-prog-name=' "$1" | tail -n 1)
	shift
	for a in "$@"; do
		case " $last " in *" $a "*) ;;
		*) fail "the compiler call lacks $a: $last" ;; esac
	done
}

t_openwrt_options_cover_every_symbol() {
	[ -f "$TOP/$OWRT/Config.in" ] || fail "no $OWRT/Config.in"
	for s in $(project_symbols); do
		grep -q "^config NETNS_CONFIG_$s\$" "$TOP/$OWRT/Config.in" ||
			fail "$OWRT/Config.in has no option for $s: add
config NETNS_CONFIG_$s (its prompt, default and depends as in the project)"
	done
}

# the package's defaults are configs/router_defconfig
t_openwrt_defaults_are_the_router_config() {
	awk '/^config NETNS_CONFIG_/ { s = substr($2, 14) }
		/^[ \t]+default / && s != "" { v = $0; sub(/^[ \t]+default /, "", v);
			print s "=" v; s = "" }' "$TOP/$OWRT/Config.in" > defaults
	[ -s defaults ] || fail "no defaults read from Config.in"
	while IFS='=' read -r s v; do
		want=$(sed -n "s/^CONFIG_$s=//p" "$TOP/configs/router_defconfig")
		case $v in y | n) want=${want:-n} ;; esac
		check_eq "$v" "$want" "default of NETNS_CONFIG_$s against router_defconfig"
	done < defaults
}

t_openwrt_package_conventions() {
	mk=$TOP/$OWRT/Makefile
	for pat in '^include \$(TOPDIR)/rules\.mk$' '^include \$(INCLUDE_DIR)/package\.mk$' \
		'^PKG_NAME:=netns$' '^PKG_RELEASE:=' '^PKG_SOURCE_PROTO:=' \
		'^define Package/netns$' '^define Package/netns/description$' \
		'^define Package/netns/config$' '^define Package/netns/install$' \
		'^\$(eval \$(call BuildPackage,netns))$' 'CATEGORY:=' 'TITLE:='; do
		grep -q "$pat" "$mk" || fail "$OWRT/Makefile lacks $pat"
	done
}

# OpenWrt's buildroot, reduced to what the package uses: rules.mk gives the
# target toolchain, package.mk runs Build/Configure, Build/Compile and
# Package/*/install as the real one does.
openwrt_stub() {
	top=$1 cross=$2
	mkdir -p "$top/include" "$top/ipkg"
	recording_cc "$top/tc" "$cross-gcc"
	printf '#!/bin/sh\nmd5sum | cut -c1-32\n' > "$top/mkhash"
	chmod +x "$top/mkhash"
	cat > "$top/rules.mk" <<EOF
INCLUDE_DIR:=$top/include
BUILD_DIR:=$top/build_dir
TARGET_CROSS:=$cross-
TARGET_CC:=$top/tc/cc
TARGET_CFLAGS:=-Os -pipe -DOWRT_CFLAGS_MARK
TARGET_CPPFLAGS:=-DOWRT_CPPFLAGS_MARK
TARGET_LDFLAGS:=-Wl,-Map,$top/link.map
MKHASH:=$top/mkhash
EOF
	# recipe lines start with a tab
	tab=$(printf '\t')
	sed "s/^>/$tab/" > "$top/include/package.mk" <<'EOF'
PKG_BUILD_DIR:=$(BUILD_DIR)/$(PKG_NAME)
STAMP_CONFIGURED:=$(PKG_BUILD_DIR)/.configured
INSTALL_DIR:=install -d -m0755
INSTALL_BIN:=install -m0755
MAKE_VARS = CFLAGS="$(TARGET_CFLAGS)" LDFLAGS="$(TARGET_LDFLAGS)"
MAKE_FLAGS = CC="$(TARGET_CC)" CROSS="$(TARGET_CROSS)"
define Build/Compile/Default
>+$(MAKE_VARS) $(MAKE) -C $(PKG_BUILD_DIR) $(MAKE_FLAGS) $(1)
endef
define BuildPackage
stub-all: stub-$(1)
stub-$(1): stub-compile
>mkdir -p $(TOPDIR)/ipkg/$(1)
>$$(call Package/$(1)/install,$(TOPDIR)/ipkg/$(1))
endef
stub-compile:
>$(Build/Configure)
>$(Build/Compile)
EOF
}

t_openwrt_build_honours_the_sdk_toolchain() {
	cross=$(pick_cross)
	top=$TESTTMP/owrt
	openwrt_stub "$top" "$cross"
	copy_source "$top/build_dir/netns"
	# the buildroot's .config: the package's defaults with two changes
	awk '/^config NETNS_CONFIG_/ { s = $2 }
		/^[ \t]+default / && s != "" { v = $0; sub(/^[ \t]+default /, "", v);
			if (v == "n") print "# CONFIG_" s " is not set";
			else print "CONFIG_" s "=" v; s = "" }' \
		"$TOP/$OWRT/Config.in" |
		sed -e 's/^CONFIG_NETNS_CONFIG_NETNS_PIDS=y/# CONFIG_NETNS_CONFIG_NETNS_PIDS is not set/' \
		-e 's/^# CONFIG_NETNS_CONFIG_NETNS_ATTACH is not set/CONFIG_NETNS_CONFIG_NETNS_ATTACH=y/' \
		-e 's|^CONFIG_NETNS_CONFIG_RUN_DIR=.*|CONFIG_NETNS_CONFIG_RUN_DIR="/tmp/run/netns"|' \
		> "$top/.config"
	echo "CONFIG_PACKAGE_netns=y" >> "$top/.config"
	run make -C "$top" -f "$TOP/$OWRT/Makefile" TOPDIR="$top" stub-all
	[ "$rc" = 0 ] || fail "the package's build failed: $out $err"
	bin=$top/ipkg/netns/usr/sbin/netns
	[ -x "$bin" ] || fail "not installed as /usr/sbin/netns"
	cc_call_has "$top/tc/cc.log" -DOWRT_CFLAGS_MARK -DOWRT_CPPFLAGS_MARK \
		"-Wl,-Map,$top/link.map" -static
	[ -s "$top/link.map" ] || fail "TARGET_LDFLAGS did not reach the link"
	cfg=$top/build_dir/netns/.config
	grep -qx 'CONFIG_NETNS_ATTACH=y' "$cfg" || fail "option ATTACH not mapped"
	grep -qx '# CONFIG_NETNS_PIDS is not set' "$cfg" || fail "option PIDS not mapped"
	grep -q '/tmp/run/netns' "$top/build_dir/netns/include/generated/autoconf.h" ||
		fail "RUN_DIR not mapped"
	file -L "$bin" | grep -q 'statically linked' || fail "not static: $(file "$bin")"
	case $cross in x86_64*)
		run "$bin" help
		case $err in *attach*) ;; *) fail "attach not built in: $err" ;; esac
		case $err in *pids*) fail "pids built in: $err" ;; esac ;;
	*) file -L "$bin" | grep -q MIPS || fail "not a MIPS binary: $(file "$bin")" ;;
	esac
}

# bitbake, reduced to what the recipe uses: its variables, its tasks' shell
# bodies, oe_runmake = make ${EXTRA_OEMAKE}
yocto_var() {	# the value of VAR = "..." or VAR ?= "..." (joined lines)
	sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$TOP/$YOCTO" |
		sed -n "s/^$1 ?*= \"\(.*\)\"\$/\1/p" | tail -n 1
}
yocto_task() {	# the shell body of TASK() { ... }
	sed -n "/^$1() {\$/,/^}\$/p" "$TOP/$YOCTO" | sed '1d;$d'
}

t_yocto_recipe_conventions() {
	for v in SUMMARY LICENSE SRC_URI S EXTRA_OEMAKE; do
		[ -n "$(yocto_var "$v")" ] || fail "$YOCTO sets no $v"
	done
	grep -q '^inherit .*cml1' "$TOP/$YOCTO" || fail "no cml1 (menuconfig)"
	for t in do_configure do_compile do_install; do
		[ -n "$(yocto_task $t)" ] || fail "$YOCTO has no $t"
	done
	for v in CC CFLAGS LDFLAGS TARGET_PREFIX D prefix; do
		case $(yocto_var EXTRA_OEMAKE) in *"\${$v}"*) ;;
		*) fail "EXTRA_OEMAKE does not pass \${$v}" ;; esac
	done
}

t_yocto_build_honours_the_recipe_toolchain() {
	cross=$(pick_cross)
	w=$TESTTMP/yocto
	S=$w/git B=$w/git D=$w/image WORKDIR=$w NETNS_FILES=$w
	copy_source "$S"
	recording_cc "$w/tc" "$cross-gcc"
	# as bitbake sets them for a target recipe (CC carries flags too)
	TARGET_PREFIX=$cross- CC="$w/tc/cc -DYOCTO_CC_MARK"
	CFLAGS="-O2 -pipe -DYOCTO_CFLAGS_MARK" LDFLAGS="-Wl,-Map,$w/link.map"
	OBJCOPY=$("$cross-gcc" -print-prog-name=objcopy)	# the toolchain's
	prefix=/usr sbindir=/usr/sbin mandir=/usr/share/man
	NETNS_DEFCONFIG=$(yocto_var NETNS_DEFCONFIG)
	[ -f "$TOP/configs/$NETNS_DEFCONFIG" ] ||
		fail "NETNS_DEFCONFIG $NETNS_DEFCONFIG is not a shipped config"
	printf '# CONFIG_NETNS_PIDS is not set\nCONFIG_NETNS_ATTACH=y\n' > "$w/no-pids.cfg"
	NETNS_FRAGMENTS=$w/no-pids.cfg
	# bitbake expands ${VAR} in the value before the shell sees it
	EXTRA_OEMAKE=$(eval "printf '%s' \"$(yocto_var EXTRA_OEMAKE)\"")
	oe_runmake() { eval "make $EXTRA_OEMAKE \"\$@\"" || exit 1; }
	bbnote() { :; }
	bbfatal() { echo "$*"; exit 1; }
	for task in do_configure do_compile do_install; do
		yocto_task $task > "$w/$task.sh"
		(cd "$B" && . "$w/$task.sh") > "$w/$task.log" 2>&1 ||
			{ cat "$w/$task.log"; fail "$task failed"; }
	done
	bin=$D/usr/sbin/netns
	[ -x "$bin" ] || fail "not installed in \${D}\${sbindir}"
	[ ! -f "$TOP/netns.8" ] || [ -f "$D/usr/share/man/man8/netns.8" ] ||
		fail "netns.8 not installed in \${D}\${mandir}"
	cc_call_has "$w/tc/cc.log" -DYOCTO_CC_MARK -DYOCTO_CFLAGS_MARK \
		"-Wl,-Map,$w/link.map" -static
	grep -qx '# CONFIG_NETNS_PIDS is not set' "$B/.config" ||
		fail "the fragment did not apply"
	grep -qx 'CONFIG_NETNS_ATTACH=y' "$B/.config" || fail "the fragment did not apply"
	file -L "$bin" | grep -q 'statically linked' || fail "not static"
	case $cross in x86_64*)
		run "$bin" help
		case $err in *pids*) fail "pids built in despite the fragment" ;; esac ;;
	esac
}

# make alone, as both drive it: CROSS_COMPILE picks the compiler when CC
# is not given, PREFIX/DESTDIR place the files
t_cross_compile_prefix_and_destdir() {
	cross=$(pick_cross)
	copy_source src
	mkdir -p tc
	printf '#!/bin/sh\necho "$0 $*" >> "%s/tc.log"\nexec %s-gcc "$@"\n' \
		"$TESTTMP" "$cross" > tc/fake-linux-musl-gcc
	chmod +x tc/fake-linux-musl-gcc
	run env -u CC PATH="$TESTTMP/tc:$PATH" make -C src CROSS_COMPILE=fake-linux-musl- \
		CONFIG=configs/tiny_defconfig
	[ "$rc" = 0 ] || fail "make CROSS_COMPILE: $out $err"
	grep -q fake-linux-musl-gcc tc.log || fail "CROSS_COMPILE was not used"
	run env -u CC PATH="$TESTTMP/tc:$PATH" make -C src CROSS_COMPILE=fake-linux-musl- \
		CONFIG=configs/tiny_defconfig install DESTDIR="$TESTTMP/root" PREFIX=/opt/nn
	[ "$rc" = 0 ] || fail "make install: $out $err"
	[ -x root/opt/nn/sbin/netns ] || fail "not in DESTDIR/PREFIX/sbin"
	[ ! -f "$TOP/netns.8" ] || [ -f root/opt/nn/share/man/man8/netns.8 ] ||
		fail "netns.8 not in DESTDIR/PREFIX/share/man/man8"
}
