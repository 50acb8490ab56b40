/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The domain builder: frames, initial page tables (pinned through lib/mmu,
 * so they are validated exactly like any later guest update), event
 * channels, the start-info page, and the first register state.
 */
#include "hv.h"
#include "images.h"
#include "kuser.h"
#include "refhv_linux.h"

struct hv_image_desc {
	const uint8_t *start, *end;
};

static const struct hv_image_desc images[HV_IMAGE_COUNT] = {
	[HV_IMAGE_SECURE] = { hv_image_secure_start, hv_image_secure_end },
	[HV_IMAGE_RICH] = { hv_image_rich_start, hv_image_rich_end },
	[HV_IMAGE_ATTACKER] = { hv_image_attacker_start, hv_image_attacker_end },
#ifdef REFHV_LINUX /* only the hv-linux build links a kernel in */
	[HV_IMAGE_LINUX] = { hv_image_linux_start, hv_image_linux_end },
#endif
};

_Static_assert(sizeof(struct pv_evtchn_shared) <= REFHV_VCPU_OFFSET,
	       "event-channel page overlaps the vcpu area");

#define NR_FRAMES (BOARD_RAM_SIZE >> PV_FRAME_SHIFT)
static uint32_t mmu_frame_store[PV_MMU_FRAME_STORE_WORDS(NR_FRAMES)];
static struct pv_mmu_domain mmu_doms[HV_MAX_DOMS];
static struct pv_mmu_io_region mmu_io[HV_MAX_DEVS];

/* The port's page-table format, and the one memory type guests map RAM
 * with (one type: no two mappings of a frame with different cacheability):
 * what pv_mmu_desc_small() produces, write-back (ARMv7: write-allocate). */
#define HV_MMU_FORMAT (CPU_MMU_V7 ? PV_MMU_FMT_V7 : PV_MMU_FMT_V5)
#define HV_RAM_TYPE (CPU_MMU_V7 ? PV_MMU_MT_WBWA : PV_MMU_MT_WB)
/* On a VIVT cache, the frames shared with the hypervisor are uncached
 * (ARMv5 C 0 B 1) on both sides. A guest may map other frames of its own
 * uncached too: on ARMv5 that is one more incoherent alias of its own
 * memory, which hurts no one else (every domain switch flushes the cache). */
#define HV_RAM_TYPES (PV_MMU_MT_MASK(HV_RAM_TYPE) | (PORT_VIVT_CACHE ? PV_MMU_MT_MASK(PV_MMU_MT_NC) : 0u))
/* ... and the one type for device registers (ARMv5 has no Device type:
 * uncached unbuffered, i.e. strongly ordered). */
#define HV_DEV_TYPE (CPU_MMU_V7 ? PV_MMU_MT_DEVICE : PV_MMU_MT_SO)

int32_t hv_mmu_init(void)
{
	const struct pv_mmu_config mc = {
		.format = HV_MMU_FORMAT,
		.ram = port_ma_to_va(pv_maddr(BOARD_RAM_PA)),
		.ram_base = pv_maddr(BOARD_RAM_PA),
		.ram_size = BOARD_RAM_SIZE,
		.frame_store = mmu_frame_store,
		.frame_store_words = PV_MMU_FRAME_STORE_WORDS(NR_FRAMES),
		.domains = mmu_doms,
		.nr_domains = (uint16_t)hv_config.nr_doms,
		.io = mmu_io,
		.io_max = HV_MAX_DEVS,
		.hyp_va_base = pv_gvaddr(HV_VIRT_BASE),
		.hyp_va_size = 0u - HV_VIRT_BASE,
		.hyp_l1 = port_hyp_l1() + (HV_VIRT_BASE >> 20),
		.guest_domains = (1u << ARMDOM_GUEST_KERN) | (1u << ARMDOM_GUEST_USER),
		.hyp_domain = ARMDOM_HYP,
		.ram_types = HV_RAM_TYPES,
	};
	int32_t rc = pv_mmu_init(&hv.mmu, &mc);
	if (rc != PV_OK)
		return rc;
	/* The hypervisor's own RAM: no guest can ever map it. */
	return pv_mmu_frame_assign(&hv.mmu, pv_mfn(hv_config.hyp_base >> PV_FRAME_SHIFT),
				   hv_config.hyp_size >> PV_FRAME_SHIFT, pv_domid_hyp());
}

