/* SPDX-License-Identifier: MIT */
/* Unit tests of libbb-lite/netlink.c that need no root: the encoder
 * against byte vectors, the decoder against crafted and malformed input
 * (truncated, misaligned, oversized messages and attributes, error texts
 * without their NUL). */
#include "unit.h"

#define NLM_F_MULTI_	0x02	/* a dump's messages say so */

static void test_encoder(void)
{
	uint32_t buf[64];
	unsigned char want[128], *p;
	struct nlmsghdr *n;

	/* RTM_GETNSID for an fd: header, rtgenmsg padded to 4, NETNSA_FD */
	n = nl_msg_init(buf, RTM_GETNSID, 0, "", 1);
	nl_put_u32(n, NETNSA_FD, 5);
	p = phdr(want, 28, RTM_GETNSID, NLM_F_REQUEST, 1);
	p = p32(p, 0);
	p = pattr(p, 8, NETNSA_FD);
	p = p32(p, 5);
	CHECK(n->nlmsg_len == 28 && !memcmp(buf, want, 28));

	/* a string is NUL-ended and padded with zeros; NLM_F_ACK passes
	 * through */
	memset(buf, 0xaa, sizeof(buf));
	n = nl_msg_init(buf, RTM_NEWNSID, NLM_F_ACK, "", 1);
	nl_put_str(n, 3, "ab");
	nl_put_u32(n, NETNSA_NSID, (uint32_t)-1);
	p = phdr(want, 36, RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, 1);
	p = p32(p, 0);
	p = pattr(p, 7, 3);
	memcpy(p, "ab\0\0", 4);
	p += 4;
	p = pattr(p, 8, NETNSA_NSID);
	p = p32(p, 0xffffffff);
	CHECK(n->nlmsg_len == 36 && !memcmp(buf, want, 36));
}

static void test_attr_parse(void)
{
	uint32_t buf[32];
	unsigned char *b = (unsigned char *)buf, *p;
	const struct nlattr *tb[6];

	p = pattr(b, 8, NETNSA_NSID);
	p = p32(p, 7);
	p = pattr(p, 5, 5);		/* 1 byte of data, padded */
	*p = 'x';
	p += 4;
	p = pattr(p, 8, 9);		/* beyond max: skipped */
	p = p32(p, 1);
	p = pattr(p, 4, NETNSA_FD | 0x8000);	/* empty, flag masked */
	CHECK(nl_attr_parse(b, p - b, tb, 5) == 0);
	CHECK(tb[NETNSA_NSID] && nl_get_u32(tb[NETNSA_NSID]) == 7);
	CHECK(tb[5] && tb[5]->nla_len == 5 && tb[NETNSA_FD] && !tb[2]);

	/* the last attribute may end unpadded */
	CHECK(nl_attr_parse(b, 8 + 5, tb, 5) == 0 && tb[5]);
	/* truncated: the attribute says more than there is */
	CHECK(nl_attr_parse(b, 8 + 4, tb, 5) == -1 && tb[1] && !tb[5]);
	CHECK(nl_attr_parse(b, 6, tb, 5) == -1 && !tb[1]);
	/* a tail too short for an attribute header */
	CHECK(nl_attr_parse(b, 8 + 2, tb, 5) == -1);
	/* an attribute shorter than its own header */
	pattr(b, 3, 1);
	CHECK(nl_attr_parse(b, 8, tb, 5) == -1 && !tb[1]);
	/* oversized: longer than the whole buffer */
	pattr(b, 0xffff, 1);
	CHECK(nl_attr_parse(b, 64, tb, 5) == -1 && !tb[1]);
	/* misaligned start */
	pattr(b + 2, 8, 1);
	CHECK(nl_attr_parse(b + 2, 8, tb, 5) == -1);
	/* nothing at all is fine */
	CHECK(nl_attr_parse(b, 0, tb, 5) == 0 && !tb[1]);
}

static void test_msg_checks(void)
{
	uint32_t buf[16];
	unsigned char *b = (unsigned char *)buf;
	const struct nlattr *tb[6];

	phdr(b, 28, RTM_NEWNSID, 0, 1);
	CHECK(nl_msg_ok((void *)b, 28));
	CHECK(!nl_msg_ok((void *)b, 27));	/* truncated */
	CHECK(!nl_msg_ok((void *)b, 12));	/* not even a header */
	phdr(b, 8, RTM_NEWNSID, 0, 1);
	CHECK(!nl_msg_ok((void *)b, 28));	/* shorter than a header */
	phdr(b, 0xfffffff0, RTM_NEWNSID, 0, 1);
	CHECK(!nl_msg_ok((void *)b, 64));	/* oversized */
	/* a body that the message length does not cover */
	phdr(b, 18, RTM_NEWNSID, 0, 1);
	CHECK(nl_msg_attrs((void *)b, 4, tb, 5) == -1);
}

