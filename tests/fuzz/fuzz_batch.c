/* SPDX-License-Identifier: MIT */
/* libFuzzer target: -batch's reader and word splitter (batch.c, included
 * for its static functions) on any file: each input is the batch file, read
 * from stdin as `-batch -` reads it, and every command it yields is
 * checked: its words lie in the line buffer, each ended by its NUL, and
 * the list is ended by NULL. The first byte's low bit is -force. */
#include <stdlib.h>
#include <sys/mman.h>
#include "../../batch.c"

struct opts opt;
static int memfd = -1;

static int check_command(int argc, char **argv)
{
	int i;

	if (argc < 1 || argc > MAX_WORDS || argv[argc])
		abort();
	for (i = 0; i < argc; i++)
		if (argv[i] < line || argv[i] >= line + sizeof(line) ||
		    argv[i] + strlen(argv[i]) >= line + sizeof(line))
			abort();
	return argc & 1;	/* some commands fail: -force matters */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (memfd < 0 && (memfd = memfd_create("batch", 0)) < 0)
		abort();
	if (ftruncate(memfd, 0) || pwrite(memfd, data, size, 0) != (ssize_t)size ||
	    lseek(memfd, 0, SEEK_SET) || dup2(memfd, 0) != 0)
		abort();
	in_pos = in_len = 0;
	in_end = 0;
	in_errno = 0;
	(void)batch_run("-", size && (data[0] & 1), check_command);
	opt.batch = 0;
	return 0;
}
