/* SPDX-License-Identifier: BSD-2-Clause */
#include "sp804.h"

#define TLOAD 0x00u
#define TVALUE 0x04u
#define TCTRL 0x08u
#define TINTCLR 0x0Cu
#define TMIS 0x14u

#define CTRL_ONESHOT (1u << 0)
#define CTRL_32BIT (1u << 1)
#define CTRL_IE (1u << 5)
#define CTRL_PERIODIC (1u << 6)
#define CTRL_EN (1u << 7)

static volatile uint32_t *reg(const struct sp804 *t, uint32_t off)
{
	return (volatile uint32_t *)(t->base + off);
}

void sp804_start_freerun(const struct sp804 *t)
{
	*reg(t, TCTRL) = 0;
	*reg(t, TLOAD) = 0xFFFFFFFFu;
	/* Free-running mode: neither periodic nor one-shot, wraps at 0. */
	*reg(t, TCTRL) = CTRL_EN | CTRL_32BIT;
}

uint32_t sp804_value(const struct sp804 *t)
{
	return *reg(t, TVALUE);
}

void sp804_oneshot(const struct sp804 *t, uint32_t ticks)
{
	*reg(t, TCTRL) = 0;
	*reg(t, TINTCLR) = 1;
	*reg(t, TLOAD) = ticks ? ticks : 1u;
	*reg(t, TCTRL) = CTRL_EN | CTRL_32BIT | CTRL_IE | CTRL_ONESHOT;
}

void sp804_stop(const struct sp804 *t)
{
	*reg(t, TCTRL) = 0;
	*reg(t, TINTCLR) = 1;
}

bool sp804_ack(const struct sp804 *t)
{
	bool pending = (*reg(t, TMIS) & 1u) != 0;
	*reg(t, TINTCLR) = 1;
	return pending;
}
