/* SPDX-License-Identifier: MIT */
/* libbb-lite: what two or more applets share, and nothing else.
 *
 * Results follow one convention per kind of function:
 *  - an exit status (0, or one of EXIT_* below): the applets' mains, and
 *    what says why a command cannot go on: the checks of args.c
 *    (extra_args, arg_wrong, ifname_check, link_netns; its predicates and
 *    parse_int say 1/0 and 0/-1), msg_errno, step_failed and usage_fail
 *    of out.c;
 *  - 0 (or an fd, a count) on success, -1 on failure: dir.c, netns.c and
 *    proc.c (wait_exit_status: the child's exit status, or -1).
 *    Those that name an object (netns_open_by_name, netns_switch,
 *    netns_create_file, netns_bind, netns_foreach) have said why on
 *    stderr; the others set errno and say nothing, as a syscall;
 *  - 0 (or a count) on success, -errno on failure: netlink.c, link.c and
 *    nsid.c, whose errors mostly come from the kernel's answers, not from
 *    errno. The kernel's refusal is printed as iproute2 prints it, but
 *    for the one errno a caller names as QUIET_ERRNO: it has better words
 *    for that one.
 */
#ifndef NETNS_LIBBB_H
#define NETNS_LIBBB_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/types.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include "autoconf.h"
#include "kernel.h"

#ifndef NETNS_VERSION	/* the Makefile passes it from VERSION */
#define NETNS_VERSION "unknown"
#endif

/* Exit codes as iproute2 uses them: 255 for bad usage, 1 for a failed
 * step, 2 for an error the kernel reported over netlink. */
#define EXIT_USAGE	255
#define EXIT_FAIL	1
#define EXIT_NETLINK	2

/* The global options, set by main. Other state that lives for the whole
 * run (the output buffer, the netlink receive buffer, the batch reader,
 * the id helper) is private to its file. */
struct opts {
	char all;	/* -all */
	char json;	/* -json */
	char pretty;	/* -pretty */
	char batch;	/* inside -batch: exec forks; a usage error exits 255 */
	char **ip_opts;	/* the options for the other ip (-4, -o, -j...) */
	int ip_nopts;
};
extern struct opts opt;

#define RUN_DIR CONFIG_RUN_DIR
#define ETC_DIR CONFIG_ETC_DIR

/* out.c: one buffered writer for stdout, unbuffered messages for stderr */
void out_mem(const char *s, size_t n);
void out_str(const char *s);
void out_char(char c);
void out_flush(void);
void out_to(int fd);
int out_failed(void);	/* a write failed (errno set to why) */
void msg(const char *s, ...);	/* strings up to NULL, then "\n", to stderr */
int usage_fail(const char *s, ...); /* msg, then EXIT_USAGE (in -batch: exit) */
int msg_errno(const char *a, const char *b, const char *c);
int step_failed(const char *step);	/* "STEP failed: REASON", EXIT_FAIL (1: so
					 * -step_failed() is -1) */
char *utoa(unsigned long v, char *buf); /* buf holds 21 bytes; returns start */

/* strerror.c: errno texts in glibc's words, as iproute2 prints them */
const char *netns_strerror(int no);

/* proc.c: child processes */
pid_t fork_plain(void);
int wait_exit_status(pid_t pid);

/* str.c: small string helpers (libc's pull in more than they do) */
size_t str_len(const char *s);
char *str_copy(char *dst, const char *src);
const char *str_find(const char *s, int c);
int starts_with(const char *s, const char *prefix);	/* 1: it does */

/* args.c: words and numbers as iproute2 reads them (a device's name, a
 * namespace's too) */
int is_abbrev(const char *arg, const char *word);	/* 1: "sh" of "show" */
int parse_int(const char *s, int *out);
unsigned digit_value(char c);	/* of 0-9, a-z, A-Z; 99 for others */
int extra_args(int argc, int max);
void extra_ignored(int argc, char **argv, int max);
int ifname_check(const char *what, const char *s, size_t max);
int link_netns(const char *netns, unsigned *attr, int *ns);
int arg_wrong(const char *arg, const char *a, const char *b, const char *c);
int is_pid(const char *s);

/* dir.c: directory entries without malloc. One read holds at most
 * DIR_BUF / 24 names (an entry takes at least 24 bytes: 19 of header,
 * a name byte and its NUL, aligned to 8). */
#define DIR_BUF		3072
struct dir_iter {
	int fd, pos, len;
	char buf[DIR_BUF] __attribute__((aligned(8)));
};
int fd_open(const char *path, int flags);	/* always O_CLOEXEC */
/* how a name of the run dir is opened: never waiting (a FIFO there must
 * not hang us) and never as our controlling tty; what it is, setns or the
 * kernel's answer to NETNSA_FD tells */
