/* SPDX-License-Identifier: BSD-2-Clause */
#include "pl190.h"

#define VICIRQSTATUS 0x000u
#define VICINTSELECT 0x00Cu
#define VICINTENABLE 0x010u
#define VICINTENCLEAR 0x014u

static volatile uint32_t *reg(const struct pl190 *v, uint32_t off)
{
	return (volatile uint32_t *)(v->base + off);
}

void pl190_init(const struct pl190 *v)
{
	*reg(v, VICINTENCLEAR) = 0xFFFFFFFFu;
	*reg(v, VICINTSELECT) = 0;
}

void pl190_enable(const struct pl190 *v, uint32_t line)
{
	if (line < PL190_LINES)
		*reg(v, VICINTENABLE) = 1u << line;
}

void pl190_disable(const struct pl190 *v, uint32_t line)
{
	if (line < PL190_LINES)
		*reg(v, VICINTENCLEAR) = 1u << line;
}

uint32_t pl190_pending(const struct pl190 *v)
{
	return *reg(v, VICIRQSTATUS);
}