static void zero(void *p, uint32_t n)
{
	uint32_t *w = p;
	for (uint32_t i = 0; i < n / 4u; i++)
		w[i] = 0;
}

static void copy(void *dst, const void *src, uint32_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	for (uint32_t i = 0; i < n; i++)
		d[i] = s[i];
}

static bool frame_is_table(uint32_t i)
{
	return i >= REFHV_FRAME_L1 && i <= REFHV_FRAME_L2;
}

/* Frames the hypervisor writes while the domain runs: on a VIVT cache both
 * sides map them uncached (the hypervisor through port_uncached_map). */
static bool shared_with_hv(uint32_t i)
{
	return i == REFHV_FRAME_START_INFO || i == REFHV_FRAME_SHARED;
}

/* Fill the initial tables in the domain's own frames (not yet visible to
 * anything), then pin them: lib/mmu validates every entry. Only the frames
 * the image occupies, and the user region (user code is copied there), are
 * executable; everything else is execute-never where the format has XN. */
static int32_t build_tables(struct hv_dom *d, uint32_t base, uint32_t img_frames)
{
	const uint32_t fmt = HV_MMU_FORMAT;
	uint32_t *l1 = (uint32_t *)(d->mem + REFHV_FRAME_L1 * PV_FRAME_SIZE);
	uint32_t *l2 = (uint32_t *)(d->mem + REFHV_FRAME_L2 * PV_FRAME_SIZE);
	uint32_t l1_ma = base + REFHV_FRAME_L1 * PV_FRAME_SIZE;
	uint32_t l2_ma = base + REFHV_FRAME_L2 * PV_FRAME_SIZE;
	uint32_t *kern = l2 + REFHV_L2_KERN * 256u, *user = l2 + REFHV_L2_USER * 256u;

	zero(l1, 4u * PV_FRAME_SIZE);
	zero(l2, PV_FRAME_SIZE);
	for (uint32_t i = 0; i < REFHV_FREE_SLOT; i++) {
		if (frame_is_table(i))
			continue; /* page tables are never mapped into the guest */
		uint32_t flags = i == REFHV_FRAME_START_INFO ? 0u : PV_MMU_DESC_W;
		if (i >= REFHV_FRAME_IMAGE && i < REFHV_FRAME_IMAGE + img_frames)
			flags |= PV_MMU_DESC_X;
		if (PORT_VIVT_CACHE && shared_with_hv(i))
			flags |= PV_MMU_DESC_UNCACHED;
		kern[i] = pv_mmu_desc_small(fmt, base + i * PV_FRAME_SIZE, flags);
	}
	for (uint32_t j = 0; j < REFHV_USER_FRAMES; j++)
		user[j] = pv_mmu_desc_small(fmt, base + (REFHV_FREE_SLOT + j) * PV_FRAME_SIZE,
					    PV_MMU_DESC_W | PV_MMU_DESC_X);
	l1[REFHV_KERN_VA >> 20] = pv_mmu_desc_table(fmt, l2_ma + REFHV_L2_KERN * 1024u,
						    ARMDOM_GUEST_KERN);
	l1[REFHV_USER_VA >> 20] = pv_mmu_desc_table(fmt, l2_ma + REFHV_L2_USER * 1024u,
						    ARMDOM_GUEST_USER);

	int32_t rc = pv_mmu_pin(&hv.mmu, d->id, PV_MMU_TABLE_L2, pv_mfn(l2_ma >> PV_FRAME_SHIFT));
	if (rc == PV_OK)
		rc = pv_mmu_pin(&hv.mmu, d->id, PV_MMU_TABLE_L1, pv_mfn(l1_ma >> PV_FRAME_SHIFT));
	if (rc == PV_OK)
		rc = pv_mmu_switch_base(&hv.mmu, d->id, pv_mfn(l1_ma >> PV_FRAME_SHIFT));
	if (rc != PV_OK)
		return rc;
	d->l1 = pv_maddr(l1_ma);
	return PV_OK;
}