static const char *report(void *msg, int *err)
{
	int saved;

	capture_start(2, &saved);
	*err = nl_ack_error(msg, 1);
	return capture_end(2, saved);
}

static void test_errors(void)
{
	uint32_t buf[64];
	unsigned char *b = (unsigned char *)buf;
	const char *s;
	int err;

	/* an ACK */
	error_msg(b, 0, 0, NULL, 0);
	CHECK(nl_ack_error((void *)b, 1) == 0);
	/* the kernel's text, as iproute2 prints it, with one final '.' */
	error_msg(b, -EEXIST, NLM_F_ACK_TLVS,
		  "Peer netns already has a nsid assigned", 1);
	s = report(b, &err);
	CHECK(err == -EEXIST);
	CHECK(!strcmp(s, "Error: Peer netns already has a nsid assigned.\n"));
	error_msg(b, -EINVAL, NLM_F_ACK_TLVS | NLM_F_CAPPED, "Done.", 1);
	s = report(b, &err);
	CHECK(err == -EINVAL && !strcmp(s, "Error: Done.\n"));
	/* without the flag, or without its NUL, the text is not trusted */
	error_msg(b, -EEXIST, 0, "Peer", 1);
	s = report(b, &err);
	CHECK(!strcmp(s, "RTNETLINK answers: File exists\n"));
	error_msg(b, -EEXIST, NLM_F_ACK_TLVS, "Peer", 0);
	s = report(b, &err);
	CHECK(!strcmp(s, "RTNETLINK answers: File exists\n"));
	/* an echoed request longer than the message: no attributes */
	error_msg(b, -ENOENT, NLM_F_ACK_TLVS, "x", 1);
	p32(b + 20, 0xfffffff0);
	s = report(b, &err);
	CHECK(err == -ENOENT);
	CHECK(!strcmp(s, "RTNETLINK answers: No such file or directory\n"));
	p32(b + 20, 0xfffffffe);	/* which 4-byte alignment wraps to 0 */
	s = report(b, &err);
	CHECK(!strcmp(s, "RTNETLINK answers: No such file or directory\n"));
	/* truncated: no room for the error and the echoed header */
	phdr(b, 24, NLMSG_ERROR, 0, 9);
	p32(b + 16, (uint32_t)-EEXIST);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
	phdr(b, 18, NLMSG_ERROR, 0, 9);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
	/* no errno the kernel has */
	error_msg(b, (int)0x80000000u, 0, NULL, 0);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
	error_msg(b, 5, 0, NULL, 0);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);

	/* NLMSG_DONE: a length (old kernels) or 0 is the end; a negative
	 * number is the dump's error, its text right after it */
	phdr(b, 20, NLMSG_DONE, NLM_F_MULTI_, 9);
	p32(b + 16, 0);
	CHECK(nl_ack_error((void *)b, 1) == 0);
	p32(b + 16, 120);
	CHECK(nl_ack_error((void *)b, 1) == 0);
	phdr(b, 20 + 40, NLMSG_DONE, NLM_F_MULTI_ | NLM_F_ACK_TLVS, 9);
	p32(b + 16, (uint32_t)-EINVAL);
	pattr(b + 20, 40, NLMSGERR_ATTR_MSG);
	memcpy(b + 24, "Invalid target network namespace id\0", 36);
	s = report(b, &err);
	CHECK(err == -EINVAL);
	CHECK(!strcmp(s, "Error: Invalid target network namespace id.\n"));
	/* a text attribute that runs past the message */
	phdr(b, 20 + 8, NLMSG_DONE, NLM_F_MULTI_ | NLM_F_ACK_TLVS, 9);
	s = report(b, &err);
	CHECK(err == -EINVAL && !strcmp(s, "RTNETLINK answers: Invalid argument\n"));
	phdr(b, 19, NLMSG_DONE, NLM_F_MULTI_, 9);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
}

int main(void)
{
	test_encoder();
	test_attr_parse();
	test_msg_checks();
	test_errors();
	return unit_result();
}
