/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * pvlib mmu: para-virtual page-table validation for the ARM short-descriptor
 * formats (ARMv5 / ARM926EJ-S and ARMv7-A without LPAE / Cortex-A9).
 *
 * A guest's page tables are read-only to it. It asks the hypervisor to pin a
 * table (validate it whole and take it over), to change single entries of a
 * pinned table (pv_mmu_update) and to make a pinned L1 its active base. Every
 * entry of a pinned table satisfies the rules in docs/mmu.md; a frame table
 * holds, per 4 KiB machine frame, its owner, type, counts and grant, and
 * pv_mmu_audit() recomputes every count from the tables.
 *
 * Descriptor formats are decoded in lib/mmu/fmt_v5.h and lib/mmu/fmt_v7.h.
 *
 * @par Concurrency contract
 * All state is in the caller's struct pv_mmu and the storage its
 * configuration names: the frame table, the domain and I/O region arrays,
 * and the guests' page tables in the RAM window. Every function, readers
 * included (audit, translate, frame_info), must be called with the instance
 * held exclusively: pvlib is uniprocessor, so that means from the trap path
 * or with interrupts that may enter pvlib masked. The port hooks run inside
 * the call and must not call back into the module. One instance covers all
 * of RAM, so there is one instance per machine. An SMP port must add: one
 * lock over the whole instance for every call (one operation changes the
 * records of several domains, e.g. a grant peer's counts); broadcast TLB
 * maintenance that completes on every CPU before the operation returns; and
 * nothing more for pinning, which already requires the frame's last
 * writable mapping to be gone and flushed (docs/mmu.md, "Concurrency
 * contract").
 *
 * Errors (negative enum pv_status), the same meaning everywhere:
 *   PV_EINVAL     malformed argument or descriptor (reserved encoding, SBZ bit
 *                 set, inconsistent large-page/supersection replicas)
 *   PV_ESRCH      no such domain (id >= the instance's domain count), or
 *                 the domain is being destroyed (see pv_mmu_domain_destroy)
 *   PV_ERANGE     an address is outside RAM and outside the domain's I/O regions
 *   PV_EALIGN     a table base or slot is misaligned for what is asked
 *   PV_EPERM      the rules forbid it: hypervisor memory or slots, a free
 *                 frame, a forbidden ARM domain or memory type
 *   PV_EXDEV      the frame belongs to another domain (and is not granted,
 *                 or its owner is being destroyed)
 *   PV_EACCES     write access asked through a read-only grant or I/O region
 *   PV_ETYPE      the frame is in use with a conflicting type (a page table
 *                 mapped writable, an L2 used as an L1, a writable frame pinned)
 *   PV_ENOTPINNED the table must be pinned (update of, or pointer to, an
 *                 unpinned table)
 *   PV_EBUSY      still referenced (unpin of an active or referenced table,
 *                 free/revoke/destroy while mapped)
 *   PV_EEXIST     already pinned / already owned / already granted
 *   PV_ENOENT     no such grant or I/O region
 *   PV_ENOSPC     the I/O region table is full
 *   PV_E2BIG      a batch longer than PV_MMU_UPDATE_MAX, a maintenance range
 *                 longer than PV_MMU_MAINT_LEN_MAX
 *   PV_EFAULT     a guest virtual range that is not mapped or meets the
 *                 hypervisor's range
 *   PV_EOVERFLOW  a guest virtual range that wraps around 4 GiB
 *   PV_ENOSYS     no such maintenance operation
 *   PV_ENOMEM     caller-supplied storage too small (init, audit)
 */
#ifndef PVLIB_MMU_H
#define PVLIB_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pvlib/abi/mmu.h>
#include <pvlib/status.h>
#include <pvlib/types.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Which short-descriptor format the instance validates. */
enum pv_mmu_format {
	PV_MMU_FMT_V5 = PV_MMU_ABI_FMT_V5, /**< ARMv5: ARM ARM DDI 0100I, B3 */
	PV_MMU_FMT_V7 = PV_MMU_ABI_FMT_V7, /**< ARMv7-A short descriptors: DDI 0406C, B3.5 */
};

/**
 * Memory types, normalized across formats. Masks are (1u << type).
 * ARMv5 C,B: 00 SO, 01 NC (uncached, buffered), 10 WT, 11 WB.
 * ARMv7 TEX,C,B with TEX remap off: see lib/mmu/fmt_v7.h. MIXED is Normal
 * memory whose inner and outer cache policies differ.
 */
enum pv_mmu_memtype {
	PV_MMU_MT_SO = 0,     /**< strongly ordered */
	PV_MMU_MT_DEVICE = 1, /**< device (ARMv7 only) */
	PV_MMU_MT_NC = 2,     /**< Normal, non-cacheable */
	PV_MMU_MT_WT = 3,     /**< Normal, write-through */
	PV_MMU_MT_WB = 4,     /**< Normal, write-back, no write-allocate */
	PV_MMU_MT_WBWA = 5,   /**< Normal, write-back, write-allocate */
	PV_MMU_MT_MIXED = 6,  /**< Normal, inner and outer policies differ */
};
#define PV_MMU_MT_MASK(t) (1u << (t)) /**< the mask bit of memory type t */
#define PV_MMU_MT_NORMAL_ALL 0x7Cu /**< NC..MIXED */

/** Frame types. Table types imply the frame is pinned. */
enum pv_mmu_ftype {
	PV_MMU_FT_NONE = 0, /**< ordinary memory, no writable mapping */
	PV_MMU_FT_RW = 1,   /**< ordinary memory with writable mappings */
	PV_MMU_FT_L1 = 2,   /**< one of the four frames of a pinned L1 */
	PV_MMU_FT_L2 = 3,   /**< a pinned frame of four 1 KiB coarse tables */
	PV_MMU_FT_FINE = 4, /**< a pinned ARMv5 4 KiB fine table */
};

#define PV_MMU_FRAME_PINNED 0x01u   /**< frame is (part of) a pinned table */
#define PV_MMU_FRAME_L1_HEAD 0x02u  /**< first frame of a pinned L1 */
#define PV_MMU_FRAME_GRANT_RW 0x04u /**< the grant allows writable mappings */

/**
 * What pv_mmu_frame_info() reports for one machine frame of RAM. The frame
 * table itself is kept by field, not by frame: parallel arrays in storage
 * the caller supplies (pv_mmu_config.frame_store), so that validating a run
 * of consecutive frames reads and counts consecutive words (docs/mmu.md,
 * "Frame table layout"). Tests and debuggers read frames through this view.
 */
struct pv_mmu_frame {
	uint32_t ref_count;  /**< leaf mappings of the frame in pinned tables */
	uint32_t type_count; /**< FT_RW: writable mappings among those;
	                        FT_L2/FT_FINE: L1 entries pointing into it */
	uint32_t grant_maps; /**< mappings made by the grant peer */
	pv_domid_t owner;      /**< the owner; pv_domid_none() if free, pv_domid_hyp()
	                          for the hypervisor's own memory */
	pv_domid_t grant_peer; /**< the domain it is granted to; pv_domid_none() if none */
	uint8_t type;        /**< enum pv_mmu_ftype */
	uint8_t flags;       /**< PV_MMU_FRAME_* */
};

/** uint32_t words of frame-table storage for nr_frames frames of RAM. */
#define PV_MMU_FRAME_STORE_WORDS(nr_frames) \
	(5u * (size_t)(nr_frames) + ((size_t)(nr_frames) + 63u) / 64u)

/** Per-domain state; the caller supplies an array indexed by domid. */
struct pv_mmu_domain {
	pv_mfn_t active_l1; /**< first frame of the active L1, or pv_mfn(PV_MMU_NO_L1) */
	uint32_t nr_frames; /**< frames owned */
	bool dying;         /**< destroy started and was deferred (PV_EBUSY) */
};
/** The value of pv_mmu_domain.active_l1 of a domain with no active L1 (no frame has it). */
#define PV_MMU_NO_L1 UINT32_MAX

#define PV_MMU_IO_WRITE 0x1u /**< writable mappings allowed */

/** A machine address range outside RAM assigned to one domain. */
struct pv_mmu_io_region {
	pv_maddr_t base;  /**< its first byte, 4 KiB aligned */
	uint32_t size;    /**< bytes, 4 KiB multiple; 0 = slot unused */
	uint32_t types;   /**< allowed PV_MMU_MT_MASK()s */
	uint32_t maps;    /**< mappings of the region in pinned tables */
	pv_domid_t owner; /**< the domain it is assigned to; pv_domid_none() if unused */
	uint16_t flags;   /**< PV_MMU_IO_* */
};

/** What pv_mmu_init() is given. */
struct pv_mmu_config {
	enum pv_mmu_format format; /**< the descriptor format to validate */
	void *ram;              /**< where the hypervisor sees RAM (4-byte aligned) */
	pv_maddr_t ram_base;    /**< machine address of RAM, 4 KiB aligned */
	uint32_t ram_size;      /**< bytes, 4 KiB multiple, > 0, within 4 GiB */
	/**
	 * Frame table: >= PV_MMU_FRAME_STORE_WORDS(ram_size / 4 KiB) words,
	 * 4-byte aligned, in memory no guest can reach. Inside the RAM window
	 * its frames can be given to the hypervisor, never to a guest
	 * (pv_mmu_frame_assign). Reached through another mapping of RAM (say a
	 * hypervisor image linked elsewhere), pvlib cannot tell which frames
	 * hold it: assign them to the hypervisor, as its own image.
	 */
	uint32_t *frame_store;
	size_t frame_store_words; /**< words at frame_store */
	struct pv_mmu_domain *domains; /**< domain ids 0 .. nr_domains-1 */
	uint32_t nr_domains; /**< domains (ids 0 .. nr_domains-1); 1 .. PV_DOMID_MAX_GUEST+1 */
	struct pv_mmu_io_region *io;   /**< may be NULL if io_max is 0 */
	uint32_t io_max; /**< entries at io */
	/** Hypervisor virtual range: L1 slots covering it are never the guest's. */
	pv_gvaddr_t hyp_va_base; /**< 1 MiB aligned */
	uint32_t hyp_va_size;    /**< 1 MiB multiple; 0 = none */
	/**
	 * Values installed in those slots when an L1 is pinned (NULL: zeros),
	 * one word a slot. Inside the RAM window the frames holding them can
	 * be given to the hypervisor, never to a guest (pv_mmu_frame_assign),
	 * as the frame table's; elsewhere they must lie in memory no guest can
	 * reach.
	 */
	const uint32_t *hyp_l1;
	/** ARM domains (0..15) a guest descriptor may name; bit n = domain n. */
	uint16_t guest_domains;
	uint8_t hyp_domain;      /**< the hypervisor's ARM domain; not in the mask */
	/**
	 * Allowed memory types for RAM (Normal only). Prefer exactly one: with
	 * several, a grant owner and its peer may map one frame with different
	 * cacheability, which loses coherency (docs/mmu.md, rule 9).
	 */
	uint32_t ram_types;
	/**
	 * ARMv7: accept global (nG = 0) guest leaf mappings; only safe when the
	 * port flushes the whole TLB on every domain switch. Default (false):
	 * global guest leaves are refused with PV_EPERM, since a global TLB
	 * entry matches whatever the current ASID is and would let the next
	 * domain use the previous one's mapping. Ignored on ARMv5 (no nG).
	 */
	bool allow_global;
};

/**
 * An mmu instance: storage the caller supplies, set up by pv_mmu_init().
 * Its fields are private to lib/mmu: use the functions.
 */
struct pv_mmu {
	/** @cond PVLIB_PRIVATE */
	enum pv_mmu_format format;
	uint32_t *ram;
	uint32_t ram_base;
	uint32_t ram_size;
	uint32_t nr_frames; /**< frames of RAM (= ram_size / 4 KiB) */
	/**
	 * The frame table, one word per frame in each array (lib/mmu/
	 * mmu_internal.h has the encoding): fr_key owner, table type and
	 * flags; fr_ro read-only leaf mappings; fr_tc the type count
	 * (writable leaf mappings of an ordinary frame, L1 entries pointing
	 * into a pinned second-level table); fr_gmaps the grant peer's
	 * mappings; fr_gpeer the grant peer; fr_group, per aligned group of
	 * 64 frames, the key all of them have, or UINT32_MAX.
	 */
	uint32_t *fr_key, *fr_ro, *fr_tc, *fr_gmaps, *fr_gpeer, *fr_group;
	uint32_t store_lo, store_hi; /**< frames of RAM holding the table: [lo, hi) */
	struct pv_mmu_domain *domains;
	uint32_t nr_domains;
	uint16_t guest_domains;
	uint8_t hyp_domain;
	uint32_t ram_types;
	bool allow_global;
	struct pv_mmu_io_region *io;
	uint32_t io_max;
	uint32_t hyp_slot_lo, hyp_slot_hi; /**< reserved L1 slots [lo, hi) */
	const uint32_t *hyp_l1;
	/* (last, so that the fields the validation reads keep their offsets) */
	uint32_t tpl_lo, tpl_hi; /**< frames of RAM holding hyp_l1's words: [lo, hi) */
	/** @endcond */};

/**
 * Set up an instance over caller storage. Checks the configuration: format,
 * RAM window and frame store alignment (PV_EALIGN), RAM size (PV_EINVAL),
 * storage sizes (PV_ENOMEM), hypervisor range alignment (PV_EALIGN), that the hypervisor's
 * ARM domain is not a guest domain, that ram_types holds Normal types only
 * and that nr_domains is 1 .. PV_DOMID_MAX_GUEST+1 (PV_EINVAL). Every frame
 * starts free, every domain without an L1.
 * @param mmu the instance
 * @param cfg the configuration (copied; the storage it names stays the caller's)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_init(struct pv_mmu *mmu, const struct pv_mmu_config *cfg);

/**
 * Give count frames starting at mfn to dom (a guest, or pv_domid_hyp() for
 * the hypervisor's own memory, which no guest can ever map). All must be in
 * RAM (PV_ERANGE) and free (PV_EEXIST), and a guest gets none that holds
 * the frame table or the hypervisor's L1 template, hyp_l1 (PV_EPERM);
 * nothing changes on error. The caller scrubs
 * frames before giving them away.
 * @param mmu the instance
 * @param mfn the (first) machine frame
 * @param count the number of frames
 * @param dom the new owner
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_frame_assign(struct pv_mmu *mmu, pv_mfn_t mfn, uint32_t count,
				   pv_domid_t dom);

/**
 * Take count frames back from dom. Each must be owned by dom (PV_EXDEV),
 * unmapped, untyped and ungranted (PV_EBUSY). All or nothing.
 * @param mmu the instance
 * @param mfn the (first) machine frame
 * @param count the number of frames
 * @param dom the owner
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_frame_free(struct pv_mmu *mmu, pv_mfn_t mfn, uint32_t count, pv_domid_t dom);

/**
 * May dom access frame mfn (write: for writing) through the hypervisor's own
 * map, e.g. for copy-to/from-guest? PV_OK if dom owns it or holds a grant
 * with enough access; PV_ETYPE for writing a page-table frame; PV_EXDEV,
 * PV_EACCES, PV_EPERM, PV_ERANGE as for a mapping.
 * @param mmu the instance
 * @param dom the domain the call acts for
 * @param mfn the frame
 * @param write whether write access is needed too
 * @return PV_OK if the access is allowed, else the error a mapping would get
 */
enum pv_status pv_mmu_frame_access(const struct pv_mmu *mmu, pv_domid_t dom, pv_mfn_t mfn,
				   bool write);

/**
 * The record of frame mfn (PV_ERANGE outside RAM). Changes nothing.
 * @param mmu the instance
 * @param mfn the frame
 * @param out receives its record
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_frame_info(const struct pv_mmu *mmu, pv_mfn_t mfn, struct pv_mmu_frame *out);

/**
 * Assign the machine range [base, base+size) outside RAM to dom for device
 * mappings of the given memory types. PV_EALIGN if not 4 KiB aligned,
 * PV_EINVAL if it overlaps RAM or is empty, PV_EEXIST if it overlaps another
 * region, PV_ENOSPC if the region table is full.
 * @param mmu the instance
 * @param dom the owner
 * @param base start of the range, 4 KiB aligned
 * @param size its length in bytes, a 4 KiB multiple
 * @param types the allowed memory types, PV_MMU_MT_MASK()s
 * @param flags PV_MMU_IO_*
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_io_assign(struct pv_mmu *mmu, pv_domid_t dom, pv_maddr_t base, uint32_t size,
				uint32_t types, uint32_t flags);

/**
 * Remove dom's region starting at base: PV_ENOENT, PV_EBUSY while mapped.
 * @param mmu the instance
 * @param dom the owner
 * @param base start of the region
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_io_revoke(struct pv_mmu *mmu, pv_domid_t dom, pv_maddr_t base);

/**
 * Share owner's frame with peer, read-only or read-write. The frame must be
 * owner's (PV_EXDEV), not a page table (PV_ETYPE) and not already granted
 * (PV_EEXIST); peer must be another guest (PV_EINVAL, PV_ESRCH).
 * @param mmu the instance
 * @param owner the frame's owner
 * @param mfn the frame
 * @param peer the domain it is shared with
 * @param writable whether the peer may map it writable
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_grant(struct pv_mmu *mmu, pv_domid_t owner, pv_mfn_t mfn, pv_domid_t peer,
			    bool writable);

/**
 * Withdraw a grant: PV_ENOENT if none, PV_EBUSY while the peer maps it.
 * @param mmu the instance
 * @param owner the frame's owner
 * @param mfn the frame
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_grant_revoke(struct pv_mmu *mmu, pv_domid_t owner, pv_mfn_t mfn);

/** What pv_mmu_pin() is asked to pin. */
enum pv_mmu_table {
	PV_MMU_TABLE_L1 = 1,   /**< 16 KiB L1: four frames from a multiple of 4 */
	PV_MMU_TABLE_L2 = 2,   /**< a 4 KiB frame holding four 1 KiB coarse tables */
	PV_MMU_TABLE_FINE = 3, /**< ARMv5 only: a 4 KiB fine table */
};

/**
 * Validate the table at frame mfn whole and take it over: its frames become typed
 * and read-only to the guest, and every mapping it holds is counted. The
 * frames must be dom's (PV_EXDEV, PV_EPERM), in RAM (PV_ERANGE), aligned
 * (PV_EALIGN: an L1's first frame is a multiple of 4), untyped with no
 * writable mapping (PV_ETYPE), not granted
 * (PV_EBUSY) and not pinned (PV_EEXIST); every entry must pass the rules
 * (the first failing entry's error is returned). Pinning an L1 installs the
 * hypervisor's slots. A refused pin changes nothing.
 * @param mmu the instance
 * @param dom the domain the call acts for
 * @param kind what to pin
 * @param mfn the table's (first) frame
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_pin(struct pv_mmu *mmu, pv_domid_t dom, enum pv_mmu_table kind,
			  pv_mfn_t mfn);

/**
 * Release a pinned table of dom: its mappings are dropped (with TLB and, on
 * ARMv5, cache maintenance) and its frames become ordinary memory again.
 * PV_ENOTPINNED if mfn is not a frame of a pinned table, PV_EALIGN if it is
 * not the table's first frame, PV_EBUSY if it is dom's active L1 or an L2
 * still pointed to.
 * @param mmu the instance
 * @param dom the domain the call acts for
 * @param mfn the table's (first) frame
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_unpin(struct pv_mmu *mmu, pv_domid_t dom, pv_mfn_t mfn);

/**
 * Apply up to count requests for dom, in order, stopping at the first one
 * refused. *done receives how many were applied; the return value is PV_OK
 * or the refused request's error (request *done left untouched). count over
 * PV_MMU_UPDATE_MAX is refused whole (PV_E2BIG, *done = 0). A slot must lie
 * in a table pinned by dom (PV_ENOTPINNED, PV_EXDEV), outside the
 * hypervisor's L1 slots (PV_EPERM). Large pages and supersections are
 * written as a group: the request names the group's first slot and the value
 * is replicated; a request that would split an existing group must name its
 * first slot (PV_EALIGN), and the rest of the old group becomes fault
 * entries. Every written slot is synced for the table walker; if any valid
 * entry was replaced, the TLB (and on ARMv5 the caches) are flushed before
 * returning.
 * @param mmu the instance
 * @param dom the domain the call acts for
 * @param reqs the requests
 * @param count their number
 * @param done receives how many were applied
 * @return PV_OK, or the error of request *done
 */
enum pv_status pv_mmu_update(struct pv_mmu *mmu, pv_domid_t dom,
			     const struct pv_mmu_update_req *reqs, uint32_t count, uint32_t *done);

/**
 * Make the pinned L1 whose first frame is mfn dom's active base
 * (PV_ENOTPINNED, PV_EXDEV, PV_EALIGN, PV_ETYPE). Only records it: the caller
 * writes TTBR (pv_mfn_to_maddr(mfn)) and does the context-switch maintenance
 * of its port.
 * @param mmu the instance
 * @param dom the domain the call acts for
 * @param mfn the first frame of the pinned L1
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_switch_base(struct pv_mmu *mmu, pv_domid_t dom, pv_mfn_t mfn);

/**
 * Tear dom down (the caller has stopped it for good). First dom is marked
 * dying and every table of dom is unpinned, which always succeeds and drops
 * dom's own mappings, including those of frames granted to it. Then, if
 * another domain still maps one of dom's frames through a grant, PV_EBUSY:
 * the frames stay dom's and the call is to be repeated once the peer has
 * unmapped them (destroy is deferred, never half-freed). Otherwise every
 * grant from or to dom is dropped, its I/O regions removed, its frames
 * freed and the dying mark cleared (the id may be used again).
 *
 * While dom is dying no new mapping of its frames can be made: a grant peer
 * asking to map one (update or pin) gets PV_EXDEV. Its existing mappings
 * stay until the peer drops them, and pvlib cannot drop them for it: the
 * caller must make the peer unmap (tell the peer guest to release the
 * shared pages, or unpin or destroy the peer's tables itself), then call
 * destroy again. dom itself can no longer pin, update, grant, be granted
 * to, switch base, or be given frames or I/O regions (PV_ESRCH). Work is
 * linear in RAM frames plus dom's table entries; not guest-reachable.
 * @param mmu the instance
 * @param dom the domain to tear down
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_domain_destroy(struct pv_mmu *mmu, pv_domid_t dom);

/**
 * A TLB or cache maintenance request for dom, as the hypervisor's handler
 * builds it: op, va and len come from the guest (pvlib/abi/mmu.h), asid is
 * the ASID the hypervisor runs dom with.
 */
struct pv_mmu_maint_req {
	uint32_t op;    /**< PV_MMU_MAINT_* */
	pv_gvaddr_t va; /**< in dom's address space */
	uint32_t len;   /**< bytes; 0 for the TLB and whole-cache operations */
	uint32_t asid;  /**< ARMv7: 0..255 (CONTEXTIDR.ASID); ARMv5: 0 */
};

/**
 * Validate req for dom and pass it to the port (pv_port_tlb_maint or
 * pv_port_cache_maint), which works on the current address space: call it
 * only for the domain whose active L1 is loaded. Everything is checked
 * before the hook is called; a refused request calls nothing:
 *   PV_ESRCH      no such domain
 *   PV_ENOENT     dom has no active L1
 *   PV_ENOSYS     op is not a PV_MMU_MAINT_* operation
 *   PV_EINVAL     asid out of range; len not 0 for a TLB operation, or va
 *                 not 0 for TLB_ALL; va or len not 0 for a whole-cache
 *                 operation; len 0 for a range cache operation
 *   PV_E2BIG      len > PV_MMU_MAINT_LEN_MAX
 *   PV_EOVERFLOW  va + len wraps around 4 GiB
 *   PV_EFAULT     the range (TLB_PAGE: the page) meets the hypervisor's
 *                 range, or (cache operations) some page of it has no
 *                 translation in dom's active tables (pv_mmu_translate)
 * TLB_ALL drops dom's ASID on ARMv7 (every entry when allow_global is set,
 * since global entries carry no ASID) and the whole TLB on ARMv5. The
 * whole-cache operations (CACHE_ALL_CLEAN_INVAL, ICACHE_ALL_INVAL) go to
 * pv_port_cache_maint as PV_CACHE_ALL_CLEAN_INVAL, PV_CACHE_ALL_ICACHE_INVAL
 * with va and len 0. Work is bounded by PV_MMU_MAINT_LEN_MAX (at most 65
 * table walks) and, for the whole-cache operations, by the cache size.
 * @param mmu the instance
 * @param dom the domain the call acts for
 * @param req the guest's request
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_maint(struct pv_mmu *mmu, pv_domid_t dom, const struct pv_mmu_maint_req *req);

/** What pv_mmu_translate() found for one guest virtual address. */
struct pv_mmu_xlate {
	pv_maddr_t ma;   /**< the machine address va translates to */
	uint8_t domain;  /**< ARM domain of the mapping (its L1 entry) */
	bool user_read;  /**< the AP bits let an unprivileged (USR) access read */
	bool user_write; /**< ... and write */
};

/**
 * Walk dom's active L1 in software, as the MMU would translate va. The
 * result says where va leads and what the AP bits allow a USR-mode access;
 * what the ARM domain allows is the caller's (it owns DACR), and whether dom
 * may reach the frame at all is pv_mmu_frame_access(). PV_ESRCH no such
 * domain, PV_ENOENT dom has no active L1, PV_EFAULT no translation (a fault
 * entry, or va in the hypervisor's reserved range). Changes nothing.
 * @param mmu the instance
 * @param dom the domain the call acts for
 * @param va the address to translate
 * @param out receives the translation
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_translate(const struct pv_mmu *mmu, pv_domid_t dom, pv_gvaddr_t va,
				struct pv_mmu_xlate *out);

/**
 * Where pv_mmu_audit() found the first inconsistency. Laid out as every
 * module's audit report: what, then the domain, then the module's own
 * objects.
 */
struct pv_mmu_audit_report {
	const char *what; /**< static text */
	pv_domid_t dom;   /**< the domain concerned (a frame's owner, a region's
	                     owner, a domain record), or pv_domid_none() */
	pv_mfn_t mfn;     /**< the machine frame concerned (its real number, not an
	                     index into RAM), or pv_mfn(PV_MMU_AUDIT_NO_FRAME) */
	uint32_t io;      /**< the I/O region slot concerned, or PV_MMU_AUDIT_NO_IO */
};
/** pv_mmu_audit_report.mfn of a finding not about one frame. */
#define PV_MMU_AUDIT_NO_FRAME UINT32_MAX
/** pv_mmu_audit_report.io of a finding not about one I/O region. */
#define PV_MMU_AUDIT_NO_IO UINT32_MAX

/** Scratch words pv_mmu_audit() needs. */
#define PV_MMU_AUDIT_SCRATCH_WORDS(nr_frames, io_max) (4u * (nr_frames) + (io_max))

/**
 * Recompute every count from the pinned tables, re-check every entry of them
 * against the rules and check the frame, grant, region and domain records
 * for consistency. PV_OK if all agree; PV_EINVAL with *report (if not NULL)
 * filled at the first disagreement; PV_ENOMEM if scratch is too small. Changes nothing.
 * @param mmu the instance
 * @param scratch PV_MMU_AUDIT_SCRATCH_WORDS() words of scratch space
 * @param scratch_words their number
 * @param report receives the first inconsistency (may be NULL)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_mmu_audit(const struct pv_mmu *mmu, uint32_t *scratch, size_t scratch_words,
			    struct pv_mmu_audit_report *report);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_MMU_H */
