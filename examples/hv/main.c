/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor: pvlib's modules wired together on one port.
 * Boot order: board, configuration check, mmu, hypercalls, event channels,
 * scheduler, domains, then the first guest. (The bench image runs its
 * benchmarks just before the first guest: bench.c.)
 */
#include "hv.h"

struct hv hv;

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
	check(hv_evtchn_setup(), "event channels");
	check(hv_sched_setup(), "scheduler");
	check(hv_build_all(), "domain builder");
	check(hv_sched_add_all(), "scheduler");
#ifdef REFHV_RESTART_STRESS
	hv_restart_stress();
#endif
#ifdef REFHV_BENCH
	hv_bench_run();
#endif
	port_irq_enable(PORT_IRQ_TIMER);
	hv_printf("hv: starting guests\n");
	hv_schedule();
	port_enter_guest();
}
