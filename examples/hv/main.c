/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor: pvlib's modules wired together on one port.
 * Boot order: board, configuration check, mmu, hypercalls, event channels
 * and scheduler, domains, then the first guest.
 */
#include "hv.h"

struct hv hv;

int32_t hv_sched_add_all(void);
void hv_bench_switch(void);

static void check(int32_t rc, const char *what)
{
	if (rc != PV_OK) {
		hv_printf("hv: %s failed: %s\n", what, pv_status_name(rc));
		port_exit(1);
	}
}

void hv_main(void)
{
	port_board_init();
	hv_printf("hv: pvlib reference hypervisor on %s\n", BOARD_NAME);
	char msg[160];
	int32_t rc = hv_config_check(&hv_config, msg, sizeof msg);
	if (rc != 0) {
		hv_printf("hv: configuration refused: %s (%s)\n", msg, pv_status_name(rc));
		port_exit(1);
	}
	hv_printf("hv: configuration: %u domains, %u channels, %u device(s), %u other routed "
		  "IRQ(s): accepted\n",
		  hv_config.nr_doms, hv_config.nr_chans, hv_config.nr_devs, hv_config.nr_irqs);
	for (uint32_t i = 0; i < hv_config.nr_devs; i++) {
		const struct hv_dev_cfg *v = &hv_config.devs[i];
		if (v->dma) /* the checker allowed it: its owner is trusted as TCB */
			hv_printf("hv: WARNING: device %s can DMA to all of RAM (no IOMMU): "
				  "domain %s is part of the TCB\n",
				  v->name, hv_config.doms[v->dom].name);
	}
	check(hv_mmu_init(), "mmu init");
	check(hv_hc_setup(), "hypercall table");
	check(hv_sched_setup(), "event channels and scheduler");
	check(hv_build_all(), "domain builder");
	check(hv_sched_add_all(), "scheduler");
#ifdef REFHV_RESTART_STRESS
	hv_restart_stress();
#endif
	hv_bench_switch();
	port_irq_enable(PORT_IRQ_TIMER);
	hv_printf("hv: starting guests\n");
	hv_schedule();
	port_enter_guest();
}

/* In-QEMU benchmark: the address-space switch alone (ARMv5: cache clean
 * and invalidate, TTBR, DACR, TLB invalidate; ARMv7: TTBR, ASID, DACR), and
 * the same switch followed by a whole-TLB flush, which is what a port
 * without ASIDs would have to do. Instructions under -icount, in tenths. */
void hv_bench_switch(void)
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
