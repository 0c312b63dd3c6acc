/* SPDX-License-Identifier: MIT */
/* The $NETNS of make check-cross: runs the cross binary BIN under the
 * qemu-user binary QEMU, with the name this program was called by (netns,
 * ip) as the guest's argv[0]: `qemu -0 NAME BIN ARGS...`. A program, not a
 * script, so that a test that drops root (setpriv --reuid=nobody) can
 * still run it through the runner's private temporary dir: the kernel
 * reads a binary, whereas a script must be opened by the new user.
 * Built by tests/cross/run.sh with -DQEMU="..." -DBIN="...". */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *args[argc + 4];
	char *name = strrchr(argv[0], '/');
	int i;

	args[0] = QEMU;
	args[1] = "-0";
	args[2] = name ? name + 1 : argv[0];
	args[3] = BIN;
	for (i = 1; i <= argc; i++)
		args[i + 3] = argv[i];
	execv(QEMU, args);
	perror(QEMU);
	return 127;
}
