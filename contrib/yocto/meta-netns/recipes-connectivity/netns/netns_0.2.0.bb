# SPDX-License-Identifier: MIT
SUMMARY = "ip netns in one small static binary"
DESCRIPTION = "netns does what iproute2's ip netns does (list, add, attach, \
delete, set, identify, pids, exec, monitor, list-id) and moves devices \
between namespaces, in one binary of a few kilobytes. Deleting a namespace \
first brings its physical devices home. Each applet is a Kconfig option."
HOMEPAGE = "${NETNS_RELEASES}"
SECTION = "net"
LICENSE = "MIT"
LIC_FILES_CHKSUM = "file://LICENSE;md5=42257fd8c7e8c9a6758e6d16e26db085"

# >>> where the release tarballs are hosted: the one line to change <<<
NETNS_RELEASES ?= "https://netns.example.org/releases"
SRC_URI = "${NETNS_RELEASES}/${BP}.tar.gz"
SRC_URI[sha256sum] = "31c98fd03ea9912191cb1019b9d4db87261e25df493c5785407439eb16d3054f"

# merge_config.sh merges the .cfg fragments, as for BusyBox; the build
# itself reads .config and needs no kconfig tools
DEPENDS = "kern-tools-native"
inherit cml1 update-alternatives

# Configuration, as for BusyBox:
#  - NETNS_DEFCONFIG: the shipped config to start from (configs/NAME:
#    defconfig, router_defconfig, tiny_defconfig), unless SRC_URI brings a
#    file://defconfig of your own;
#  - every file://NAME.cfg in SRC_URI is merged on top (lines CONFIG_X=y or
#    "# CONFIG_X is not set"), in the order of SRC_URI.
#  menuconfig needs the Kconfig front ends, which oe-core lacks: with
#  meta-oe, add kconfig-frontends-native to DEPENDS and set
#  KCONFIG_CONFIG_ENABLE_MENUCONFIG = "true".
NETNS_DEFCONFIG ?= "router_defconfig"
KCONFIG_CONFIG_ENABLE_MENUCONFIG ??= "false"
NETNS_FILES = "${@d.getVar('UNPACKDIR') or d.getVar('WORKDIR')}"

# musl: one static binary, the project's sizes; glibc (poky's default):
# linked dynamically (a static glibc binary is some 700 KB)
NETNS_STATIC ?= "${@'1' if d.getVar('TCLIBC') == 'musl' else '0'}"

# The recipe's CC (with its hardening), CPPFLAGS, CFLAGS and LDFLAGS come
# after the Makefile's size defaults and win; STRIP=: leaves the symbols
# and -g to the -dbg package (OE strips).
EXTRA_OEMAKE = "CC='${CC}' CPPFLAGS='${CPPFLAGS}' CFLAGS='${CFLAGS}' \
LDFLAGS='${LDFLAGS}' OBJCOPY='${OBJCOPY}' STRIP=: STATIC=${NETNS_STATIC} \
PREFIX=${prefix} BINDIR=${sbindir} MANDIR=${mandir} DESTDIR=${D} \
CONFIG=.config V=1"

do_configure() {
	if [ -f "${NETNS_FILES}/defconfig" ]; then
		cp "${NETNS_FILES}/defconfig" .config
	else
		cp "${S}/configs/${NETNS_DEFCONFIG}" .config
	fi
	merge_config.sh -m .config ${@" ".join(find_cfgs(d))}
}

do_compile() {
	oe_runmake all
}

do_install() {
	oe_runmake install
}

# netns-ip: ${base_sbindir}/ip as netns, which answers ip netns and ip link
# set DEV netns NS itself and hands every other object to the next ip (the
# option IP_FALLBACK). Above BusyBox's ip (50), below iproute2's (100).
PACKAGES =+ "${PN}-ip"
ALLOW_EMPTY:${PN}-ip = "1"
RDEPENDS:${PN}-ip = "${PN}"
ALTERNATIVE:${PN}-ip = "ip"
ALTERNATIVE_LINK_NAME[ip] = "${base_sbindir}/ip"
ALTERNATIVE_TARGET[ip] = "${sbindir}/netns"
ALTERNATIVE_PRIORITY[ip] = "75"
