# SPDX-License-Identifier: MIT
# netns: one static binary that does what `ip netns` does. See README.md.
#
#   make                    ./netns from .config (configs/defconfig if none)
#   make menuconfig         choose applets and features (also oldconfig,
#                           olddefconfig, defconfig, NAME_defconfig,
#                           allnoconfig, allyesconfig, savedefconfig)
#   make check              tests (see tests/README.md); make check-vm,
#                           make check-matrix, make check-cross, make
#                           check-glibc (STATIC=0), make check-deb, make
#                           bench, make size, make cross, make coverage,
#                           make fuzz [FUZZ_SECONDS=N]
#   make install            DESTDIR, PREFIX; IP_LINK=1 adds an `ip` link
#   make dist               netns-VERSION.tar.gz and its .sha256 (from git)
#
# CC, CROSS_COMPILE, CPPFLAGS, CFLAGS, LDFLAGS, OBJCOPY, STRIP, STATIC and V=1
# work as usual (README.md, "For packagers"). CONFIG=FILE and OUT=DIR build
# another config into another dir without touching .config.

CROSS_COMPILE ?=
ifeq ($(origin CC),default)
CC := $(if $(CROSS_COMPILE),$(CROSS_COMPILE)gcc,musl-gcc)
endif
# objcopy of the cross binutils, else the one the compiler would run
# (Debian's musl gcc wrappers have no prefixed binutils of their own)
ifeq ($(origin OBJCOPY),undefined)
OBJCOPY := $(shell command -v $(CROSS_COMPILE)objcopy || \
	$(CC) -print-prog-name=objcopy)
endif
CONFIG ?= .config
OUT ?= .
PREFIX ?= /usr
BINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
KCONFIG_CONF ?= kconfig-conf
KCONFIG_MCONF ?= kconfig-mconf
Q := $(if $(filter 1,$(V)),,@)

GEN := include/generated
OUTGEN := $(OUT)/include/generated
BIN := $(OUT)/netns

# The version: VERSION, and in a git checkout of this tree what
# `git describe` adds (commits since the release tag, the commit, -dirty).
# A tarball of `make dist` has no .git: its builds say VERSION alone.
NETNS_VERSION := $(shell sh scripts/version.sh)

# What the build needs, whoever builds it.
NETNS_CPPFLAGS := -std=c11 -D_GNU_SOURCE -DNETNS_VERSION=\"$(NETNS_VERSION)\" \
	-I$(OUTGEN) -I$(GEN) -Ilibbb-lite -I.
STATIC ?= 1
NETNS_LDFLAGS := $(if $(filter 1,$(STATIC)),-static) -Wl,--gc-sections

# The defaults, chosen for size; a packager's CPPFLAGS, CFLAGS and LDFLAGS
# come after them and win (gcc and ld take the last of two flags that
# disagree). A flag that would cancel one the packager put into CC (which
# comes first) is left out when CC or the flags name its counterpart.
# -flto, -fno-inline-functions-called-once, -fno-move-loop-invariants: the
# smallest defconfig and router_defconfig for x86_64, mipsel and armhf
# (make cross measures; other arches and tiny_defconfig come out about
# the same).
# common-page-size=64: ld otherwise may pad the file up to 4 KiB to save a
# page of memory at run time; max-page-size still sets the alignment.
PACKAGER_FLAGS = $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)
unless_given = $(if $(findstring $(1),$(PACKAGER_FLAGS)),,$(2))
SIZE_CFLAGS := -Os -flto -fno-inline-functions-called-once \
	-fno-move-loop-invariants -ffunction-sections -fdata-sections \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	$(call unless_given,-fstack-protector,-fno-stack-protector) -fno-ident \
	$(call unless_given,-fpie,$(call unless_given,-fPIE,-fno-pie))
NORELRO := -Wl,-z,norelro
SIZE_LDFLAGS := $(call unless_given,-pie,-no-pie) -Wl,--build-id=none \
	-Wl,-z,noseparate-code $(call unless_given,relro,$(NORELRO)) \
	-Wl,--hash-style=gnu -Wl,-z,common-page-size=64

