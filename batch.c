/* -batch FILE: one command per line, as ip -batch reads them. */
#include "libbb.h"

#if CONFIG_FEATURE_BATCH

#define MAX_ARGS 100

/* Split LINE in place into words: blanks separate, quotes group, '#'
 * starts a comment (iproute2's makeargs). */
static int split_words(char *line, char **argv)
{
	int argc = 0;
	char *p = line, *w;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#' || argc == MAX_ARGS - 1)
			break;
		w = p;
		argv[argc++] = w;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r') {
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				char *end = strchr(p, q);
				if (!end)
					end = p + strlen(p);
				memmove(w, p, end - p);
				w += end - p;
				p = *end ? end + 1 : end;
			} else {
				*w++ = *p++;
			}
		}
		if (*p)
			p++;
		*w = 0;
	}
	argv[argc] = NULL;
	return argc;
}

int batch_run(const char *file, int force, int (*cmd)(int, char **))
{
	static char buf[8192];
	char *argv[MAX_ARGS], lineno[21];
	unsigned len = 0, n = 0;
	int fd = 0, ret = 0, eof = 0;

	if (strcmp(file, "-") &&
	    (fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
		msg("Cannot open file \"", file, "\" for reading: ",
		    strerror(errno), NULL);
		return EXIT_FAIL;
	}
	opt.batch = 1;
	while (!eof || len) {
		char *nl = memchr(buf, '\n', len);
		ssize_t got;
		int argc;

		if (!nl && !eof && len < sizeof(buf) - 1) {
			got = read(fd, buf + len, sizeof(buf) - 1 - len);
			if (got <= 0)
				eof = 1;
			else
				len += got;
			continue;
		}
		if (!nl)
			nl = buf + len;	/* last line without \n, or too long */
		*nl = 0;
		n++;
		argc = split_words(buf, argv);
		if (argc && cmd(argc, argv)) {
			out_flush();
			msg("Command failed ", file, ":", utoa(n, lineno),
			    NULL);
			ret = EXIT_FAIL;
			if (!force)
				break;
		}
		out_flush();
		len -= (nl < buf + len ? nl + 1 : nl) - buf;
		memmove(buf, nl + 1 < buf + sizeof(buf) ? nl + 1 : nl, len);
	}
	if (fd)
		close(fd);
	return ret;
}
#endif
