/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/mmu hot paths against the cheapest thing that could do the same job.
 *
 *  pin: validate (pin) a guest's full L1 plus all its coarse L2 tables, the
 *       guest mapping all its RAM with small pages; baseline: one plain
 *       sequential read (sum) of the same table entries. Five layouts:
 *       small pages with the same attributes throughout (the walk's fast
 *       path), small pages whose attribute bits alternate between two
 *       patterns from one entry to the next (fast path, runs of one entry),
 *       small pages rotating through eight patterns (more than the walk
 *       remembers: every entry decoded and checked in full), small pages of
 *       one pattern mapping the frames in shuffled order (no two consecutive:
 *       entry by entry, on the remembered pattern, with scattered frame
 *       records), and an L1 of 1 MiB sections only (256 frame records
 *       checked and counted per entry, reported per 4 KiB frame mapped).
 *  update: pv_mmu_update batches of 1, 16 and 1024 small-page entries, each
 *       replacing a valid mapping; baseline: plain stores of the same values.
 *
 * Best of several runs; results feed a volatile sink. Port hooks are no-ops
 * (what a port with a snooping table walker would do).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvlib/mmu.h>
#include <pvlib/port.h>

#include "bench.h"

static volatile uint32_t sink;
static volatile uint32_t store_dst[1024];

#define RAM_BASE 0x40000000u
#define RUNS 7

enum layout {
	LAYOUT_SMALL = 0,    /* small pages, one attribute pattern */
	LAYOUT_MIXED = 1,    /* small pages, the attribute bits alternate */
	LAYOUT_SECTIONS = 2, /* 1 MiB sections in the L1, no L2 */
	LAYOUT_MANY = 3,     /* small pages, 8 attribute patterns in rotation */
	LAYOUT_SCATTER = 4,  /* small pages, one pattern, frames in shuffled order */
};

struct machine {
	enum pv_mmu_format fmt;
	enum layout layout;
	uint32_t guest_mb;
	uint32_t ram_size;
	uint32_t *ram;
	uint32_t *frame_store;
	struct pv_mmu_domain doms[2];
	struct pv_mmu mmu;
	uint32_t l1, l2_first, nl2, data_first; /* frame indices */
};

static uint32_t ma_of(uint32_t idx)
{
	return RAM_BASE + (idx << 12);
}

static uint32_t small_rw(enum pv_mmu_format f, uint32_t ma)
{
	return f == PV_MMU_FMT_V7 ? (ma | (1u << 11) | (3u << 4) | (1u << 3) | (1u << 2) | 2u) /* nG, AP=011, WB */
				  : (ma | 0xFF0u | (1u << 3) | (1u << 2) | 2u);   /* AP=11 x4, WB */
}

/* The same page with other attribute bits but the same accounting. */
static uint32_t small_rw_alt(enum pv_mmu_format f, uint32_t ma)
{
	return f == PV_MMU_FMT_V7 ? small_rw(f, ma) | 1u  /* XN */
				  : (small_rw(f, ma) & ~0xFF0u) | 0xAA0u; /* AP=10 x4 */
}

/*
 * Pattern k (0..7) of a small page at ma: ARMv7 XN, S and read-only vary;
 * ARMv5 the four AP fields vary between 10 and 11 (all count as writable).
 */
static uint32_t small_pattern(enum pv_mmu_format f, uint32_t ma, uint32_t k)
{
	if (f == PV_MMU_FMT_V7) {
		uint32_t d = small_rw(f, ma) | (k & 1u) | ((k & 2u) ? 1u << 10 : 0u);
		return (k & 4u) ? d | (1u << 9) : d; /* APX: AP 111, read-only */
	}
	static const uint32_t ap[8] = { 0xFF0u, 0xAA0u, 0xFA0u, 0xAF0u, 0xEE0u, 0xBB0u, 0xEB0u, 0xBE0u };
	return (small_rw(f, ma) & ~0xFF0u) | ap[k];
}

