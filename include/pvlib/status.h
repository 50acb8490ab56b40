/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pvlib status codes: the one closed list of results every module returns.
 *
 * PV_OK is 0; every error is negative. The numeric values follow the classic
 * errno numbering where one exists, so a guest that already knows Xen's or
 * Linux's codes reads them without a table. The values are part of the guest
 * ABI (they come back in r0 from a hypercall) and never change meaning.
 */
#ifndef PVLIB_STATUS_H
#define PVLIB_STATUS_H

#include <stdint.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

enum pv_status {
	PV_OK = 0,        /* success */
	PV_EPERM = -1,    /* the caller is not allowed to do this */
	PV_ENOENT = -2,   /* no such object (port, grant, unit, table) */
	PV_ESRCH = -3,    /* no such domain */
	PV_EIO = -5,      /* device or port hook failure */
	PV_E2BIG = -7,    /* a count or size is over its documented bound */
	PV_EAGAIN = -11,  /* try again later; nothing changed */
	PV_ENOMEM = -12,  /* caller-supplied storage is exhausted */
	PV_EACCES = -13,  /* the access asked for exceeds the access granted */
	PV_EFAULT = -14,  /* a guest address range is not accessible to it */
	PV_EBUSY = -16,   /* the object is still referenced or in use */
	PV_EEXIST = -17,  /* the object already exists / is already bound */
	PV_EXDEV = -18,   /* the object belongs to another domain */
	PV_EINVAL = -22,  /* a malformed argument */
	PV_ENOSPC = -28,  /* no free slot in a fixed-size table */
	PV_ERANGE = -34,  /* a number or address is outside its valid range */
	PV_ENOSYS = -38,  /* no such hypercall / operation */
	PV_EALIGN = -39,  /* an address or size is not suitably aligned */
	PV_ENOTPINNED = -40, /* the table must be pinned for this */
	PV_ETYPE = -41,   /* a frame is in use with a conflicting type */
	PV_EOVERFLOW = -75, /* an arithmetic overflow in a guest-given value */
	/*
	 * Internal to the hypervisor, never returned to a guest: a preemptible
	 * handler asks to be re-issued with its updated arguments.
	 */
	PV_ERESTART = -85,
};

/* The lowest (most negative) value in the list; for range checks in tests. */
#define PV_STATUS_MIN PV_ERESTART

/*
 * The symbolic name of a status ("PV_EPERM"), or "PV_E?" for a value that is
 * not in the list. Never NULL; the string is static.
 */
const char *pv_status_name(int32_t status);

/* A one-line English description of a status; never NULL. */
const char *pv_status_describe(int32_t status);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_STATUS_H */