# x86_64 and aarch64: the code has no floating point, so a variadic
# function (msg, usage_fail) need not save the FP/SIMD argument registers.
# Other arches save none, or have no such flag. x86_64: gcc 12's -Oz
# (smaller than -Os there; on the other arches the same), where the
# compiler has it.
TARGET_MACHINE := $(shell $(CC) -dumpmachine 2>/dev/null)
ifneq ($(filter x86_64-% aarch64-%,$(TARGET_MACHINE)),)
SIZE_CFLAGS += -mgeneral-regs-only
endif
ifneq ($(filter x86_64-%,$(TARGET_MACHINE)),)
SIZE_CFLAGS += $(shell $(CC) -Oz -S -x c -o /dev/null /dev/null \
	2>/dev/null && echo -Oz)
endif

# MIPS: gcc's default -mabicalls calls through the GOT even in a static
# binary; without it the mipsel binary is much smaller. ld joins our code
# to musl's abicalls libc.a with stubs, and would warn once per object.
ifneq ($(findstring mips,$(CC)),)
SIZE_CFLAGS += -mno-abicalls
NETNS_LDFLAGS += -Wl,--no-warn-mismatch
endif

# Stripping is a step of its own after the link: STRIP=: (or empty) keeps
# the symbols and the debug info (-g) for a distribution that strips the
# binary itself and keeps a -dbg package. .comment (the compilers' names,
# 144 bytes) goes in any case.
STRIP ?= $(OBJCOPY) --strip-all

