# SPDX-License-Identifier: MIT
# netns: one static binary that does what `ip netns` does. See README.md.
#
#   make                    ./netns from .config (configs/defconfig if none)
#   make menuconfig         choose applets and features (also oldconfig,
#                           olddefconfig, defconfig, NAME_defconfig,
#                           allnoconfig, allyesconfig, savedefconfig)
#   make check              tests (see tests/README.md); make check-vm,
#                           make check-cross, make bench, make size, make cross,
#                           make coverage, make fuzz [FUZZ_SECONDS=N]
#   make install            DESTDIR, PREFIX; IP_LINK=1 adds an `ip` link
#
# CC, CROSS_COMPILE, OBJCOPY, CFLAGS, LDFLAGS and V=1 work as usual. CONFIG=FILE and
# OUT=DIR build another config into another dir without touching .config.

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

# What the binary needs: size first. User CFLAGS/LDFLAGS come after these.
# -flto, -fno-inline-functions-called-once, -fno-move-loop-invariants: the
# smallest defconfig and router_defconfig for x86_64, mipsel and armhf
# (make cross measures; other arches and tiny_defconfig come out about
# the same).
# common-page-size=64: ld otherwise may pad the file up to 4 KiB to save a
# page of memory at run time; max-page-size still sets the alignment.
NETNS_CFLAGS := -std=c11 -D_GNU_SOURCE -Os -flto -Wall -Wextra $(WERROR) \
	-fno-inline-functions-called-once -fno-move-loop-invariants \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-fno-unwind-tables -fno-stack-protector -fno-ident -fno-pie \
	-I$(OUTGEN) -I$(GEN) -Ilibbb-lite -I.
NETNS_LDFLAGS := -static -no-pie -s -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,noseparate-code -Wl,-z,norelro -Wl,--hash-style=gnu \
	-Wl,-z,common-page-size=64

# x86_64 and aarch64: the code has no floating point, so a variadic
# function (msg, usage_fail) need not save the FP/SIMD argument registers.
# Other arches save none, or have no such flag.
ifneq ($(filter x86_64-% aarch64-%,$(shell $(CC) -dumpmachine 2>/dev/null)),)
NETNS_CFLAGS += -mgeneral-regs-only
endif

# MIPS: gcc's default -mabicalls calls through the GOT even in a static
# binary; without it the mipsel binary is much smaller. ld joins our code
# to musl's abicalls libc.a with stubs, and would warn once per object.
ifneq ($(findstring mips,$(CC)),)
NETNS_CFLAGS += -mno-abicalls
NETNS_LDFLAGS += -Wl,--no-warn-mismatch
endif

-include $(CONFIG)
-include $(GEN)/applets.mk
SRCS := main.c batch.c $(wildcard libbb-lite/*.c) $(SRCS-y) $(EXTRA_SRCS)
HDRS := main.h $(wildcard libbb-lite/*.h) $(GEN)/applets.h $(OUTGEN)/autoconf.h

all: $(BIN)

$(BIN): $(SRCS) $(HDRS) $(OUT)/.flags
	@echo "  CCLD    $@"
	$(Q)$(CC) $(NETNS_CFLAGS) $(CFLAGS) -o $@ $(SRCS) $(NETNS_LDFLAGS) $(LDFLAGS)
	$(Q)$(OBJCOPY) -R .comment $@	# the compilers' names

# rebuild when the compiler or the flags change, not only the sources
FLAGS_NOW = $(CC) $(NETNS_CFLAGS) $(CFLAGS) $(NETNS_LDFLAGS) $(LDFLAGS) $(OBJCOPY)
$(OUT)/.flags: FORCE
	@mkdir -p $(OUT)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@

$(GEN)/applets.h $(GEN)/applets.mk $(GEN)/Config.applets: \
		$(wildcard applets/*.c) scripts/gen_applets.sh
	$(Q)sh scripts/gen_applets.sh

# The header comes from the config by sh and awk, so that a build needs no
# kconfig tools: only the config targets below do.
$(OUTGEN)/autoconf.h: $(CONFIG) Kconfig $(wildcard applets/*.c) \
		scripts/gen_autoconf.sh
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

check-vm:
	$(MAKE) -s CONFIG=configs/defconfig OUT=build/check WERROR=-Werror
	sh tests/vm/run.sh build/check/netns || [ $$? = 77 ]	# 77: skipped, said why

check-cross:
	sh tests/cross/run.sh

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
install: $(BIN)
	install -D -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/netns
	@if [ -f netns.8 ]; then \
		install -D -m 0644 netns.8 $(DESTDIR)$(MANDIR)/man8/netns.8; fi
	@if [ "$(IP_LINK)" = 1 ]; then \
		if [ -e $(DESTDIR)$(BINDIR)/ip ] || [ -L $(DESTDIR)$(BINDIR)/ip ]; then \
			echo "install: $(DESTDIR)$(BINDIR)/ip exists, not replaced"; \
		else ln -s netns $(DESTDIR)$(BINDIR)/ip; fi; fi

clean:
	rm -rf netns build include/generated .flags

.PHONY: all size check check-vm check-cross cross bench coverage fuzz install \
	clean FORCE \
	menuconfig defconfig savedefconfig $(CONFIG_TARGETS)
