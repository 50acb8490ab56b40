/* SPDX-License-Identifier: BSD-2-Clause */
#include "icp_pic.h"

#define PIC_IRQ_STATUS 0x00u
#define PIC_IRQ_ENABLESET 0x08u
#define PIC_IRQ_ENABLECLR 0x0Cu
#define PIC_FIQ_ENABLECLR 0x2Cu

static volatile uint32_t *reg(const struct icp_pic *p, uint32_t off)
{
	return (volatile uint32_t *)(p->base + off);
}

void icp_pic_init(const struct icp_pic *p)
{
	*reg(p, PIC_IRQ_ENABLECLR) = 0xFFFFFFFFu;
	*reg(p, PIC_FIQ_ENABLECLR) = 0xFFFFFFFFu;
}

void icp_pic_enable(const struct icp_pic *p, uint32_t line)
{
	if (line < ICP_PIC_LINES)
		*reg(p, PIC_IRQ_ENABLESET) = 1u << line;
}

void icp_pic_disable(const struct icp_pic *p, uint32_t line)
{
	if (line < ICP_PIC_LINES)
		*reg(p, PIC_IRQ_ENABLECLR) = 1u << line;
}

uint32_t icp_pic_pending(const struct icp_pic *p)
{
	return *reg(p, PIC_IRQ_STATUS);
}
