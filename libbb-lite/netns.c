/* SPDX-License-Identifier: MIT */
/* Named namespaces: names, paths, the run dir, and entering one. */
#include <limits.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include "libbb.h"

/* iproute2's rule: not empty, not . or .., no '/', at most NAME_MAX bytes */
int netns_name_ok(const char *name)
{
	size_t n = str_len(name);

	if (n == 0 || n > NAME_MAX || *str_find(name, '/'))
		return 0;
	return strcmp(name, ".") && strcmp(name, "..");
}

static char *path_join(char *buf, const char *dir, const char *name)
{
	size_t d = str_len(dir), n = str_len(name);

	if (d + 1 + n >= PATH_MAX)
		n = PATH_MAX - 2 - d;
	memcpy(buf, dir, d);
	buf[d] = '/';
	memcpy(buf + d + 1, name, n);
	buf[d + 1 + n] = 0;
	return buf;
}

char *netns_path(char *buf, const char *name)
{
	return path_join(buf, RUN_DIR, name);
}

int netns_open_by_name(const char *name)
{
	char path[PATH_MAX];
	int fd = fd_open(netns_path(path, name), NS_OPEN);

	if (fd < 0)
		msg_errno("Cannot open network namespace \"", name, "\": ");
	return fd;
}

/* Bind every entry of ETC_DIR/NAME over its /etc counterpart; a failed
 * bind is reported and the others still go ahead, as iproute2 does. A dir
 * that is there but cannot be read fails (said why): the command must not
 * run without its files. */
static int bind_etc(const char *name)
{
	char dir[PATH_MAX], from[PATH_MAX], to[PATH_MAX];
	struct dir_iter d;
	const char *e;
	int r = dir_begin(&d, path_join(dir, ETC_DIR, name));

	if (r <= 0)
		return r;
	while ((e = dir_next(&d))) {
		path_join(from, dir, e);
		path_join(to, "/etc", e);
		if (mount(from, to, "none", MS_BIND, NULL) < 0)
			msg("Bind ", from, " -> ", to, " failed: ",
			    netns_strerror(errno), NULL);
	}
	return dir_end(&d, dir);
}

/* Enter NAME's network namespace: 0, or -1 (said why) */
int netns_enter(const char *name)
{
	int fd = netns_open_by_name(name), r;

	if (fd < 0)
		return -1;
	r = setns(fd, CLONE_NEWNET);
	if (r < 0)
		msg_errno("setting the network namespace \"", name,
			  "\" failed: ");
	close(fd);
	return r;
}

/* Enter NAME's network namespace inside a mount namespace of our own, with
 * a sysfs that shows NAME's devices and NAME's /etc files. */
int netns_switch(const char *name)
{
	struct statfs st;
	unsigned long sysfs_flags = 0;

	if (netns_enter(name) < 0)
		return -1;
	if (unshare(CLONE_NEWNS) < 0)
		return -step_failed("unshare");
	/* our mounts must not propagate back to the caller's namespace */
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return -step_failed("\"mount --make-rslave /\"");
	/* a read-only sysfs must stay read-only in its replacement
	 * (statfs, not statvfs: the same flag, in less code;
	 * the flag's name comes from statvfs.h) */
	if (statfs("/sys", &st) == 0 && (st.f_flags & ST_RDONLY))
		sysfs_flags = MS_RDONLY;
	umount2("/sys", MNT_DETACH);
	if (mount(name, "/sys", "sysfs", sysfs_flags, NULL) < 0)
		return -step_failed("mount of /sys");
	return bind_etc(name);
}

/* Call FN for every name in the run dir, in readdir order, until FN
 * returns non-zero (having said why): then -1, as when the run dir
 * cannot be opened or read (said why). A missing run dir holds no names. */
int netns_foreach(int (*fn)(const char *name, void *arg), void *arg)
{
	struct dir_iter d;
	const char *e;
	int r = dir_begin(&d, RUN_DIR);

	if (r <= 0)
		return r;
	r = 0;
	while (!r && (e = dir_next(&d)))
		r = fn(e, arg) ? -1 : 0;
	return dir_end(&d, RUN_DIR) | r;
}

