/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Instance set-up, the frame table (ownership), grants, I/O regions, the
 * active base and domain teardown.
 *
 * Concurrency: uniprocessor; the caller holds the instance (see mmu.h).
 */
#include "mmu_internal.h"

int32_t pv_mmu_init(struct pv_mmu *m, const struct pv_mmu_config *c)
{
	if (m == NULL || c == NULL)
		return PV_EINVAL;
	if (c->format != PV_MMU_FMT_V5 && c->format != PV_MMU_FMT_V7)
		return PV_EINVAL;
	uint32_t base = pv_maddr_val(c->ram_base);
	if (c->ram == NULL || ((uintptr_t)c->ram & 3u) || (base & (PV_FRAME_SIZE - 1u)) ||
	    (c->ram_size & (PV_FRAME_SIZE - 1u)))
		return PV_EALIGN;
	if (c->ram_size == 0 || c->ram_size - 1u > UINT32_MAX - base)
		return PV_EINVAL;
	uint32_t nf = c->ram_size >> PV_FRAME_SHIFT;
	if (c->frames == NULL || c->nr_frames < nf || c->domains == NULL || c->nr_domains == 0 ||
	    (c->io_max != 0 && c->io == NULL))
		return PV_ENOMEM;
	if (c->nr_domains > PV_DOMID_MAX_GUEST + 1u)
		return PV_EINVAL;
	uint32_t hva = pv_gvaddr_val(c->hyp_va_base);
	if ((hva & 0xFFFFFu) || (c->hyp_va_size & 0xFFFFFu))
		return PV_EALIGN;
	if (c->hyp_va_size != 0 && c->hyp_va_size - 1u > UINT32_MAX - hva)
		return PV_EINVAL;
	if (c->hyp_domain > 15 || ((c->guest_domains >> c->hyp_domain) & 1u))
		return PV_EINVAL;
	if (c->ram_types == 0 || (c->ram_types & ~(uint32_t)PV_MMU_MT_NORMAL_ALL))
		return PV_EINVAL;

	*m = (struct pv_mmu){
		.format = c->format,
		.ram = c->ram,
		.ram_base = base,
		.ram_size = c->ram_size,
		.nr_frames = nf,
		.frames = c->frames,
		.domains = c->domains,
		.nr_domains = c->nr_domains,
		.guest_domains = c->guest_domains,
		.hyp_domain = c->hyp_domain,
		.ram_types = c->ram_types,
		.allow_global = c->allow_global,
		.io = c->io,
		.io_max = c->io_max,
		.hyp_slot_lo = hva >> 20,
		.hyp_slot_hi = (hva >> 20) + (c->hyp_va_size >> 20),
		.hyp_l1 = c->hyp_l1,
	};
	for (uint32_t i = 0; i < nf; i++) {
		m->frames[i] = (struct pv_mmu_frame){
			.owner = PV_DOMID_NONE_VALUE,
			.grant_peer = PV_DOMID_NONE_VALUE,
		};
	}
	for (uint32_t i = 0; i < c->nr_domains; i++)
		m->domains[i] = (struct pv_mmu_domain){ .active_l1 = PV_MMU_NO_L1 };
	for (uint32_t i = 0; i < c->io_max; i++)
		m->io[i] = (struct pv_mmu_io_region){ .owner = PV_DOMID_NONE_VALUE };
	return PV_OK;
}

/* [mfn, mfn+count) as frame indices, or PV_ERANGE / PV_EINVAL. */
static int32_t frame_range(const struct pv_mmu *m, pv_mfn_t mfn, uint32_t count, uint32_t *idx)
{
	if (count == 0)
		return PV_EINVAL;
	uint32_t first = pv_mfn_val(mfn) - (m->ram_base >> PV_FRAME_SHIFT);
	if (first >= m->nr_frames || count > m->nr_frames - first)
		return PV_ERANGE;
	*idx = first;
	return PV_OK;
}

int32_t pv_mmu_frame_assign(struct pv_mmu *m, pv_mfn_t mfn, uint32_t count, pv_domid_t dom)
{
	uint16_t d = pv_domid_val(dom);
	if (!pv_mmu_dom_live(m, dom) && d != PV_DOMID_HYP_VALUE)
		return PV_ESRCH;
	uint32_t idx;
	int32_t rc = frame_range(m, mfn, count, &idx);
	if (rc != PV_OK)
		return rc;
	for (uint32_t i = 0; i < count; i++) {
		if (m->frames[idx + i].owner != PV_DOMID_NONE_VALUE)
			return PV_EEXIST;
	}
	for (uint32_t i = 0; i < count; i++)
		m->frames[idx + i].owner = d;
	if (d != PV_DOMID_HYP_VALUE)
		m->domains[d].nr_frames += count;
	return PV_OK;
}

