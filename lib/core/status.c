/* SPDX-License-Identifier: BSD-2-Clause */
#include <pvlib/status.h>

struct status_text {
	int32_t code;
	const char *name;
	const char *text;
};

static const struct status_text status_texts[] = {
	{ PV_OK, "PV_OK", "success" },
	{ PV_EPERM, "PV_EPERM", "operation not permitted" },
	{ PV_ENOENT, "PV_ENOENT", "no such object" },
	{ PV_ESRCH, "PV_ESRCH", "no such domain" },
	{ PV_EIO, "PV_EIO", "port hook or device failure" },
	{ PV_E2BIG, "PV_E2BIG", "count or size over its bound" },
	{ PV_EAGAIN, "PV_EAGAIN", "try again later" },
	{ PV_ENOMEM, "PV_ENOMEM", "storage exhausted" },
	{ PV_EACCES, "PV_EACCES", "access exceeds what was granted" },
	{ PV_EFAULT, "PV_EFAULT", "guest range not accessible" },
	{ PV_EBUSY, "PV_EBUSY", "object still referenced" },
	{ PV_EEXIST, "PV_EEXIST", "object already exists" },
	{ PV_EXDEV, "PV_EXDEV", "object belongs to another domain" },
	{ PV_EINVAL, "PV_EINVAL", "invalid argument" },
	{ PV_ENOSPC, "PV_ENOSPC", "no free slot" },
	{ PV_ERANGE, "PV_ERANGE", "value out of range" },
	{ PV_ENOSYS, "PV_ENOSYS", "no such hypercall or operation" },
	{ PV_EALIGN, "PV_EALIGN", "misaligned address or size" },
	{ PV_ENOTPINNED, "PV_ENOTPINNED", "table is not pinned" },
	{ PV_ETYPE, "PV_ETYPE", "frame has a conflicting type" },
	{ PV_EOVERFLOW, "PV_EOVERFLOW", "arithmetic overflow in argument" },
	{ PV_ERESTART, "PV_ERESTART", "hypercall to be re-issued" },
};

static const struct status_text *status_find(int32_t status)
{
	for (unsigned i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++) {
		if (status_texts[i].code == status)
			return &status_texts[i];
	}
	return 0;
}

const char *pv_status_name(int32_t status)
{
	const struct status_text *t = status_find(status);
	return t ? t->name : "PV_E?";
}

const char *pv_status_describe(int32_t status)
{
	const struct status_text *t = status_find(status);
	return t ? t->text : "unknown status";
}
