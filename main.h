/* SPDX-License-Identifier: MIT */
/* What main.c calls beside the applet table (include/generated/applets.h
 * declares the applets' mains), declared here for the files that define
 * them too. */
#ifndef NETNS_MAIN_H
#define NETNS_MAIN_H

/* batch.c (CONFIG_FEATURE_BATCH): run FILE a line at a time through CMD */
int batch_run(const char *file, int force, int (*cmd)(int, char **));

/* applets/move.c (CONFIG_NETNS_MOVE): `ip link ...` */
int link_main(int argc, char **argv);

#endif
