# SPDX-License-Identifier: MIT
SUMMARY = "ip netns in one small static binary"
DESCRIPTION = "netns does what iproute2's ip netns does (list, add, attach, \
delete, set, identify, pids, exec, monitor, list-id) and moves devices \
between namespaces, in one static binary of a few kilobytes. Deleting a \
namespace first brings its physical devices home. Each applet is a Kconfig \
option: bitbake -c menuconfig netns."
SECTION = "net"
# The project ships no license file yet: set LICENSE and LIC_FILES_CHKSUM
# to it when it does.
LICENSE = "CLOSED"

# Where your copy of the repository lives (or use devtool / externalsrc on
# a local checkout).
SRC_URI = "git://git.example.org/netns.git;protocol=https;branch=main"
SRCREV = "${AUTOREV}"
PV = "0.1+git"
S = "${WORKDIR}/git"
B = "${S}"

# The config targets of the project's Makefile (NAME_defconfig,
# olddefconfig, menuconfig, savedefconfig) use the Kconfig front ends.
DEPENDS = "kconfig-frontends-native"
inherit cml1 update-alternatives

# Configuration, as for the kernel or BusyBox:
#  - NETNS_DEFCONFIG: the shipped config to start from (configs/NAME:
#    defconfig, router_defconfig, tiny_defconfig), unless SRC_URI brings a
#    file://defconfig of your own;
#  - fragments: every file://NAME.cfg in SRC_URI is merged on top (lines
#    CONFIG_X=y or "# CONFIG_X is not set"), then olddefconfig resolves
#    dependencies;
#  - bitbake -c menuconfig netns, then -c diffconfig writes fragment.cfg
#    and -c savedefconfig a defconfig, to keep in your layer.
NETNS_DEFCONFIG ?= "router_defconfig"
NETNS_FRAGMENTS = "${@' '.join(find_cfgs(d))}"
NETNS_FILES = "${@d.getVar('UNPACKDIR') or d.getVar('WORKDIR')}"
KCONFIG_CONFIG_ROOTDIR = "${S}"

# The recipe's toolchain and flags; the Makefile adds them after the flags
# it needs (-static, -Os, gc-sections). TCLIBC = "musl" gives the sizes the
# project states; with glibc the binary is static too, and larger.
EXTRA_OEMAKE = "CROSS_COMPILE=${TARGET_PREFIX} CC='${CC}' CFLAGS='${CFLAGS}' \
LDFLAGS='${LDFLAGS}' OBJCOPY='${OBJCOPY}' PREFIX=${prefix} BINDIR=${sbindir} MANDIR=${mandir} \
DESTDIR=${D} CONFIG=.config V=1"

do_configure() {
	if [ -f "${NETNS_FILES}/defconfig" ]; then
		cp "${NETNS_FILES}/defconfig" "${S}/configs/local_defconfig"
		oe_runmake local_defconfig
	else
		oe_runmake ${NETNS_DEFCONFIG}
	fi
	for fragment in ${NETNS_FRAGMENTS}; do
		case $fragment in /*) ;; *) fragment="${NETNS_FILES}/$fragment" ;; esac
		bbnote "merging config fragment $fragment"
		sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p' \
			-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1/p' \
			"$fragment" | while read -r symbol; do
			sed -i -e "/^$symbol=/d" -e "/^# $symbol is not set\$/d" .config
		done
		cat "$fragment" >> .config
	done
	oe_runmake olddefconfig
}

do_compile() {
	oe_runmake all
}

do_install() {
	oe_runmake install
}

# The Makefile links with -s: the binary is already stripped.
INSANE_SKIP:${PN} += "already-stripped"

# netns-ip: ${base_sbindir}/ip as netns, for images without iproute2 or
# BusyBox ip; the lowest priority, so any other ip wins.
PACKAGES =+ "${PN}-ip"
ALLOW_EMPTY:${PN}-ip = "1"
RDEPENDS:${PN}-ip = "${PN}"
ALTERNATIVE:${PN}-ip = "ip"
ALTERNATIVE_LINK_NAME[ip] = "${base_sbindir}/ip"
ALTERNATIVE_TARGET[ip] = "${sbindir}/netns"
ALTERNATIVE_PRIORITY[ip] = "10"
