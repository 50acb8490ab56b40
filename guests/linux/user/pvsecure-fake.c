/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stand-in for /dev/pvsecure on the build host (pvsecure-host-test):
 * answers as the secure domain, the hypervisor and the driver would
 * (include/uapi/linux/pvsecure.h), or wrongly as PVSECURE_FAKE says
 * (badtag, badstatus, baderrno), so pvsecure's verdicts can be checked
 * without a guest.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/pvsecure.h>

int fake_open(const char *path, int flags, ...);
int fake_close(int fd);
int fake_ioctl(int fd, unsigned long cmd, ...);

int fake_open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	return 3;
}

int fake_close(int fd)
{
	(void)fd;
	return 0;
}

static int mode(const char *m)
{
	const char *f = getenv("PVSECURE_FAKE");
	return f && strcmp(f, m) == 0;
}

static int answer(int32_t status)
{
	if (status == 0)
		return 0;
	errno = mode("baderrno") ? EINVAL
		: status == -204 ? EXDEV
		: status == -203 ? EMEDIUMTYPE
		: -status;
	return -1;
}

int fake_ioctl(int fd, unsigned long cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	(void)fd;
	if (cmd == PVSECURE_IOC_REQUEST) {
		struct pvsecure_request *q = arg;
		q->out_len = 0;
		if (q->op == PVSECURE_OP_PIN_CHECK) {
			q->status = q->len == 4 && memcmp(q->data, "4321", 4) == 0 ? 0 : -13;
		} else if (q->op == PVSECURE_OP_MAC) {
			/* guests/linux/siphash-ref 'transfer 100 to alice' */
			uint64_t t = 0xe05c0054f21eb16full ^ (mode("badtag") ? 1u : 0u);
			for (unsigned i = 0; i < 8u; i++)
				q->out[i] = (uint8_t)(t >> (8u * i));
			q->out_len = 8;
			q->status = 0;
		} else {
			q->status = -1;
		}
		if (mode("badstatus"))
			q->status = -13;
		return answer(q->status);
	}
	if (cmd == PVSECURE_IOC_MMU_UPDATE) {
		struct pvsecure_mmu_update *u = arg;
		u->ptr = 0x03000000u;
		u->val = u->target | 2u;
		u->status = u->target == 0x01000000u ? -204 : u->target == 0x00010000u ? -1 : -203;
		return answer(u->status);
	}
	if (cmd == PVSECURE_IOC_LAYOUT) {
		struct pvsecure_layout *l = arg;
		memset(l, 0, sizeof *l);
		l->l1_ma = 0x02004000u;
		l->l2_ma = 0x03ff8000u;
		return 0;
	}
	errno = ENOTTY;
	return -1;
}
