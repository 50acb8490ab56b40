/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's Linux configuration (the hv-linux image,
 * docs/linux.md): the demo's secure domain and attacker, unchanged, with a
 * para-virtualized Linux kernel in the rich domain's place.
 *
 *   domain 0  secure    as in config.c: the key, the PIN, the timer23 device
 *   domain 1  linux     Debian's Linux 6.1 (guests/linux), 32 MiB at
 *                       +32 MiB, the Linux layout (refhv_linux.h);
 *                       controlling domain (trust: none)
 *   domain 2  attacker  as in config.c (built with REFHV_LINUX: the ring
 *                       it attacks is linux's): on a crash, stop and tell
 *                       linux
 *
 * Channels as in config.c: linux's ring page granted to secure, and the
 * attacker's control channel to linux. The run ends when Linux powers off:
 * its driver asks the secure domain to quit first (drivers/misc/pvsecure.c),
 * so every domain has stopped and none is left blocked.
 */
#include "config_common.h"

/* Linux's command line (the start info's, guest ABI 7). The system test
 * passes a native option whose handler would write the control register
 * (a trap in user mode): the kernel must report and ignore it (patch
 * 0014). The benchmark image (hv-linux-bench.elf) runs /bench as init
 * instead of the session, and skips the kernel's self-tests. */
#ifndef REFHV_LINUX_CMDLINE
#define REFHV_LINUX_CMDLINE "cachepolicy=writethrough"
#endif

static const struct hv_dom_cfg doms[] = {
	HV_DOM_SECURE,
	{ .name = "linux", .id = 1, .mem_base = REFHV_LINUX_MEM, .mem_size = REFHV_LINUX_SIZE,
	  .kind = HV_KIND_LINUX, .image = HV_IMAGE_LINUX, .sched_weight = 256, .sched_cap = 0,
	  .hypercalls = HC_BASE | HC_ABI8 | HC(REFHV_HC_GRANT) | HC(REFHV_HC_GRANT_REVOKE) |
			HC(REFHV_HC_SWITCH_FG),
	  .on_fault = HV_FAULT_STOP, .controller = true, .trust = HV_TRUST_NONE,
	  .cmdline = REFHV_LINUX_CMDLINE },
	HV_DOM_ATTACKER(HV_FAULT_NOTIFY),
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
