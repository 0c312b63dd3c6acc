/* SPDX-License-Identifier: MIT */
/* -batch FILE: one command per line, read the way ip -batch reads them, so
 * that a batch file written for iproute2 runs unchanged. */
#include "libbb.h"
#include "main.h"

#define MAX_WORDS 511	/* iproute2 takes 511 words a command, fails at 512 */

static char line[8192];	/* one command, its continuation lines joined */
static char in[4096];	/* read(2) in chunks, not a syscall a byte */
static unsigned in_pos, in_len;
static char in_end;
static int in_errno;	/* why the input ended early: no end of it */

/* The next byte of input, or -1 at its end (a read error ends it too,
 * and is kept in in_errno: a directory is no empty batch). */
static int next_byte(int fd)
{
	if (in_pos == in_len) {
		ssize_t n = in_end ? 0 : read(fd, in, sizeof(in));

		if (n <= 0) {
			in_end = 1;	/* once: a tty is not asked twice */
			if (n < 0)
				in_errno = errno;
			return -1;
		}
		in_len = n;
		in_pos = 0;
	}
	return (unsigned char)in[in_pos++];
}

/* The next command into line[], as iproute2's getcmdline: from '#' to
 * the end of a line is dropped, and a backslash at the end of a line
 * joins the next one to it. Counts lines in *lineno. Returns 0; -1 at the
 * end of input; -2 when the command does not fit in line[]; -3 at a NUL
 * byte, which no text has (iproute2 drops the rest of its line: then
 * -batch /dev/zero would read for ever). */
static int get_command(int fd, unsigned *lineno)
{
	unsigned len = 0;
	int c, keep = 1, fresh = 1, joined = 0;

	while ((c = next_byte(fd)) >= 0 || !fresh) {
		fresh = 0;
		if (c < 0 || c == '\n') {
			++*lineno;
			if (c < 0 || !keep || !len || line[len - 1] != '\\') {
				line[len] = 0;
				return 0;
			}
			len--;
			keep = fresh = joined = 1;
		} else if (!c) {
			return -3;
		} else if (c == '#') {
			keep = 0;
		} else if (keep) {
			if (len == sizeof(line) - 1)
				return -2;
			line[len++] = c;
		}
	}
	if (joined)
		msg("Missing continuation line", NULL);
	return -1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Split line[] in place into words, as iproute2's makeargs: blanks
 * separate words, and a word that starts with a quote runs to the next
 * such quote (a quote inside a word is just a character). Returns the
 * number of words, or -1 after saying why the line is wrong. */
static int split_words(char **argv)
{
	char *p = line;
	int argc = 0;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		if (argc == MAX_WORDS)
			return msg("Too many arguments to command", NULL), -1;
		if (*p == '"' || *p == '\'') {
			argv[argc++] = p + 1;
			p = (char *)str_find(p + 1, *p);
			if (!*p)
				return msg("Unterminated quoted string", NULL), -1;
		} else {
			argv[argc++] = p;
			while (*p && !is_blank(*p))
				p++;
			if (!*p)
				break;
		}
		*p++ = 0;
	}
	argv[argc] = NULL;
	return argc;
}

/* Run FILE (- for stdin) through CMD a line at a time. A failed command
 * says "Command failed FILE:LINE" and ends the batch unless FORCE; the
 * exit status is 1 if any failed. A line that cannot be read as words
 * ends it at once with 1, and a usage error with 255 (usage_fail exits in
 * batch mode), as in iproute2; so do a line too long, a NUL byte and a
 * read that fails (said why). */
int batch_run(const char *file, int force, int (*cmd)(int, char **))
{
	char *argv[MAX_WORDS + 1], num[21];
	unsigned lineno = 0;
	int fd = 0, argc, got, ret = 0;

	if (strcmp(file, "-") &&
	    (fd = fd_open(file, O_RDONLY)) < 0) {
		msg_errno("Cannot open file \"", file, "\" for reading: ");
		return EXIT_FAIL;
	}
	opt.batch = 1;
	while ((got = get_command(fd, &lineno)) == 0) {
		argc = split_words(argv);
		if (argc < 0)
			return EXIT_FAIL;
		if (!argc)
			continue;
		got = cmd(argc, argv);
		out_flush();	/* before the message, and before the next
				 * line's command writes or forks */
		if (got) {
			msg("Command failed ", file, ":", utoa(lineno, num),
			    NULL);
			ret = EXIT_FAIL;
			if (!force)
				return ret;
		}
	}
	if (got < -1) {
		msg(got == -2 ? "Command too long (over 8191 bytes) " :
				"Not text (a NUL byte) ", file, ":",
		    utoa(lineno + 1, num), NULL);
		return EXIT_FAIL;
	}
	if (in_errno) {
		msg("Cannot read ", file, ": ", netns_strerror(in_errno), NULL);
		return EXIT_FAIL;
	}
	return ret;
}