/*
 * The tables of a Linux domain (refhv_linux.h): every frame i of its n at
 * REFHV_LINUX_VA + i * 4 KiB, small pages only (never sections); the table
 * frames (the L1 at frames 4..7, the coarse tables in the last frames)
 * read-only, so that Linux reads its tables, and on a VIVT cache uncached,
 * so that its reads see what the hypervisor wrote through its own alias.
 * Pinned like the small layout's.
 */
static int32_t build_tables_linux(struct hv_dom *d, uint32_t base, uint32_t n,
				  uint32_t img_frames)
{
	const uint32_t fmt = HV_MMU_FORMAT;
	const uint32_t nl2 = REFHV_LINUX_L2_FRAMES(n), l2_first = n - nl2;
	uint32_t *l1 = (uint32_t *)(d->mem + REFHV_FRAME_L1 * PV_FRAME_SIZE);
	uint32_t *l2 = (uint32_t *)(d->mem + l2_first * PV_FRAME_SIZE);
	uint32_t l1_ma = base + REFHV_FRAME_L1 * PV_FRAME_SIZE;
	uint32_t l2_ma = base + l2_first * PV_FRAME_SIZE;

	zero(l1, 4u * PV_FRAME_SIZE);
	zero(l2, nl2 * PV_FRAME_SIZE);
	for (uint32_t i = 0; i < n; i++) {
		/* Table frames read-only (ARMv5: AP 00 with SCTLR.R = 1,
		 * decisions.md decision 8); lib/mmu refuses anything writable. */
		const bool table = (i >= REFHV_FRAME_L1 && i < REFHV_FRAME_L1 + 4u) || i >= l2_first;
		uint32_t flags = i == REFHV_FRAME_START_INFO || table ? 0u : PV_MMU_DESC_W;
		if (i >= REFHV_LINUX_FRAME_IMAGE && i < REFHV_LINUX_FRAME_IMAGE + img_frames)
			flags |= PV_MMU_DESC_X;
		if (PORT_VIVT_CACHE && (shared_with_hv(i) || table))
			flags |= PV_MMU_DESC_UNCACHED;
		l2[i] = pv_mmu_desc_small(fmt, base + i * PV_FRAME_SIZE, flags);
	}
	/* Coarse table j (1 KiB, 256 entries) maps the j-th MiB. */
	for (uint32_t j = 0; j < n / 256u; j++)
		l1[(REFHV_LINUX_VA >> 20) + j] =
			pv_mmu_desc_table(fmt, l2_ma + j * 1024u, ARMDOM_GUEST_KERN);

	int32_t rc = PV_OK;
	for (uint32_t f = 0; f < nl2 && rc == PV_OK; f++)
		rc = pv_mmu_pin(&hv.mmu, d->id, PV_MMU_TABLE_L2,
				pv_maddr_to_mfn(pv_maddr(l2_ma + f * PV_FRAME_SIZE)));
	if (rc == PV_OK)
		rc = pv_mmu_pin(&hv.mmu, d->id, PV_MMU_TABLE_L1, pv_maddr_to_mfn(pv_maddr(l1_ma)));
	if (rc == PV_OK)
		rc = pv_mmu_switch_base(&hv.mmu, d->id, pv_maddr_to_mfn(pv_maddr(l1_ma)));
	if (rc != PV_OK)
		return rc;
	d->l1 = pv_maddr(l1_ma);
	return PV_OK;
}

#ifdef REFHV_RESTART_STRESS
/* The restart test's fault injection: the build's step number n (1: the
 * frames, 2: the devices' registers, 3: the page tables, 4: the event
 * channels, 5: the interrupt lines, 6: the hypercall permissions) fails
 * with PV_ENOMEM when hv_build_fail_step is n. 0: no failure. */
uint32_t hv_build_fail_step;
#define STEP(n, call) (hv_build_fail_step == (n) ? PV_ENOMEM : (call))
#else
#define STEP(n, call) (call)
#endif