-include $(CONFIG)
-include $(GEN)/applets.mk
SRCS := main.c batch.c fallback.c $(wildcard libbb-lite/*.c) $(SRCS-y) \
	$(EXTRA_SRCS)
HDRS := main.h $(wildcard libbb-lite/*.h) $(GEN)/applets.h $(OUTGEN)/autoconf.h

all: $(BIN)

COMPILE = $(CC) $(NETNS_CPPFLAGS) $(SIZE_CFLAGS) $(WERROR) -Wall -Wextra \
	$(CPPFLAGS) $(CFLAGS)
LINK = $(NETNS_LDFLAGS) $(SIZE_LDFLAGS) $(LDFLAGS)

$(BIN): $(SRCS) $(HDRS) $(OUT)/.flags
	@echo "  CCLD    $@"
	$(Q)$(COMPILE) -o $@ $(SRCS) $(LINK)
	$(Q)$(OBJCOPY) -R .comment $@
	$(Q)$(if $(strip $(STRIP)),$(STRIP) $@)

# rebuild when the compiler or the flags change, not only the sources
# (and the config: another CONFIG into the same OUT makes a new header)
FLAGS_NOW = $(COMPILE) $(LINK) $(OBJCOPY) $(STRIP) $(CONFIG)
$(OUT)/.flags: FORCE
	@mkdir -p $(OUT)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@

$(GEN)/applets.h $(GEN)/applets.mk $(GEN)/Config.applets: \
		$(wildcard applets/*.c) scripts/gen_applets.sh
	$(Q)sh scripts/gen_applets.sh

# The header comes from the config by sh and awk, so that a build needs no
# kconfig tools: only the config targets below do.
$(OUTGEN)/autoconf.h: $(CONFIG) Kconfig $(wildcard applets/*.c) \
		scripts/gen_autoconf.sh $(OUT)/.flags
	@mkdir -p $(OUTGEN)
	$(Q)sh scripts/gen_autoconf.sh $(CONFIG) > $@.tmp && mv $@.tmp $@

.config:
	cp configs/defconfig $@

# ---- config targets (Debian: kconfig-frontends-nox) ----
CONFIG_TARGETS := oldconfig olddefconfig allnoconfig allyesconfig
$(CONFIG_TARGETS): $(GEN)/Config.applets
	$(KCONFIG_CONF) --$@ Kconfig
menuconfig: $(GEN)/Config.applets
	$(KCONFIG_MCONF) Kconfig
defconfig: $(GEN)/Config.applets
	$(KCONFIG_CONF) --defconfig=configs/defconfig Kconfig
%_defconfig: configs/%_defconfig $(GEN)/Config.applets
	$(KCONFIG_CONF) --defconfig=$< Kconfig
savedefconfig: $(GEN)/Config.applets
	$(KCONFIG_CONF) --savedefconfig=defconfig Kconfig

# ---- sizes, tests, benchmark, cross builds ----
SHIPPED := $(notdir $(wildcard configs/*defconfig))

size:
	@for c in $(SHIPPED); do \
		$(MAKE) -s CONFIG=configs/$$c OUT=build/$$c || exit 1; \
		printf '%-20s %6d bytes\n' $$c $$(wc -c < build/$$c/netns); \
	done

check:
	$(MAKE) -s CONFIG=configs/defconfig OUT=build/check WERROR=-Werror
	sh tests/run.sh build/check/netns

# the integration suite in a VM: ARCH=x86_64|aarch64|armhf|mipsel|s390x,
# KERNEL=IMAGE (no modules) instead of Debian's; tests/vm/README.md
check-vm:
	sh tests/vm/run.sh --arch $(or $(ARCH),x86_64) \
		$(if $(KERNEL),--kernel $(KERNEL)) || [ $$? = 77 ]	# 77: skipped, said why

check-matrix:
	sh tests/vm/matrix.sh

check-cross:
	sh tests/cross/run.sh

# glibc (CC=gcc): static, or dynamic with STATIC=0; the integration tests
GLIBC_OUT = build/glibc-$(if $(filter 1,$(STATIC)),static,dynamic)
check-glibc:
	$(MAKE) -s CC=gcc CONFIG=configs/defconfig OUT=$(GLIBC_OUT) WERROR=-Werror
	sh tests/run.sh $(GLIBC_OUT)/netns tests/integration/*.sh

# the Debian package: dpkg-buildpackage, lintian, the packaged binary
check-deb:
	sh tests/deb/run.sh

cross:
	sh toolchain/cross.sh

# line and branch coverage of make check's tests (tests/coverage/run.sh):
# static musl as shipped, -O0 without LTO so that every line keeps its
# counter, _exit and signals caught so that every process writes them
coverage:
	$(MAKE) -s CONFIG=configs/defconfig OUT=build/coverage \
		CFLAGS="-O0 -fno-lto --coverage" \
		LDFLAGS="--coverage -Wl,--wrap=_exit" \
		EXTRA_SRCS=tests/coverage/gcov_exit.c
	sh tests/coverage/run.sh build/coverage

# libFuzzer targets with ASan and UBSan (Debian's clang), FUZZ_SECONDS each
# over their corpora; make check replays the corpora (tests/unit/fuzz.sh)
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

bench:
	$(MAKE) -s CONFIG=configs/defconfig OUT=build/check
	sh tests/bench/run.sh build/check/netns

# ---- install: never replaces an existing ip ----
# install puts in place the binary that `make` built, with the flags of that
# call; it builds only when there is none yet (a change of CFLAGS at install
# time relinks nothing), and never strips: STRIP is the build's.
install: $(if $(wildcard $(BIN)),,$(BIN))
	install -D -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/netns
	@if [ -f netns.8 ]; then \
		install -D -m 0644 netns.8 $(DESTDIR)$(MANDIR)/man8/netns.8; fi
	@if [ "$(IP_LINK)" = 1 ]; then \
		if [ -e $(DESTDIR)$(BINDIR)/ip ] || [ -L $(DESTDIR)$(BINDIR)/ip ]; then \
			echo "install: $(DESTDIR)$(BINDIR)/ip exists, not replaced"; \
		else ln -s netns $(DESTDIR)$(BINDIR)/ip; fi; fi

# ---- release tarball: netns-VERSION.tar.gz of REV, reproducible ----
REV ?= HEAD
DISTDIR ?= .
dist:
	$(Q)sh scripts/dist.sh $(REV) $(DISTDIR)

clean:
	rm -rf netns build include/generated .flags netns-*.tar.gz netns-*.tar.gz.sha256

.PHONY: all size check check-vm check-matrix check-cross check-glibc check-deb \
	cross bench coverage fuzz install dist clean FORCE \
	menuconfig defconfig savedefconfig $(CONFIG_TARGETS)