int32_t pv_mmu_frame_free(struct pv_mmu *m, pv_mfn_t mfn, uint32_t count, pv_domid_t dom)
{
	uint16_t d = pv_domid_val(dom);
	if (!pv_mmu_dom_ok(m, dom) && d != PV_DOMID_HYP_VALUE)
		return PV_ESRCH;
	uint32_t idx;
	int32_t rc = frame_range(m, mfn, count, &idx);
	if (rc != PV_OK)
		return rc;
	for (uint32_t i = 0; i < count; i++) {
		const struct pv_mmu_frame *f = &m->frames[idx + i];
		if (f->owner != d)
			return PV_EXDEV;
		if (f->ref_count || f->type != PV_MMU_FT_NONE || f->grant_peer != PV_DOMID_NONE_VALUE)
			return PV_EBUSY;
	}
	for (uint32_t i = 0; i < count; i++)
		m->frames[idx + i].owner = PV_DOMID_NONE_VALUE;
	if (d != PV_DOMID_HYP_VALUE)
		m->domains[d].nr_frames -= count;
	return PV_OK;
}

int32_t pv_mmu_frame_access(const struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn, bool write)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	uint32_t idx = pv_mmu_frame_index(m, pv_mfn_val(mfn) << PV_FRAME_SHIFT);
	if (idx == UINT32_MAX || pv_mfn_val(mfn) > (UINT32_MAX >> PV_FRAME_SHIFT))
		return PV_ERANGE;
	const struct pv_mmu_frame *f = &m->frames[idx];
	uint16_t d = pv_domid_val(dom);
	if (f->owner != d) {
		if (f->grant_peer != d)
			return f->owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
		if (write && !(f->flags & PV_MMU_FRAME_GRANT_RW))
			return PV_EACCES;
	}
	if (write && f->type >= PV_MMU_FT_L1)
		return PV_ETYPE;
	return PV_OK;
}

int32_t pv_mmu_io_assign(struct pv_mmu *m, pv_domid_t dom, pv_maddr_t base, uint32_t size,
			 uint32_t types, uint32_t flags)
{
	if (!pv_mmu_dom_live(m, dom))
		return PV_ESRCH;
	uint32_t b = pv_maddr_val(base);
	if ((b | size) & (PV_FRAME_SIZE - 1u))
		return PV_EALIGN;
	if (size == 0 || size - 1u > UINT32_MAX - b || (flags & ~PV_MMU_IO_WRITE) ||
	    types == 0 || types > 0x7Fu)
		return PV_EINVAL;
	uint32_t last = b + (size - 1u), ram_last = m->ram_base + (m->ram_size - 1u);
	if (b <= ram_last && m->ram_base <= last)
		return PV_EINVAL;
	uint32_t slot = UINT32_MAX;
	for (uint32_t i = 0; i < m->io_max; i++) {
		const struct pv_mmu_io_region *r = &m->io[i];
		if (r->size == 0) {
			if (slot == UINT32_MAX)
				slot = i;
			continue;
		}
		if (b <= r->base + (r->size - 1u) && r->base <= last)
			return PV_EEXIST;
	}
	if (slot == UINT32_MAX)
		return PV_ENOSPC;
	m->io[slot] = (struct pv_mmu_io_region){
		.base = b, .size = size, .types = types, .maps = 0,
		.owner = pv_domid_val(dom), .flags = (uint16_t)flags,
	};
	return PV_OK;
}

int32_t pv_mmu_io_revoke(struct pv_mmu *m, pv_domid_t dom, pv_maddr_t base)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	for (uint32_t i = 0; i < m->io_max; i++) {
		struct pv_mmu_io_region *r = &m->io[i];
		if (r->size == 0 || r->owner != pv_domid_val(dom) || r->base != pv_maddr_val(base))
			continue;
		if (r->maps != 0)
			return PV_EBUSY;
		*r = (struct pv_mmu_io_region){ .owner = PV_DOMID_NONE_VALUE };
		return PV_OK;
	}
	return PV_ENOENT;
}

static int32_t owned_frame(const struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn,
			   struct pv_mmu_frame **out)
{
	if (!pv_mmu_dom_ok(m, owner))
		return PV_ESRCH;
	if (pv_mfn_val(mfn) > (UINT32_MAX >> PV_FRAME_SHIFT))
		return PV_ERANGE;
	uint32_t idx = pv_mmu_frame_index(m, pv_mfn_val(mfn) << PV_FRAME_SHIFT);
	if (idx == UINT32_MAX)
		return PV_ERANGE;
	if (m->frames[idx].owner != pv_domid_val(owner))
		return PV_EXDEV;
	*out = &m->frames[idx];
	return PV_OK;
}