static int32_t build_domain(struct hv_dom *d, const struct hv_dom_cfg *c);

/* The most image frames c's layout holds. */
static uint32_t image_max(const struct hv_dom_cfg *c)
{
	if (c->kind == HV_KIND_LINUX) {
		const uint32_t n = c->mem_size >> PV_FRAME_SHIFT;
		return n - REFHV_LINUX_L2_FRAMES(n) - REFHV_LINUX_FRAME_IMAGE;
	}
	return REFHV_FREE_SLOT - REFHV_FRAME_IMAGE - 8u;
}

/*
 * Build domain d from its configuration c. The configuration checker has
 * accepted c (memory inside RAM and apart from every other domain's, the
 * image known, devices and lines its own) and the image's size is checked
 * before anything changes. A step that still fails (a frame another
 * domain, dying, has not given back; a table the validator refuses) is
 * undone: the domain's permissions are cleared, its event channels and
 * interrupt lines removed and its frames, tables and device regions given
 * back through lib/mmu's destroy, so a failed build owns nothing.
 */
int32_t hv_build_domain(struct hv_dom *d, const struct hv_dom_cfg *c)
{
	const struct hv_image_desc *img = &images[c->image];
	const uint32_t img_size = (uint32_t)(img->end - img->start);
	if (!img->start || img_size > image_max(c) * PV_FRAME_SIZE) {
		hv_printf("hv: domain %s: image too big (%u bytes)\n", c->name, img_size);
		return PV_E2BIG; /* refused before any change */
	}
	int32_t rc = build_domain(d, c);
	if (rc == PV_OK)
		return rc;
	(void)pv_hc_perm_set(&hv.hc, d->id, (struct pv_hc_perm){ 0 });
	(void)pv_evtchn_domain_remove(&hv.evt, d->id);
	int32_t urc = pv_mmu_domain_destroy(&hv.mmu, d->id);
	/* Nothing of a domain being built can be mapped by another domain
	 * (it has made no grant), so the destroy completes at once. */
	PV_ASSERT(urc == PV_OK);
	d->state = HV_DOM_STOPPED;
	return rc;
}

