/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rules 8, 9 (the decoding), 10 and 12 of docs/mmu.md as theorems about
 * the five descriptor decoders of lib/mmu (fmt_v5.h, fmt_v7.h), proved
 * with Frama-C WP. Each
 * theorem is a contract on a thm_rule_* function that calls one decoder as
 * the library does; tools/prove inlines the decoder and its helpers into it
 * (the rules-v5 and rules-v7 runs) and proves the named clauses; the
 * decoders' absence of run-time errors is proved in rte_decode.c's runs,
 * whose lemmas this file uses (lsr_nonneg, land3_cases; lemmas-decode).
 *
 * Rule 8 (access permissions): an entry counts as writable if any
 * processor mode may write through it. ARMv7 (SCTLR.AFE = 0, DDI 0406C
 * B3.7.1): AP[2] = 0 and AP[1:0] != 00, and AP = 100 (reserved) is
 * refused. ARMv5 (SCTLR.S = 0, R = 1, DDI 0100I B3.4.1): any AP field !=
 * 00; a large or small page has four (bits [11:4], one per subpage), a
 * section ([11:10]) and a tiny page ([5:4]) one. The theorems say the
 * decoders' `writable` is set in every such case (pv_mmu_check's rule 3
 * and the frame counts rest on it). Each field is named by its bits in the
 * descriptor, as a shifted field ((d >> 10) & 3) where the decoder shifts
 * it and as a mask (d & 0xC00) where the decoder masks it: the provers do
 * not relate the two forms of one field (WP's theory of & and >> is thin).
 *
 * Rule 10 (well-formed encodings): the bits docs/mmu.md lists are refused
 * with PV_EINVAL, the ARMv7 first-level 0b11 (a PXN section, which the A9
 * does not have) too, and a supersection with extended base address bits
 * with PV_ERANGE. (v5_sbz and v5_coarse_ext, in isolation.c, cover the
 * ARMv5 section and coarse 0b11.)
 *
 * Rule 9 (memory types), the decoding: the reserved and
 * implementation-defined TEX/C/B encodings of DDI 0406C table B3-10 (TEX
 * 001 with C:B 01 or 10, TEX 010 with C:B other than 00, TEX 011) are
 * refused, and every other encoding decodes to the type the manual gives
 * it (V7_MT: TEX[2] = 1 is Normal with the outer policy TEX[1:0] and the
 * inner C:B, 00 NC, 01 WBWA, 10 WT, 11 WB, MIXED when they differ); ARMv5
 * C:B (DDI 0100I B5) 00 strongly ordered, 01 NC (buffered), 10 WT, 11 WB
 * (V5_MT). Stated from the manuals' tables, not from the decoders'
 * (v5_mt, v7_mt_tex01, v7_policy): pv_mmu_check's rule 9 theorems are
 * about the decoded type, so a Device encoding read as write-back would
 * pass them; these theorems close that gap.
 *
 * Rule 12 (no global mappings, ARMv7): a leaf whose nG bit is 0 is
 * decoded as global, so pv_mmu_check's no_global (check_pending.c) refuses
 * it unless the port allows global mappings.
 */
#include "rte_decode.c"

/*@
  // Rule 8 on ARMv5, the four-field test of v5_ap4_writable: a byte of
  // four 2-bit AP fields that is not zero has a field != 00, and the
  // function's OR of each field's two bits finds it. Proved by case split
  // over the 256 values (WP's tactic wp:range), in the lemmas-rules run.
  lemma ap4_writable: \forall integer a; 0 <= a <= 255 && a != 0 ==> ((a | (a >> 1)) & 0x55) != 0;

  // C11 6.5.10 on a non-negative value (as land3_mod): its low byte is its
  // remainder by 256.
  axiomatic LowByte {
  axiom land255_byte: \forall integer x; 0 <= x ==> (x & 255) == x % 256;
  }
*/

/* DDI 0406C table B3-10 (TEX remap off): the reserved and
 * implementation-defined TEX[2:0], C:B encodings (TEX[2] = 1 has none),
 * and the types of the others (V7_MT is meant for an encoding
 * V7_TEX_RSVD does not name). C macros, expanded in the contracts, so
 * that Qed meets the terms it simplifies the code to. */
#define V7_TEX_RSVD(tex, cb) \
	(((tex) == 1 && ((cb) == 1 || (cb) == 2)) || ((tex) == 2 && (cb) != 0) || (tex) == 3)
#define V7_POLICY(x) \
	((x) == 0 ? PV_MMU_MT_NC : (x) == 1 ? PV_MMU_MT_WBWA : (x) == 2 ? PV_MMU_MT_WT : PV_MMU_MT_WB)
#define V7_MT(tex, cb)                                                                        \
	((tex) >= 4 ? (V7_POLICY((tex) & 3) == V7_POLICY(cb) ? V7_POLICY(cb) : PV_MMU_MT_MIXED) : \
	 (tex) == 0 ? ((cb) == 0 ? PV_MMU_MT_SO : (cb) == 1 ? PV_MMU_MT_DEVICE :                  \
		       (cb) == 2 ? PV_MMU_MT_WT : PV_MMU_MT_WB) :                                 \
	 (tex) == 1 ? ((cb) == 0 ? PV_MMU_MT_NC : PV_MMU_MT_WBWA) : PV_MMU_MT_DEVICE)
/* DDI 0100I B5 (and fmt_v5.h): C:B 00 uncached unbuffered, 01 buffered,
 * 10 write-through, 11 write-back. */
#define V5_MT(cb) ((cb) == 0 ? PV_MMU_MT_SO : (cb) == 1 ? PV_MMU_MT_NC : (cb) == 2 ? PV_MMU_MT_WT : PV_MMU_MT_WB)

/*@
  requires \valid(e);
  assigns *e;
  // rule 10: 0b11 (a section with PXN, reserved on the A9) is refused
  ensures v7_l1_pxn: (d & 3) == 3 ==> \result == PV_EINVAL;
  // rule 10: a section's or supersection's IMP bit 9 and NS bit 19
  ensures v7_l1_imp_ns: (d & 3) == 2 && (d & 0x80200) != 0 ==> \result == PV_EINVAL;
  // rule 10: a page-table pointer's PXN [2], NS [3], SBZ [4], IMP [9]
  ensures v7_l1_table_bits: (d & 3) == 1 && (d & 0x21C) != 0 ==> \result == PV_EINVAL;
  // rule 10: a supersection with extended base address bits [23:20] or [8:5]
  ensures v7_l1_ext_base: (d & 3) == 2 && (d & 0x80200) == 0 && (d & 0x40000) != 0 &&
    (d & 0x00F001E0) != 0 ==> \result == PV_ERANGE;
  // rule 8: AP = 100 (AP[2] bit 15, AP[1:0] bits [11:10]) is refused
  ensures v7_l1_ap_rsvd: (d & 3) == 2 && ((d >> 15) & 1) == 1 && ((d >> 10) & 3) == 0 ==>
    \result != PV_OK;
  // rule 8: AP[2] = 0 and AP[1:0] != 00 is writable
  ensures v7_l1_ap: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF &&
    ((d >> 15) & 1) == 0 && ((d >> 10) & 3) != 0 ==> e->writable != 0;
  // rule 9: an accepted section or supersection has no reserved TEX [14:12], C:B [3:2]
  ensures v7_l1_tex_rsvd: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==>
    !V7_TEX_RSVD((d >> 12) & 7, (d >> 2) & 3);
  // rule 9: ... and its memory type is the manual's for its TEX, C:B
  ensures v7_l1_mt: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==>
    e->mt == V7_MT((d >> 12) & 7, (d >> 2) & 3);
  // rule 12: nG [17] = 0 is reported as global
  ensures v7_l1_global: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && (d & 0x20000) == 0 ==>
    e->global != 0;
*/
int32_t thm_rule_v7_l1(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v7_decode_l1(d, e);
}

/*@
  requires \valid(e);
  assigns *e;
  // rule 10: a large page's SBZ bits [8:6]
  ensures v7_l2_sbz: (d & 3) == 1 && (d & 0x1C0) != 0 ==> \result == PV_EINVAL;
  // rule 8: AP = 100 (AP[2] bit 9, AP[1:0] bits [5:4]) is refused
  ensures v7_l2_ap_rsvd: (d & 3) != 0 && ((d >> 9) & 1) == 1 && ((d >> 4) & 3) == 0 ==>
    \result != PV_OK;
  // rule 8: AP[2] = 0 and AP[1:0] != 00 is writable
  ensures v7_l2_ap: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF &&
    ((d >> 9) & 1) == 0 && ((d >> 4) & 3) != 0 ==> e->writable != 0;
  // rule 9: an accepted page has no reserved TEX (a large page's [14:12],
  // a small page's [8:6]) and C:B [3:2]
  ensures v7_l2_tex_rsvd: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==>
    !V7_TEX_RSVD((d & 3) == 1 ? (d >> 12) & 7 : (d >> 6) & 7, (d >> 2) & 3);
  // rule 9: ... and its memory type is the manual's (one clause per size:
  // with the TEX field chosen inside the formula CVC4 does not conclude)
  ensures v7_large_mt: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && (d & 3) == 1 ==>
    e->mt == V7_MT((d >> 12) & 7, (d >> 2) & 3);
  ensures v7_small_mt: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && (d & 3) != 1 ==>
    e->mt == V7_MT((d >> 6) & 7, (d >> 2) & 3);
  // rule 12: nG [11] = 0 is reported as global
  ensures v7_l2_global: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && (d & 0x800) == 0 ==>
    e->global != 0;
*/
int32_t thm_rule_v7_l2(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v7_decode_l2(d, e);
}

/*@
  requires \valid(e);
  assigns *e;
  // rule 10: a coarse pointer's [3:2] and IMP bit 9, a fine pointer's [3:2] and [11:9]
  ensures v5_l1_coarse_bits: (d & 3) == 1 && (d & 0x20C) != 0 ==> \result == PV_EINVAL;
  ensures v5_l1_fine_bits: (d & 3) == 3 && (d & 0xE0C) != 0 ==> \result == PV_EINVAL;
  // rule 9: a section's memory type is the manual's for its C:B [3:2]
  ensures v5_section_mt: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==> e->mt == V5_MT((d >> 2) & 3);
  // rule 8: a section's AP [11:10] != 00 is writable
  ensures v5_section_ap: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && (d & 0xC00) != 0 ==>
    e->writable != 0;
*/
int32_t thm_rule_v5_l1(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v5_decode_l1(d, e);
}

/*@
  requires \valid(e);
  assigns *e;
  // rule 10: a large page's SBZ bits [15:12]
  ensures v5_coarse_sbz: (d & 3) == 1 && (d & 0xF000) != 0 ==> \result == PV_EINVAL;
  // rule 9: a page's memory type is the manual's for its C:B [3:2]
  ensures v5_coarse_mt: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==> e->mt == V5_MT((d >> 2) & 3);
  // rule 8: a large or small page with any of its four AP fields (bits
  // [11:4]) != 00 is writable
  ensures v5_coarse_ap: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && ((d >> 4) & 255) != 0 ==>
    e->writable != 0;
*/
int32_t thm_rule_v5_coarse(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v5_decode_coarse(d, e);
}

/*@
  requires \valid(e);
  assigns *e;
  // rule 10: a large page's SBZ bits [15:12], a tiny page's [9:6]
  ensures v5_fine_sbz: (d & 3) == 1 && (d & 0xF000) != 0 ==> \result == PV_EINVAL;
  ensures v5_tiny_sbz: (d & 3) == 3 && (d & 0x3C0) != 0 ==> \result == PV_EINVAL;
  // rule 9: a page's memory type is the manual's for its C:B [3:2]
  ensures v5_fine_mt: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==> e->mt == V5_MT((d >> 2) & 3);
  // rule 8: a large or small page with any of its four AP fields != 00,
  // a tiny page with its AP [5:4] != 00, is writable
  ensures v5_fine_ap: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && (d & 3) != 3 &&
    ((d >> 4) & 255) != 0 ==> e->writable != 0;
  ensures v5_tiny_ap: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && (d & 3) == 3 &&
    (d & 0x30) != 0 ==> e->writable != 0;
*/
int32_t thm_rule_v5_fine(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v5_decode_fine(d, e);
}