int32_t pv_mmu_grant(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn, pv_domid_t peer,
		     bool writable)
{
	struct pv_mmu_frame *f;
	if (!pv_mmu_dom_live(m, owner) || !pv_mmu_dom_live(m, peer))
		return PV_ESRCH;
	int32_t rc = owned_frame(m, owner, mfn, &f);
	if (rc != PV_OK)
		return rc;
	if (pv_domid_eq(owner, peer))
		return PV_EINVAL;
	if (f->type >= PV_MMU_FT_L1)
		return PV_ETYPE;
	if (f->grant_peer != PV_DOMID_NONE_VALUE)
		return PV_EEXIST;
	f->grant_peer = pv_domid_val(peer);
	if (writable)
		f->flags |= PV_MMU_FRAME_GRANT_RW;
	return PV_OK;
}

int32_t pv_mmu_grant_revoke(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn)
{
	struct pv_mmu_frame *f;
	int32_t rc = owned_frame(m, owner, mfn, &f);
	if (rc != PV_OK)
		return rc;
	if (f->grant_peer == PV_DOMID_NONE_VALUE)
		return PV_ENOENT;
	if (f->grant_maps != 0)
		return PV_EBUSY;
	f->grant_peer = PV_DOMID_NONE_VALUE;
	f->flags &= (uint8_t)~PV_MMU_FRAME_GRANT_RW;
	return PV_OK;
}

int32_t pv_mmu_switch_base(struct pv_mmu *m, pv_domid_t dom, pv_maddr_t ma)
{
	if (!pv_mmu_dom_live(m, dom))
		return PV_ESRCH;
	uint32_t a = pv_maddr_val(ma);
	if (a & (4u * PV_FRAME_SIZE - 1u))
		return PV_EALIGN;
	uint32_t idx = pv_mmu_frame_index(m, a);
	if (idx == UINT32_MAX)
		return PV_ERANGE;
	const struct pv_mmu_frame *f = &m->frames[idx];
	if (f->owner != pv_domid_val(dom))
		return f->owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
	if (f->type != PV_MMU_FT_L1)
		return f->type < PV_MMU_FT_L1 ? PV_ENOTPINNED : PV_ETYPE;
	m->domains[pv_domid_val(dom)].active_l1 = a >> PV_FRAME_SHIFT;
	return PV_OK;
}

int32_t pv_mmu_domain_destroy(struct pv_mmu *m, pv_domid_t dom)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	uint16_t d = pv_domid_val(dom);
	/*
	 * Step 1, always: the domain is marked dying, so no grant peer can add
	 * a mapping of its frames and it can build nothing new itself; its
	 * tables go (L1s first, they hold the L2s' type counts). This drops its
	 * own mappings of frames other domains granted it, so two domains that
	 * map each other's frames can both go.
	 */
	m->domains[d].dying = true;
	m->domains[d].active_l1 = PV_MMU_NO_L1;
	bool released = false;
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		const struct pv_mmu_frame *f = &m->frames[i];
		if (f->owner == d && (f->flags & PV_MMU_FRAME_L1_HEAD)) {
			pv_mmu_table_release(m, i);
			released = true;
		}
	}
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		const struct pv_mmu_frame *f = &m->frames[i];
		if (f->owner == d && (f->flags & PV_MMU_FRAME_PINNED)) {
			PV_ASSERT(f->type_count == 0);
			pv_mmu_table_release(m, i);
			released = true;
		}
	}
	if (released)
		pv_mmu_flush_after_release(m);
	/* Step 2: its frames can be freed only once no peer maps them. */
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		if (m->frames[i].owner == d && m->frames[i].grant_maps != 0)
			return PV_EBUSY;
	}
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		struct pv_mmu_frame *f = &m->frames[i];
		if (f->grant_peer == d) {
			PV_ASSERT(f->grant_maps == 0);
			f->grant_peer = PV_DOMID_NONE_VALUE;
			f->flags &= (uint8_t)~PV_MMU_FRAME_GRANT_RW;
		}
		if (f->owner == d) {
			PV_ASSERT(f->ref_count == 0 && f->type == PV_MMU_FT_NONE);
			*f = (struct pv_mmu_frame){
				.owner = PV_DOMID_NONE_VALUE,
				.grant_peer = PV_DOMID_NONE_VALUE,
			};
		}
	}
	for (uint32_t i = 0; i < m->io_max; i++) {
		if (m->io[i].size != 0 && m->io[i].owner == d) {
			PV_ASSERT(m->io[i].maps == 0);
			m->io[i] = (struct pv_mmu_io_region){ .owner = PV_DOMID_NONE_VALUE };
		}
	}
	m->domains[d].nr_frames = 0;
	m->domains[d].dying = false;
	return PV_OK;
}
