/* SPDX-License-Identifier: MIT */
/* The kernel ABI numbers and structures the code needs, all of them and
 * only here. They are stable ABI; defining them here lets any musl
 * sysroot build us (musl-gcc ships no kernel headers). */
#ifndef NETNS_KERNEL_H
#define NETNS_KERNEL_H

#include <stdint.h>

#define NETLINK_ROUTE		0
#define NETLINK_EXT_ACK		11
#define NETLINK_GET_STRICT_CHK	12
#define SOL_NETLINK		270

struct nlmsghdr {
	uint32_t nlmsg_len;
	uint16_t nlmsg_type;
	uint16_t nlmsg_flags;
	uint32_t nlmsg_seq;
	uint32_t nlmsg_pid;
};

struct nlattr {
	uint16_t nla_len;
	uint16_t nla_type;
};

struct nlmsgerr {
	int error;
	struct nlmsghdr msg;
};

struct ifinfomsg {
	unsigned char ifi_family;
	unsigned char __ifi_pad;
	unsigned short ifi_type;
	int ifi_index;
	unsigned ifi_flags;
	unsigned ifi_change;
};

#define NLMSG_NOOP		1
#define NLMSG_ERROR		2
#define NLMSG_DONE		3

#define NLM_F_REQUEST		0x01
#define NLM_F_ACK		0x04
#define NLM_F_ROOT		0x100
#define NLM_F_MATCH		0x200
#define NLM_F_DUMP		(NLM_F_ROOT | NLM_F_MATCH)
#define NLM_F_CAPPED		0x100	/* in NLMSG_ERROR replies */
#define NLM_F_ACK_TLVS		0x200	/* in NLMSG_ERROR replies */

#define NLMSGERR_ATTR_MSG	1
#define NLA_TYPE_MASK		0x3fff

#define RTM_NEWLINK		16
#define RTM_GETLINK		18
#define RTM_NEWNSID		88
#define RTM_GETNSID		90

#define IFLA_IFNAME		3
#define IFLA_LINKINFO		18
#define IFLA_NET_NS_PID		19
#define IFLA_NET_NS_FD		28
#define IFLA_INFO_KIND		1
#define IFLA_ALT_IFNAME		53	/* lookup by an alternative name (5.5+) */

#define NETNSA_NSID		1
#define NETNSA_FD		3
#define NETNSA_TARGET_NSID	4
#define NETNSA_CURRENT_NSID	5

#define IFF_LOOPBACK		0x8
#define IFNAMSIZ		16
#define ALTIFNAMSIZ		128

/* statx(2) (Linux 4.11): one layout on every architecture */
#ifndef STATX_INO		/* glibc's <sys/stat.h> has it */
#define STATX_INO		0x100
#endif
struct statx_buf {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad;
	uint64_t ino, size, blocks, attributes_mask;
	uint64_t times[8];
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

/* getdents64(2)'s record (glibc has no getdents(), and its struct dirent
 * is another size on 32-bit arches) */
struct dirent64_rec {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct sockaddr_nl {
	unsigned short nl_family;
	unsigned short nl_pad;
	uint32_t nl_pid;
	uint32_t nl_groups;
};

#endif
