/* SPDX-License-Identifier: BSD-2-Clause */
#include "gic.h"

#define GICD_CTLR 0x000u
#define GICD_TYPER 0x004u
#define GICD_ISENABLER 0x100u
#define GICD_ICENABLER 0x180u
#define GICD_ICPENDR 0x280u
#define GICD_IPRIORITYR 0x400u
#define GICD_ITARGETSR 0x800u

#define GICC_CTLR 0x00u
#define GICC_PMR 0x04u
#define GICC_BPR 0x08u
#define GICC_IAR 0x0Cu
#define GICC_EOIR 0x10u

/* Every interrupt at this priority; the CPU interface lets all above 0xF0 in. */
#define GIC_PRIO 0xA0u
#define GIC_PRIO4 (GIC_PRIO * 0x01010101u)

static volatile uint32_t *dreg(const struct gic *g, uint32_t off)
{
	return (volatile uint32_t *)(g->dist + off);
}

static volatile uint32_t *creg(const struct gic *g, uint32_t off)
{
	return (volatile uint32_t *)(g->cpu + off);
}

uint32_t gic_init(const struct gic *g)
{
	*dreg(g, GICD_CTLR) = 0;
	uint32_t lines = 32u * ((*dreg(g, GICD_TYPER) & 0x1Fu) + 1u);
	for (uint32_t i = 0; i < lines / 32u; i++) {
		*dreg(g, GICD_ICENABLER + 4u * i) = 0xFFFFFFFFu;
		*dreg(g, GICD_ICPENDR + 4u * i) = 0xFFFFFFFFu;
	}
	for (uint32_t i = 0; i < lines / 4u; i++)
		*dreg(g, GICD_IPRIORITYR + 4u * i) = GIC_PRIO4;
	/* ITARGETSR 0-7 (SGIs and PPIs) are read-only, this CPU's own. */
	for (uint32_t i = 8; i < lines / 4u; i++)
		*dreg(g, GICD_ITARGETSR + 4u * i) = 0x01010101u;
	*dreg(g, GICD_CTLR) = 1;
	*creg(g, GICC_PMR) = 0xF0u;
	*creg(g, GICC_BPR) = 0;
	*creg(g, GICC_CTLR) = 1;
	return lines;
}

void gic_enable(const struct gic *g, uint32_t id)
{
	*dreg(g, GICD_ISENABLER + 4u * (id / 32u)) = 1u << (id % 32u);
}

void gic_disable(const struct gic *g, uint32_t id)
{
	*dreg(g, GICD_ICENABLER + 4u * (id / 32u)) = 1u << (id % 32u);
}

uint32_t gic_ack(const struct gic *g)
{
	return *creg(g, GICC_IAR);
}

void gic_eoi(const struct gic *g, uint32_t iar)
{
	*creg(g, GICC_EOIR) = iar;
}
