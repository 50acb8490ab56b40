/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-QEMU benchmarks, built only into the bench image (hv-bench.elf,
 * -DREFHV_BENCH; tools/demo --bench): the hypervisor you copy has none of
 * this in its boot. Run once every domain is built, just before the first
 * guest starts. Times are instructions under -icount shift=0 (1 ns each);
 * docs/benchmarks.md, "In QEMU", has the figures and what they mean.
 *
 *  - pin of the first domain's L2 frame, against a plain read of its slots;
 *  - the address-space switch, alone and with a whole-TLB flush;
 *  - REFHV_SI_BENCH in every start info: the guests run theirs (bare trap,
 *    null hypercall, ring round trip; examples/guest/rich.c).
 */
#include "hv.h"

#ifdef REFHV_BENCH

#define NR_FRAMES (BOARD_RAM_SIZE >> PV_FRAME_SHIFT)
#define BLOCK_FRAMES REFHV_GUEST_FRAMES /* a domain's memory: 1 MiB */

/* Are the n frames from ma all free (no owner)? */
static bool frames_free(uint32_t ma, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct pv_mmu_frame f;
		if (pv_mmu_frame_info(&hv.mmu, pv_maddr_to_mfn(pv_maddr(ma + i * PV_FRAME_SIZE)),
				      &f) != PV_OK ||
		    pv_domid_val(f.owner) != PV_DOMID_NONE_VALUE)
			return false;
	}
	return true;
}

/* A free, 1 MiB aligned megabyte of RAM, from the top down; 0 if none. */
static uint32_t free_block_ma(void)
{
	for (uint32_t mb = BOARD_RAM_SIZE >> 20; mb-- > 0;) {
		uint32_t ma = BOARD_RAM_PA + (mb << 20);
		if (frames_free(ma, BLOCK_FRAMES))
			return ma;
	}
	return 0;
}

/*
 * Pin and unpin the first domain's L2 frame as the builder pinned it (its
 * kernel and user coarse tables, most slots empty), and read the same 1024
 * slots plainly, each timed call by call and summed over the rounds (the
 * 1 us time base quantises each call, which evens out over the rounds).
 * The domain's own L2 is pinned and in use by now, and its frames are
 * mapped; so the benchmark lends the domain a free megabyte laid out like
 * its own, writes the L2 there with every entry moved by the same offset
 * (same attributes, same runs of consecutive frames, same alignment), and
 * pins that: the state the builder's pin found, frames mapped by nothing.
 * Pin includes the port's table sync; unpin, with its cache and TLB flush,
 * is not timed.
 */
static void bench_pin(struct hv_dom *d)
{
	const uint32_t rounds = 400;
	uint32_t base = free_block_ma();
	pv_mfn_t first = pv_maddr_to_mfn(pv_maddr(base));
	int32_t rc = base ? pv_mmu_frame_assign(&hv.mmu, first, BLOCK_FRAMES, d->id) : PV_ENOMEM;
	if (rc != PV_OK) {
		hv_printf("bench: no free megabyte for the pin benchmark: %s\n", pv_status_name(rc));
		hv.unexpected++;
		return;
	}
	uint32_t ma = base + REFHV_FRAME_L2 * PV_FRAME_SIZE;
	volatile uint32_t *l2 = port_ma_to_va(pv_maddr(ma));
	const uint32_t *src = (const uint32_t *)(d->mem + REFHV_FRAME_L2 * PV_FRAME_SIZE);
	const uint32_t from = d->cfg->mem_base, size = BLOCK_FRAMES * PV_FRAME_SIZE;
	uint64_t pin = 0, rd = 0;
	uint32_t used = 0, sum = 0;
	for (uint32_t j = 0; j < 1024; j++) {
		uint32_t e = src[j], at = e & ~(PV_FRAME_SIZE - 1u);
		if ((e & 3u) != 0 && at - from < size) /* a small page of the domain */
			e = (at - from + base) | (e & (PV_FRAME_SIZE - 1u));
		l2[j] = e;
		used += (e & 3u) != 0;
	}
	for (uint32_t r = 0; r < rounds && rc == PV_OK; r++) {
		pv_time_ns_t t0 = port_time_ns();
		rc = pv_mmu_pin(&hv.mmu, d->id, PV_MMU_TABLE_L2, pv_maddr_to_mfn(pv_maddr(ma)));
		pv_time_ns_t t1 = port_time_ns();
		if (rc == PV_OK)
			rc = pv_mmu_unpin(&hv.mmu, d->id, pv_maddr_to_mfn(pv_maddr(ma)));
		pin += t1 - t0;
		t0 = port_time_ns();
		for (uint32_t j = 0; j < 1024; j++)
			sum += l2[j];
		t1 = port_time_ns();
		rd += t1 - t0;
	}
	for (uint32_t j = 0; j < 1024; j++)
		l2[j] = 0;
	int32_t rc2 = pv_mmu_frame_free(&hv.mmu, first, BLOCK_FRAMES, d->id);
	if (rc != PV_OK || rc2 != PV_OK) {
		hv_printf("bench: pin of an L2 frame: %s, %s\n", pv_status_name(rc),
			  pv_status_name(rc2));
		hv.unexpected++;
		return;
	}
	uint32_t p = (uint32_t)(pin / rounds), q = (uint32_t)(rd / rounds);
	uint32_t ratio = q ? (p * 10u + q / 2u) / q : 0; /* tenths, rounded */
	hv_printf("bench: pin of an L2 frame (%u of 1024 slots in use): %u instructions; "
		  "plain read of its slots: %u; ratio %u.%u (checksum %x)\n",
		  used, p, q, ratio / 10u, ratio % 10u, sum);
}

/*
 * The address-space switch alone (ARMv5: cache clean and invalidate, TTBR,
 * DACR, TLB invalidate; ARMv7: TTBR, ASID, DACR), and the same switch
 * followed by a whole-TLB flush, which is what a port without ASIDs would
 * have to do. Instructions, in tenths.
 */
static void bench_switch(void)
{
	if (hv.nr_doms < 2)
		return;
	const uint32_t n = 2000;
	pv_time_ns_t t0 = port_time_ns();
	for (uint32_t i = 0; i < n; i++)
		port_switch_space(hv.dom[i & 1u].l1, hv.dom[i & 1u].asid, port_guest_dacr(true));
	pv_time_ns_t t1 = port_time_ns();
	for (uint32_t i = 0; i < n; i++) {
		port_switch_space(hv.dom[i & 1u].l1, hv.dom[i & 1u].asid, port_guest_dacr(true));
		port_tlb_flush_all();
	}
	pv_time_ns_t t2 = port_time_ns();
	port_switch_space(port_hyp_l1_ma(), 0, port_guest_dacr(false));
	uint32_t sw = (uint32_t)((t1 - t0) * 10u / n), fl = (uint32_t)((t2 - t1) * 10u / n);
	hv_printf("bench: address-space switch: %u.%u instructions; with a whole-TLB flush: %u.%u\n",
		  sw / 10u, sw % 10u, fl / 10u, fl % 10u);
}

void hv_bench_run(void)
{
	if (hv.nr_doms == 0)
		return;
	bench_pin(&hv.dom[0]);
	bench_switch();
	for (uint32_t i = 0; i < hv.nr_doms; i++)
		hv.dom[i].si->flags |= REFHV_SI_BENCH;
}

#endif
