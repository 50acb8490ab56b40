/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's configuration, in one place.
 *
 *   domain 0  secure    owns the key; answers requests on its ring
 *                       (trust: secret; it never grants its memory)
 *   domain 1  rich      the untrusted OS stand-in; controlling domain
 *                       (trust: none)
 *   domain 2  attacker  tries every breach; on a crash: stop, tell rich
 *                       (trust: none)
 *
 * Memory: the hypervisor keeps the first 16 MiB of RAM; each domain gets
 * 1 MiB after it (addresses relative to the board's RAM, board.h).
 * Channels: rich <-> secure (rich's ring page granted to secure), and
 * rich <-> attacker (a control channel: the attacker may talk to rich, never
 * to secure). The builder connects each channel to the controlling domain
 * and writes the other end into start_info.ctrl_port.
 * Scheduler: credit (lib/sched), 1 ms slices. Devices: the board's second
 * SP804 timer block, where board.h names one (BOARD_TIMER23_PA), is the
 * secure domain's (its registers and its interrupt line); the UART, the
 * interrupt controller and the first timer block stay the hypervisor's.
 */
#include "config_common.h"

/* The restart variant of the demo (the demo-restart test) builds this file
 * with REFHV_ATTACKER_RESTART: the attacker is rebuilt from its image after
 * each crash, up to HV_MAX_RESTARTS times, and only then stopped. */
#ifdef REFHV_ATTACKER_RESTART
#define ATTACKER_ON_FAULT HV_FAULT_RESTART
#else
#define ATTACKER_ON_FAULT HV_FAULT_NOTIFY
#endif

static const struct hv_dom_cfg doms[] = {
	HV_DOM_SECURE,
	{ .name = "rich", .id = 1, .mem_base = REFHV_DOM_MEM(1), .mem_size = 1u << 20,
	  .image = HV_IMAGE_RICH, .sched_weight = 256, .sched_cap = 0,
	  .hypercalls = HC_BASE | HC_ABI8 | HC(REFHV_HC_GRANT) | HC(REFHV_HC_GRANT_REVOKE) |
			HC(REFHV_HC_SWITCH_FG),
	  .on_fault = HV_FAULT_STOP, .controller = true, .trust = HV_TRUST_NONE },
	HV_DOM_ATTACKER(ATTACKER_ON_FAULT),
};

const struct hv_config hv_config = {
	HV_CONFIG_BOARD,
	.slice_ns = 1000000u,
	.doms = doms,
	.nr_doms = sizeof doms / sizeof doms[0],
	.chans = chans,
	.nr_chans = sizeof chans / sizeof chans[0],
	.irqs = 0,
	.nr_irqs = 0,
};
