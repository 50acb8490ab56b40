// SPDX-License-Identifier: GPL-2.0-only
/*
 * Time of a para-virtualized guest of the pvlib reference hypervisor
 * (CONFIG_PVLIB_GUEST): the hypervisor's time (REFHV_HC_GET_TIME_REGS,
 * nanoseconds since its boot) as the clock source, sched_clock and the
 * delay timer, and its one-shot timer (REFHV_HC_SET_TIMER, an absolute
 * deadline raising VIRQ_TIMER) as the clock event device; no access to a
 * hardware timer. Also where this stage of the port stops: before user
 * space, after checking that ticks arrive. pvlib's docs/linux.md.
 */
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/pvsecure.h>
#include <linux/sched_clock.h>

#include <asm/delay.h>
#include <asm/pvlib-entry.h>
#include <asm/pvlib-irqflags.h>
#include <asm/pvlib-mm.h>

/* The hypervisor's time in ns, in r1 (low) and r2 (high); r0 is the
 * status (ABI 8: REFHV_HC_GET_TIME_REGS, no copy to guest memory). */
u64 notrace pvlib_time_ns(void)
{
	register unsigned long r0 asm("r0");
	register unsigned long r1 asm("r1");
	register unsigned long r2 asm("r2");
	register unsigned long r12 asm("r12") = PVLIB_HC_GET_TIME_REGS;

	asm volatile("svc	#0	@ pvlib hypercall"
		     : "=r" (r0), "=r" (r1), "=r" (r2)
		     : "r" (r12)
		     : "memory", "cc");
	if (unlikely((long)r0 < 0))
		return 0;
	return ((u64)r2 << 32) | r1;
}

static u64 pvlib_cs_read(struct clocksource *cs)
{
	return pvlib_time_ns();
}

static struct clocksource pvlib_clocksource = {
	.name	= "pvlib",
	.rating	= 300,
	.read	= pvlib_cs_read,
	.mask	= CLOCKSOURCE_MASK(64),
	.flags	= CLOCK_SOURCE_IS_CONTINUOUS,
};

static u64 notrace pvlib_sched_clock_read(void)
{
	return pvlib_time_ns();
}

static unsigned long pvlib_delay_read(void)
{
	return (unsigned long)pvlib_time_ns();
}

static struct delay_timer pvlib_delay_timer = {
	.read_current_timer	= pvlib_delay_read,
	.freq			= NSEC_PER_SEC,
};

static long pvlib_set_timer(u64 deadline)
{
	return pvlib_hypercall3(PVLIB_HC_SET_TIMER, lower_32_bits(deadline),
				upper_32_bits(deadline), 0);
}

static int pvlib_ce_next(unsigned long delta, struct clock_event_device *ce)
{
	return pvlib_set_timer(pvlib_time_ns() + delta) ? -ETIME : 0;
}

/* A deadline of 0: no timer. */
static int pvlib_ce_shutdown(struct clock_event_device *ce)
{
	pvlib_set_timer(0);
	return 0;
}

static struct clock_event_device pvlib_clockevent = {
	.name			= "pvlib",
	.features		= CLOCK_EVT_FEAT_ONESHOT,
	.rating			= 300,
	.set_next_event		= pvlib_ce_next,
	.set_state_shutdown	= pvlib_ce_shutdown,
	.tick_resume		= pvlib_ce_shutdown,
};

static irqreturn_t pvlib_timer_interrupt(int irq, void *dev)
{
	struct clock_event_device *ce = dev;

	if (ce->event_handler)
		ce->event_handler(ce);
	return IRQ_HANDLED;
}

/* time_init (the machine's init_time): after init_IRQ, upcalls still
 * masked. */