#define NS_OPEN		(O_RDONLY | O_NONBLOCK | O_NOCTTY)
int dir_open(struct dir_iter *d, const char *path);
const char *dir_next(struct dir_iter *d);
int dir_read(struct dir_iter *d);		/* > 0: names to take */
const char *dir_take(struct dir_iter *d);	/* from this read only */
/* may more names follow the last read? (it left no room for one more
 * entry of the longest name: 280 bytes) */
#define dir_more(d)	((d)->len > DIR_BUF - 280)
void dir_close(struct dir_iter *d);
/* the same, for a dir whose names are the job: 1 open, 0 none, -1 said;
 * then 0, or -1 when a read failed (said) */
int dir_begin(struct dir_iter *d, const char *path);
int dir_end(struct dir_iter *d, const char *path);

/* netns.c: names, paths and the run dir */
int netns_name_ok(const char *name);
char *netns_path(char *buf, const char *name);	/* buf: PATH_MAX */
int netns_open_by_name(const char *name);
int netns_enter(const char *name);	/* its network namespace only */
int netns_switch(const char *name);	/* and its sysfs and /etc files */
/* FN for each name until it returns non-zero (having said why) */
int netns_foreach(int (*fn)(const char *name, void *arg), void *arg);
struct ns_id {
	uint64_t dev, ino;
};
int ns_id_of(const char *path, int flags, struct ns_id *id);
int netns_same_ns(const char *path, const struct ns_id *id);
char *proc_ns_net(char *buf, const char *pid);	/* buf: 40 bytes */
char *proc_self_fd(char *buf, int fd);		/* buf: 40 bytes */
int netns_create_file(char *path, const char *name);
int netns_bind(const char *path, const char *source);

/* netlink.c: a minimal rtnetlink encoder, decoder and transport */
#define NL_ALIGN(n)	(((n) + 3) & ~3u)
#define NL_HDRLEN	((unsigned)sizeof(struct nlmsghdr))

struct nlmsghdr *nl_msg_init(void *buf, unsigned type, unsigned flags,
			     const void *body, unsigned body_len);
void nl_put(struct nlmsghdr *n, unsigned type, const void *data, unsigned len);
void nl_put_u32(struct nlmsghdr *n, unsigned type, uint32_t v);
void nl_put_str(struct nlmsghdr *n, unsigned type, const char *s);
struct nlattr *nl_nest_start(struct nlmsghdr *n, unsigned type);
void nl_nest_end(struct nlmsghdr *n, struct nlattr *nest);
int nl_attr_parse(const void *start, unsigned len,
		  const struct nlattr **tb, unsigned max);
int nl_msg_attrs(const struct nlmsghdr *n, unsigned body_len,
		 const struct nlattr **tb, unsigned max);
uint32_t nl_get_u32(const struct nlattr *a);
int nl_msg_ok(const struct nlmsghdr *n, unsigned remaining);

int nl_socket(void);	/* -1 and errno, nothing said */
int nl_open(void);	/* -1, said why */
int nl_send(int fd, const void *buf, unsigned len);
int nl_ack_error(const struct nlmsghdr *n, int report);
extern char nl_rxbuf[];
#define NL_RXBUF_LEN 32768
int nl_call(int fd, struct nlmsghdr *req,
	    int (*cb)(const struct nlmsghdr *n, void *arg), void *arg,
	    int quiet_errno);

/* nsid.c: the namespace id of every name of the run dir (FN gets -1 for
 * a name without one) */
typedef void nsid_fn(const char *name, int nsid, void *arg);
int nsid_foreach(int sock, struct dir_iter *d, nsid_fn *fn, void *arg);
/* what set and list-id say where RTM_GETNSID/RTM_NEWNSID are refused
 * (kernels before 4.0, qemu-user) */
#define NL_NO_NSID ": the kernel does not support namespace ids"

/* link.c: network devices, found and moved over rtnetlink */
int link_index(int fd, const char *name, int *addr_len);
int link_move(int fd, int index, unsigned ns_attr, int ns, const char *name,
	      int quiet_errno);

/* json.c: text, or iproute2's JSON under -json, byte for byte: an
 * object per pr_start() .. pr_end(), the list around them under -json */
void json_list_start(void);
void json_list_end(void);
void pr_start(void);
void pr_end(void);
void pr_str(const char *key, const char *pre, const char *v, const char *post);
void pr_uint(const char *key, const char *pre, unsigned v, const char *post);
void pr_text(const char *s);

#endif