static int32_t build_domain(struct hv_dom *d, const struct hv_dom_cfg *c)
{
	const struct hv_image_desc *img = &images[c->image];
	const bool lx = c->kind == HV_KIND_LINUX;
	const uint32_t nr_frames = lx ? c->mem_size >> PV_FRAME_SHIFT : REFHV_GUEST_FRAMES;
	const uint32_t img_frame = lx ? REFHV_LINUX_FRAME_IMAGE : REFHV_FRAME_IMAGE;
	const uint32_t img_size = (uint32_t)(img->end - img->start); /* checked by the caller */
	d->cfg = c;
	d->id = pv_domid(c->id);
#if PORT_NR_ASIDS
	/* ASID 0 is the port's, for the switch itself. */
	PV_ASSERT(c->id + 1u < PORT_NR_ASIDS);
	d->asid = c->id + 1u;
#else
	d->asid = 0;
#endif
	d->mem = port_ma_to_va(pv_maddr(c->mem_base));
	int32_t rc = STEP(1, pv_mmu_frame_assign(&hv.mmu, pv_mfn(c->mem_base >> PV_FRAME_SHIFT),
						 nr_frames, d->id));
	if (rc != PV_OK)
		return rc;
	/* Its devices' registers, as device memory only (no cacheable alias). */
	for (uint32_t i = 0; i < hv_config.nr_devs; i++) {
		const struct hv_dev_cfg *v = &hv_config.devs[i];
		if (v->dom != c->id)
			continue;
		rc = STEP(2, pv_mmu_io_assign(&hv.mmu, d->id, pv_maddr(v->base), v->size,
					      PV_MMU_MT_MASK(HV_DEV_TYPE), PV_MMU_IO_WRITE));
		if (rc != PV_OK)
			return rc;
	}
	zero(d->mem, nr_frames * PV_FRAME_SIZE);
	copy(d->mem + img_frame * PV_FRAME_SIZE, img->start, img_size);
	port_sync_icache(d->mem + img_frame * PV_FRAME_SIZE, img_size);
	const uint32_t img_frames = (img_size + PV_FRAME_SIZE - 1u) / PV_FRAME_SIZE;
	rc = STEP(3, lx ? build_tables_linux(d, c->mem_base, nr_frames, img_frames)
			: build_tables(d, c->mem_base, img_frames));
	if (rc != PV_OK)
		return rc;

	/* Written from now on through aliases that stay coherent with the
	 * guest's mappings of these frames (on ARMv5: uncached on both sides). */
	d->si = port_uncached_map(2u * c->id,
				  pv_maddr(c->mem_base + REFHV_FRAME_START_INFO * PV_FRAME_SIZE));
	uint8_t *shared = port_uncached_map(2u * c->id + 1u,
					    pv_maddr(c->mem_base + REFHV_FRAME_SHARED * PV_FRAME_SIZE));
	d->shared = (struct pv_evtchn_shared *)(void *)shared;
	d->vcpu = (struct refhv_vcpu *)(void *)(shared + REFHV_VCPU_OFFSET);
	uint32_t virqs = 1u << REFHV_VIRQ_TIMER;
	if (c->controller)
		virqs |= 1u << REFHV_VIRQ_DOM_FAULT;
	const struct pv_evtchn_domain_config ec = {
		.id = d->id,
		.abi = PV_EVTCHN_ABI_2L,
		.nr_ports = HV_EVT_PORTS,
		.nr_vcpus = 1,
		.virq_allow = virqs,
		.ports = d->ports,
		.shared = d->shared,
	};
	rc = STEP(4, pv_evtchn_domain_add(&hv.evt, &ec));
	if (rc != PV_OK)
		return rc;
	/* A Linux kernel starts with interrupts off: upcalls masked until it
	 * enables them (its irqflags are this byte). */
	if (lx)
		rc = pv_evtchn_upcall_mask_set(&hv.evt, d->id, 0, true);
	/* Its interrupt lines (removing a domain un-routes them, so a restart
	 * routes them again here). */
	for (uint32_t i = 0; i < hv_config.nr_irqs && rc == PV_OK; i++) {
		if (hv_config.irqs[i].dom == c->id)
			rc = STEP(5, pv_evtchn_pirq_route(&hv.evt, hv_config.irqs[i].line, d->id));
	}
	for (uint32_t i = 0; i < hv_config.nr_devs && rc == PV_OK; i++) {
		if (hv_config.devs[i].dom == c->id && hv_config.devs[i].irq != HV_NO_IRQ)
			rc = STEP(5, pv_evtchn_pirq_route(&hv.evt, hv_config.devs[i].irq, d->id));
	}
	if (rc != PV_OK)
		return rc;
	rc = STEP(6, pv_hc_perm_set(&hv.hc, d->id, (struct pv_hc_perm){ c->hypercalls }));
	if (rc != PV_OK)
		return rc;

	struct refhv_start_info *si = d->si;
	si->magic = REFHV_START_MAGIC;
	si->abi_version = REFHV_ABI_VERSION;
	si->domid = c->id;
	si->flags = c->controller ? REFHV_SI_CONTROLLER : 0u;
	si->cpu_id = port_cpu_id();
	si->mmu_format = HV_MMU_FORMAT;
	si->mem_ma = c->mem_base;
	si->nr_frames = nr_frames;
	si->l1_ma = pv_maddr_val(d->l1);
	si->l2_ma = c->mem_base + (lx ? nr_frames - REFHV_LINUX_L2_FRAMES(nr_frames)
				      : REFHV_FRAME_L2) * PV_FRAME_SIZE;
	si->shared_va = (lx ? REFHV_LINUX_VA : REFHV_KERN_VA) + REFHV_FRAME_SHARED * PV_FRAME_SIZE;
	si->ring_peer = PV_DOMID_NONE_VALUE;
	si->dev_ma = si->dev_irq = REFHV_NO_DEVICE;
	for (uint32_t i = hv_config.nr_devs; i-- > 0;) {
		const struct hv_dev_cfg *v = &hv_config.devs[i];
		if (v->dom != c->id)
			continue;
		si->dev_ma = v->base;
		si->dev_irq = v->irq == HV_NO_IRQ ? REFHV_NO_DEVICE : v->irq;
	}
	si->time_base_ns = port_time_ns();
	for (uint32_t i = 0; i + 1u < sizeof si->name && c->name[i]; i++)
		si->name[i] = c->name[i];
	/* The checker made sure it fits with its NUL; the page was zeroed. */
	for (uint32_t i = 0; c->cmdline && i + 1u < sizeof si->cmdline && c->cmdline[i]; i++)
		si->cmdline[i] = c->cmdline[i];

	hv_kuser_reset(d);
	d->in_exception = false;
	d->event_entry = d->exc_entry = d->kernel_sp = d->cb_flags = d->syscall_entry = 0;
	d->exit_code = 0;
	d->frame = (struct pv_trap_frame){ 0 };
	const uint32_t va = lx ? REFHV_LINUX_VA : REFHV_KERN_VA;
	d->frame.r[0] = va + REFHV_FRAME_START_INFO * PV_FRAME_SIZE;
	d->frame.sp = lx ? 0u : REFHV_KERN_STACK_TOP;
	d->frame.pc = va + img_frame * PV_FRAME_SIZE;
	d->frame.cpsr = PV_PSR_MODE_USR;
	d->vmode = REFHV_VMODE_KERNEL;
	d->timer_deadline = PV_TIME_NEVER;
	d->line_start = true;
	d->state = HV_DOM_RUNNING;
	if (d->restarts == 0)
		hv_printf("hv: built domain %u (%s): %u MiB at 0x%08x, image %u bytes, tables pinned\n",
			  (uint32_t)c->id, c->name, nr_frames >> 8, c->mem_base, img_size);
	return PV_OK;
}

