/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Status codes: the one closed list of results every pvlib call returns and
 * every hypercall hands back to a guest in r0.
 *
 * PV_OK is 0; every error is negative. A code whose meaning is that of a
 * Linux errno has that errno's number, negated (PV_EPERM is -1, PV_EINVAL
 * -22), so a guest ported from Linux or Xen reads it without a table. A code
 * with no Linux counterpart of the same meaning has a number of pvlib's own,
 * from PV_STATUS_OWN_BASE down: above every Linux errno (1..133) and below
 * Linux's kernel-internal codes (512 and up), so it can never be mistaken for
 * one. The values are guest ABI and never change meaning.
 *
 * A guest includes this header alone.
 */
#ifndef PVLIB_ABI_STATUS_H
#define PVLIB_ABI_STATUS_H

/** The first number of pvlib's own codes (negated, counting down). */
#define PV_STATUS_OWN_BASE 200

/** Results of pvlib calls and hypercalls. */
enum pv_status {
	PV_OK = 0,           /**< success */
	PV_EPERM = -1,       /**< the caller is not allowed to do this */
	PV_ENOENT = -2,      /**< no such object (port, grant, unit, table) */
	PV_ESRCH = -3,       /**< no such domain */
	PV_EIO = -5,         /**< device or port hook failure */
	PV_E2BIG = -7,       /**< a count or size is over its documented bound */
	PV_EAGAIN = -11,     /**< try again later; nothing changed */
	PV_ENOMEM = -12,     /**< caller-supplied storage is exhausted */
	PV_EACCES = -13,     /**< the access asked for exceeds the access granted */
	PV_EFAULT = -14,     /**< a guest address range is not accessible to it */
	PV_EBUSY = -16,      /**< the object is still referenced or in use */
	PV_EEXIST = -17,     /**< the object already exists / is already bound */
	PV_EINVAL = -22,     /**< a malformed argument */
	PV_ENOSPC = -28,     /**< no free slot in a fixed-size table */
	PV_ERANGE = -34,     /**< a number or address is outside its valid range */
	PV_ENOSYS = -38,     /**< no such hypercall / operation */
	PV_EOVERFLOW = -75,  /**< an arithmetic overflow in a guest-given value */
	/**
	 * Internal to the hypervisor, never returned to a guest: a preemptible
	 * handler asks to be re-issued with its updated arguments (Linux's
	 * ERESTART, with the same meaning).
	 */
	PV_ERESTART = -85,
	/** pvlib's own codes: no Linux errno has these meanings. */
	PV_EALIGN = -(PV_STATUS_OWN_BASE + 1),     /**< an address or size is not suitably aligned */
	PV_ENOTPINNED = -(PV_STATUS_OWN_BASE + 2), /**< the table must be pinned for this */
	PV_ETYPE = -(PV_STATUS_OWN_BASE + 3),      /**< a frame is in use with a conflicting type */
	PV_EXDEV = -(PV_STATUS_OWN_BASE + 4),      /**< the object belongs to another domain */
};

/** The lowest (most negative) value in the list; for range checks. */
#define PV_STATUS_MIN PV_EXDEV

#endif /* PVLIB_ABI_STATUS_H */
