/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * /dev/pvsecure: the secure domain of the pvlib reference hypervisor, as
 * a Linux guest's user space sees it (drivers/misc/pvsecure.c; pvlib's
 * docs/linux.md, "The secure channel").
 *
 * PVSECURE_IOC_REQUEST sends one request over the ring the hypervisor
 * set up between this domain and the secure domain and returns its
 * answer. The ioctl returns 0 when the secure domain answered PV_OK;
 * otherwise -1 with errno the status's errno (below), the structure still
 * filled in (status, out_len, out) when the secure domain did answer.
 *
 * A pv_status (pvlib/abi/status.h) reaches user space as an errno: the
 * codes with a Linux meaning are that errno's number negated already
 * (PV_EPERM -1 is EPERM, PV_EACCES -13 is EACCES, ...), and pvlib's four
 * own codes, which have none, map one to one onto errnos nothing else
 * here returns:
 *   PV_EALIGN     -201  EDOM
 *   PV_ENOTPINNED -202  ENOLINK
 *   PV_ETYPE      -203  EMEDIUMTYPE
 *   PV_EXDEV      -204  EXDEV
 * A status outside pvlib's list (or an answer that breaks the ring
 * protocol) is EPROTO; no answer within PVSECURE_TIMEOUT_MS is ETIMEDOUT;
 * a malformed request (unknown op, len over PVSECURE_DATA_MAX) EINVAL.
 */
#ifndef _UAPI_LINUX_PVSECURE_H
#define _UAPI_LINUX_PVSECURE_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* The operations the secure domain serves (pvlib's examples/guest/ring.h). */
#define PVSECURE_OP_PIN_CHECK	1	/* data: the PIN's digits; PV_OK or PV_EACCES */
#define PVSECURE_OP_MAC		2	/* data: a message; out: its 8-byte SipHash-2-4 tag */
#define PVSECURE_OP_GET_KEY	3	/* always refused: PV_EPERM */

#define PVSECURE_DATA_MAX	128
#define PVSECURE_OUT_MAX	16
#define PVSECURE_TIMEOUT_MS	2000

struct pvsecure_request {
	__u32 op;		/* in: PVSECURE_OP_* */
	__u32 len;		/* in: bytes of data */
	__u8 data[PVSECURE_DATA_MAX];	/* in */
	__s32 status;		/* out: the secure domain's pv_status */
	__u32 out_len;		/* out: bytes of out (8 for a MAC) */
	__u8 out[PVSECURE_OUT_MAX];	/* out: a MAC's tag, little-endian */
};

#define PVSECURE_IOC_REQUEST	_IOWR('V', 0x01, struct pvsecure_request)

/*
 * The isolation-test interface (CONFIG_PVSECURE_ATTACK only; root only,
 * CAP_SYS_RAWIO): one MMU_UPDATE request, issued as given, whose result is
 * the hypervisor's pv_status in status (and the ioctl's errno as above)
 * instead of the BUG() a refused update of Linux's own page-table code is.
 *
 *   PVSECURE_MMU_RAW      ptr and val exactly as given (ptr: the machine
 *                         address of a descriptor slot; val: the new
 *                         descriptor);
 *   PVSECURE_MMU_MAP      val is ignored: a small-page descriptor of the
 *                         frame at target (read-only, or read-write when
 *                         writable is 1) written into a slot of a page
 *                         table the driver keeps pinned for this (ptr out:
 *                         that slot); an accepted mapping is cleared again
 *                         at once.
 */
#define PVSECURE_MMU_RAW	0
#define PVSECURE_MMU_MAP	1

struct pvsecure_mmu_update {
	__u32 kind;		/* in: PVSECURE_MMU_* */
	__u32 ptr;		/* in (RAW) / out (MAP) */
	__u32 val;		/* in (RAW) / out (MAP): the descriptor sent */
	__u32 target;		/* in (MAP): a frame's machine address */
	__u32 writable;		/* in (MAP): 0 read-only, 1 read-write */
	__s32 status;		/* out: the hypervisor's pv_status */
};

/* What this domain knows of its own machine addresses (all read from the
 * start info): enough to aim a RAW request at its own tables. */
struct pvsecure_layout {
	__u32 mem_ma;		/* frame 0 of this domain */
	__u32 nr_frames;
	__u32 l1_ma;		/* swapper_pg_dir */
	__u32 l2_ma;		/* the hypervisor-built coarse tables */
	__u32 ring_ma;		/* the ring page granted to the secure domain */
	__u32 scratch_slot;	/* the MAP slot's machine address */
};

#define PVSECURE_IOC_MMU_UPDATE	_IOWR('V', 0x80, struct pvsecure_mmu_update)
#define PVSECURE_IOC_LAYOUT	_IOR('V', 0x81, struct pvsecure_layout)

#endif