/* Connect the configured channels: a ring page granted by a to b plus an
 * interdomain event channel, or a plain channel to the controlling domain. */
int32_t hv_connect(const struct hv_chan_cfg *ch)
{
	struct hv_dom *a = &hv.dom[ch->a], *b = &hv.dom[ch->b];
	uint32_t pa, pb;
	int32_t rc = pv_evtchn_alloc_unbound(&hv.evt, b->id, a->id, &pb);
	if (rc == PV_OK)
		rc = pv_evtchn_bind_interdomain(&hv.evt, a->id, b->id, pb, &pa);
	if (rc != PV_OK)
		return rc;
	if (ch->ring) {
		uint32_t ring = a->cfg->mem_base + REFHV_FRAME_RING * PV_FRAME_SIZE;
		rc = pv_mmu_grant(&hv.mmu, a->id, pv_mfn(ring >> PV_FRAME_SHIFT), b->id, true);
		if (rc != PV_OK)
			return rc;
		a->si->ring_peer = b->cfg->id;
		a->si->ring_owner = 1;
		a->si->ring_ma = ring;
		a->si->ring_port = pa;
		b->si->ring_peer = a->cfg->id;
		b->si->ring_owner = 0;
		b->si->ring_ma = ring;
		b->si->ring_port = pb;
	} else if (b->cfg->controller) {
		a->si->ctrl_port = pa;
	} else if (a->cfg->controller) {
		b->si->ctrl_port = pb;
	}
	return PV_OK;
}

int32_t hv_build_all(void)
{
	hv.nr_doms = hv_config.nr_doms;
	for (uint32_t i = 0; i < hv_config.nr_doms; i++) {
		int32_t rc = hv_build_domain(&hv.dom[i], &hv_config.doms[i]);
		if (rc != PV_OK) {
			hv_printf("hv: building domain %s failed: %s\n", hv_config.doms[i].name,
				  pv_status_name(rc));
			return rc;
		}
	}
	for (uint32_t i = 0; i < hv_config.nr_chans; i++) {
		int32_t rc = hv_connect(&hv_config.chans[i]);
		if (rc != PV_OK) {
			hv_printf("hv: channel %u: %s\n", i, pv_status_name(rc));
			return rc;
		}
	}
	return PV_OK;
}
