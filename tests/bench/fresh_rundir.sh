#!/bin/sh
# SPDX-License-Identifier: MIT
# Run inside the bench sandbox only: drop every namespace under the run
# dir (lazy unmount of the dir and all it holds) and mount a fresh empty
# tmpfs there, so each timed sequence of adds starts as at boot. The
# kernel frees the dropped namespaces in the background; the pause lets it
# finish before the next timed run starts.
d=/var/run/netns
while mountpoint -q "$d"; do
	umount -l "$d" || exit 1
done
mkdir -p "$d" && mount -t tmpfs tmpfs "$d" || exit 1
sleep 1