static uint32_t section_rw(enum pv_mmu_format f, uint32_t ma)
{
	return f == PV_MMU_FMT_V7 ? (ma | (1u << 17) | (3u << 10) | (1u << 3) | (1u << 2) | 2u)
				  : (ma | (3u << 10) | (1u << 4) | (1u << 3) | (1u << 2) | 2u);
}

static uint32_t coarse_ptr(enum pv_mmu_format f, uint32_t ma)
{
	return f == PV_MMU_FMT_V7 ? (ma | 1u) : (ma | (1u << 4) | 1u);
}

/*
 * The data frame page p maps: p itself, or for LAYOUT_SCATTER a fixed
 * shuffle of the pages (multiplication by an odd constant is a bijection
 * modulo a power of two; the high bits are folded in so that neighbours
 * land far apart and not at one stride).
 */
static uint32_t scatter(enum layout layout, uint32_t guest_mb, uint32_t p)
{
	uint32_t np = guest_mb << 8; /* a power of two here */
	if (layout != LAYOUT_SCATTER)
		return p;
	uint32_t x = (p * 0x9E3779B1u) & (np - 1u);
	return (x ^ (x >> 7)) & (np - 1u);
}

/*
 * Guest RAM of guest_mb MiB mapped at VA 0, with small pages through coarse
 * tables or with sections. The tables sit in the first MiB of RAM, the data
 * from the second on (1 MiB aligned, as sections need).
 */
static void machine_init(struct machine *m, enum pv_mmu_format fmt, uint32_t guest_mb,
			 enum layout layout)
{
	memset(m, 0, sizeof *m);
	m->fmt = fmt;
	m->layout = layout;
	m->guest_mb = guest_mb;
	m->nl2 = layout == LAYOUT_SECTIONS ? 0 : guest_mb / 4; /* four coarse tables a frame */
	uint32_t frames = 256 + (guest_mb << 8) + 8192 + 4; /* + spare pages for update */
	m->ram_size = frames << 12;
	m->ram = aligned_alloc(1u << 14, m->ram_size);
	m->frame_store = calloc(PV_MMU_FRAME_STORE_WORDS(frames), sizeof *m->frame_store);
	if (!m->ram || !m->frame_store)
		abort();
	memset(m->ram, 0, m->ram_size);
	struct pv_mmu_config c = {
		.format = fmt, .ram = m->ram, .ram_base = pv_maddr(RAM_BASE), .ram_size = m->ram_size,
		.frame_store = m->frame_store,
		.frame_store_words = PV_MMU_FRAME_STORE_WORDS(frames), .domains = m->doms, .nr_domains = 2,
		.hyp_va_base = pv_gvaddr(0xF0000000u), .hyp_va_size = 16u << 20,
		.guest_domains = 1, .hyp_domain = 15,
		.ram_types = PV_MMU_MT_MASK(PV_MMU_MT_WB) | PV_MMU_MT_MASK(PV_MMU_MT_WBWA),
	};
	if (pv_mmu_init(&m->mmu, &c) != PV_OK ||
	    pv_mmu_frame_assign(&m->mmu, pv_mfn(RAM_BASE >> 12), frames, pv_domid(1)) != PV_OK)
		abort();
	m->l1 = 0;
	m->l2_first = 4;
	m->data_first = 256;
	uint32_t *l1 = m->ram + m->l1 * 1024u;
	for (uint32_t mb = 0; mb < guest_mb; mb++) {
		if (layout == LAYOUT_SECTIONS) {
			l1[mb] = section_rw(fmt, ma_of(m->data_first + mb * 256));
			continue;
		}
		uint32_t l2ma = ma_of(m->l2_first + mb / 4) + 1024u * (mb % 4);
		l1[mb] = coarse_ptr(fmt, l2ma);
		uint32_t *l2 = m->ram + ((l2ma - RAM_BASE) >> 2);
		for (uint32_t p = 0; p < 256; p++) {
			uint32_t ma = ma_of(m->data_first + scatter(layout, guest_mb, mb * 256 + p));
			if (layout == LAYOUT_MANY)
				l2[p] = small_pattern(fmt, ma, p & 7u);
			else
				l2[p] = layout == LAYOUT_MIXED && (p & 1u) ? small_rw_alt(fmt, ma)
									    : small_rw(fmt, ma);
		}
	}
}