void __init pvlib_init_time(void)
{
	int irq;

	clocksource_register_hz(&pvlib_clocksource, NSEC_PER_SEC);
	sched_clock_register(pvlib_sched_clock_read, 64, NSEC_PER_SEC);
	register_current_timer_delay(&pvlib_delay_timer);

	irq = pvlib_bind_virq(PVLIB_VIRQ_TIMER);
	if (irq < 0)
		panic("pvlib: no timer interrupt: %d\n", irq);
	if (request_irq(irq, pvlib_timer_interrupt, IRQF_TIMER | IRQF_NOBALANCING, "pvlib-timer",
			&pvlib_clockevent))
		panic("pvlib: timer interrupt %d refused\n", irq);
	pvlib_clockevent.cpumask = cpumask_of(0);
	pvlib_clockevent.irq = irq;
	/* 1 us to 2 s ahead, in ns. */
	clockevents_config_and_register(&pvlib_clockevent, NSEC_PER_SEC, NSEC_PER_USEC,
					0x7fffffff);
	pr_info("pvlib: clock source, sched_clock and delay timer: hypervisor time (1 ns); clock event: its one-shot timer\n");
}

#define PVLIB_TICK_TEST_MS	500

/* "pvlib_noselftest" on the command line skips them: the benchmark's
 * kernel (guests/linux/bench) measures the boot, not its half-second of
 * tests. */
static bool pvlib_selftest_on __initdata = true;

static int __init pvlib_noselftest(char *arg)
{
	pvlib_selftest_on = false;
	return 1;
}
__setup("pvlib_noselftest", pvlib_noselftest);

/*
 * The kernel's self-tests of the para-virtualized port, run where user
 * space starts (kernel_init_freeable, after the initcalls, before init is
 * looked for): exceptions (pvlib-irq.c), memory management (pvlib-mm.c),
 * and that the timer really ticks: sleep PVLIB_TICK_TEST_MS (timer
 * interrupts wake this thread through the timer wheel) and count jiffies
 * and hypervisor time. Each prints its verdict; the system test checks
 * the lines. Then init runs.
 */
void __init pvlib_selftest_before_init(void)
{
	unsigned long j0, ticks, want = PVLIB_TICK_TEST_MS * HZ / MSEC_PER_SEC;
	u64 t0, ms;

	if (!pvlib_selftest_on) {
		pr_info("pvlib: self-tests skipped (pvlib_noselftest)\n");
		return;
	}
	if (pvlib_exception_selftest())
		pr_info("pvlib: exceptions: undefined instruction, data abort and upcalls as expected\n");
	else
		pr_err("pvlib: exceptions: NOT as expected\n");
	/* The memory-management self-test (arch/arm/mm/pvlib-mm.c): the
	 * kernel's page-table paths through the hypervisor. */
	pvlib_mm_selftest();
	/* The secure channel (drivers/misc/pvsecure-test.c): requests to
	 * the secure domain, /dev/mem's policy, crafted mappings refused. */
	pvsecure_selftest();

	j0 = jiffies;
	t0 = pvlib_time_ns();
	msleep(PVLIB_TICK_TEST_MS);
	ticks = jiffies - j0;
	ms = div_u64(pvlib_time_ns() - t0, NSEC_PER_MSEC);
	pr_info("pvlib: timer: slept %u ms: jiffies advanced %lu, hypervisor time %llu ms\n",
		PVLIB_TICK_TEST_MS, ticks, ms);
	/* msleep sleeps at least its time, a tick or two more to round up
	 * and to wake; the jiffies must follow hypervisor time. */
	if (ticks >= want && ticks <= want + 3 && ms >= PVLIB_TICK_TEST_MS &&
	    ms <= PVLIB_TICK_TEST_MS + 4 * MSEC_PER_SEC / HZ)
		pr_info("pvlib: timer: ticks arrive at HZ %u (%lu in [%lu, %lu])\n", HZ, ticks,
			want, want + 3);
	else
		pr_err("pvlib: timer: ticks do not arrive as they should (%lu, want %lu to %lu)\n",
		       ticks, want, want + 3);
	pvlib_halt_point("init");
}
