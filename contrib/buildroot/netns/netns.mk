################################################################################
#
# netns
#
################################################################################

# SPDX-License-Identifier: MIT
NETNS_VERSION = 0.2.0
# where the release tarballs are hosted: the one line to change
NETNS_SITE = https://netns.example.org/releases
NETNS_LICENSE = MIT
NETNS_LICENSE_FILES = LICENSE

NETNS_CONFIG = $(call qstrip,$(BR2_PACKAGE_NETNS_CONFIG))
NETNS_CONFIG_FILE = $(if $(wildcard $(NETNS_CONFIG)),$(NETNS_CONFIG),$(@D)/configs/$(NETNS_CONFIG))

# one static binary with musl or a static toolchain, else linked
# dynamically; Buildroot's CC and flags come after the project's size
# defaults and win; STRIP=: leaves stripping to Buildroot
NETNS_MAKE_OPTS = \
	CONFIG=.config \
	STRIP=: \
	STATIC=$(if $(BR2_TOOLCHAIN_USES_MUSL)$(BR2_STATIC_LIBS),1,0)

define NETNS_CONFIGURE_CMDS
	$(INSTALL) -m 0644 $(NETNS_CONFIG_FILE) $(@D)/.config
endef

define NETNS_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(TARGET_CONFIGURE_OPTS) $(MAKE) -C $(@D) \
		$(NETNS_MAKE_OPTS)
endef

define NETNS_INSTALL_TARGET_CMDS
	$(INSTALL) -D -m 0755 $(@D)/netns $(TARGET_DIR)/usr/sbin/netns
endef

$(eval $(generic-package))