static void pin_all(struct machine *m)
{
	for (uint32_t i = 0; i < m->nl2; i++)
		if (pv_mmu_pin(&m->mmu, pv_domid(1), PV_MMU_TABLE_L2, pv_mfn(ma_of(m->l2_first + i) >> PV_FRAME_SHIFT)))
			abort();
	if (pv_mmu_pin(&m->mmu, pv_domid(1), PV_MMU_TABLE_L1, pv_mfn(ma_of(m->l1) >> PV_FRAME_SHIFT)))
		abort();
}

static void unpin_all(struct machine *m)
{
	if (pv_mmu_unpin(&m->mmu, pv_domid(1), pv_mfn(ma_of(m->l1) >> PV_FRAME_SHIFT)))
		abort();
	for (uint32_t i = 0; i < m->nl2; i++)
		if (pv_mmu_unpin(&m->mmu, pv_domid(1), pv_mfn(ma_of(m->l2_first + i) >> PV_FRAME_SHIFT)))
			abort();
}

/* The same entries pin reads: the whole L1 and the L2 frames. */
static uint32_t plain_read(const struct machine *m)
{
	uint32_t s = 0;
	const uint32_t *l1 = m->ram + m->l1 * 1024u;
	for (uint32_t j = 0; j < 4096; j++)
		s += l1[j];
	const uint32_t *l2 = m->ram + m->l2_first * 1024u;
	for (uint32_t j = 0; j < m->nl2 * 1024u; j++)
		s += l2[j];
	return s;
}

/*
 * A second, fairer floor: read the same entries and bump a per-frame counter
 * for each mapped frame (the bookkeeping any validator must do), no checks.
 */
static uint32_t read_and_count(const struct machine *m, uint32_t *count)
{
	const uint32_t *l1 = m->ram + m->l1 * 1024u;
	uint32_t s = 0;
	for (uint32_t j = 0; j < 4096; j++) {
		uint32_t e = l1[j];
		s += e;
		if ((e & 3u) == 2u) /* a section: every frame it covers */
			for (uint32_t k = 0; k < 256; k++)
				count[((e & 0xFFF00000u) - RAM_BASE) / 4096u + k]++;
	}
	const uint32_t *l2 = m->ram + m->l2_first * 1024u;
	for (uint32_t j = 0; j < m->nl2 * 1024u; j++) {
		uint32_t e = l2[j];
		if (e & 3u)
			count[(e - RAM_BASE) >> 12]++;
	}
	return s;
}

static void bench_pin(enum pv_mmu_format fmt, uint32_t guest_mb, enum layout layout)
{
	struct machine m;
	machine_init(&m, fmt, guest_mb, layout);
	uint32_t entries = 4096 + m.nl2 * 1024;
	double best_pin = 1e30, best_unpin = 1e30, best_read = 1e30, best_count = 1e30;
	uint32_t *count = calloc(m.ram_size >> 12, sizeof *count);
	if (!count)
		abort();
	for (int r = 0; r < RUNS; r++) {
		double t0 = bench_now_ns();
		pin_all(&m);
		double t1 = bench_now_ns();
		unpin_all(&m);
		double t2 = bench_now_ns();
		if (t1 - t0 < best_pin)
			best_pin = t1 - t0;
		if (t2 - t1 < best_unpin)
			best_unpin = t2 - t1;
		/* The floors run warm (a first, untimed pass): their fastest case. */
		sink = plain_read(&m);
		t0 = bench_now_ns();
		sink = plain_read(&m);
		t1 = bench_now_ns();
		if (t1 - t0 < best_read)
			best_read = t1 - t0;
		sink = read_and_count(&m, count);
		t0 = bench_now_ns();
		sink = read_and_count(&m, count);
		t1 = bench_now_ns();
		if (t1 - t0 < best_count)
			best_count = t1 - t0;
	}
	sink = count[m.data_first];
	free(count);
	const char *f = fmt == PV_MMU_FMT_V7 ? "v7" : "v5";
	if (layout == LAYOUT_SECTIONS) {
		uint32_t pages = guest_mb << 8;
		printf("%-4s pin L1 of %3u sections, %3u MiB guest  %6.1f us  %6.2f ns/4KiB page"
		       "  read+count %4.2f ns/page, ratio %5.2fx  (unpin %4.2f ns/page)\n",
		       f, guest_mb, guest_mb, best_pin / 1e3, best_pin / pages,
		       best_count / pages, best_pin / best_count, best_unpin / pages);
	} else {
		printf("%-4s pin L1+%3u L2 frames, %3u MiB guest%s %8u entries  %6.2f ns/entry"
		       "  plain read %5.2f ns/entry  ratio %5.2fx  (read+count %4.2f ns, ratio %4.2fx;"
		       " unpin %4.2f ns)\n",
		       f, m.nl2, guest_mb,
		       layout == LAYOUT_MIXED ? ", 2 attr" : layout == LAYOUT_MANY ? ", 8 attr"
		       : layout == LAYOUT_SCATTER ? ", shuffl" : "       ",
		       entries,
		       best_pin / entries, best_read / entries, best_pin / best_read,
		       best_count / entries, best_pin / best_count, best_unpin / entries);
	}
	free(m.ram);
	free(m.frame_store);
}

