/* SPDX-License-Identifier: MIT */
/* What main.c calls beside the applet table (include/generated/applets.h
 * declares the applets' mains), declared here for the files that define
 * them too. */
#ifndef NETNS_MAIN_H
#define NETNS_MAIN_H

/* batch.c (CONFIG_FEATURE_BATCH): run FILE a line at a time through CMD */
int batch_run(const char *file, int force, int (*cmd)(int, char **));

/* fallback.c: `ip ARGV...` (argv[0] the object) by the other ip
 * (CONFIG_IP_FALLBACK), or a message that this ip does not do it; an
 * exit status, in batch mode from a child, else only when no other ip
 * could be run */
int ip_elsewhere(int argc, char **argv);

#endif
