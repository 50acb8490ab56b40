/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's layout for a para-virtualized Linux domain
 * (domain kind HV_KIND_LINUX, docs/linux.md). Everything else of the guest
 * ABI (hypercalls, start info, vcpu area, virtual exceptions) is
 * refhv_abi.h's; the guest's own copy of these facts is
 * guests/linux/src/arch/arm/include/asm/pvlib.h.
 *
 * A Linux domain owns n = mem_size / 4 KiB contiguous machine frames from
 * mem_ma (1 MiB aligned) and is entered with the MMU on, its tables pinned:
 *  - frame i is mapped at REFHV_LINUX_VA + i * 4 KiB with 4 KiB pages (never
 *    sections), ARM domain REFHV_ARMDOM_GUEST_KERN, for every i < n:
 *    Linux's linear map of its memory, PAGE_OFFSET = REFHV_LINUX_VA,
 *    PHYS_OFFSET = mem_ma. The start info and the page-table frames (the
 *    L1 and the coarse tables below) are read-only (ARMv5: AP 00, read-only
 *    in every mode with SCTLR.R = 1); on a VIVT cache the shared page and
 *    the table frames are uncached (Linux reads its tables; the hypervisor
 *    writes them through its own alias);
 *  - frame 0 start info, frame 1 shared page (event channels + vcpu area at
 *    REFHV_VCPU_OFFSET), frame 2 the ring page (as refhv_abi.h's
 *    REFHV_FRAME_*), frames 4..7 the L1 (Linux's swapper_pg_dir, 16 KiB
 *    below its text), from frame REFHV_LINUX_FRAME_IMAGE the kernel Image
 *    (TEXT_OFFSET 0x8000);
 *  - the last REFHV_LINUX_L2_FRAMES(n) frames hold the coarse tables of
 *    that map, four per frame; start_info.l2_ma is the first of them.
 *    Linux's RAM is [mem_ma, l2_ma): the frames below the image stay
 *    reserved, the tables are the hypervisor's validated state.
 * Entry: ARM state, virtual kernel mode, upcalls masked (the shared page's
 * upcall_mask is 1), pc = the Image's first byte, r0 = the start info's
 * virtual address (REFHV_LINUX_VA), sp = 0 (the kernel sets its own).
 */
#ifndef REFHV_LINUX_H
#define REFHV_LINUX_H

#define REFHV_LINUX_VA 0x80000000u       /* PAGE_OFFSET (VMSPLIT_2G) */
#define REFHV_LINUX_FRAME_IMAGE 8u       /* TEXT_OFFSET 0x8000 */
#define REFHV_LINUX_MEM_MIN (16u << 20)
#define REFHV_LINUX_MEM_MAX (256u << 20)
/* Frames of coarse tables for n frames (four 1 KiB tables of 1 MiB each). */
#define REFHV_LINUX_L2_FRAMES(n) (((n) + 1023u) / 1024u)

#endif