static void bench_update(enum pv_mmu_format fmt, uint32_t batch)
{
	struct machine m;
	machine_init(&m, fmt, 64, LAYOUT_SMALL);
	pin_all(&m);
	static struct pv_mmu_update_req a[1024], b[1024];
	uint32_t l2ma = ma_of(m.l2_first);
	for (uint32_t i = 0; i < batch; i++) {
		a[i].ptr = b[i].ptr = l2ma + 4 * i;
		a[i].val = small_rw(fmt, ma_of(m.data_first + 16384 + i));
		b[i].val = small_rw(fmt, ma_of(m.data_first + 16384 + 4096 + i));
	}
	uint32_t iters = 2000000 / batch, done;
	double best = 1e30, best_store = 1e30;
	for (int r = 0; r < RUNS; r++) {
		double t0 = bench_now_ns();
		for (uint32_t it = 0; it < iters; it++) {
			if (pv_mmu_update(&m.mmu, pv_domid(1), (it & 1) ? b : a, batch, &done) != PV_OK)
				abort();
		}
		double t1 = bench_now_ns();
		if (t1 - t0 < best)
			best = t1 - t0;
		/* Baseline: store the same values into a table-sized buffer, nothing checked. */
		t0 = bench_now_ns();
		for (uint32_t it = 0; it < iters; it++) {
			const struct pv_mmu_update_req *q = (it & 1) ? b : a;
			for (uint32_t i = 0; i < batch; i++)
				store_dst[i] = q[i].val;
		}
		t1 = bench_now_ns();
		if (t1 - t0 < best_store)
			best_store = t1 - t0;
	}
	double n = (double)iters * batch;
	printf("%-4s mmu_update batch %4u                            %6.2f ns/entry"
	       "  plain store %4.2f ns/entry  ratio %5.2fx\n",
	       fmt == PV_MMU_FMT_V7 ? "v7" : "v5", batch, best / n, best_store / n, best / best_store);
	free(m.ram);
	free(m.frame_store);
}

int main(void)
{
	printf("lib/mmu benchmark (best of %d runs; ns per table entry)\n", RUNS);
	for (int f = 0; f < 2; f++) {
		enum pv_mmu_format fmt = f ? PV_MMU_FMT_V5 : PV_MMU_FMT_V7;
		bench_pin(fmt, 64, LAYOUT_SMALL);
		bench_pin(fmt, 256, LAYOUT_SMALL);
		bench_pin(fmt, 64, LAYOUT_MIXED);
		bench_pin(fmt, 64, LAYOUT_MANY);
		bench_pin(fmt, 256, LAYOUT_SCATTER);
		bench_pin(fmt, 64, LAYOUT_SECTIONS);
		bench_pin(fmt, 256, LAYOUT_SECTIONS);
		bench_update(fmt, 1);
		bench_update(fmt, 16);
		bench_update(fmt, 1024);
	}
	return 0;
}
