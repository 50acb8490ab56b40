/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Timer glue for two timers with the SP804's per-timer registers (load,
 * value, control, clear, masked status; DDI 0271, 3.2) (board.ini: timer =
 * sp804): the time base free-runs on the one at BOARD_CLOCK_TIMER_PA, the
 * one-shot event timer is the one at BOARD_EVENT_TIMER_PA (its line
 * BOARD_IRQ_TIMER01); both count BOARD_TIMER_HZ. Where they are is the
 * board's: the two halves of one SP804 block (versatilepb, vexpress-a9,
 * realview-eb: +0 and +0x20, so the board's other block, with its own page
 * and line, can be given to a guest), or two of the Integrator/CP's
 * counters (+0x100 and +0x200 of their page, as QEMU models them).
 *
 * Concurrency: uniprocessor; runs in SVC mode with IRQ and FIQ masked.
 * clock_state is this file's only mutable state.
 */
#include "glue.h"

#include "sp804.h"

_Static_assert(1000000000u % BOARD_TIMER_HZ == 0, "a whole number of ns per tick");

static const struct sp804 clock_timer = { HV_IO(BOARD_CLOCK_TIMER_PA) };
static const struct sp804 event_timer = { HV_IO(BOARD_EVENT_TIMER_PA) };

static struct {
	uint32_t last;  /* last counter value read */
	uint64_t ticks; /* ticks elapsed up to last */
} clock_state;

void timer_init(void)
{
	sp804_stop(&event_timer);
	sp804_start_freerun(&clock_timer);
	clock_state.last = sp804_value(&clock_timer);
	clock_state.ticks = 0;
}

pv_time_ns_t port_time_ns(void)
{
	uint32_t now = sp804_value(&clock_timer);
	clock_state.ticks += (uint32_t)(clock_state.last - now); /* counts down */
	clock_state.last = now;
	return clock_state.ticks * (1000000000u / BOARD_TIMER_HZ);
}

void port_timer_set(pv_time_ns_t delta)
{
	uint64_t ticks = delta / (1000000000u / BOARD_TIMER_HZ);
	if (ticks == 0)
		ticks = 1;
	if (ticks > 0xFFFFFFFFu)
		ticks = 0xFFFFFFFFu;
	sp804_oneshot(&event_timer, (uint32_t)ticks);
}

void port_timer_stop(void)
{
	sp804_stop(&event_timer);
}

bool port_timer_ack(void)
{
	return sp804_ack(&event_timer);
}