/* "/proc/PID/ns/net": PID is all digits (at most 10) or "self" */
char *proc_ns_net(char *buf, const char *pid)
{
	str_copy(str_copy(str_copy(buf, "/proc/"), pid), "/ns/net");
	return buf;
}

/* "/proc/self/fd/FD", the path of an open fd; BUF holds 40 bytes */
char *proc_self_fd(char *buf, int fd)
{
	char digits[21];

	str_copy(str_copy(buf, "/proc/self/fd/"), utoa(fd, digits));
	return buf;
}

/* The identity of the namespace (or any file) at PATH; FLAGS 0, or
 * AT_SYMLINK_NOFOLLOW for the file itself, never what a link leads to.
 * statx (Linux 4.11: older than the oldest kernel netns supports),
 * because libc's stat brings fallbacks for old kernels. */
int ns_id_of(const char *path, int flags, struct ns_id *id)
{
	struct statx_buf sx;

	if (syscall(SYS_statx, AT_FDCWD, path, flags, STATX_INO, &sx) < 0)
		return -1;
	id->dev = (uint64_t)sx.dev_major << 32 | sx.dev_minor;
	id->ino = sx.ino;
	return 0;
}

/* Is the file at PATH the namespace ID? */
int netns_same_ns(const char *path, const struct ns_id *id)
{
	struct ns_id other;

	return ns_id_of(path, 0, &other) == 0 && other.dev == id->dev &&
	       other.ino == id->ino;
}

/* Make the run dir a shared mount point, so that names made here show in
 * every mount namespace. The flock keeps parallel first adds at boot from
 * stacking one bind mount each. When the run dir is no mount point yet
 * (EINVAL), it is bound onto itself, made private (or a shared parent
 * would propagate the bind) and then shared; a failure on the way undoes
 * the bind, which would only hide the names under it. */
static int run_dir_make_shared(void)
{
	const char *step = "--make-shared ";
	int fd, bound = 0;

	if (mkdir(RUN_DIR, 0755) < 0 && errno != EEXIST)
		return -step_failed("mkdir " RUN_DIR);
	fd = fd_open(RUN_DIR, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || syscall(SYS_flock, fd, LOCK_EX) < 0) {
		msg_errno("Cannot lock ", RUN_DIR, ": ");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (mount("", RUN_DIR, "none", MS_SHARED | MS_REC, NULL) == 0) {
		step = NULL;
	} else if (errno == EINVAL) {
		step = "--bind " RUN_DIR " ";
		if (mount(RUN_DIR, RUN_DIR, "none", MS_BIND | MS_REC, NULL) == 0) {
			bound = 1;
			step = "--make-private ";
			if (mount("", RUN_DIR, "none", MS_PRIVATE, NULL) == 0) {
				step = "--make-shared ";
				if (mount("", RUN_DIR, "none", MS_SHARED | MS_REC,
					  NULL) == 0)
					step = NULL;
			}
		}
	}
	if (step) {
		msg("mount ", step, RUN_DIR, " failed: ", netns_strerror(errno),
		    NULL);
		if (bound)
			umount2(RUN_DIR, MNT_DETACH);
	}
	close(fd);	/* drops the lock */
	return step ? -1 : 0;
}

/* Create the empty file RUN_DIR/NAME (its path into PATH) that a
 * namespace is then bound to; it must not exist yet. */
int netns_create_file(char *path, const char *name)
{
	int fd;

	netns_path(path, name);
	if (run_dir_make_shared() < 0)
		return -1;
	fd = fd_open(path, O_RDONLY | O_CREAT | O_EXCL);
	if (fd < 0) {
		msg_errno("Cannot create namespace file \"", path, "\": ");
		return -1;
	}
	close(fd);
	return 0;
}

/* Bind SOURCE (a /proc/PID/ns/net) onto PATH; on failure PATH goes. */
int netns_bind(const char *path, const char *source)
{
	if (mount(source, path, "none", MS_BIND, NULL) == 0)
		return 0;
	msg("Bind ", source, " -> ", path, " failed: ", netns_strerror(errno),
	    NULL);
	unlink(path);
	return -1;
}
