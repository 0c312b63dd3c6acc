/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the rtnetlink decoders on any datagram the kernel (or
 * someone speaking for it) could send. The input is walked as nl_call walks
 * a datagram, and each message is given to every decoder that reads one:
 * nl_msg_ok, nl_attr_parse, nl_msg_attrs, nl_ack_error (silent and
 * printing), delete's link_physical, the nsid answer (nsid_of) and
 * list-id's line. The .c files are included for their static functions. */
#include "../../libbb-lite/netlink.c"
#include "../../libbb-lite/nsid.h"
#include "../../applets/delete.c"
#include "../../applets/list_id.c"

struct opts opt;
static struct list_id ids;

static int each(const struct nlmsghdr *n, void *arg)
{
	const struct nlattr *tb[64];

	(void)arg;
	(void)link_physical(n);
	(void)nsid_of(n);
	(void)nl_ack_error(n, 0);
	(void)nl_ack_error(n, 1);
	(void)nl_msg_attrs(n, 1, tb, 63);
	(void)nl_msg_attrs(n, sizeof(struct ifinfomsg), tb, 63);
	(void)show(n, &ids);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct nlattr *tb[64];
	struct talk t = { each, NULL, 0 };
	const struct nlmsghdr *n = (const void *)nl_rxbuf;

	if (size > NL_RXBUF_LEN)
		size = NL_RXBUF_LEN;
	memcpy(nl_rxbuf, data, size);
	/* the attributes of the whole datagram, as if it were a body */
	(void)nl_attr_parse(nl_rxbuf, size, tb, 63);
	/* the answers to the first message's seq, then to seq 0 */
	(void)nl_walk(size, size >= NL_HDRLEN ? n->nlmsg_seq : 0, &t);
	t.quiet = -EOPNOTSUPP;
	(void)nl_walk(size, 0, &t);
	opt.json = !opt.json;	/* both outputs of list-id, in turn */
	return 0;
}

/* list-id names the ids it learnt from the run dir */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	learn("a", 0, &ids);
	learn("b", 5, &ids);
	learn("a name of some length", 7, &ids);
	return 0;
}
